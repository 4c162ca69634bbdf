"""The signature block: who issued a document and when.

Chinese certificates sign off with the issuing body (seal pressed over it) and the date, below or beside the
body text, usually at the bottom right of the last page. Forms and booklets may instead caption them
(发证机关：…, 发证日期：…). A seal over the issuer makes OCR read fragments of the seal's ring text too, so
candidates are judged by where they sit and how sure the reading is, not only by what they say.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from verifier.issuers import places_named
from verifier.issuers.bodies import BODY_SUFFIXES
from verifier.issuers.body_name import (
    SEAL_REMARK,
    SENTENCE,
    body_name,
    names_its_place,
)
from verifier.issuers.gazetteer import AliasKind, load_gazetteer
from verifier.issuers.known import national_bodies
from verifier.issuers.repair import repair_body_name
from verifier.issuers.segments import split_joined_bodies
from verifier.normalize import date_numerals, date_spans, find_dates
from verifier.text import DocumentText, Line
from verifier.understand.contest_committee import brand_as_stated, contest_over_committee, latin_as_printed
from verifier.understand.cut_short_bodies import PLACE_ENDS, completed_body_word, hr_bureau_from_fragment
from verifier.understand.dates import HISTORY_CELL, dates_in, document_year, english_dates
from verifier.understand.english_issuer import english_body
from verifier.understand.parties import hosts_in_a_contest, other_party_lines
from verifier.understand.unit import employer_cells

_BODY_END = "|".join(BODY_SUFFIXES)


_BODY_WORD_AT_END = re.compile(rf"(?:{_BODY_END})$")


_PLACE_ONLY = re.compile(r"^[\u4e00-\u9fff]{2,16}(?:省|市|县|区|州|旗|盟|镇|乡|自治区|自治州|自治县)$")


_SEAL_WORDS = re.compile(r"(专用章|公章|印章|^章$)")


# Captions that name the issuer or the date outright.
_ISSUER_CAPTION = re.compile(
    r"(?:发证机关|发证机构|发证单位|发证部门|颁发单位|颁证单位|颁发机构|颁发机关|认定机构|认定机关|注册机构|注册机关|注册单位|授予单位|"
    r"主办单位|评审机构|审批机关|批准机关|签发机关|"
    r"盖章单位|单位名称|落款单位)\s*[:：]?\s*(?P<rest>.*)"
)


_DATE_CAPTION = re.compile(
    r"(?P<kind>发证|颁发|颁证|签发|批准|审批|认定|注册|填表|落款|公示|获奖|表彰|授予|评审|通过|立项|结题|鉴定)?"
    r"(?:日期|时间)\s*[:：]?"
)


# A certificate number on the date's row (证书编号：LPS2023-0417 二〇二三年十一月): its dash joins no period.
_NUMBER_TOKEN = re.compile(
    r"(?:证书编号|证书号码|证书号|证号|编号|No\.?)\s*[:：]?\s*[A-Za-z0-9\-]+|[A-Za-z]+\d[A-Za-z0-9\-]*"
)


# Dates of a period (1991.09—1995.07, 2010.09至今) say when something lasted, not when a document was issued.
_PERIOD = re.compile(r"\d\s*[—~\-–]{1,2}\s*\d|至今|\d\s*[年月日.]?\s*至\s*\d")


# Dates captioned as something other than the issue: birth, start of work, a period.
_OTHER_DATE_CAPTION = re.compile(
    r"(出生|生日|参加工作|入职|入学|起止|有效期|任职|聘任|聘期|培训|公示时间|考核年度|毕业时间|工作时间|年月)"
)


_ENGLISH_MONTH = re.compile(r"[A-Za-z]+\.?")


# How far above its date an issuer may sit, as a share of the page height.
_ISSUER_ABOVE_DATE = 0.2


@dataclass(frozen=True)
class Signature:
    issuers: list[str]  # bodies in printed order, the lead body first
    issue_date: str | None
    cues: list[str]
    # How sure the recogniser was of the line the date was read from, and that line's text (None when no one
    # line gave it).
    date_confidence: float | None = None
    date_source: str | None = None

    @property
    def date_length(self) -> int | None:
        """How many characters the date took on its line: a reading that kept all of them (一月三十日) is longer
        than one that lost one (一月十日)."""
        span = self._date_span()
        return span[1] - span[0] if span else None

    @property
    def day_unread(self) -> bool:
        """A date read to the month whose line goes on in numerals (2018年3月12811): a day is printed there,
        misread past parsing."""
        span = self._date_span()
        if not span or not self.issue_date or len(self.issue_date) != len("2020-01"):
            return False
        return bool(_NUMERAL_NEXT.match(date_numerals(self.date_source or "")[span[1] :]))

    def _date_span(self) -> tuple[int, int] | None:
        spans = [(start, end) for start, end, iso in date_spans(self.date_source or "") if iso == self.issue_date]
        return spans[0] if spans else None


_NUMERAL_NEXT = re.compile(r"\s*[\d〇零一二三四五六七八九十廿卅]")


def read_signature(text: DocumentText) -> Signature:
    cues: list[str] = []
    date_line, issue_date = _issue_date(text, cues)
    numbered = document_year(text.full)
    if issue_date and numbered and int(issue_date[:4]) != numbered and _one_digit_apart(issue_date[:4], numbered):
        # 青海府发〔2021〕111号 signed 二〇二二年…: a decision is dated in the year of its number; the seal over
        # the sign-off is what misread a digit.
        issue_date = f"{numbered}{issue_date[4:]}"
        cues.append("文号年份")
    issuers = _captioned_issuers(text)
    if issuers:
        cues.append("发证机关栏")
    else:
        # A contest's 主办单位 caption lists its organisers, not who signs: its committee does, and where the
        # committee's name was not read the issuer stays empty rather than the first organiser.
        issuers = _signing_bodies(text, date_line) or _letterhead(text) or english_body(text)
    # Bodies signed side by side that OCR returned as one run are repaired one by one and kept together, a space
    # apart, as printed: both issued the document, and a rule may ask for either (省人民政府).
    repaired = [
        " ".join(_as_printed_elsewhere(repair_body_name(body, text.prose), text) for body in split_joined_bodies(name))
        for name in (brand_as_stated(latin_as_printed(name, text), text) for name in issuers)
    ]
    if date_line is None or issue_date is None:
        return Signature(repaired, issue_date, cues)
    return Signature(repaired, issue_date, cues, date_line.confidence, date_line.text)


def _as_printed_elsewhere(name: str, text: DocumentText) -> str:
    """The same body name printed again on the page, where it names its place: a sign-off under a seal
    misreads what the body text or a table cell prints cleanly (卢氏族民族中学 | 工作单位 卢氏县民族中学,
    同南教育学院 | 在河南教育学院…).

    Taken when it is no shorter, differs by at most two characters (a sixth of the name), ends like a body,
    and the gazetteer places more of it than the sign-off's reading, or places it where the reading starts
    with no place at all. OCR confidence does not decide: a line with one character misread still reads with
    confidence."""
    placed = _placing(name)
    allowed = min(2, len(name) // 6 + 1)
    best = None
    for line in text.lines:
        compact = line.text.replace(" ", "")
        if name in compact:
            continue
        # As long or longer: a shorter one is the end of a longer name (安市教育局 in 广安市教育局).
        for size in range(len(name), len(name) + 2):
            for start in range(0, len(compact) - size + 1):
                candidate = compact[start : start + size]
                if candidate[-1] != name[-1] or Levenshtein.distance(candidate, name, score_cutoff=allowed) > allowed:
                    continue
                if body_name(candidate) != candidate:
                    continue
                places = _placing(candidate)
                if places > placed:
                    best, placed = candidate, places
    return best or name


def _placing(name: str) -> tuple[int, bool]:
    """How well a name places its body: the places it settles, then whether it starts with a known place at all
    (河南教育学院 starts with 河南, a province and a county alike; 同南教育学院 with nothing)."""
    return len(places_named(name)), names_its_place(name)


def _one_digit_apart(read: str, year: int) -> bool:
    return sum(a != b for a, b in zip(read, str(year), strict=True)) == 1


# --- date -------------------------------------------------------------------------------------------------------
def _issue_date(text: DocumentText, cues: list[str]) -> tuple[Line | None, str | None]:
    captioned = _captioned_date(text)
    if captioned:
        cues.append("日期栏")
        return captioned
    context = text.full
    standalone: list[tuple[Line, str]] = []
    mentioned: list[tuple[Line, str]] = []
    for row in text.rows():
        joined = _join_row(row)
        if _OTHER_DATE_CAPTION.search(joined):
            continue  # 出生年月 1978.08, 聘任时间 2013.09: dates of something else
        # A date OCR split into boxes (二〇一六年十 | 月二十一日) reads whole from the row; a row that also holds
        # the issuer or a caption falls back to its single boxes.
        iso = _standalone_date(joined, context) if len(row) > 1 else None
        if iso:
            standalone.append((row[-1], iso))
        else:
            standalone += [(line, iso) for line in row if (iso := _standalone_date(line.text, context))]
        dates = dates_in(HISTORY_CELL.sub(" ", joined), context)
        if dates and not _PERIOD.search(_NUMBER_TOKEN.sub(" ", joined)):
            mentioned.append((row[-1], dates[-1][1]))
    if standalone:
        # The sign-off date is the last one printed: the lowest on the last page that has one.
        cues.append("落款日期")
        return max(standalone, key=lambda item: (item[0].page, item[0].middle))
    if not mentioned:
        signed = _sign_off_in_dots(text)
        if signed:
            cues.append("落款日期")
        return signed or (None, None)
    latest = max(mentioned, key=lambda item: (item[0].page, item[0].middle))
    if _garbled_sign_off_below(text, latest[0], context):
        return None, None  # the body's date is of something else (于2020年4月30日参加…培训): empty, not wrong
    return latest


# A sign-off date the recogniser garbled past reading (2020411月20日 for 2020年11月20日, 二O二三牛十月八日): a
# line of numerals ending 月…日 from which no date could be read. A date in the body above it dates the training
# or the contest, not the certificate.
_NUMERALS = r"\d〇○零一二三四五六七八九十"
_GARBLED_SIGN_OFF = re.compile(rf"[{_NUMERALS}OoIl|]{{2,}}\S{{0,3}}月[{_NUMERALS}]{{1,3}}[日号]")


def _garbled_sign_off_below(text: DocumentText, dated: Line, context: str) -> bool:
    for line in text.lines:
        if (line.page, line.middle) <= (dated.page, dated.middle):
            continue
        compact = line.text.replace(" ", "")
        if _GARBLED_SIGN_OFF.fullmatch(compact) and not dates_in(compact, context):
            return True
    return False


# A sign-off written 2022.12 sits in the lower half of its page, right of the middle.
_SIGN_OFF_TOP, _SIGN_OFF_CENTRE = 0.5, 0.5


# Captions of a form's history cells, whose values read like such a sign-off (出生年月 | 1986.10).
_HISTORY_CAPTION = re.compile(r"出生年月|出生日期|参加工作时间|入职时间|任职时间|聘任时间|毕业时间|工作时间")


def _sign_off_in_dots(text: DocumentText) -> tuple[Line, str] | None:
    """A certificate dated only 2022.12, alone on its line where a sign-off goes: only on a document with no
    other date and no form caption whose cell it could be."""
    alone = [line for line in text.lines if HISTORY_CELL.fullmatch(line.text.strip())]
    if len(alone) != 1 or _HISTORY_CAPTION.search(text.flat):
        return None
    line = alone[0]
    if line.middle < _SIGN_OFF_TOP or line.centre < _SIGN_OFF_CENTRE:
        return None
    dates = dates_in(line.text)
    return (line, dates[0][1]) if dates else None


def _join_row(row: list[Line]) -> str:
    # Without spaces: OCR splits one date into boxes (二〇二 | 一年一月二十七日).
    return "".join(line.text for line in row)


def _captioned_date(text: DocumentText) -> tuple[Line, str] | None:
    found: list[tuple[Line, str]] = []
    for row in text.rows():
        joined = _join_row(row)
        for caption in _DATE_CAPTION.finditer(joined):
            if _OTHER_DATE_CAPTION.search(joined[max(0, caption.start() - 6) : caption.end()]):
                continue
            before = joined[caption.start() - 1 : caption.start()] if caption.start() else ""
            if not caption.group("kind") and re.match(r"[\u4e00-\u9fff]", before):
                continue  # 作时间: the end of another caption (参加工作时间) cut by the photo's edge
            following = joined[caption.end() : caption.end() + 24]
            dates = dates_in(following, text.full)
            if dates and not re.search(r"至|—|~", following[: dates[0][0] + 14]):
                line = next((ln for ln in row if dates_in(ln.text)), row[-1])
                found.append((line, dates[0][1]))
    if not found:
        return None
    return max(found, key=lambda item: (item[0].page, item[0].middle))


def _standalone_date(line: str, context: str) -> str | None:
    """The date when a line is essentially only a date (a sign-off), not a sentence that mentions one."""
    if HISTORY_CELL.fullmatch(line.strip()):
        return None  # 2001.09 alone in a cell: a form's 参加工作时间 whose caption OCR garbled
    dates = dates_in(line, context)
    if len(dates) != 1:
        return None
    if english_dates(line):
        line = _ENGLISH_MONTH.sub("", line)
    rest = re.sub(r"[\s\d年月日号〇零一二三四五六七八九十元./\-:：()（）,]", "", line)
    rest = re.sub(r"(日期|时间|落款|盖章|公章|签发|发证|颁发)", "", rest)
    return dates[0][1] if len(rest) <= 2 else None


# --- issuer -------------------------------------------------------------------------------------------------------
_CAPTION_NAMES = (
    "发证机关",
    "审批机关",
    "颁发机构",
    "发证单位",
    "颁发单位",
    "认定机构",
    "注册机构",
    "注册机关",
    "认定机关",
)


def _fuzzy_caption(joined: str) -> str:
    """A caption OCR misread by one character (审批把关) is restored so the caption pattern finds it."""
    head = re.match(r"^\s*([\u4e00-\u9fff]{4})\s*[:：]", joined)
    if head:
        for caption in _CAPTION_NAMES:
            if Levenshtein.distance(head.group(1), caption) == 1:
                return joined.replace(head.group(1), caption, 1)
    return joined


def _captioned_issuers(text: DocumentText) -> list[str]:
    """The body after an issuer caption; not a contest's 主办单位, which lists its organisers."""
    for row in text.rows():
        joined = _fuzzy_caption(" ".join(line.text for line in row))
        caption = _ISSUER_CAPTION.search(joined)
        if not caption or hosts_in_a_contest(caption.group(0), text):
            continue
        # Up to the next caption in the row; the boxes of one name split by a seal are joined again.
        rest = re.split(r"\s+(?=[\u4e00-\u9fff]{2,6}[:：])", caption.group("rest"))[0]
        boxes = rest.split()
        # A table row goes on to other cells (单位名称 | 平顶山市职业技术学校 | 岗位名称 | 历史教师): the name is
        # the longest run of boxes right after the caption that reads as one.
        for end in range(len(boxes), 0, -1):
            name = body_name("".join(boxes[:end]))
            if name:
                return [completed_body_word(name)]
        truncated = completed_body_word("".join(boxes))
        if truncated != "".join(boxes):
            return [truncated]
        if approver := hr_bureau_from_fragment("".join(boxes), text):
            return [approver]
    return []


