"""The holder: the person a document is for.

Real certificates name the holder in a few ways a clerk knows: a caption (姓名：, 持证人, 获奖者, 指导教师),
a salutation above the text (张晓梅同志：/ 张晓梅老师：/ 张晓梅：), the sentence itself (张晓梅同志在…中荣获…,
兹有张晓梅同志…, 授予张晓梅同志…), or the name alone in large type. A name may wrap onto the next line, so the
sentence patterns also run over the text with its line breaks removed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from models.vocab import DocType
from verifier.issuers.body_name import body_name
from verifier.lookalike import LOOKALIKE, lookalike
from verifier.text import DocumentText, Line
from verifier.understand.names import COMPOUND_SURNAMES, is_person_name
from verifier.understand.signature import BODY_SUFFIXES

_HAN_RUN = r"[\u4e00-\u9fff·]"
_HONORIFIC = r"(?:同志|老师|教师|先生|女士|同学)"
# What follows a name: an honorific, punctuation (a student number after a slash: 周一凡/2023012345), or (spaces
# closed up) the sentence going on with a date (学员陈静于2023年7月…参加).
# A form's next caption follows as well when its cells are read as one line (姓名王芳性别女, 获奖教师：王芳指导教师：…).
_NEXT_CELL = r"性别|出生|民族|政治面貌|身份证|(?:工作|所在)?单位|[指辅]导(?:教师|老师)"
# Verbs a sentence about the holder goes on with right after the name (王芳参加…, 王芳荣获…).
_SENTENCE_VERBS = r"参加|被评为|荣获|获得|从事|撰写"
# After a caption's name as well (学员孙丽参加2022年…培训, 获奖者王芳荣获…).
_VERB_AFTER_NAME = rf"{_SENTENCE_VERBS}|参与|在\s*[\d〇一二]"
_AFTER_NAME = rf"(?=$|\s|{_HONORIFIC}|[,，。;；:：(（、/]|于\s*[\d〇一二]|{_NEXT_CELL}|{_VERB_AFTER_NAME})"
_INSTRUCTOR = re.compile(
    rf"(?:指导教师|指导老师|辅导教师|辅导老师|指导者)\s*[:：]?\s*(?P<name>{_HAN_RUN}{{2,9}}?){_AFTER_NAME}"
)
# 姓名 may say whose name it is (学员姓名, 获奖者姓名): the whole caption is read before the name.
_CAPTIONED = re.compile(
    r"(?:(?:学员|教师|获奖者|获奖人|申报人|参训人|持证人|受聘人)?姓\s*名|持证人|获奖人|获奖者|获奖教师|申报人|参训人"
    r"|参训教师|学员|受聘人|被聘人|申请人|作者|主持人|任职人员|课题负责人|负责人|被考核人|(?:成果|主要)?完成人"
    # A lesson or skill contest names whom it judged: 执教：王芳, 授课教师, 参赛选手, 主讲人.
    r"|执教(?:教师|老师|者|人)?|授课(?:教师|老师|人)|参赛(?:教师|老师|选手|者|人)|主讲(?:教师|老师|人)|获奖(?:个人|老师)"
    # A team's winners, the first of them (class 3): 参赛队员：, 团队成员：, 参赛学生：, 选手姓名：.
    r"|参赛(?:队员|队?学生)|团队成员|选手姓名|学生姓名"
    # A letter addressed to its people (用稿通知: 尊敬的：王芳，李丽…).
    r"|尊敬的"
    rf"|(?:授予|兹证明)(?=\s*[:：]))\s*[:：]?\s*(?P<name>{_HAN_RUN}{{2,9}}?){_AFTER_NAME}"
)
# A salutation on its own line, the holder's unit allowed in brackets before the colon (王芳（盘州市第二中学）：).
_SALUTATION = re.compile(rf"^(?P<name>{_HAN_RUN}{{2,9}}?)\s*{_HONORIFIC}?\s*(?:[(（][^)）]{{2,30}}[)）])?\s*[:：]$")
# A salutation line whose 同 was misread and whose colon was lost (冯家鑫间志): a name and one character before 志,
# alone on its line, is no word of a sentence.
_SALUTATION_MISREAD = re.compile(rf"^(?P<name>{_HAN_RUN}{{2,4}}?)\s*[^\s同]志\s*[:：]?$")
# The run of characters before an honorific ends with the name: 兹证明刘燕蓉同志, 授予王芳同志.
# 教师 is left out here: 骨干教师, 相应教师资格 are no names.
# 同学 too (class 3 of the real-certificate failures: 王小雨 同学 on its own line, 孙浩然同学在…).
_BEFORE_HONORIFIC = re.compile(rf"(?P<run>{_HAN_RUN}{{2,24}})(?:同志|老师|先生|女士|同学)")
# An appointment names whom it appoints to what: 兹聘任王芳为中小学一级教师, 兹聘请李明同学为…, 兹聘王芳老师为…,
# 聘请张伟先生担任… (class 3). The suffix is no part of the name.
_APPOINTED = re.compile(
    rf"(?:兹聘[任请用]?|聘任|聘请|聘用)\s*(?P<name>{_HAN_RUN}{{2,4}}?)\s*{_HONORIFIC}?\s*(?:为|担任)"
)
# A diploma names its graduate as the student: 学生张三，性别男….
_GRADUATE = re.compile(rf"学生\s*(?P<name>{_HAN_RUN}{{2,5}}?)(?=[,，\s]|性别|[男女])")
_SENTENCE_START = re.compile(
    rf"^(?P<name>{_HAN_RUN}{{2,9}}?)\s*(?:{_HONORIFIC})?\s*(?=在|于|{_SENTENCE_VERBS}|完成(?!人)|[(（]排名|[(（]第|[,，]\s*(?:性别)?[:：]?[男女][,，])"
)
# Words that open a sentence before the holder's name.
_LEAD_WORDS = re.compile(r"^(?:.*?(?:兹有|兹证明|证明|特授予|授予|兹聘请|兹聘任|聘请|聘任|恭喜|表彰|奖励|祝贺))")
_STUDENT = re.compile(r"(?:学生|选手|队员|同学)\s*$")
# A listed name with its unit, as commendation documents print them: 张三（某某中学）, also after other names
# on the same line (罗娜云杨玲娟（遂溪县实验小学）).
# The bracket may be left open where the unit runs past the line (陈悦(临夏县兴隆镇中).
_LISTED_WITH_UNIT = re.compile(rf"^(?P<run>{_HAN_RUN}{{2,12}}?)\s*[(（][^)）]{{2,30}}(?:[)）]|$)")


# Certificates whose holder is never the teacher a 指导教师 caption names: an award's winners, a student project's
# members (项目成员：… above 指导老师：…).
_COACHED = (DocType.award_certificate, DocType.research_project)


def find_holder(doc_type: DocType, text: DocumentText) -> str | None:
    """The holder, agreeing with the type (class 2): an award's holder is a winner and a project's its leader or
    members, never the teacher its 指导教师 caption names, whose certificate an instructor_award is."""
    coaches = set(instructors(text)) if doc_type in _COACHED else set()
    return next((name for name in _candidates(doc_type, text) if name and name not in coaches), None)


def instructors(text: DocumentText) -> list[str]:
    """The teachers a certificate names as 指导/辅导教师, in order."""
    names = []
    for row in text.row_texts():
        for match in _INSTRUCTOR.finditer(row):
            name = _leading_name(match.group("name"))
            if name and name not in names:
                names.append(name)
    return names


def _candidates(doc_type: DocType, text: DocumentText) -> Iterator[str | None]:
    rows = text.row_texts()
    lines = [line.text for line in text.lines]
    finders: list[tuple[re.Pattern[str], list[str]]] = []
    if doc_type == DocType.instructor_award:
        finders.append((_INSTRUCTOR, rows))
    if doc_type == DocType.academic_certificate:
        finders.append((_GRADUATE, lines))
    if doc_type == DocType.appointment_letter:
        finders.append((_APPOINTED, [text.flat]))
    finders += [(_CAPTIONED, rows), (_SALUTATION, lines), (_SALUTATION_MISREAD, lines)]
    for pattern, chunks in finders:
        yield _first(pattern, chunks)
    for chunk in [*lines, text.flat]:
        yield _before_honorific(chunk)
    yield _first(_SENTENCE_START, _sentence_starts(lines))
    if doc_type in (DocType.commendation_document, DocType.publication):
        # A commendation lists its people with their units; a journal's byline does the same for its author.
        yield _listed_with_unit(lines)
    if doc_type not in (DocType.instructor_award, DocType.award_certificate):
        yield _first(_INSTRUCTOR, rows)
    yield _byline(text) or _name_alone(text) or _unit_and_name_alone(lines) or _english_holder(text.full)


# A line this long that ends in no stop runs on into the next: a paragraph wrapped there (…本刊所有文 | 章均可在…).
_RUN_ON_LINE = 20
_STOPS = tuple("。！？；：!?;:")


def _sentence_starts(lines: list[str]) -> list[str]:
    """The lines that may start a sentence: not the one after a long line that ends in no stop, whose wrapped
    words (章均可在全球…, the rest of 文章) read like a name and its verb."""
    return [
        line
        for before, line in zip(["", *lines], lines, strict=False)
        if len(before) < _RUN_ON_LINE or before.rstrip().endswith(_STOPS)
    ]


# A foreign certificate names its holder in pinyin after a formula: This is to certify that Li Ming,
# Awarded to | WANG FANG. The name is two or three capitalised words.
_ENGLISH_HOLDER = re.compile(
    r"(?i:certify\s+that|awarded\s+to|presented\s+to|granted\s+to|conferred\s+(?:up)?on)\s*"
    r"(?:(?:Mr|Ms|Mrs|Miss|Dr)\.?\s+)?(?P<name>[A-Z][A-Za-z]+(?:[ \-][A-Z][A-Za-z]+){1,2})\b"
)


def _english_holder(full: str) -> str | None:
    match = _ENGLISH_HOLDER.search(full)
    return match.group("name") if match else None


def _listed_with_unit(lines: list[str]) -> str | None:
    for line in lines:
        match = _LISTED_WITH_UNIT.match(line)
        if match:
            name = _trailing_name(match.group("run"))
            if name:
                return name
    return None


_AFFILIATION = re.compile(r"^[(（][^)）]{2,40}[)）]?$")


def _byline(text: DocumentText) -> str | None:
    """A journal byline: the author's name, and right under it the author's unit in brackets. The two are set
    small beside the title and the abstract, so OCR may list them apart: they are paired by position."""
    affiliations = [line for line in text.lines if _AFFILIATION.match(line.text)]
    for line in text.lines:
        name = line.text.replace(" ", "")
        if not is_person_name(name):
            continue
        height = line.bottom - line.top
        for unit in affiliations:
            below = unit.page == line.page and -0.5 * height <= unit.top - line.bottom <= 1.5 * height
            if below and unit.left < line.right and unit.right > line.left:
                return name
    return None


def _first(pattern: re.Pattern[str], chunks: list[str]) -> str | None:
    for chunk in chunks:
        for match in pattern.finditer(chunk):
            # 指导学生张三… names the student, not the holder; a caption's own 学生 (参赛队学生 张三) does not.
            before = chunk[: match.start() if pattern is _CAPTIONED else match.start("name")]
            if pattern is not _GRADUATE and _STUDENT.search(before):
                continue
            name = _leading_name(match.group("name"))
            if name:
                return name
    return None


def _before_honorific(chunk: str) -> str | None:
    for match in _BEFORE_HONORIFIC.finditer(chunk):
        run = _LEAD_WORDS.sub("", match.group("run"))
        if _STUDENT.search(chunk[: match.start("run")]) or re.search(r"(?:学生|选手)", run):
            continue
        listed = _first_of_list(chunk[: match.end("run")])
        if listed:
            return listed
        name = _trailing_name(run)
        if name:
            return name
    return None


# Person names joined by 、 (王芳、李丽、张伟同志的…): the first item may start with other words, the last go on.
_NAME_LIST = re.compile(rf"(?:{_HAN_RUN}{{2,8}}、)+{_HAN_RUN}{{2,8}}")


def listed_names(text: str) -> list[list[str]]:
    """Every run of person names a text joins with 、, in order: the first item's name is at its end, the last
    item's at its start."""
    lists = []
    for match in _NAME_LIST.finditer(text):
        items = match.group(0).split("、")
        first = _trailing_name(_LEAD_WORDS.sub("", items[0]))
        last = _leading_name(re.split(_HONORIFIC, items[-1], maxsplit=1)[0])
        if first and last and all(is_person_name(item) for item in items[1:-1]):
            lists.append([first, *items[1:-1], last])
    return lists


