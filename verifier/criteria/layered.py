"""层层赛 (004 附则): awards of the same project at several levels — only the highest counts.

Two awards are the same project when they share the award category, the holder, and a project signal. A strong
signal — the lesson/work title in 《》, or the same student (指导同一学生…不同级别比赛, 第十二条（二）4（4)) in the
same contest — holds across years, since rounds of one contest often straddle a year end. A weak signal — the
competition name without its year and region, else the subject — holds within one year only, since an annual
contest of the same name is a new project each year. Without any signal they are kept apart: counting an award
twice is for a reviewer to catch, but wrongly discarding a real award would change the verdict.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz

from models.evidence import Evidence
from models.vocab import GRADE_ZH, LEVEL_ZH, AwardCategory, DocType
from verifier.criteria.matching import normalised_text, parse_issue_date, same_person

_AWARD_TYPES = (DocType.award_certificate, DocType.instructor_award)
_TITLE = re.compile(r"《([^《》]{2,40})》")
# The student an instructor award names, read on the text with its spaces (a name ends at a space or a mark).
_STUDENT = re.compile(r"学生(?:姓名)?\s*[:：]\s*([\u4e00-\u9fff·]{2,5})(?![\u4e00-\u9fff])")
# …or run into the sentence: 指导学生李小明参加… (a name of 2–3 characters before the verb)
_STUDENT_IN_TEXT = re.compile(r"指导(?:学生)?([\u4e00-\u9fff]{2,3}?)(?:同学)?(?:参加|在|于|荣获|获得|获)")
_CONTEST = re.compile(r"([^,，。;；:：]{2,40}?(?:比赛|竞赛|大赛|评比|赛课|评选|展评|活动))")
_YEAR = re.compile(r"\d{4}(?:-\d{4})?(?:年度|学年度|学年|年)?|[上下]半年")
_REGION_PREFIX = re.compile(r"^.*?(?:省|自治区|兵团|市|州|盟|地区|县|区|旗|特区|乡|镇)(?=[^省市州县区乡镇]{2,}$)")
# Fuzzy similarity (0–100) above which two titles or contest names name the same project; titles on
# genuinely different lessons of one subject share little beyond the subject word, well under this.
SAME_PROJECT_SIMILARITY = 80.0


@dataclass(frozen=True)
class LowerAward:
    file: str
    kept: str  # the higher-level award of the same project that counts instead
    detail: str


def _project_titles(text: str) -> list[str]:
    return _TITLE.findall(text)


def _contest_core(text: str) -> str | None:
    """The competition name without year and issuing region: 2023年钟山区初中数学优质课竞赛 → 初中数学优质课竞赛."""
    match = _CONTEST.search(_TITLE.sub("", text))
    if not match:
        return None
    name = _YEAR.sub("", match.group(1))
    name = re.sub(r"^(?:在|参加|于|荣获|获得)", "", name)
    core = _REGION_PREFIX.sub("", name)
    return core or None


def _similar(a: str, b: str) -> bool:
    return fuzz.ratio(a, b) >= SAME_PROJECT_SIMILARITY


def students(evidence: Evidence) -> set[str]:
    text = unicodedata.normalize("NFKC", evidence.text)
    return set(_STUDENT.findall(text)) or set(_STUDENT_IN_TEXT.findall(re.sub(r"\s+", "", text)))


def _same_year(a: Evidence, b: Evidence) -> bool:
    da, db = parse_issue_date(a.fields.issue_date), parse_issue_date(b.fields.issue_date)
    return da is not None and db is not None and da.earliest.year == db.earliest.year


def same_project(a: Evidence, b: Evidence) -> bool:
    fa, fb = a.fields, b.fields
    if fa.award_category is None or fa.award_category != fb.award_category:
        return False
    if fa.level is None or fb.level is None or fa.level == fb.level:
        return False
    if same_person(fa.holder, fb.holder) is False:
        return False
    ta, tb = normalised_text(a), normalised_text(b)
    titles_a, titles_b = _project_titles(ta), _project_titles(tb)
    if titles_a and titles_b:
        return any(_similar(x, y) for x in titles_a for y in titles_b)
    core_a, core_b = _contest_core(ta), _contest_core(tb)
    students_a, students_b = students(a), students(b)
    if students_a and students_b:  # the same student's contest, at any level and in any year
        return bool(students_a & students_b) and (not (core_a and core_b) or _similar(core_a, core_b))
    if not _same_year(a, b):
        return False
    if core_a and core_b:
        return _similar(core_a, core_b)
    if fa.subject and fb.subject:
        return _similar(fa.subject, fb.subject)
    return False


def _strength(e: Evidence) -> tuple[int, int]:
    level = e.fields.level.rank if e.fields.level else 0
    grade = e.fields.grade.rank if e.fields.grade else 0
    return level, grade


def _describe(e: Evidence) -> str:
    level = LEVEL_ZH[e.fields.level] if e.fields.level else ""
    grade = GRADE_ZH[e.fields.grade] if e.fields.grade else ""
    return f"{level}{grade}"


def find_lower_level_awards(evidence: list[Evidence], categories: list[AwardCategory]) -> list[LowerAward]:
    """The awards that a higher-level award of the same 层层赛 project overrides."""
    awards = [e for e in evidence if e.doc_type in _AWARD_TYPES and e.fields.award_category in categories]
    parent = list(range(len(awards)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(awards)):
        for j in range(i + 1, len(awards)):
            if same_project(awards[i], awards[j]):
                parent[root(j)] = root(i)
    clusters: dict[int, list[Evidence]] = {}
    for i, award in enumerate(awards):
        clusters.setdefault(root(i), []).append(award)
    lower: list[LowerAward] = []
    for members in clusters.values():
        if len(members) < 2:
            continue
        kept = max(members, key=_strength)  # max() keeps the first of equals: stable for the caller's order
        for member in members:
            if member is kept:
                continue
            detail = f"与 {kept.file}（{_describe(kept)}）为同一项目，只计最高级别；本证书（{_describe(member)}）不计入"
            lower.append(LowerAward(file=member.file, kept=kept.file, detail=detail))
    return lower