# A red-header document names its issuer in the letterhead: 六盘水市教育局文件 (件, the last of its large characters,
# is often not returned: 甘肃省教育厅文).
_LETTERHEAD = re.compile(r"^(?P<bodies>.{4,40}?)文件?$")


def _letterhead(text: DocumentText) -> list[str]:
    for line in text.lines:
        if line.page == 1 and line.top < 0.3 and (match := _LETTERHEAD.match(_clean(line.text))):
            return [name for part in re.split(r"\s+", match.group("bodies")) if (name := body_name(part))]
    return []


def _signing_bodies(text: DocumentText, date_line: Line | None) -> list[str]:
    lines = [*text.lines, *_joined_neighbours(text)]
    # A name whose body word the seal or the edge cut short (息烽县教育|): completed as its place requires.
    lines += [
        dataclasses.replace(line, text=completed)
        for line in lines
        if (completed := completed_body_word(line.text)) != line.text
    ]
    # The contestant's school and a contest's other parties (承办单位, 指导单位 …) are named near the sign-off too.
    employers = employer_cells(text) | other_party_lines(text)
    # A name may share its line with the date (六盘水市教育局 2022年9月10日) or a printed remark (（公章）), which is
    # no seal's ring text (…专用章 read from the ring).
    candidates = [
        line
        for line in lines
        if body_name(_strip_dates(line.text))
        and not _SEAL_WORDS.search(SEAL_REMARK.sub("", line.text))
        and id(line) not in employers
    ]
    if not candidates:
        return []
    if date_line is not None:
        near = [line for line in candidates if _signs_with(line, date_line)]
        if near:
            return _block_names(text, near)
    # No dated sign-off: the lowest body names on the last page that names any.
    page = max(line.page for line in candidates)
    on_page = [line for line in candidates if line.page == page]
    lowest = max(line.middle for line in on_page)
    return _block_names(text, [line for line in on_page if line.middle >= lowest - 0.12])