def _first_of_list(before: str) -> str | None:
    """The first of the names listed right before an honorific, who leads as on a member list."""
    lists = listed_names(before)
    return lists[-1][0] if lists and before.endswith(lists[-1][-1]) else None


# Captions a form prints right after the name when its cells are read as one line (申报人汤海飞现任职称…).
_NEXT_CAPTION = re.compile(r"(?:现任|现聘|性别|出生|民族|职称|职务|单位|身份|学历|政治|参加|证书|编号|任教|申报)")


# A salutation may give the holder's unit first (盘州市第一中学 王五 老师：), its spaces gone once normalised.
_UNIT_BEFORE_NAME = re.compile(
    "(?:" + "|".join(s for s in BODY_SUFFIXES if len(s) >= 2) + rf")(?P<name>{_HAN_RUN}{{2,4}})$"
)


def _after_unit(run: str) -> str | None:
    match = _UNIT_BEFORE_NAME.search(run)
    return match.group("name") if match and is_person_name(match.group("name")) else None


def _leading_name(run: str) -> str | None:
    """The name at the start of a run: the whole run if it reads as a name, else its longest leading name,
    or the name after the holder's unit."""
    run = _without_misread_honorific(_NEXT_CAPTION.split(run.strip("·"), maxsplit=1)[0])
    if len(run) > 4 and (named := _after_unit(run)):
        return named
    for size in range(min(len(run), 4), 1, -1):
        # Four characters of a longer run are a three-character name and the next name's surname more often than
        # a double surname's name (李明轩 王小雨 closed up: 李明轩王…, class 3).
        joined_names = size == 4 and len(run) > 4 and run[:2] not in COMPOUND_SURNAMES and is_person_name(run[:3])
        if is_person_name(run[:size]) and not joined_names:
            return run[:size]
    return run if is_person_name(run) else None


