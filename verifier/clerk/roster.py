"""申报人名单: the roster a school keeps in Excel (or CSV), one applicant a row.

Headers are found by their usual Chinese names on any of the first rows, so a title row above the table does no
harm: every fact of the applicant's profile (姓名, 申报职称, 层级, 任现职时间, 学历, 教龄, 编制, 班主任年限, 周课时 …;
models/applicant.py) and, for the batch, 规则集 and 文件夹. A line such as 「规则集：liupanshui-2024」 above the
table names the rule set for every row that names none.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from models.applicant import APPLICANT_CAPTIONS, Applicant, profile_field
from verifier.clerk.profile import parse_since, parse_tier, parse_title
from verifier.errors import UsageError

# Column → the header words that name it, most specific first: the profile's own captions, a few more that
# rosters use, and the batch's own columns.
_HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("申报人姓名", "姓名", "申报人", "教师姓名"),
    "target_title": ("申报职称", "拟申报职称", "申报职务", "申报等级", "申报资格"),
    "tier": ("层级", "申报层级", "所在地", "地区类别"),
    "current_title_since": ("任现职时间", "现职称取得时间", "取得现职称时间", "任职时间", "现职时间"),
    "ruleset": ("规则集", "评审条件", "评审标准"),
    "folder": ("文件夹", "材料文件夹", "目录"),
}
for _field, _captions in APPLICANT_CAPTIONS.items():
    _HEADERS[_field] = (*_HEADERS.get(_field, ()), *(c for c in _captions if c not in _HEADERS.get(_field, ())))
_RULESET_LINE = re.compile(r"^(?:规则集|评审条件)\s*[:：]\s*(\S+)")
_HEADER_ROWS = 10


@dataclass
class RosterEntry:
    row: int  # 1-based row in the sheet, for messages
    profile: Applicant
    ruleset: str | None = None
    folder: str | None = None  # the applicant's folder name when it is not their name

    @property
    def name(self) -> str:
        return self.profile.name or ""

    @property
    def folder_name(self) -> str:
        return self.folder or self.name


def _cell(value: object) -> str:
    return "" if value is None else str(value).strip()


def _header_map(row: list[object]) -> dict[str, int]:
    found: dict[str, int] = {}
    cells = ["".join(_cell(v).split()) for v in row]
    for key, words in _HEADERS.items():
        for word in words:
            index = next((i for i, c in enumerate(cells) if c == word or (c.startswith(word) and len(c) <= 8)), None)
            if index is not None and index not in found.values():
                found[key] = index
                break
    return found


def _rows_of(path: Path) -> list[list[object]]:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
            raise UsageError(f"无法打开申报人名单 {path}：{exc}") from exc
        try:
            sheet = workbook.worksheets[0]
            return [list(row) for row in sheet.iter_rows(values_only=True)]
        finally:
            workbook.close()
    if suffix in (".csv", ".txt"):
        raw = path.read_bytes()
        for encoding in ("utf-8-sig", "gb18030"):  # Excel in China saves CSV as GBK unless told otherwise
            try:
                text = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise UsageError(f"申报人名单 {path} 的编码无法识别，请另存为 UTF-8 或 Excel 文件")
        return [list(row) for row in csv.reader(io.StringIO(text))]
    raise UsageError(f"申报人名单应为 .xlsx 或 .csv 文件：{path}")


def read_roster(path: Path) -> list[RosterEntry]:
    """The applicants of a roster file, in its order; a bad cell is a usage error naming its row."""
    if not path.is_file():
        raise UsageError(f"找不到申报人名单：{path}")
    rows = _rows_of(path)
    default_ruleset: str | None = None
    header_at, columns = -1, {}
    for index, row in enumerate(rows[:_HEADER_ROWS]):
        first = _cell(row[0]) if row else ""
        line = _RULESET_LINE.match(first)
        if line:
            default_ruleset = line.group(1)
            continue
        columns = _header_map(row)
        if "name" in columns:
            header_at = index
            break
    if header_at < 0:
        raise UsageError(f"申报人名单 {path} 中没有找到表头「姓名」")
    entries: list[RosterEntry] = []
    seen: set[str] = set()
    for offset, row in enumerate(rows[header_at + 1 :], start=header_at + 2):

        def get(key: str, row: list[object] = row) -> object:
            index = columns.get(key)
            return row[index] if index is not None and index < len(row) else None

        name = "".join(_cell(get("name")).split())
        if not name:
            continue
        if name in seen:
            raise UsageError(f"申报人名单第 {offset} 行：「{name}」重复出现")
        seen.add(name)
        try:
            facts = {key: get(key) for key in columns if profile_field(key) is not None}
            facts.update(
                name=name,
                target_title=parse_title(_cell(get("target_title"))),
                tier=parse_tier(_cell(get("tier"))),
                current_title_since=parse_since(get("current_title_since")),
            )
            profile = Applicant.model_validate({k: v for k, v in facts.items() if v is not None})
        except UsageError as exc:
            raise UsageError(f"申报人名单第 {offset} 行（{name}）：{exc}") from exc
        except ValidationError as exc:
            error = exc.errors()[0]
            where = ".".join(str(p) for p in error.get("loc", ()))
            raise UsageError(f"申报人名单第 {offset} 行（{name}）：{where} 的值「{error.get('input')}」无效") from exc
        entries.append(
            RosterEntry(
                row=offset, profile=profile, ruleset=_cell(get("ruleset")) or default_ruleset,
                folder=_cell(get("folder")) or None,
            )
        )
    if not entries:
        raise UsageError(f"申报人名单 {path} 中没有申报人")
    return entries
