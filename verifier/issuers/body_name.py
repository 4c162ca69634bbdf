"""A body's name as a line prints it: the run of characters that ends in a body word, without seal remarks,
captions, addressees or the sentences of the body text around it.
"""

from __future__ import annotations

import re

from verifier.issuers.bodies import BODY_SUFFIXES, NATIONAL_BODY
from verifier.issuers.gazetteer import load_gazetteer
from verifier.issuers.repair import repair_suffix

_BODY_END = "|".join(BODY_SUFFIXES)
# A body name: a short run of characters ending in a body word, nothing after it but a seal remark.
_BODY_LINE = re.compile(
    rf"^(?P<name>[\u4e00-\u9fff()（）·“”+]{{2,40}}?(?:{_BODY_END}))(?:[(（]?[\u4e00-\u9fff]?章[)）]?)?$"
)


# Lines that say something (a sentence of the body text) rather than sign it.
SENTENCE = re.compile(
    # 组织委员会 is a contest committee's own name (全国大学生智能汽车竞赛组织委员会), no sentence's verb.
    r"(在|举办|组织(?!委员会)|开展|荣获|获得|被评为|参加|中获|特[发颁]此[证状]|特此表彰|以资鼓励|兹|经(?:研究|审核|考核|专家)|根据|你|您|的决定|通知|关于)"
)


# A seal remark printed after or between signing spots: 阳信县机关幼儿园(盖章), 主管部门（盖章）.
SEAL_REMARK = re.compile(r"[(（][^)）]{0,4}章[)）]?|[(（]?(?:盖|公|印|签)章[)）]?")


# Labels of a signing spot on a form, not the name of a body: 主管部门（盖章）.
SIGNING_LABELS = frozenset({"主管部门", "主管部", "主管单位", "用人单位", "盖章单位", "单位", "部门"})


# The addressees a notice opens with (各县（市、区）教育局：, 各有关学校：) are whom it is sent to, not who signs it;
# a form's row about a person (姓名 王芳 单位 盘州市第二中学) names the person's unit.
_ADDRESSEE = re.compile(r"^\s*各|[:：]\s*$|姓\s*名|性\s*别")


_CLOSING = re.compile(r"^\s*(?:特[发颁]此[证状]|特此表彰|以[资兹]鼓励)[,，。.!！]?\s*")


def body_name(line: str) -> str | None:
    if _ADDRESSEE.search(line):
        return None
    # The bracket before 盖章 misread as a colon (长清区机关幼儿园:盖章)) is no caption's colon.
    line = re.sub(r"[:：](?=(?:盖|公|印|签)章)", "(", line.strip())
    line = re.sub(r"^[^:：]{1,8}[:：]", "", line)  # 审批机关：… on one line
    # The closing formula read into the sign-off's line (特颁此证福建省…组委会, class 4): no part of the name.
    line = _CLOSING.sub("", line)
    if committee := _latin_committee(line):
        return committee
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


# A contest's committee named under its Latin brand (ROBOMASTER组委会, iCAN大学生创新创业大赛组织委员会, CACC竞赛委员会,
# class 4): the letters, set against the Chinese of the name, are part of it. Letters apart from a name are not (a
# signature beside it, a seal's ring in English).
_LATIN_COMMITTEE = re.compile(
    r"^[\u4e00-\u9fff“”+]{0,30}?[A-Za-z]{2,20}[\u4e00-\u9fff“”+]{0,30}?(?:组委会|组织委员会|委员会)$"
)


def _latin_committee(line: str) -> str | None:
    # The recogniser may part the letters from the Chinese by a space (ROBOMASTER 组委会).
    compact = re.sub(r"(?<=[A-Za-z])\s+(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])\s+(?=[A-Za-z])", "", line.strip())
    compact = SEAL_REMARK.sub("", compact)
    if not _LATIN_COMMITTEE.match(compact) or SENTENCE.search(compact):
        return None
    if compact.count("“") != compact.count("”") or ("+" in compact and "“" not in compact):
        compact = re.sub(r"[“”+]", "", compact)
    return compact


def _last_body(line: str) -> str | None:
    # A form signs in two spots (主管部门（盖章） 阳信县机关幼儿园（盖章）): the unit is the last one named.
    for part in reversed([p for p in SEAL_REMARK.split(line) if p.strip()]):
        name = one_body(part)
        if name and name not in SIGNING_LABELS:
            return name
    return None


def one_body(part: str) -> str | None:
    part = re.sub(r"[^\u4e00-\u9fff〇()（）·“”+]", "", part)  # 〇 (U+3007) names regiments: 一〇三团
    # A contest's brand in quotes stays as printed (福建省“互联网+”大学生创新创业大赛组委会, class 4); quotes
    # that pair with nothing are the recogniser's.
    if part.count("“") != part.count("”") or ("+" in part and "“" not in part):
        part = re.sub(r"[“”+]", "", part)
    if not part or len(part) > 40 or SENTENCE.search(part):
        return None
    match = _BODY_LINE.match(part) or _BINGTUAN_UNIT.match(part) or _UNIVERSITY_OFFICE.match(part)
    if match is None:
        # A body word misread at its end (韩城市第一刘儿园, 绵竹市机关幼儿同) no longer ends like a body.
        repaired = repair_suffix(part)
        match = _BODY_LINE.match(repaired) if repaired != part else None
    return match.group("name") if match else None


# An office of a university or college signs its students' certificates under its own name: 西南科技大学招生就业处,
# 某学院学生工作处 (处 alone ends no body: 此处, 住处).
_UNIVERSITY_OFFICE = re.compile(r"^(?P<name>[\u4e00-\u9fff()（）]{2,30}(?:大学|学院)[\u4e00-\u9fff]{1,6}处)$")


# A 兵团 regiment or farm signs with its division and its own name, no body word: 第六师一〇三团, 第六师芳草湖农场.
_BINGTUAN_UNIT = re.compile(
    r"^(?P<name>(?:新疆生产建设兵团)?第[一二三四五六七八九十]{1,3}师(?:[\u4e00-\u9fff]{2,3}市)?"
    r"(?:[一二三四五六七八九十〇百零\d]{1,4}团场?|[\u4e00-\u9fff]{2,4}(?:农场|牧场)))$"
)


def names_its_place(name: str) -> bool:
    """A body name that starts with a place the gazetteer knows, or a national body's (教育部, 国务院, 中国…)."""
    hits = load_gazetteer().find(name)
    return bool(hits and hits[0][0] == 0) or bool(NATIONAL_BODY.match(name))


# A committee that reviews titles (XX县中小学教师中级职务评审委员会) is named on a title certificate's 评审组织 line;
# the body that approves and issues the certificate signs it and seals it (XX县人力资源和社会保障局).
_REVIEW_COMMITTEE = re.compile(r"(?:评审|评议)委员会$|评委会$")


def is_review_committee(name: str) -> bool:
    return bool(_REVIEW_COMMITTEE.search(name))