# Boxes closer than this (share of the page width) belong to one name that a seal split: 金山区教育 | 委员 | 会.
_SPLIT_GAP = 0.03


def _joined_neighbours(text: DocumentText) -> list[Line]:
    """Names a seal split into pieces, put back together: side by side in a row, over two lines of a narrow cell,
    or on both sides of a gap where the seal hid a few characters."""
    joined = []
    pattern = _watermark_words(text)
    for row in text.rows():
        # A watermark's word printed over and over across the page (蓝桥杯) is no piece of a name.
        row = [line for line in row if _clean(line.text) not in pattern]
        if not row:
            continue
        run = [row[0]]
        for line in row[1:]:
            # Pieces that already read as a name stand alone: 巴东县教 (seal ring) | 巴东县教育局.
            whole = body_name(line.text) or body_name(run[-1].text)
            if line.left - run[-1].right < _SPLIT_GAP and not whole:
                run.append(line)
                continue
            if len(run) > 1:
                joined.append(_merge(run))
            run = [line]
        if len(run) > 1:
            joined.append(_merge(run))
        joined += _placed_runs(row) + _bridged(row)
    return joined + _wrapped_names(text)


# A word read this often on one page, alone in its box, is a watermark's pattern.
_WATERMARK_REPEATS = 4


