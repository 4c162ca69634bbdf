"""Every person a certificate names as its recipients (class 2 of the real-certificate failures): a team's members,
several winners of one prize, the teachers who coached together. The applicant counts when among them."""

from __future__ import annotations

import re

from models.vocab import DocType
from verifier.text import DocumentText
from verifier.understand.awards import split_member_list
from verifier.understand.holder import instructors, listed_names
from verifier.understand.names import COMPOUND_SURNAMES, is_person_name, surname_rank

# Captions before the names a certificate is for; the coaching teacher's apart (指导教师, 辅导老师).
_COACH_CAPTION = re.compile(r"(?:指导|辅导)(?:教师|老师)\s*[:：]?")
_WINNER_CAPTION = re.compile(
    # 队员 may be printed spaced out over two boxes (队 | 员：…).
    r"(?:获奖(?:者|人|学生|教师|选手|人员|个人)|参赛(?:队员|选手|队?学生|教师|者)|团队成员|队\s*员|作者|学生|选手)"
    r"(?:姓名)?\s*(?:[(（][^)）]{0,10}[)）])?(?:\s*[:：]|\s+(?=[\u4e00-\u9fff]))"
)
# What may follow a caption: names parted by spaces, 、 or commas.
_LISTING = re.compile(r"[\u4e00-\u9fff·、，,\s]{2,80}")
_SUFFIX = re.compile(r"(?:同学|同志|老师|先生|女士)$")
_ADDRESS_END = re.compile(r"\s*(?:同学|同志|老师|先生|女士)?\s*[:：]?\s*$")
# The certificate types whose recipients are listed; the others name one holder or a list read elsewhere.
_LISTING_TYPES = (DocType.award_certificate, DocType.instructor_award)
# Lines this much larger than body text are titles.
_TITLE_SIZE = 1.3
# A certificate names several people when at least two are read.
_SEVERAL = 2


def find_members(
    doc_type: DocType, text: DocumentText, holder: str | None = None, winners_only: bool = False
) -> list[str]:
    """The recipients, holder first where read, when the certificate names several; [] otherwise. An award's
    recipients are its winners and the teachers who coached them (`winners_only`: the winners alone, who may hold
    it), an instructor_award's the teachers."""
    if doc_type not in _LISTING_TYPES:
        return []
    rows = text.row_words()
    if doc_type == DocType.instructor_award:
        found = _after_captions(_COACH_CAPTION, rows) or instructors(text)
    else:
        # The winners, then the teachers who coached them: a coach who applies finds the certificate his.
        coaches = _after_captions(_COACH_CAPTION, rows) or instructors(text)
        found = [name for name in _winners(text, rows) if name not in coaches] + ([] if winners_only else coaches)
    holder = holder_among(holder, found)
    if holder:
        found = [holder, *(name for name in found if name != holder)]
    return found if len(found) >= _SEVERAL or winners_only else []


def holder_among(holder: str | None, members: list[str]) -> str | None:
    """The holder as one of the members: a caption's names closed up by the recogniser (王芳 李丽 read as 王芳李)
    were taken for one name; the member the reading starts with is the holder. Names listed with no sentence
    about one of them (王芳、李丽、张伟 above 荣获一等奖) hold the certificate together, the first named first."""
    if not members or holder in members:
        return holder
    if not holder:
        return members[0]
    joined = "".join(members)
    if joined.startswith(holder):
        return members[0]
    return holder


# A winners' caption on a line of its own, its names listed in a column under it (参赛学生 | 王芳 江苏大学 | 李丽 …).
_CAPTION_ALONE = re.compile(
    r"^(?:获奖(?:者|人|学生|选手|人员)|参赛(?:队员|选手|队?学生)|团队成员|队员|学生|选手)(?:姓名)?\s*[:：]?$"
)
# How far a column's lines may stand from their caption's left edge (of the page's width), and how far apart
# its lines may be (in caption heights).
_COLUMN_EDGE = 0.02
_COLUMN_GAP = 1.5


