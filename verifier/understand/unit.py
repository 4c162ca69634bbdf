"""The holder's own unit and school: the employer a form's table names, the university a degree states, and the
document's text without the employer cells (where the person works is not who issued the document).
"""

from __future__ import annotations

import itertools
import re

from verifier.issuers.body_name import (
    body_name,
)
from verifier.issuers.repair import repair_body_name
from verifier.text import DocumentText

_UNIT_CAPTION = re.compile(r"^(?:工作单位|单位名称|所在单位)\s*[:：]?\s*(?P<rest>.*)$")


def read_unit(text: DocumentText) -> str | None:
    """The employing unit a form names in its table (工作单位 | 广德县第一小学): the body that signs and seals the
    form, for when the seal has made the signature itself unreadable."""
    for row in text.rows():
        for index, line in enumerate(row):
            caption = _UNIT_CAPTION.match(line.text.strip())
            if not caption:
                continue
            value = caption.group("rest") or (row[index + 1].text if index + 1 < len(row) else "")
            name = body_name(value)
            if name:
                return repair_body_name(name, text.prose)
    return None


# A degree certificate names the university where the degree was earned, which is the one that awards it:
# 在贵州师范大学物理学专业完成了本科学习计划. (A diploma says 在本校, which names nobody.)
_STUDIED_AT = re.compile(
    r"在(?P<school>[\u4e00-\u9fff]{2,20}?(?:大学|学院|专科学校|学校))(?=[\u4e00-\u9fff]{0,20}专业)"
)


def read_awarding_school(text: DocumentText) -> str | None:
    """The university a degree certificate's statement names, for when its sign-off was not read."""
    found = {match.group("school") for match in _STUDIED_AT.finditer(text.flat)}
    return found.pop() if len(found) == 1 else None


# Captions of the holder's employer (工作单位 | 哈密市民族中学): what follows them is no issuer.
_EMPLOYER_WORDS = "工作单位|任职单位|所在单位|工作学校|任教学校|所在学校"


_EMPLOYER_CAPTION = re.compile(rf"(?:{_EMPLOYER_WORDS}|^\s*单位)\s*[:：]?\s*$")


# The same caption with its value on the line (单位：水城区第三小学).
_EMPLOYER_INLINE = re.compile(rf"^\s*(?:{_EMPLOYER_WORDS}|单位)\s*[:：]\s*\S")


def employer_cells(text: DocumentText) -> set[int]:
    cells = {id(line) for line in text.lines if _EMPLOYER_INLINE.match(line.text)}
    for row in text.rows():
        for caption, value in itertools.pairwise(row):
            if _EMPLOYER_CAPTION.search(caption.text):
                cells.add(id(value))
    return cells


def text_without_employer(text: DocumentText) -> str:
    """The document's text without the cells that name the holder's own unit (工作单位 | 敖汉旗民族中学), which say
    where the person works, not who issued the document."""
    employers = employer_cells(text)
    return "\n".join(line.text for line in text.lines if id(line) not in employers)