def _watermark_words(text: DocumentText) -> set[str]:
    counts: dict[tuple[int, str], int] = {}
    for line in text.lines:
        key = (line.page, _clean(line.text))
        counts[key] = counts.get(key, 0) + 1
    return {word for (_, word), count in counts.items() if count >= _WATERMARK_REPEATS and len(word) >= 2}


def _placed_runs(row: list[Line]) -> list[Line]:
    """Touching boxes whose last one names a body without its place (新疆维吾尔 | 自治区 | 人民政府): together they
    are one name when they start with a place; a seal ring's stray character before 教育部 is not."""
    found = []
    for start in range(len(row)):
        for end in range(start + 1, len(row)):
            if row[end].left - row[end - 1].right >= _SPLIT_GAP:
                break
            pieces = row[start : end + 1]
            if _placed_body("".join(p.text for p in pieces)) and not any(_placed_body(p.text) for p in pieces):
                found.append(_merge(pieces))
    return found


def _placed_body(line: str) -> bool:
    """A body name that reads whole: it names its place (巴东县教育局), or is long enough to stand without one."""
    name = body_name(line)
    if not name:
        return False
    hits = load_gazetteer().find(name)
    if hits and hits[0][0] == 0:
        return True
    # Without its place a long name still stands (中国教育学会), unless a place's end shows inside it: the rest of a
    # place cut off (族自治县教育局).
    return len(name) >= 6 and not re.search(r"(?:自治州|自治县|省|市|县|区|州|旗|盟)", name[:-2])