def _column_under_caption(text: DocumentText) -> list[str]:
    """The names listed under a caption alone on its line, one a line and left-aligned with it, each maybe with
    its unit after a space; the column ends at the first line that starts with no name (指导老师)."""
    names: list[str] = []
    for caption in text.lines:
        if not _CAPTION_ALONE.match(caption.text):
            continue
        height = caption.bottom - caption.top
        column = sorted(
            (
                line
                for line in text.lines
                if line.page == caption.page
                and line.top > caption.top + height / 2
                and abs(line.left - caption.left) <= _COLUMN_EDGE
            ),
            key=lambda line: line.top,
        )
        bottom = caption.bottom
        for line in column:
            words = (line.words or line.text).split()
            if line.top - bottom > _COLUMN_GAP * height or not words or not is_person_name(words[0]):
                break
            names += [words[0]] if words[0] not in names else []
            bottom = line.bottom
    return names


def _winners(text: DocumentText, rows: list[str]) -> list[str]:
    found = _after_captions(_WINNER_CAPTION, rows)
    found += [name for name in _column_under_caption(text) if name not in found]
    for row, lines in zip(rows, text.rows(), strict=True):
        for names in listed_names(row):
            found += [name for name in names if name not in found]
        if max(line.height for line in lines) >= _TITLE_SIZE:
            continue  # a title's words (智能汽车竞赛) may part into name-like pieces
        # A row of names alone (王芳 李丽 张伟 above the statement), as a team certificate prints them, maybe
        # addressed with the suffix after the last name (王芳 李丽 张伟 同学：).
        pieces = [
            part
            for piece in split_member_list(_ADDRESS_END.sub("", row))
            for part in ([piece] if is_person_name(piece) else joined_names(piece) or [""])
        ]
        if len(pieces) >= _SEVERAL and all(is_person_name(piece) for piece in pieces):
            found += [name for name in pieces if name not in found]
    return found


def _after_captions(caption: re.Pattern[str], rows: list[str]) -> list[str]:
    names: list[str] = []
    for row in rows:
        for match in caption.finditer(row):
            listing = _LISTING.match(row, match.end())
            if not listing:
                continue
            for piece in split_member_list(listing.group(0)):
                piece = _SUFFIX.sub("", piece)
                parts = [piece] if is_person_name(piece) else joined_names(piece)
                if not parts:
                    break  # the names end where the sentence goes on (王芳 李丽 荣获…)
                names += [name for name in parts if name not in names]
    return names


def joined_names(run: str) -> list[str]:
    """Names the recogniser closed up (孙一鸣陈思远 for 孙一鸣 陈思远): the one way to part the run into names of two
    or three characters that has the most three-character ones (most names are that long); between ways alike in
    that, the one whose rarest surname is the most common (周明阳周强: 周明阳 周强, not 周明 阳周强: a common surname
    starts a name more often than a rare one does); [] when the run parts into no names, or into two ways alike."""
    ways = _partings(run)
    if not ways:
        return []
    best = max(sum(len(name) >= 3 for name in way) for way in ways)
    top = [way for way in ways if sum(len(name) >= 3 for name in way) == best]
    if len(top) > 1:
        rarest = [max(surname_rank(name) for name in way) for way in top]
        top = [way for way, rank in zip(top, rarest, strict=True) if rank == min(rarest)]
    return top[0] if len(top) == 1 else []


_LONGEST_JOINED = 18


def _partings(run: str) -> list[list[str]]:
    if len(run) > _LONGEST_JOINED:
        return []
    if not run:
        return [[]]
    found = []
    # A compound surname's name may be four characters long (欧阳明远).
    for size in (2, 3, 4) if run[:2] in COMPOUND_SURNAMES else (2, 3):
        head = run[:size]
        if len(head) == size and is_person_name(head):
            found += [[head, *rest] for rest in _partings(run[size:])]
    return found