_HONORIFIC_ENDS = {"老": "师", "同": "志"}


def _without_misread_honorific(run: str) -> str:
    """王芳老帅, 王芳同忐: an honorific whose second character was read as a look-alike is no part of the name."""
    misread = len(run) >= 4 and run[-2] in _HONORIFIC_ENDS
    if misread and (lookalike(run[-1], _HONORIFIC_ENDS[run[-2]]) or 0.0) >= LOOKALIKE:
        return run[:-2]
    return run


def _trailing_name(run: str) -> str | None:
    """The name at the end of a run. Three characters first, then two: most names are that long, and a
    longer tail would swallow the word before the name."""
    if is_person_name(run):
        return run
    for size in (3, 2, 4):
        if len(run) > size and is_person_name(run[-size:]):
            return run[-size:]
    return None


def _unit_and_name_alone(lines: list[str]) -> str | None:
    """A line that is the holder's school and name and nothing more (重庆大学 李明轩), as contest certificates print
    the addressee (class 3)."""
    for line in lines:
        match = _UNIT_BEFORE_NAME.search(line.strip(" :："))
        if match and len(line) <= _UNIT_LINE and body_name(line[: match.start("name")]):
            name = match.group("name")
            if is_person_name(name):
                return name
    return None


_UNIT_LINE = 24