# How wide a gap a seal may leave inside one name (share of the page width), when the place on its left is
# completed from the gazetteer: 伊犁哈萨 | (克自治) | 州教育局.
_SEAL_GAP = 0.15


def _bridged(row: list[Line]) -> list[Line]:
    found = []
    for left, right in itertools.pairwise(row):
        head, tail = _clean(left.text), _clean(right.text)
        if not 0 <= right.left - left.right < _SEAL_GAP or len(head) < 2 or body_name(head):
            continue
        if not re.fullmatch(r"[\u4e00-\u9fff]+", head) or not body_name(tail) or _placed_body(tail):
            continue
        ending = tail[0] if tail[0] in PLACE_ENDS else ""
        places = {
            name
            for name, alias in load_gazetteer().aliases.items()
            if alias.kind is AliasKind.full
            and name.startswith(head)
            and len(name) > len(head) + len(ending)
            and name.endswith(ending or tuple(PLACE_ENDS))
        }
        if len(places) == 1:
            place = places.pop()
            found.append(_merge([left, right], text=place + tail[len(ending) :]))
    return found


def _wrapped_names(text: DocumentText) -> list[Line]:
    """A name wrapped in a narrow cell or under a seal: 湘西土家族苗族自治州教 / 育局."""
    found = []
    for upper in text.lines:
        head = _clean(upper.text)
        if not re.fullmatch(r"[\u4e00-\u9fff]{2,30}", head) or body_name(head) or SENTENCE.search(head):
            continue
        height = upper.bottom - upper.top
        for lower in text.lines:
            tail = _clean(lower.text)
            # Tall boxes of a tilted photo overlap the line above them a little.
            below = lower.page == upper.page and -0.5 * height <= lower.top - upper.bottom < 0.9 * height
            if lower is upper or not below or abs(lower.left - upper.left) > _SPLIT_GAP or _placed_body(tail):
                continue
            if not re.fullmatch(r"[\u4e00-\u9fff]{1,12}", tail) or not body_name(head + tail):
                continue
            if body_name(tail):
                # A name of its own below: a continuation only when the two make one name that starts with its
                # place (积石山保安族东乡族撒拉 / 族自治县教育局), not under a seal ring's text (国务 over 国务院).
                if len(head) >= 4 and _placed_body(head + tail):
                    found.append(_merge([upper, lower], text=head + tail))
                continue
            # The break falls inside the body word (…州教 / 育局): a name cut elsewhere is a fragment.
            word = _BODY_WORD_AT_END.search(head + tail)
            if word and word.start() < len(head) < word.end():
                found.append(_merge([upper, lower], text=head + tail))
    return found


