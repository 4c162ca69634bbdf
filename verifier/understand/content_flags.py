"""Flags that follow from what a document says, whatever else was uploaded: an unknown type, a foreign-language
certificate without its translation, a training certificate that states no hours."""

from __future__ import annotations

import re

from models.flags import FlagCode
from models.report import Fields, Flag
from models.vocab import DocType

_CJK = re.compile(r"[\u4e00-\u9fff]")
# Fewer characters than this read from a training certificate leave out its statement (who trained, how long).
_STATEMENT_READ = 30
# An hours or credits unit the text states, not the unquantified 完成规定学时 / 规定的学时.
_STATED_HOURS = re.compile(r"(?<!规定)(?<!规定的)(?:学时|课时|小时|学分)|\bhours\b", re.IGNORECASE)
_LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
# A booklet's cover names only what it is (荣誉证书, 中华人民共和国教师资格证书): its inside page is the evidence.
_COVER = re.compile(r"(?:中华人民共和国)?[\u4e00-\u9fff]{0,10}(?:证书|聘书)")


def content_flags(doc_type: DocType, fields: Fields, full: str) -> list[Flag]:
    """Flags that follow from what the document says, independent of other uploads."""
    flags: list[Flag] = []
    if doc_type == DocType.other:
        cover = _COVER.fullmatch(re.sub(r"[^\u4e00-\u9fff]", "", full))
        detail = f"只识别到「{cover.group(0)}」字样，如为封面请上传写有内容的内页" if cover else None
        flags.append(Flag.make(FlagCode.UNKNOWN_TYPE, detail=detail))
    # Seed 003 六（六）: a foreign-language certificate needs a stamped Chinese translation.
    cjk, latin = len(_CJK.findall(full)), len(_LATIN_WORD.findall(full))
    if latin >= 12 and cjk < latin:
        flags.append(Flag.make(FlagCode.TRANSLATION_REQUIRED, value=round(cjk / max(cjk + latin, 1), 2)))
    # Seed 003 六（六）: a training certificate without hours needs a stamped hours proof. One that names its hours
    # (培训学时：, 完成…学时的学习) whose number was not read does state them: asking for a proof would be wrong.
    # A page whose statement was lost (only its title read under glare) says nothing either way.
    states_hours = fields.hours is not None or fields.credits is not None or bool(_STATED_HOURS.search(full))
    statement_read = cjk >= _STATEMENT_READ
    if doc_type == DocType.continuing_education and statement_read and not states_hours:
        flags.append(Flag.make(FlagCode.HOURS_MISSING))
    return flags
