"""The contest's own scope, where the certificate prints it (class 5 of the real-certificate failures): a 校级比赛,
a 省级选拔赛, a province's 赛区 of a national contest, a 全国总决赛. It decides the level over the issuer's seat: a
national committee signs its provincial rounds' certificates too, and a school signs its own contest's."""

from __future__ import annotations

import re

from models.vocab import Level

_WORD_LEVEL = {
    "国家级": Level.national, "全国性": Level.national, "省级": Level.provincial, "自治区级": Level.provincial,
    "市级": Level.municipal, "州级": Level.municipal, "地级": Level.municipal, "县级": Level.county,
    "区级": Level.county, "校级": Level.school, "园级": Level.school,
    # 全市 / 全县 / 全校 …: the whole of the issuer's own jurisdiction (全区 may be a region or a district).
    "全省": Level.provincial, "全市": Level.municipal, "全州": Level.municipal, "全县": Level.county,
    "全校": Level.school, "全园": Level.school,
}
_CONTEST = r"(?:比赛|竞赛|大赛|评比|评选|选拔赛|决赛|复赛|初赛|预赛|展评|赛课|优质课|联赛|技能赛)"
# A level word before the contest it qualifies, in the same clause: 荣获校级比赛一等奖, 省级选拔赛.
_LEVELLED_CONTEST = re.compile(
    rf"(?P<word>{'|'.join(sorted(_WORD_LEVEL, key=len, reverse=True))})[^，。,；;:：\n]{{0,16}}?{_CONTEST}"
)
# An honour conferred at a printed level: 被评为校级三好学生, 荣获县级优秀教师.
_LEVEL_WORDS = "国家级|省级|自治区级|市级|州级|县级|区级|校级|园级"
_LEVELLED_HONOUR = re.compile(
    r"(?:被评为|评为|荣获|授予)\s*(?:(?:19|20)\d{2}(?:[-—至~]\d{2,4})?\s*学?年度?\s*)?"
    rf"(?P<word>{_LEVEL_WORDS})"
)
# A national round, final or not: 全国总决赛, 全国初赛 (a national contest's first round is held nationally).
_FINAL = re.compile(r"全国(?:总|半)?决赛|全国总评|全国(?:初赛|复赛|选拔赛)")
_PRIZE = r"(?:[特一二三]等奖|金奖|银奖|铜奖)"
# A prize graded with its level word (荣获：| 国家级二等奖, 省级一等奖), 国 of 国家级 lost to the recogniser included.
_LEVELLED_PRIZE = re.compile(rf"(?P<word>{_LEVEL_WORDS}|(?<!国)家级)\s*{_PRIZE}")
# Level words the recogniser cut short, as only a prize's level word is read (家级 of 国家级).
_CUT_SHORT_LEVEL = {"家级": Level.national}
# A prize graded at a place, on one line: 四川省三等奖 (a national contest's provincial round), 成都市一等奖.
_PLACED_PRIZE = re.compile(rf"(?P<before>[\u4e00-\u9fff]{{2,12}}[省市州县区])\s*{_PRIZE}")
# A round held in a place: 贵州赛区, 六盘水市分赛区, 贵州省选拔赛 (what precedes may be the contest's own name).
_ROUND = re.compile(r"(?P<before>[\u4e00-\u9fff]{2,16})(?:分?赛区|选拔赛|预赛|初赛|复赛)")
_PLACE_TAIL = 8
_REGIONS = ("东部", "南部", "西部", "北部", "中部", "华东", "华南", "华北", "华中", "西北", "东北", "西南", "东南")


def contest_scope(flat: str) -> Level | None:
    """The level the certificate's own wording gives its contest or honour, or None."""
    if _FINAL.search(flat):
        return Level.national
    for pattern in (_LEVELLED_CONTEST, _LEVELLED_HONOUR, _LEVELLED_PRIZE):
        match = pattern.search(flat)
        if match:
            word = match.group("word")
            return _CUT_SHORT_LEVEL[word] if word in _CUT_SHORT_LEVEL else _WORD_LEVEL[word]
    for match in _ROUND.finditer(flat):
        level = _round_place(match.group("before").removesuffix("分"))
        if level is not None:
            return level
    return None


def placed_prize_scope(full: str) -> Level | None:
    """The level of a prize graded at a place on its own line (四川省三等奖): a round of the contest held there.
    Only a place named whole with its suffix (省, 市, 州, 县, 区), so a group's or a subject's name is none."""
    for line in full.splitlines():
        for match in _PLACED_PRIZE.finditer(line):
            level = _round_place(match.group("before"))
            if level is not None:
                return level
    return None


def _round_place(before: str) -> Level | None:
    """The place a round is held in: the longest end of the words before 赛区 that is a whole place name."""
    from verifier.issuers.infer import places_named

    if before.endswith(_REGIONS):
        return None  # 南部赛区, 华东赛区: several provinces, no level of ours (and 南部 is also a county's name)
    for size in range(min(len(before), _PLACE_TAIL), 1, -1):
        tail = before[-size:]
        places = places_named(tail)
        if places and _names_whole(tail, places[-1].name):
            return places[-1].level
    return None


def _names_whole(tail: str, name: str) -> bool:
    """贵州, 广西, 贵州省, 黔南州: the tail is the place's name or its short form, nothing after it."""
    return name.startswith(tail) or tail[-1] in "省市州县区旗盟"