def _merge(run: list[Line], text: str | None = None) -> Line:
    return Line(
        text="".join(line.text for line in run) if text is None else text,
        page=run[0].page,
        top=min(line.top for line in run),
        left=run[0].left,
        height=max(line.height for line in run),
        confidence=min(line.confidence for line in run),
        bottom=max(line.bottom for line in run),
        right=max(line.right for line in run),
    )


def _signs_with(line: Line, date_line: Line) -> bool:
    """Above the date by at most a few lines, or beside it on the same row."""
    if line.page != date_line.page or line is date_line:
        return line is date_line and bool(body_name(_strip_dates(line.text)))
    above = 0 <= date_line.middle - line.middle <= _ISSUER_ABOVE_DATE
    beside = abs(date_line.middle - line.middle) <= (date_line.bottom - date_line.top)
    return above or beside


def _block_names(text: DocumentText, lines: list[Line]) -> list[str]:
    """Body names of a signature block in printed order; a seal's ring text read over a name is dropped."""
    kept: list[Line] = []
    for line in sorted(lines, key=lambda ln: (ln.middle, ln.left)):
        name = body_name(_strip_dates(line.text)) or ""
        clash = next((k for k in kept if _overlaps(k, line) or _same_body(body_name(_strip_dates(k.text)), name)), None)
        if clash is None:
            kept.append(line)
            continue
        other = body_name(_strip_dates(clash.text)) or ""
        # The whole name beats a piece of it (人民政府 inside 新疆维吾尔自治区人民政府, pieces joined across a seal).
        longer = bool(name) and other != name and other in name
        shorter = bool(other) and other != name and name in other
        if longer or (not shorter and _reading_quality(line) > _reading_quality(clash)):
            kept[kept.index(clash)] = line
    names = []
    for line in kept:
        signer = body_name(_strip_dates(line.text))
        if not signer:
            continue
        above = _place_line_above(text, line)
        whole = _listed_two_lines(text, line, signer)
        names.append(f"{above}{signer}" if above and not signer.startswith(above) else whole)
    names = _with_sub_units(names, kept)
    # A seal's ring repeats part of the name it covers (教育委 over 上海市教育委员会): keep the whole name.
    names = [n for n in names if not any(n != other and n in other for other in names)]
    return list(dict.fromkeys(names))


