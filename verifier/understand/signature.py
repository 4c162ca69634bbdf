"""The signature block: who issued a document and when.

Chinese certificates sign off with the issuing body (seal pressed over it) and the date, below or beside the
body text, usually at the bottom right of the last page. Forms and booklets may instead caption them
(发证机关：…, 发证日期：…). A seal over the issuer makes OCR read fragments of the seal's ring text too, so
candidates are judged by where they sit and how sure the reading is, not only by what they say.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
from dataclasses import dataclass
from datetime import date

from rapidfuzz.distance import Levenshtein

from models.vocab import Level
from verifier.issuers import places_named
from verifier.issuers.bodies import NATIONAL_BODY, SCHOOL_BODY
from verifier.issuers.fuzzy import FuzzyPlace, fuzzy_place, lookalike_place
from verifier.issuers.gazetteer import Alias, AliasKind, Division, load_gazetteer
from verifier.issuers.segments import split_joined_bodies
from verifier.normalize import date_numerals, date_spans, find_dates
from verifier.ocr.lookalike import LOOKALIKE, lookalike
from verifier.text import DocumentText, Line
from verifier.understand.dates import HISTORY_CELL, dates_in, document_year, english_dates

# Words that end the name of an issuing body, longest first so 教育局 wins over 局.
BODY_SUFFIXES = (
    "人力资源和社会保障厅", "人力资源和社会保障局", "人力资源和社会保障部", "人力资源社会保障厅", "人力资源社会保障局",
    "人力资源社会保障部", "教育科学研究院", "教育科学研究所", "教师发展中心", "教育委员会", "人民政府", "教育局",
    "教育厅", "教育部", "人社厅", "人社局", "研究会", "研究院", "研究所", "教研室", "教科所", "教科院", "委员会",
    "编辑部", "杂志社", "出版社", "组委会", "办公室", "办公厅", "总工会", "中心学校", "中心校", "继续教育学院",
    "电化教育馆", "电教馆", "科技馆", "少年宫", "联合会", "基金会", "促进会", "教务处", "政教处", "德育处",
    "教育学院", "幼儿园", "学会", "协会", "学校", "中学", "小学", "学院", "大学", "中心", "团委", "妇联", "工会",
    "研修网", "教育网", "培训网", "平台", "政府", "教委", "党委", "局", "厅", "部", "委", "院", "所", "司",
)
_BODY_END = "|".join(BODY_SUFFIXES)
# A body name: a short run of characters ending in a body word, nothing after it but a seal remark.
_BODY_LINE = re.compile(
    rf"^(?P<name>[\u4e00-\u9fff()（）·]{{2,40}}?(?:{_BODY_END}))(?:[(（]?[\u4e00-\u9fff]?章[)）]?)?$"
)
# Lines that say something (a sentence of the body text) rather than sign it.
_SENTENCE = re.compile(
    r"(在|举办|组织|开展|荣获|获得|被评为|参加|中获|特发此证|以资鼓励|兹|经(?:研究|审核|考核|专家)|根据|你|您|的决定|通知|关于)"
)
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
# A foreign issuer signs in English: "International Teacher Education Institute".
_ENGLISH_BODY = re.compile(
    r"^(?:[A-Z][A-Za-z&.'-]*\s+){0,8}(?:Institute|University|College|Academy|Association|Council|Center|Centre|"
    r"Ministry|Department|Board|Foundation|Society|School)(?:\s+of(?:\s+[A-Z][A-Za-z&.'-]*)+)?$"
)

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


# A journal prints its name and issue in the running head: 中学物理教学参考 2018年第11期.
_MASTHEAD = re.compile(
    r"^(?P<journal>[\u4e00-\u9fff]{2,20}?)\s*(?P<year>(?:19|20)\d{2})\s*年\s*第\s*(?P<issue>\d{1,2})\s*期"
)
# The running head sits in the top margin; a photo's framing or tilt moves it down a little.
_MASTHEAD_ZONE = 0.25


# A cover or title page sets the journal's name on a line of its own, its issue on the next.
_JOURNAL_NAME = re.compile(r"^[\u4e00-\u9fff]{2,20}$")


# A journal named in title marks with its issue, anywhere on the page: a running foot, 原载《贵州教育》2021年第11期.
_BRACKETED_ISSUE = re.compile(
    r"《(?P<journal>[^《》]{2,20})》\s*(?P<year>(?:19|20)\d{2})\s*年\s*第\s*(?P<issue>\d{1,2})\s*期"
)
# A sentence about an issue is no running head: 拟刊登于我刊2021年第11期 (an acceptance letter).
_NOT_A_JOURNAL = re.compile(r"刊登|发表|录用|刊用|拟|我刊|本刊")


def read_masthead(text: DocumentText) -> Signature | None:
    """A journal page names its journal and issue, not a signing body. A monthly's 第N期 is its month."""
    top = [line for line in text.lines if line.top < _MASTHEAD_ZONE]
    heads = [line.text.replace(" ", "") for line in top]
    # The running head on one line, or the name with its issue on the line below it.
    heads += [name + issue for name, issue in itertools.pairwise(heads) if _JOURNAL_NAME.match(name)]
    running = (m for head in heads if (m := _MASTHEAD.match(head)) and not _NOT_A_JOURNAL.search(m.group("journal")))
    bracketed = (m for line in text.lines if (m := _BRACKETED_ISSUE.search(line.text.replace(" ", ""))))
    match = next(itertools.chain(running, bracketed), None)  # the running head first, looked for lazily
    if match is None:
        return None
    issue, year = int(match.group("issue")), int(match.group("year"))
    # A year still to come is a misread one (2036年第1期).
    when = f"{year}-{issue:02d}" if 1 <= issue <= 12 and year <= date.today().year else None
    return Signature([match.group("journal")], when, ["刊名与期号"])


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
        issuers = _signing_bodies(text, date_line) or _letterhead(text) or _english_body(text)
    # Bodies signed side by side that OCR returned as one run are repaired one by one and kept together, a space
    # apart, as printed: both issued the document, and a rule may ask for either (省人民政府).
    repaired = [
        " ".join(_as_printed_elsewhere(repair_body_name(body, text.prose), text) for body in split_joined_bodies(name))
        for name in issuers
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
                if _body_name(candidate) != candidate:
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
    return max(mentioned, key=lambda item: (item[0].page, item[0].middle))


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
    "发证机关", "审批机关", "颁发机构", "发证单位", "颁发单位", "认定机构", "注册机构", "注册机关", "认定机关",
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
    for row in text.rows():
        joined = _fuzzy_caption(" ".join(line.text for line in row))
        caption = _ISSUER_CAPTION.search(joined)
        if not caption:
            continue
        # Up to the next caption in the row; the boxes of one name split by a seal are joined again.
        rest = re.split(r"\s+(?=[\u4e00-\u9fff]{2,6}[:：])", caption.group("rest"))[0]
        boxes = rest.split()
        # A table row goes on to other cells (单位名称 | 平顶山市职业技术学校 | 岗位名称 | 历史教师): the name is
        # the longest run of boxes right after the caption that reads as one.
        for end in range(len(boxes), 0, -1):
            name = _body_name("".join(boxes[:end]))
            if name:
                return [_completed_body_word(name)]
        truncated = _completed_body_word("".join(boxes))
        if truncated != "".join(boxes):
            return [truncated]
        if approver := _hr_bureau_from_fragment("".join(boxes), text):
            return [approver]
    return []


# So many characters of a human-resources bureau's body word in a row (和社会, 社会保) name it under an approver's
# caption; fewer could be any word.
_MIN_HR_FRAGMENT = 3
# The review committee's line, whole or cut short (…中级职务评 | 委员), names the place whose bureau approves.
_COMMITTEE_WORDS = re.compile(r"评审|评委|职务评|职称评")


def _hr_bureau_from_fragment(value: str, text: DocumentText) -> str | None:
    """An approver's caption whose value kept only a piece of a human-resources bureau's body word (审批机关：
    散分3和社会 for 敖汉旗人力资源和社会保障局), its place lost: the bureau of the place the certificate's review
    committee names. None when the value shows no such piece or no committee line names a place."""
    clean = re.sub(r"[^\u4e00-\u9fff]", "", value)
    stem = _HR_STEMS[0]
    pieces = (stem[i : i + _MIN_HR_FRAGMENT] for i in range(len(stem) - _MIN_HR_FRAGMENT + 1))
    if not any(piece in clean for piece in pieces):
        return None
    for line in text.lines:
        if not _COMMITTEE_WORDS.search(line.text):
            continue
        place = _leading_place(re.sub(r"[^\u4e00-\u9fff]", "", line.text))
        bureau = _completed_body_word(place + stem) if place and place[-1] in _PLACE_ENDS else None
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
_HR_STEMS = ("人力资源和社会保障", "人力资源社会保障")
_TRUNCATED_STEMS = (*_HR_STEMS, "教育")
_STEM_ENDING = {Level.national: "部", Level.provincial: "厅", Level.municipal: "局", Level.county: "局"}


def _completed_body_word(name: str) -> str:
    from verifier.issuers import read_body

    clean = re.sub(r"[^\u4e00-\u9fff]", "", name)
    found = _truncated_stem(clean)
    if found is None:
        return name
    stem, read = found
    place = clean[: -read]
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
            name = _body_name(value)
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


def _english_body(text: DocumentText) -> list[str]:
    found = [line for line in text.lines if _ENGLISH_BODY.match(line.text.strip())]
    return [_spelled(max(found, key=lambda line: (line.page, line.middle)).text.strip())] if found else []


# Words this long that no English dictionary holds are misread (Intermational, Educatlon); shorter ones may be
# a name or an abbreviation.
_MIN_CHECKED_WORD = 6


def _spelled(name: str) -> str:
    """An English body name with each misread word put right where one dictionary word is a letter away
    (Intermational → International); a word with no such neighbour (Tsinghua, Guangxi) stays as read."""
    checker = _english_words()
    words = []
    for word in name.split():
        lower = word.lower()
        candidates = (
            checker.candidates(lower) if len(lower) >= _MIN_CHECKED_WORD and lower.isalpha() and lower not in checker
            else None
        )
        if candidates and len(candidates) == 1:
            fixed = next(iter(candidates))
            word = fixed.upper() if word.isupper() else fixed.capitalize() if word[0].isupper() else fixed
        words.append(word)
    return " ".join(words)


@functools.lru_cache(maxsize=1)
def _english_words():  # type: ignore[no-untyped-def]
    from spellchecker import SpellChecker

    return SpellChecker(distance=1)


# A red-header document names its issuer in the letterhead: 六盘水市教育局文件 (件, the last of its large characters,
# is often not returned: 甘肃省教育厅文).
_LETTERHEAD = re.compile(r"^(?P<bodies>.{4,40}?)文件?$")


def _letterhead(text: DocumentText) -> list[str]:
    for line in text.lines:
        if line.page == 1 and line.top < 0.3 and (match := _LETTERHEAD.match(_clean(line.text))):
            return [name for part in re.split(r"\s+", match.group("bodies")) if (name := _body_name(part))]
    return []


# Captions of the holder's employer (工作单位 | 哈密市民族中学): what follows them is no issuer.
_EMPLOYER_WORDS = "工作单位|任职单位|所在单位|工作学校|任教学校|所在学校"
_EMPLOYER_CAPTION = re.compile(rf"(?:{_EMPLOYER_WORDS}|^\s*单位)\s*[:：]?\s*$")
# The same caption with its value on the line (单位：水城区第三小学).
_EMPLOYER_INLINE = re.compile(rf"^\s*(?:{_EMPLOYER_WORDS}|单位)\s*[:：]\s*\S")


def _employer_cells(text: DocumentText) -> set[int]:
    cells = {id(line) for line in text.lines if _EMPLOYER_INLINE.match(line.text)}
    for row in text.rows():
        for caption, value in itertools.pairwise(row):
            if _EMPLOYER_CAPTION.search(caption.text):
                cells.add(id(value))
    return cells


def text_without_employer(text: DocumentText) -> str:
    """The document's text without the cells that name the holder's own unit (工作单位 | 敖汉旗民族中学), which say
    where the person works, not who issued the document."""
    employers = _employer_cells(text)
    return "\n".join(line.text for line in text.lines if id(line) not in employers)


def _signing_bodies(text: DocumentText, date_line: Line | None) -> list[str]:
    lines = [*text.lines, *_joined_neighbours(text)]
    # A name whose body word the seal or the edge cut short (息烽县教育|): completed as its place requires.
    lines += [
        dataclasses.replace(line, text=completed)
        for line in lines
        if (completed := _completed_body_word(line.text)) != line.text
    ]
    employers = _employer_cells(text)
    # A name may share its line with the date (六盘水市教育局 2022年9月10日) or a printed remark (（公章）), which is
    # no seal's ring text (…专用章 read from the ring).
    candidates = [
        line
        for line in lines
        if _body_name(_strip_dates(line.text))
        and not _SEAL_WORDS.search(_SEAL_REMARK.sub("", line.text))
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
    for row in text.rows():
        run = [row[0]]
        for line in row[1:]:
            # Pieces that already read as a name stand alone: 巴东县教 (seal ring) | 巴东县教育局.
            whole = _body_name(line.text) or _body_name(run[-1].text)
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
    name = _body_name(line)
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
_PLACE_ENDS = "省市县区州旗盟"


def _bridged(row: list[Line]) -> list[Line]:
    found = []
    for left, right in itertools.pairwise(row):
        head, tail = _clean(left.text), _clean(right.text)
        if not 0 <= right.left - left.right < _SEAL_GAP or len(head) < 2 or _body_name(head):
            continue
        if not re.fullmatch(r"[\u4e00-\u9fff]+", head) or not _body_name(tail) or _placed_body(tail):
            continue
        ending = tail[0] if tail[0] in _PLACE_ENDS else ""
        places = {
            name
            for name, alias in load_gazetteer().aliases.items()
            if alias.kind is AliasKind.full and name.startswith(head) and len(name) > len(head) + len(ending)
            and name.endswith(ending or tuple(_PLACE_ENDS))
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
        if not re.fullmatch(r"[\u4e00-\u9fff]{2,30}", head) or _body_name(head) or _SENTENCE.search(head):
            continue
        height = upper.bottom - upper.top
        for lower in text.lines:
            tail = _clean(lower.text)
            # Tall boxes of a tilted photo overlap the line above them a little.
            below = lower.page == upper.page and -0.5 * height <= lower.top - upper.bottom < 0.9 * height
            if lower is upper or not below or abs(lower.left - upper.left) > _SPLIT_GAP or _placed_body(tail):
                continue
            if not re.fullmatch(r"[\u4e00-\u9fff]{1,12}", tail) or not _body_name(head + tail):
                continue
            if _body_name(tail):
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
        return line is date_line and bool(_body_name(_strip_dates(line.text)))
    above = 0 <= date_line.middle - line.middle <= _ISSUER_ABOVE_DATE
    beside = abs(date_line.middle - line.middle) <= (date_line.bottom - date_line.top)
    return above or beside


def _block_names(text: DocumentText, lines: list[Line]) -> list[str]:
    """Body names of a signature block in printed order; a seal's ring text read over a name is dropped."""
    kept: list[Line] = []
    for line in sorted(lines, key=lambda ln: (ln.middle, ln.left)):
        name = _body_name(_strip_dates(line.text)) or ""
        clash = next(
            (k for k in kept if _overlaps(k, line) or _same_body(_body_name(_strip_dates(k.text)), name)), None
        )
        if clash is None:
            kept.append(line)
            continue
        other = _body_name(_strip_dates(clash.text)) or ""
        # The whole name beats a piece of it (人民政府 inside 新疆维吾尔自治区人民政府, pieces joined across a seal).
        longer = bool(name) and other != name and other in name
        shorter = bool(other) and other != name and name in other
        if longer or (not shorter and _reading_quality(line) > _reading_quality(clash)):
            kept[kept.index(clash)] = line
    names = []
    for line in kept:
        name = _body_name(_strip_dates(line.text))
        if not name:
            continue
        above = _place_line_above(text, line)
        names.append(f"{above}{name}" if above and not name.startswith(above) else name)
    # A seal's ring repeats part of the name it covers (教育委 over 上海市教育委员会): keep the whole name.
    names = [n for n in names if not any(n != other and n in other for other in names)]
    return list(dict.fromkeys(names))


# How far above a name its wrapped first half may sit, in the name's line heights: a wrap's usual spacing, or a
# whole line's gap for a place's name standing alone.
_WRAP_GAP = 0.9
_WRAP_GAP_PLACE = 1.8


def _place_line_above(text: DocumentText, line: Line) -> str | None:
    """The start of a long issuer wrapped onto two lines: '博尔塔拉蒙古自治州精河' above '县教育局'."""
    height = line.bottom - line.top
    name = _body_name(line.text) or ""
    for other in text.lines:
        gap = line.top - other.bottom
        if other.page != line.page or not 0 <= gap < height * _WRAP_GAP_PLACE:
            continue
        fragment = _clean(other.text)
        if gap >= height * _WRAP_GAP and not _PLACE_ONLY.match(fragment):
            continue  # only a place's name alone on its line is taken from that far: 黔西南布依族苗族自治州 | 教育局
        if not re.fullmatch(r"[\u4e00-\u9fff]{2,24}", fragment) or _body_name(fragment) or _SENTENCE.search(fragment):
            continue
        if _CAPTION_WORDS.search(fragment):
            continue  # a table caption (政治面貌) or a title (中学高级教师) above the name, not its first half
        continues = name[:1] in _CONTINUATION or _PLACE_ONLY.match(fragment)
        # Seal ring fragments sit above names too; a wrapped line is long, aligned and set in the same size.
        aligned = abs(other.left - line.left) < 0.03 and abs((other.bottom - other.top) / height - 1) < 0.25
        if (continues or (aligned and len(fragment) >= 4)) and other.right > line.left and other.left < line.right:
            return fragment
    return None


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


# A seal remark printed after or between signing spots: 阳信县机关幼儿园(盖章), 主管部门（盖章）.
_SEAL_REMARK = re.compile(r"[(（][^)）]{0,4}章[)）]?|[(（]?(?:盖|公|印|签)章[)）]?")
# Labels of a signing spot on a form, not the name of a body: 主管部门（盖章）.
_SIGNING_LABELS = frozenset({"主管部门", "主管部", "主管单位", "用人单位", "盖章单位", "单位", "部门"})


# The addressees a notice opens with (各县（市、区）教育局：, 各有关学校：) are whom it is sent to, not who signs it;
# a form's row about a person (姓名 王芳 单位 盘州市第二中学) names the person's unit.
_ADDRESSEE = re.compile(r"^\s*各|[:：]\s*$|姓\s*名|性\s*别")


def _body_name(line: str) -> str | None:
    if _ADDRESSEE.search(line):
        return None
    # The bracket before 盖章 misread as a colon (长清区机关幼儿园:盖章)) is no caption's colon.
    line = re.sub(r"[:：](?=(?:盖|公|印|签)章)", "(", line.strip())
    line = re.sub(r"^[^:：]{1,8}[:：]", "", line)  # 审批机关：… on one line
    line = re.sub(r"[A-Za-z]+", "", line)  # a signature read as Latin letters beside the name
    # A registration table's row joins its cells (第一次 合格 2016.09.01-2021.08.31 盘州市教育局): the body is the
    # last cell.
    line = re.sub(r"^.*?(?:第[一二三四五六七八九十\d]+次|不?合格|暂缓注册)\s*", "", line)
    name = _last_body(line)
    if name is None:
        # The bracket before 盖章 misread as a character: 二七区民族中学子盖章).
        clipped = re.sub(r"[\u4e00-\u9fff](?=(?:盖|公|印)章[)）]?$)", "", line)
        name = _last_body(clipped) if clipped != line else None
    return name


def _last_body(line: str) -> str | None:
    # A form signs in two spots (主管部门（盖章） 阳信县机关幼儿园（盖章）): the unit is the last one named.
    for part in reversed([p for p in _SEAL_REMARK.split(line) if p.strip()]):
        name = _one_body(part)
        if name and name not in _SIGNING_LABELS:
            return name
    return None


def _one_body(part: str) -> str | None:
    part = re.sub(r"[^\u4e00-\u9fff〇()（）·]", "", part)  # 〇 (U+3007) names regiments: 一〇三团
    if not part or len(part) > 40 or _SENTENCE.search(part):
        return None
    match = _BODY_LINE.match(part) or _BINGTUAN_UNIT.match(part)
    if match is None:
        # A body word misread at its end (韩城市第一刘儿园, 绵竹市机关幼儿同) no longer ends like a body.
        repaired = _repair_suffix(part)
        match = _BODY_LINE.match(repaired) if repaired != part else None
    return match.group("name") if match else None


# A 兵团 regiment or farm signs with its division and its own name, no body word: 第六师一〇三团, 第六师芳草湖农场.
_BINGTUAN_UNIT = re.compile(
    r"^(?P<name>(?:新疆生产建设兵团)?第[一二三四五六七八九十]{1,3}师(?:[\u4e00-\u9fff]{2,3}市)?"
    r"(?:[一二三四五六七八九十〇百零\d]{1,4}团场?|[\u4e00-\u9fff]{2,4}(?:农场|牧场)))$"
)


# --- repair -----------------------------------------------------------------------------------------------------
# Body words long or common enough that one odd character inside them is a misreading, not another body.
# 师范大学 and 师范学院 are no body words of their own (a 大学 is a body) but end most diplomas' signing names.
_REPAIRABLE = sorted(
    {s for s in BODY_SUFFIXES if len(s) >= 4} | {"教育局", "教育厅", "教育部", "师范大学", "师范学院"},
    key=len,
    reverse=True,
)
# A body word this long keeps its meaning with two characters misread (面资源和社会保障厅 for 人力资源…).
_TWO_MISREAD_WORD = 9
_KINDERGARTEN = "幼儿园"


# A party body names its place after the party (中共六盘水市委, 共青团贵州省委): the place is what may be misread.
_PARTY_PREFIX = re.compile(r"^(?:中共|中国共产党|共青团)")


def repair_body_name(name: str, context: str = "") -> str:
    """Undo one misread character: in the body word (教肓局 → 教育局, 人资源和社会保障局 → 人力资源和社会保障局), and
    in the leading place name when the document prints that place correctly elsewhere (双山市 → 双鸭山市)."""
    party = _PARTY_PREFIX.match(name)
    if party and len(name) > party.end() + 1:
        return party.group(0) + repair_body_name(name[party.end() :], context)
    repaired = _strip_seal_prefix(_without_stray_before_provincial_body(_repair_place(_repair_suffix(name), context)))
    return _nationalities_school(repaired)


# A school of the nationalities (蓬莱市民族中学) right after its place, its 民 misread (蓬莱市限族中学).
_PEOPLES_SCHOOL = re.compile(
    r"(?<=[市县区旗州])(?P<people>[\u4e00-\u9fff])族(?=(?:中学|小学|学校|幼儿园|中心学校|职业中学|高级中学|初级中学)$)"
)


def _nationalities_school(name: str) -> str:
    """X族中学 where no people's name ends in X is the 民族中学 misread; 回族中学, 苗族小学 stay as they are."""
    match = _PEOPLES_SCHOOL.search(name)
    if not match or match.group("people") in _peoples_last_characters():
        return name
    return name[: match.start("people")] + "民" + name[match.end("people") :]


# Peoples of GB 3304 whose autonomous areas leave out 族 (锡伯, 鄂伦春) or who have none (京, 俄罗斯, 高山 …).
_PEOPLES_NOT_IN_AREA_NAMES = "伯春京斯山哲巴诺昂昌孜"


@functools.cache
def _peoples_last_characters() -> frozenset[str]:
    """The last character of each people's name (苗族, 傈僳族: 苗, 僳), from the gazetteer's autonomous areas and
    the few peoples they do not name, with 汉 and 民 (民族, the nationalities together)."""
    names = (d.name for d in load_gazetteer().divisions)
    found = {m.group(1) for name in names for m in re.finditer(r"([\u4e00-\u9fff])族", name)}
    return frozenset(found | set(_PEOPLES_NOT_IN_AREA_NAMES) | {"汉", "民"})


# Bodies that only a province has follow its name directly: one character between them is a misreading (云南名数育厅,
# 省 read as 名 after the short name, comes out 云南省名教育厅; a seal's stroke read into the line does the same).
# A place in between would need a suffix of its own.
_PROVINCE_BODIES = "教育厅|人力资源和社会保障厅|人力资源社会保障厅|人社厅|人民政府"
_PROVINCE_STRAY_BODY = re.compile(
    rf"^(?P<province>[\u4e00-\u9fff]{{2,8}}?(?:省|自治区))[\u4e00-\u9fff](?P<body>{_PROVINCE_BODIES})$"
)


def _without_stray_before_provincial_body(name: str) -> str:
    match = _PROVINCE_STRAY_BODY.match(name)
    if not match or match.group("province") not in _province_names():
        return name
    return match.group("province") + match.group("body")


@functools.cache
def _province_names() -> frozenset[str]:
    return frozenset(d.name for d in load_gazetteer().divisions if d.level is Level.provincial)


def _strip_seal_prefix(name: str) -> str:
    """Seal ring characters read into the start of a name: 资源四川省教育厅 → 四川省教育厅, 大江苏师范学院 → 江苏….."""
    for start, alias in load_gazetteer().find(name):
        if start > 3:
            break
        # A province named short (江苏师范学院) only when a body or 省 follows it: 中山东路小学 is no 山东 body.
        after = name[start + len(alias.text) :]
        province = (
            alias.kind is AliasKind.province_short
            and start == 1
            and (after.startswith("省") or _body_follows(after))
        )
        if start > 0 and ((len(alias.text) >= 3 and alias.text[-1] in "省市县区州旗盟") or province):
            prefix = name[:start]
            # A parent place (贵州省六盘水市) or a party prefix (中共) belongs to the name.
            if prefix not in ("中共", "中国", "共青团", "全国") and prefix[-1] not in "省市县区州旗盟":
                return name[start:]
            break
    return name


_LONG_BODY_WORD = 6


def _repair_suffix(name: str) -> str:
    # The first and last characters must agree: 体育局 is another body, not a misread 教育局.
    if name.endswith(tuple(s for s in BODY_SUFFIXES if len(s) >= 3)):
        return name  # already a known body word (人力资源社会保障局 and 人力资源和社会保障局 are both right)
    if len(name) > 3 and name[-2:] in ("育局", "育厅") and name[-3] not in "教体":
        return name[:-3] + "教" + name[-2:]  # 洪育局, 拉育局: of the bodies named …育局 only 体育局 is not 教育局
    if len(name) > len(_KINDERGARTEN) and Levenshtein.distance(name[-3:], _KINDERGARTEN) == 1:
        return name[:-3] + _KINDERGARTEN  # no other body's name is two characters of 幼儿园 (刘儿园, 幼马园)
    for suffix in _REPAIRABLE:
        # A misread character first, then a lost or an added one; a short word only gains one between its ends
        # (师肺范学院), which cannot be the last character of the place before it.
        size = len(suffix)
        sizes = (size, size - 1, size + 1) if size >= 5 else (size, size + 1) if size == 4 else (size,)
        allowed = 2 if size >= _TWO_MISREAD_WORD else 1
        for size in sizes:
            tail = name[-size:]
            # A long body word keeps its meaning with any one character misread (及力资源和社会保障厅), but the
            # place before it keeps its last character (四川省力资源… lost 人, not 省).
            long_word = len(suffix) >= _LONG_BODY_WORD and tail[0] not in "省市县区州旗盟"
            # The body word's last character may itself be misread, as a look-alike of it (教育斤, 教育扃).
            last_agrees = tail[-1] == suffix[-1] or (
                tail[:-1] == suffix[:-1] and (lookalike(tail[-1], suffix[-1]) or 0.0) >= LOOKALIKE
            )
            ends_agree = last_agrees and (tail[0] == suffix[0] or long_word)
            if len(name) <= size or tail == suffix or not ends_agree:
                continue
            if 1 <= Levenshtein.distance(tail, suffix, score_cutoff=allowed) <= allowed:
                return name[:-size] + suffix
    return name


_LEADING_PLACE = re.compile(r"^[\u4e00-\u9fff]{1,8}?(?:自治州|自治县|地区|省|市|县|区|州|旗|盟)")


def _repair_place(name: str, context: str) -> str:
    gazetteer = load_gazetteer()
    hits = gazetteer.find(name)
    printed = {alias.text: alias for _, alias in gazetteer.find(context)} if context else {}
    if hits and hits[0][0] == 0 and name[len(hits[0][1].text) : len(hits[0][1].text) + 1] == "具":
        # 具 is OCR's usual misreading of 县: 卢氏具第一幼儿园 after a county's short name.
        county = hits[0][1].text + "县"
        if county in gazetteer.aliases:
            name = county + name[len(county) :]
            hits = gazetteer.find(name)
    if hits and hits[0][0] == 0 and (province := _full_province(name, hits[0][1])):
        return province
    if hits and hits[0][0] == 0 and _names_a_place(name, hits[0][1]):
        first = hits[0][1].text
        # The seal hid the first characters and left another real place: 南市教育局 under a text naming 渭南市.
        longer = {p for p in printed if p.endswith(first) and len(p) > len(first)}
        if len(longer) == 1:
            return longer.pop() + name[len(first) :]
        # Starts with a known place: only what follows it may be misread (大同市云县… for 大同市左云县…).
        name = _repair_inner_place(_expand_short_place(name, hits[0][1], printed), printed)
        return _repair_child_place(name)
    completed = _complete_from_text(name, context)
    if completed:
        return completed
    # A repaired leading place may still be followed by a misread place of its own (海峰市教汉维 → 赤峰市教汉维).
    return _repair_place_pair(name) or _repair_child_place(_repair_leading_place(name, set(printed)))


# A prefecture and one of its counties, each with a character misread: 安娱市汤明具 → 安阳市汤阴县. Either name alone
# is one character from several places; a pair that both fit is rare enough to name one.
_PLACE_PAIR = re.compile(
    r"^(?P<prefecture>[\u4e00-\u9fff]{1,7}?(?:市|州|盟|地区))(?P<county>[\u4e00-\u9fff]{1,7}?[县具区旗市])"
)


def _repair_place_pair(name: str) -> str | None:
    match = _PLACE_PAIR.match(name)
    if not match or not _body_follows(name[match.end() :]):
        return None
    prefecture, county = match.group("prefecture"), match.group("county")
    county = county[:-1] + "县" if county.endswith("具") else county
    fits = {
        (p, c)
        for p, c in _prefecture_county_pairs()
        if len(p) == len(prefecture)
        and len(c) == len(county)
        and Levenshtein.distance(p, prefecture, score_cutoff=1) <= 1
        and Levenshtein.distance(c, county, score_cutoff=1) <= 1
    }
    if len(fits) != 1:
        return None
    found_prefecture, found_county = fits.pop()
    return found_prefecture + found_county + name[match.end() :]


@functools.cache
def _prefecture_county_pairs() -> tuple[tuple[str, str], ...]:
    """(prefecture, county) for every county-level division in use, from its path (贵州省六盘水市盘州市)."""
    pairs = set()
    for d in load_gazetteer().divisions:
        if d.level is Level.county and d.current and d.path.endswith(d.name):
            parent = d.path[: -len(d.name)]
            for province in _province_names():
                if parent.startswith(province) and len(parent) > len(province):
                    pairs.add((parent[len(province) :], d.name))
    return tuple(sorted(pairs))


def _names_a_place(name: str, alias: Alias) -> bool:
    """A short name (湘西, 六盘水) is a place only before a body word: 湘西土家族… goes on to the full name."""
    return alias.kind is not AliasKind.short or _body_follows(name[len(alias.text) :])


def _body_follows(rest: str) -> bool:
    from verifier.issuers.bodies import BODY_AFTER_PLACE

    return bool(BODY_AFTER_PLACE.match(rest)) or rest.startswith(("师范", "大学", "学院"))


def _expand_short_place(name: str, alias: Alias, printed: dict[str, Alias]) -> str:
    """A place written short before a body word (汕头教育局) where OCR dropped its 市: the document prints the full
    name (汕头市) elsewhere, and a body signs with its full name."""
    if alias.kind is AliasKind.full:
        return name
    if SCHOOL_BODY.search(name):
        return name  # a college's own name keeps its short place: 贵州师范大学, 六盘水师范学院
    full = [
        text
        for text, other in printed.items()
        if other.kind is AliasKind.full and text.startswith(alias.text) and set(other.divisions) & set(alias.divisions)
    ]
    return full[0] + name[len(alias.text) :] if len(full) == 1 else name


def _repair_inner_place(name: str, printed: dict[str, Alias]) -> str:
    """A county under its city that does not lie in it (大同市云县: 云县 is in Yunnan) is a misreading of a place
    the document prints in full elsewhere (左云县, in 大同市)."""
    hits = load_gazetteer().find(name)
    for (start, outer), (inner_start, inner) in itertools.pairwise(hits):
        end = start + len(outer.text)
        if inner_start != end:
            break  # not a chain of places at the start of the name
        if any(d.descends_from(p) for d in inner.divisions for p in outer.divisions):
            continue
        fits = {
            text
            for text, other in printed.items()
            if text.endswith(inner.text)
            and len(text) > len(inner.text)
            and any(d.descends_from(p) for d in other.divisions for p in outer.divisions)
        }
        if len(fits) == 1:
            return name[:end] + fits.pop() + name[end + len(inner.text) :]
        break
    return name


# A misread place under a named parent is matched only among that parent's divisions (a dozen or so), where one
# wrong character of three (66.7) already leaves no rival; nationwide it needs a longer name (see _PLACE_SCORE).
_CHILD_PLACE_SCORE = 66


def _repair_child_place(name: str) -> str:
    """The place after a known parent is no place of that parent (西宁市大博回族土族自治县): the parent's one
    division that reads nearly so (大通回族土族自治县) is what was printed."""
    chain_end, parent = 0, None
    for start, alias in load_gazetteer().find(name):
        if start != chain_end:
            break
        chain_end, parent = start + len(alias.text), alias.divisions
    if parent is None:
        return name
    rest = name[chain_end:]
    misread = _LEADING_PLACE.match(rest)
    if not misread and not _body_follows(rest):
        child = _child_with_misread_ending(rest, parent)
        return name[:chain_end] + child if child else name
    if not misread or misread.group(0) in load_gazetteer().aliases or _body_follows(rest):
        return name
    guess = fuzzy_place(rest, parent)
    if (
        guess is None
        or guess.rivals
        or guess.score < _CHILD_PLACE_SCORE
        or guess.consumed != len(misread.group(0))
        or len({d.name for d in guess.divisions}) != 1
    ):
        return name
    return name[:chain_end] + guess.divisions[0].name + rest[guess.consumed :]


def _child_with_misread_ending(rest: str, parent: tuple[Division, ...]) -> str | None:
    """The place after a known parent with its ending misread too (赤峰市教汉维教育局: 旗 read as 维, 敖 as 教): the
    one division of the parent whose name is as long, before a body word, and whose other characters are
    the ones read or, for one of them, a look-alike the recogniser confuses with it."""
    children = [
        d
        for d in load_gazetteer().divisions
        if d.level is Level.county and d.current and any(d.descends_from(p) for p in parent)
    ]
    for size in (2, 3, 4):
        token, after = rest[:size], rest[size:]
        if len(token) < size or not _body_follows(after):
            continue
        fits = set()
        for child in children:
            if len(child.name) != size:
                continue
            differing = [(a, b) for a, b in zip(token[:-1], child.name[:-1], strict=True) if a != b]
            if len(differing) <= 1 and all((lookalike(a, b) or 0.0) >= LOOKALIKE for a, b in differing):
                fits.add(child.name)
        return fits.pop() + after if len(fits) == 1 else None
    return None


def _complete_from_text(name: str, context: str) -> str | None:
    """The seal hid the start of the name (南师范学院, 范大学); the body text prints it whole (在湖南师范学院…,
    在贵州师范大学…): the characters before it there, from a place name on, complete it."""
    if len(name) < 3:
        return None
    best = None
    for match in re.finditer(re.escape(name), context):
        for size in range(1, 9):
            head = context[max(0, match.start() - size) : match.start()]
            if len(head) < size or not re.fullmatch(r"[\u4e00-\u9fff]+", head):
                break
            hits = load_gazetteer().find(head + name)
            if hits and hits[0][0] == 0 and _names_a_place(head + name, hits[0][1]):
                best = head + name
    return best


def _repair_leading_place(name: str, printed: set[str]) -> str:
    leading = _LEADING_PLACE.match(name)
    if not leading:
        return name
    misread = leading.group(0)
    if len(misread) >= 2:
        # The seal often hides the first characters: 南市教育局 under a document that names 渭南市.
        longer = {p for p in printed if p.endswith(misread) and len(p) > len(misread)}
        if not longer:  # and one character of what is left misread: 冶州… under 临夏回族自治州
            longer = {
                p for p in printed if len(p) > len(misread) and Levenshtein.distance(p[-len(misread) :], misread) == 1
            }
        if len(longer) == 1:
            return longer.pop() + name[len(misread) :]
    close = [p for p in printed if len(p) >= 3 and Levenshtein.normalized_similarity(p, misread) >= 0.66]
    if len(close) == 1:
        return close[0] + name[len(misread) :]
    province = _province_ending_with(misread)
    if province:
        return province + name[len(misread) :]
    lookalike = lookalike_place(misread)
    if lookalike:
        return lookalike + name[len(misread) :]
    guess = fuzzy_place(name, None)
    if guess and len({d.name for d in guess.divisions}) == 1:
        score = round(guess.score)  # the score as the cue prints it
        # One misread character in a province's name (黑龙注省) leaves no doubt: there are only 34 of them.
        needed = _PROVINCE_SCORE if guess.divisions[0].level is Level.provincial else _PLACE_SCORE
        # A long name keeps its identity with one character misread (畴伦贝尔市: 80), when nothing else is as close
        # and no character was lost or added (中共六盘水市 is 六盘水市's party committee, not a misreading of it).
        same_length = len(guess.divisions[0].name) == guess.consumed
        if guess.consumed >= _LONG_PLACE and same_length and not guess.rivals:
            needed = min(needed, _LONG_PLACE_SCORE)
        if score >= needed and guess.consumed >= 3:
            return guess.divisions[0].name + name[guess.consumed :]
    return name


_PLACE_SCORE = 85
_PROVINCE_SCORE = 75
_LONG_PLACE = 5
_LONG_PLACE_SCORE = 80


def _full_province(name: str, alias: Alias) -> str | None:
    """A province named in full with one character misread after its short name (广西社族自治区 for 广西壮族自治区):
    the short name alone (广西) would leave the misread characters in the body's name."""
    if alias.kind is not AliasKind.province_short:
        return None
    guess = _fuzzy_province(name)
    if guess is None or guess.consumed <= len(alias.text):
        return _garbled_region(name, alias)
    full = guess.divisions[0].name
    return full + name[guess.consumed :] if not name.startswith(full) else None


_PROVINCIAL_BODY = re.compile(rf"^(?:{_PROVINCE_BODIES})")
# Of a region's name after its short name (维吾尔自治区), at least this many characters must be read as printed.
_REGION_KEPT = 2


def _garbled_region(name: str, alias: Alias) -> str | None:
    """An autonomous region's name with its rare characters misread (新疆维番尔真省溪人民政府): the short name, as many
    characters as the full name has after it, some of them as printed, and a province's own body right after."""
    if not alias.divisions:
        return None
    region = alias.divisions[0]
    if not region.name.startswith(alias.text) or region.name == alias.text:
        return None
    rest = region.name[len(alias.text) :]
    middle = name[len(alias.text) : len(region.name)]
    if len(middle) != len(rest) or not _PROVINCIAL_BODY.match(name[len(region.name) :]):
        return None
    kept = sum(a == b for a, b in zip(middle, rest, strict=True))
    if kept < _REGION_KEPT or kept == len(rest) or load_gazetteer().find(middle):
        return None
    return region.name + name[len(region.name) :]


def _fuzzy_province(name: str) -> FuzzyPlace | None:
    guess = fuzzy_place(name, None)
    if guess is None or len({d.name for d in guess.divisions}) != 1 or guess.divisions[0].level is not Level.provincial:
        return None
    return guess if round(guess.score) >= _PROVINCE_SCORE else None


def _province_ending_with(misread: str) -> str | None:
    """The seal hid a province's first character (徽省 of 安徽省): the rest names one province only."""
    if not misread.endswith(("省", "自治区")) or len(misread) < 2 or misread in load_gazetteer().aliases:
        return None
    provinces = {
        d.name
        for d in load_gazetteer().divisions
        if d.level is Level.provincial and d.current and d.name.endswith(misread) and len(d.name) > len(misread)
    }
    return provinces.pop() if len(provinces) == 1 else None


# --- seal --------------------------------------------------------------------------------------------------------
# Seal ring text read with less confidence than this is a guess (a blurred or washed-out ring reads as noise).
_SEAL_CONFIDENCE = 0.75
# A printed name this close to the seal's is the same body misread (渝南师范大学 under a 河南师范大学 seal).
_SEAL_AGREES = 0.5


def names_its_place(name: str) -> bool:
    """A body name that starts with a place the gazetteer knows, or a national body's (教育部, 国务院, 中国…)."""
    hits = load_gazetteer().find(name)
    return bool(hits and hits[0][0] == 0) or bool(NATIONAL_BODY.match(name))


# A committee that reviews titles (XX县中小学教师中级职务评审委员会) is named on a title certificate's 评审组织 line;
# the body that approves and issues the certificate signs it and seals it (XX县人力资源和社会保障局).
_REVIEW_COMMITTEE = re.compile(r"(?:评审|评议)委员会$|评委会$")


def is_review_committee(name: str) -> bool:
    return bool(_REVIEW_COMMITTEE.search(name))


# The end of a human-resources bureau's name, all that a crop, a seal or glare left of a title certificate's
# 审批机关 line (和社会保障局, 保障局): the bureau of the place whose review committee the certificate names.
_MIN_APPROVER_TAIL = 3


def approver_from_fragment(issuer: str, text: DocumentText) -> str | None:
    """A title certificate's approving bureau whose sign-off line kept only the end of its name: the place the
    issuer read (its review committee, whole or cut short) names, completed with that bureau word. None when
    no line is such an end, or the issuer names no place."""
    if any(issuer.endswith(word + end) for word in _HR_STEMS for end in "局厅"):
        return None
    place = _leading_place(issuer)
    if not place or place[-1] not in _PLACE_ENDS:
        return None
    for line in text.lines:
        clean = re.sub(r"[^\u4e00-\u9fff]", "", line.text)
        for word in _HR_STEMS:
            for end in "局厅":
                whole = word + end
                if _MIN_APPROVER_TAIL <= len(clean) < len(whole) and whole.endswith(clean):
                    return place + _HR_STEMS[0] + end
    return None


def approver_from_seals(readings: list[tuple[str, float]], committee: str, context: str = "") -> str | None:
    """The body whose seal signs a certificate a review committee's line names (the sign-off line lost): a body
    of the committee's own place that is not a committee itself."""
    approver = issuer_from_seals(readings, None, context)
    if approver is None or is_review_committee(approver):
        return None
    committee_places, approver_places = load_gazetteer().find(committee), load_gazetteer().find(approver)
    if not committee_places or not approver_places:
        return None
    # The committee's place (汾西县), and the approver's, are the first place each name starts with.
    same_place = committee_places[0][1].text == approver_places[0][1].text
    return approver if same_place and committee_places[0][0] == approver_places[0][0] == 0 else None


def issuer_from_seals(readings: list[tuple[str, float]], printed: str | None = None, context: str = "") -> str | None:
    """The body a seal names, for a document whose printed text names none (a sign-off that is the seal alone,
    or one lost to glare), or names it without a place OCR could read (西师范大学, 黑河审流等局).

    A ring may go on after the name (宿州市教育局职称评审专用章): the longest start of it that reads as a body
    name is taken, and only one that starts with a place or is national. Beside a printed name, the seal
    must name the same body: ending alike and close to it, so a co-issuer's seal never replaces it."""
    for text, confidence in readings:
        if confidence < _SEAL_CONFIDENCE:
            continue
        # 一 read as a dash or a dot is the recogniser's usual slip on a curved line: 治多县第·中学.
        ring = re.sub(r"[^\u4e00-\u9fff]", "", re.sub(r"(?<=第)[·\-—－_.]", "一", text))
        completed = _place_from_ring(printed, ring) if printed else None
        if completed:
            return completed
        for end in range(len(ring), 2, -1):
            name = _one_body(ring[:end])
            if not name or name in _SIGNING_LABELS:
                continue
            merged = _two_readings(printed, name) if printed else None
            if merged:
                return merged
            name = repair_body_name(name, context)
            if names_its_place(name) and (printed is None or _same_body_misread(printed, name)):
                return name
            break
    return None


# A printed name this short is too little of a body's name to find it in a ring.
_MIN_PRINTED_TAIL = 4


def _place_from_ring(printed: str, ring: str) -> str | None:
    """A printed name whose place was lost (a principal's signature over 广东 of 广东师范学院, a crop) when the
    seal's ring reads the whole name, its end at most one character off (广东师范学航): the ring's place, then
    the print. The ring may go on after the name (…专用章)."""
    if len(printed) < _MIN_PRINTED_TAIL or names_its_place(printed):
        return None
    for end in range(len(ring), len(printed), -1):
        start = end - len(printed)
        if sum(a != b for a, b in zip(ring[start:end], printed, strict=True)) <= 1:
            candidate = ring[:start] + printed
            return candidate if names_its_place(candidate) else None
    return None


# Two readings of one name differing in more places than this are not one name read twice.
_MAX_DISAGREEMENTS = 3


def _two_readings(printed: str, sealed: str) -> str | None:
    """One name read twice with different characters lost (人西师范大学 printed, 江药师范大学 on the seal): the way
    of taking each differing character from either reading that best names a body: the most places settled,
    then the longest known body word (黑河市教育局 over 黑河市流等局), and only when one way is best."""
    if len(printed) != len(sealed) or printed[-1] != sealed[-1]:
        return None
    differing = [i for i, (a, b) in enumerate(zip(printed, sealed, strict=True)) if a != b]
    if not differing or len(differing) > _MAX_DISAGREEMENTS:
        return None
    scored: dict[str, tuple[int, int]] = {}
    for choice in itertools.product((0, 1), repeat=len(differing)):
        chars = list(printed)
        for index, take_seal in zip(differing, choice, strict=True):
            chars[index] = sealed[index] if take_seal else printed[index]
        candidate = "".join(chars)
        settled = len(places_named(candidate))
        if settled and names_its_place(candidate):
            word = max((len(w) for w in BODY_SUFFIXES if candidate.endswith(w)), default=0)
            scored[candidate] = (settled, word)
    if not scored:
        return None
    best = max(scored.values())
    winners = [name for name, score in scored.items() if score == best]
    return winners[0] if len(winners) == 1 else None


def _same_body_misread(printed: str, sealed: str) -> bool:
    if printed[-1] != sealed[-1]:
        return False
    return sealed.endswith(printed) or Levenshtein.normalized_similarity(printed, sealed) >= _SEAL_AGREES
