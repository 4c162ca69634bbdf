"""A contest committee's name as the page prints it: the contest's brand (its Latin word, its quotes and plus
sign) that a sign-off under a seal misreads or loses, and the contest's name standing above a committee's bare word.
"""

from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein

from verifier.text import DocumentText

_LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def latin_as_printed(name: str, text: DocumentText) -> str:
    """A committee's Latin brand misread under its seal (FOBOMASTER组委会, otaCon组委会) as the page prints it
    elsewhere, in its heading or its statement (ROBOMASTER, DataCon): the one word there closest to the reading,
    at most a letter off in a short word, two in a longer one, and read more surely than the reading. A word
    printed again as read stays."""
    if not re.search(r"[\u4e00-\u9fff]", name):
        return name  # a foreign body's English name is spelled right as a whole (english_issuer.spelled)
    surest: dict[str, float] = {}
    seen: dict[str, int] = {}
    for line in text.lines:
        for match in _LATIN_WORD.finditer(line.text):
            word = match.group(0)
            surest[word] = max(surest.get(word, 0.0), line.confidence)
            seen[word] = seen.get(word, 0) + 1
    for read in set(_LATIN_WORD.findall(name)):
        if seen.get(read, 0) > 1:
            continue
        allowed = 1 if len(read) < 6 else 2
        close = sorted(
            (distance, word)
            for word in surest
            if word != read and (distance := Levenshtein.distance(word, read, score_cutoff=allowed)) <= allowed
        )
        if not close or (len(close) > 1 and close[0][0] == close[1][0]):
            continue
        word = close[0][1]
        if surest[word] > surest.get(read, 0.0):
            name = name.replace(read, word)
    return name


# Typography a contest's brand is printed with (“互联网+”, “挑战杯”), which a sign-off under a seal loses.
_BRAND_MARKS = "“”+"
_COMMITTEE_WORD = re.compile(r"(?:组委会|组织委员会|委员会)$")
# So many characters of a contest's name at least, to find it in the statement.
_MIN_CONTEST = 4


def brand_as_stated(name: str, text: DocumentText) -> str:
    """A committee whose contest's brand is quoted (中国国际“互联网+”大学生创新创业大赛组委会) read without its quotes
    or plus sign, or with one of them lost: the contest's name as the statement prints it, its marks paired. Only the
    marks may differ; a name the statement does not print is kept as read."""
    committee = _COMMITTEE_WORD.search(name)
    if not committee:
        return name
    bare = "".join(ch for ch in name[: committee.start()] if ch not in _BRAND_MARKS)
    if len(bare) < _MIN_CONTEST or not re.fullmatch(r"[\u4e00-\u9fffA-Za-z0-9]+", bare):
        return name
    for source in (text.prose, text.flat):
        kept = [(i, ch) for i, ch in enumerate(source) if ch not in _BRAND_MARKS]
        stripped = "".join(ch for _, ch in kept)
        found = stripped.find(bare)
        if found < 0:
            continue
        start, end = kept[found][0], kept[found + len(bare) - 1][0] + 1
        # A mark that opens or closes the name itself (“盘古石杯”全国…大赛) is printed next to it.
        while start > 0 and source[start - 1] == "“":
            start -= 1
        while end < len(source) and source[end] in "+”" and source[start:end].count("“") > source[start:end].count("”"):
            end += 1
        printed = source[start:end]
        if printed.startswith("“") and printed.endswith("”") and not any(m in printed[1:-1] for m in _BRAND_MARKS):
            return name  # the statement quotes the contest's whole name, which the committee's is not
        if "“" in printed and printed.count("“") == printed.count("”") and "\n" not in printed:
            return printed + committee.group(0)
    return name


# A committee's word alone on its line: its contest's name stands above it (class 4).
_BARE_COMMITTEE = re.compile(r"^(?:组织|执行|竞赛)?(?:委员会|组委会)$")
# …or a committee named by the contest's Latin brand alone (全国大学生机器人大赛 | RoboMaster组委会).
_BRAND_COMMITTEE = re.compile(r"^[A-Za-z]{2,20}(?:组织|执行|竞赛)?(?:委员会|组委会)$")
_CONTEST_NAME = re.compile(r"(?:大赛|竞赛|挑战赛|联赛)$")


def contest_over_committee(name: str, fragment: str) -> bool:
    """A committee named by its word alone, or by its contest's Latin brand under that contest's name: the line
    above it (the fragment) may be the contest's name, however far the gap."""
    return bool(_BARE_COMMITTEE.match(name) or (_BRAND_COMMITTEE.match(name) and _CONTEST_NAME.search(fragment)))