# How far below a listed body's first line its second may sit, middle to middle, in the first line's heights.
_LISTED_SECOND_LINE = 2.5


def _listed_two_lines(text: DocumentText, line: Line, signer: str) -> str:
    """A listed national body printed on two lines (工业和信息化部 | 人才交流中心, class 4) whose second line the
    recogniser ran into a watermark or a seal's ring beside it (蓝桥杯人才交流中心): the first line and the end of the
    line right below it, only when together they are a listed body's whole name."""
    bodies = national_bodies()
    if signer not in bodies:
        return signer
    height = line.bottom - line.top
    longest = signer
    for below in text.lines:
        under = below.page == line.page and 0 < below.middle - line.middle < _LISTED_SECOND_LINE * height
        if not under or below.right <= line.left or below.left >= line.right:
            continue
        tail = _clean(below.text)
        for start in range(len(tail) - 1):
            if len(signer + tail[start:]) > len(longest) and signer + tail[start:] in bodies:
                longest = signer + tail[start:]
                break
    return longest


# A university's unit printed under its name (重庆大学 | 微电子与通信工程学院, 共青团某学院 | 机械工程学院委员会):
# one issuer in two lines (class 4), not two issuers.
_UNIVERSITY_LINE = re.compile(r"(?:大学|学院)$")
_SUB_UNIT = re.compile(r"(?:学院|系|中心|部|处|团委|委员会|总支部委员会|研究院|研究所|办公室)$")


def _with_sub_units(names: list[str], kept: list[Line]) -> list[str]:
    if len(names) != len(kept) or len(names) < 2:
        return names
    joined: list[str] = []
    skip = False
    for (upper, upper_line), (lower, lower_line) in itertools.pairwise(zip(names, kept, strict=True)):
        if skip:
            skip = False
            continue
        height = upper_line.bottom - upper_line.top
        # Tall boxes of a photo overlap the line above them a little.
        below = upper_line.page == lower_line.page and -0.5 * height <= lower_line.top - upper_line.bottom < height
        centred = abs(upper_line.centre - lower_line.centre) < 0.05 or abs(upper_line.left - lower_line.left) < 0.03
        unit = _SUB_UNIT.search(lower) and not places_named(lower) and not _UNIVERSITY_LINE.search(lower[:-2])
        if _UNIVERSITY_LINE.search(upper) and below and centred and unit:
            joined.append(upper + lower)
            skip = True
        else:
            joined.append(upper)
    if not skip:
        joined.append(names[-1])
    return joined


# How far above a name its wrapped first half may sit, in the name's line heights: a wrap's usual spacing, or a
# whole line's gap for a place's name standing alone.
_WRAP_GAP = 0.9


_WRAP_GAP_PLACE = 1.8


# How far the box above may reach into the name's, in the name's line heights.
_WRAP_OVERLAP = 0.3


