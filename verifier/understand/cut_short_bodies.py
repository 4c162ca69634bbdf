"""Body names a seal, a crop or the page's edge cut short, completed from the place they name: a body word that
lost its end (河南省教育| → 河南省教育厅) and a human-resources bureau of which only a piece or the end was read
(审批机关：…和社会, …保障局), placed by the review committee the certificate names.
"""

from __future__ import annotations

import re

from models.vocab import Level
from verifier.issuers.gazetteer import load_gazetteer
from verifier.text import DocumentText

# Characters a place's name ends with (省, 市, 县 …).
PLACE_ENDS = "省市县区州旗盟"


# So many characters of a human-resources bureau's body word in a row (和社会, 社会保) name it under an approver's
# caption; fewer could be any word.
_MIN_HR_FRAGMENT = 3


# The review committee's line, whole or cut short (…中级职务评 | 委员), names the place whose bureau approves.
_COMMITTEE_WORDS = re.compile(r"评审|评委|职务评|职称评")


def hr_bureau_from_fragment(value: str, text: DocumentText) -> str | None:
    """An approver's caption whose value kept only a piece of a human-resources bureau's body word (审批机关：
    散分3和社会 for 敖汉旗人力资源和社会保障局), its place lost: the bureau of the place the certificate's review
    committee names. None when the value shows no such piece or no committee line names a place."""
    clean = re.sub(r"[^\u4e00-\u9fff]", "", value)
    stem = HR_STEMS[0]
    pieces = (stem[i : i + _MIN_HR_FRAGMENT] for i in range(len(stem) - _MIN_HR_FRAGMENT + 1))
    if not any(piece in clean for piece in pieces):
        return None
    for line in text.lines:
        if not _COMMITTEE_WORDS.search(line.text):
            continue
        place = _leading_place(re.sub(r"[^\u4e00-\u9fff]", "", line.text))
        bureau = completed_body_word(place + stem) if place and place[-1] in PLACE_ENDS else None
        if bureau and bureau != place + stem:
            return bureau
    return None


def _leading_place(name: str) -> str:
    """The places a name starts with, as far as they run (临汾市汾西县 with its prefecture); empty when it starts
    with none."""
    reach = 0
    for start, alias in load_gazetteer().find(name):
        if start != reach:
            break
        reach += len(alias.text)
    return name[:reach]


# Body words a cut-off name still shows the start of, completed as the place's level requires:
# 厦门市人力资源和社会保障| → …局 (a city), 河南省教育| → …厅 (a province).
# A human-resources bureau's body word, with and without its 和 (both are in use).
HR_STEMS = ("人力资源和社会保障", "人力资源社会保障")


_TRUNCATED_STEMS = (*HR_STEMS, "教育")


_STEM_ENDING = {Level.national: "部", Level.provincial: "厅", Level.municipal: "局", Level.county: "局"}


def completed_body_word(name: str) -> str:
    """The name with its cut-off body word made whole as its place's level requires; as read when it ends with no
    such word or starts with no place."""
    from verifier.issuers import read_body

    clean = re.sub(r"[^\u4e00-\u9fff]", "", name)
    found = _truncated_stem(clean)
    if found is None:
        return name
    stem, read = found
    place = clean[:-read]
    hits = load_gazetteer().find(clean)
    if not hits or hits[0][0] != 0:
        return name  # no place to tell which body it is
    level = read_body(place).level
    ending = _STEM_ENDING.get(level) if level else None
    if level == Level.provincial and (place.endswith("市") or "兵团" in place):
        ending = "局"  # a municipality's or the 兵团's bureaus are 局, a province's 厅
    return place + stem + ending if ending else name


# A long body word may lose its last characters too (…人力资源和社会保 under the seal); this many must remain.
_MIN_STEM_READ = 5


def _truncated_stem(clean: str) -> tuple[str, int] | None:
    """The body word the name ends with, whole or cut short, and how many of its characters were read."""
    for stem in _TRUNCATED_STEMS:
        shortest = len(stem) if len(stem) < _MIN_STEM_READ else _MIN_STEM_READ
        for read in range(len(stem), shortest - 1, -1):
            if clean.endswith(stem[:read]) and len(clean) > read + 1:
                return stem, read
    return None


# The end of a human-resources bureau's name, all that a crop, a seal or glare left of a title certificate's
# 审批机关 line (和社会保障局, 保障局): the bureau of the place whose review committee the certificate names.
_MIN_APPROVER_TAIL = 3


def approver_from_fragment(issuer: str, text: DocumentText) -> str | None:
    """A title certificate's approving bureau whose sign-off line kept only the end of its name: the place the
    issuer read (its review committee, whole or cut short) names, completed with that bureau word. None when
    no line is such an end, or the issuer names no place."""
    if any(issuer.endswith(word + end) for word in HR_STEMS for end in "局厅"):
        return None
    place = _leading_place(issuer)
    if not place or place[-1] not in PLACE_ENDS:
        return None
    for line in text.lines:
        clean = re.sub(r"[^\u4e00-\u9fff]", "", line.text)
        for word in HR_STEMS:
            for end in "局厅":
                whole = word + end
                if _MIN_APPROVER_TAIL <= len(clean) < len(whole) and whole.endswith(clean):
                    return place + HR_STEMS[0] + end
    return None