def _name_alone(text: DocumentText) -> str | None:
    """A line that is nothing but a name, larger ones first: certificates often print the holder big."""
    # Body-size or larger: a seal's ring text reads small and can look like a name (师范木).
    marks = _watermarks(text)
    alone = [
        line
        for line in text.lines
        if line.height >= 0.9
        and is_person_name(line.text.strip(" :："))
        and line.text[:2] not in marks
        and not _signs_as_office(line, text)
    ]
    if not alone:
        return None
    return max(alone, key=lambda line: line.height).text.strip(" :：")


# A word printed this many times over a page is its watermark (蓝桥杯 tiled across a contest's certificate).
_WATERMARK_REPEATS = 3


def _watermarks(text: DocumentText) -> set[str]:
    """The first two characters of each word the page tiles as a watermark: a piece of it read a character off
    (蓝桥木 for 蓝桥杯) looks like a name standing alone."""
    counts: dict[str, int] = {}
    for line in text.lines:
        counts[line.text] = counts.get(line.text, 0) + 1
    return {word[:2] for word, count in counts.items() if count >= _WATERMARK_REPEATS and len(word) >= 2}


# The office a signer holds, printed under the signature (华为终端云服务总裁, SALES MANAGER, 校长).
_OFFICE = re.compile(
    r"(?:总裁|总经理|经理|主任|校长|院长|主席|理事长|董事长|书记|秘书长|会长|社长|局长|厅长|处长|所长"
    r"|CEO|MANAGER|DIRECTOR|PRESIDENT|CHAIRMAN|DEAN)",
    re.IGNORECASE,
)


def _signs_as_office(line: Line, text: DocumentText) -> bool:
    """A name standing alone right above the office its bearer holds is a signature, not the holder: a line
    starting within the name's lower third to one name height below it, across the name, names an office."""
    height = line.bottom - line.top
    return any(
        other.page == line.page
        and line.bottom - height / 3 <= other.top <= line.bottom + height
        and other.left < line.right
        and other.right > line.left
        and _OFFICE.search(other.text)
        for other in text.lines
        if other is not line
    )