def _place_line_above(text: DocumentText, line: Line) -> str | None:
    """The start of a long issuer wrapped onto two lines: '博尔塔拉蒙古自治州精河' above '县教育局'."""
    height = line.bottom - line.top
    name = body_name(line.text) or ""
    for other in text.lines:
        gap = line.top - other.bottom
        # Tall boxes of a tilted photo overlap the line below them a little.
        if other.page != line.page or other is line or not -_WRAP_OVERLAP * height <= gap < height * _WRAP_GAP_PLACE:
            continue
        fragment = _clean(other.text)
        contest = contest_over_committee(name, fragment)
        if gap >= height * _WRAP_GAP and not _PLACE_ONLY.match(fragment) and not contest:
            # Only a place's name alone on its line is taken from that far (黔西南布依族苗族自治州 | 教育局), or a
            # contest's name over its committee's (全国大学生智能汽车竞赛 | 组织委员会).
            continue
        if not re.fullmatch(r"[\u4e00-\u9fff]{2,24}", fragment) or body_name(fragment) or SENTENCE.search(fragment):
            continue
        if _CAPTION_WORDS.search(fragment):
            continue  # a table caption (政治面貌) or a title (中学高级教师) above the name, not its first half
        if _seal_ring_above(fragment, name):
            continue
        continues = name[:1] in _CONTINUATION or _PLACE_ONLY.match(fragment)
        # Seal ring fragments sit above names too; a wrapped line is long, aligned (left or, in a centred sign-off,
        # on its centre: 全国大学生智能汽车竞赛 | 组织委员会) and set in the same size.
        lined_up = abs(other.left - line.left) < 0.03 or abs(other.centre - line.centre) < 0.03
        aligned = lined_up and abs((other.bottom - other.top) / height - 1) < 0.25
        if (continues or (aligned and len(fragment) >= 4)) and other.right > line.left and other.left < line.right:
            return fragment
    return None


# A name that opens with its party's prefix names its organisation whole (共青团西南科技大学委员会).
_PARTY_NAME = re.compile(r"^(?:共青团|中共|中国共产党|中国共产主义青年团)")


def _seal_ring_above(fragment: str, name: str) -> bool:
    """The seal's ring read above the printed name it covers (共产主义 over 共青团…委员会, 西南科技术 over
    西南科技大学…): no first half of a name that opens whole with its party's prefix, or that opens as the line
    above does."""
    return bool(_PARTY_NAME.match(name)) or fragment[:2] == name[:2]


_CAPTION_WORDS = re.compile(
    r"(面貌|职称|职务|姓名|性别|民族|单位|时间|日期|等级|类别|名称|意见|结果|部门|教师|学历|编号)"
)


# Characters that end a place name, so a line starting with one continues the line above.
_CONTINUATION = set("省市县区州旗盟镇乡")


def _overlaps(a: Line, b: Line) -> bool:
    vertical = min(a.bottom, b.bottom) - max(a.top, b.top)
    horizontal = min(a.right, b.right) - max(a.left, b.left)
    return vertical > 0.5 * min(a.bottom - a.top, b.bottom - b.top) and horizontal > 0


def _same_body(a: str | None, b: str) -> bool:
    return bool(a) and Levenshtein.normalized_similarity(a, b) >= 0.7  # type: ignore[arg-type]


def _reading_quality(line: Line) -> float:
    # Seal ring text comes out short and unsure; the printed name is long and clear.
    return line.confidence + 0.02 * len(line.text)


# A date (or a period) that opens a line: a registration table's row starts with it (2021.09.01 合格 …局).
_DIGIT_DATE = r"\d{4}\s*[./\-年]\s*\d{1,2}(?:\s*[./\-月]\s*\d{1,2})?\s*[日号月]?"


_LEADING_DATE = re.compile(rf"^\s*{_DIGIT_DATE}(?:\s*[—~\-–至]+\s*{_DIGIT_DATE})?")


def _strip_dates(line: str) -> str:
    """The line without its date: a date that opens it, or one after the name and all that follows it."""
    if find_dates(line):
        line = _LEADING_DATE.sub("", line)
    for _, _ in find_dates(line):
        line = re.sub(r"(\d{4}|[〇零一二三四五六七八九]{4})\s*年.*$|\d{4}\s*[./\-]\s*\d{1,2}.*$", "", line)
    return line.strip()


def _clean(line: str) -> str:
    return re.sub(r"[\s:：,，。.、]", "", line)
