"""What an award is: its grade (一等奖, 金牌 …), its kind (优质课, 教学成果 …) and the holder's rank among authors."""

from __future__ import annotations

import re

from models.vocab import AwardCategory, Grade
from verifier.normalize import chinese_number

# Grade words as printed, including the formal numerals (壹等奖) and OCR's habit of reading 一 as a dash.
_GRADES: list[tuple[re.Pattern[str], Grade]] = [
    (re.compile(r"特\s*等\s*奖"), Grade.special),
    # A scholarship graded 甲/乙/丙 (甲等奖学金) as the others are 一/二/三 (class 1 of the real-certificate failures).
    (re.compile(r"(?:[一壹1—\-甲]|第一)\s*等\s*奖"), Grade.first),
    (re.compile(r"(?:[二贰2乙]|第二)\s*等\s*奖"), Grade.second),
    (re.compile(r"(?:[三叁参3丙]|第三)\s*等\s*奖"), Grade.third),  # 叁 is often read as 参
    # 優 (优 as a traditional glyph) is read as 備, simplified to 备: 备秀奖 is no word, so it is 优秀奖.
    (re.compile(r"[优备]\s*秀\s*奖"), Grade.excellent),
    (re.compile(r"金\s*[奖牌]"), Grade.gold),
    (re.compile(r"银\s*[奖牌]"), Grade.silver),
    (re.compile(r"铜\s*[奖牌]"), Grade.bronze),
    # The grade awarded without 奖, as some certificates word it or OCR loses it (荣获 | 一等): after the verb only,
    # and never a merit (三等功) or a rank (一等级).
    *(
        (re.compile(rf"(?:荣获|获得|获评|评为)\s*{numeral}\s*等(?!\s*[级奖功])"), grade)
        for numeral, grade in (
            ("特", Grade.special), ("[一壹]", Grade.first), ("[二贰]", Grade.second), ("[三叁]", Grade.third)
        )
    ),
    # A foreign certificate's prize (First Prize, 2nd Place, Gold Medal).
    (re.compile(r"(?:grand|special)\s*prize", re.IGNORECASE), Grade.special),
    (re.compile(r"(?:first|1st)\s*(?:prize|place)", re.IGNORECASE), Grade.first),
    (re.compile(r"(?:second|2nd)\s*(?:prize|place)", re.IGNORECASE), Grade.second),
    (re.compile(r"(?:third|3rd)\s*(?:prize|place)", re.IGNORECASE), Grade.third),
    (re.compile(r"gold\s*(?:medal|award)", re.IGNORECASE), Grade.gold),
    (re.compile(r"silver\s*(?:medal|award)", re.IGNORECASE), Grade.silver),
    (re.compile(r"bronze\s*(?:medal|award)", re.IGNORECASE), Grade.bronze),
]
# A titled work (《…》) names its subject, not the contest: its words must not decide the kind of award.
_WORK_TITLE = re.compile(r"《[^》]{0,80}》")


def find_grade(text: str) -> Grade | None:
    """The first grade word printed: a certificate awards one grade."""
    body = _WORK_TITLE.sub("", text)
    hits = [(match.start(), grade) for pattern, grade in _GRADES for match in pattern.finditer(body)]
    return min(hits)[1] if hits else None


# Ordered: the first kind whose words appear wins, so the more specific kinds come first.
_CATEGORIES: list[tuple[re.Pattern[str], AwardCategory]] = [
    (re.compile(r"教学成果"), AwardCategory.teaching_achievement),
    (
        # 教育科学研究 but not a body's name (黔南州教育科学研究所 signing a lesson contest's certificate).
        re.compile(r"科研(?:优秀)?成果|科学研究(?:优秀)?成果|教育科学研究(?![所院会室])|教科研成果|科研成果"),
        AwardCategory.research_achievement,
    ),
    (
        # A kindergarten's lesson contest is of its 优质活动 / 集体教学活动: the 优质课 of its age group.
        re.compile(
            r"优质课|优课|公开课|观摩课|示范课|课堂教学(?:竞赛|评比|大赛|比赛|展示)|赛课|讲课比赛"
            r"|(?:优质(?:教育|教学)?|集体教学)活动(?:评比|竞赛|比赛|评选|展评)"
        ),
        AwardCategory.quality_lesson,
    ),
    (
        re.compile(r"教学技能|技能(?:大赛|比赛|竞赛)|基本功|教学能力(?:大赛|比赛|竞赛)|说课|微课|讲课(?:大赛|竞赛)"),
        AwardCategory.teaching_skill,
    ),
    (re.compile(r"论文|案例评比|教学设计评比"), AwardCategory.paper),
    (re.compile(r"指导学生|指导的学生|辅导学生|辅导的学生|指导教师|辅导教师"), AwardCategory.student_contest),
]


def find_award_category(text: str) -> AwardCategory | None:
    body = _WORK_TITLE.sub("", text)
    for pattern, category in _CATEGORIES:
        if pattern.search(body):
            return category
    return None


# 排名第三, 排序：2, 署名第一, 第二完成人, 第1作者 …; 笫 is OCR's usual misreading of 第. 排名前5 (a rule's limit,
# not a rank) has no number right after the caption and does not match.
_ORDINAL = r"[一二三四五六七八九十\d]{1,3}"
_RANK = re.compile(
    rf"(?:排名|排序|位次|署名)\s*[:：]?\s*(?:[第笫]\s*)?(?P<a>{_ORDINAL})(?!\s*[等级届期])"
    rf"|[第笫]\s*(?P<b>{_ORDINAL})\s*(?:完成人|完成者|作者|主持人|参与人|获奖人|署名人|发明人)"
)


_MEMBERS = re.compile(r"(?:课题组成员|主要成员|成员|完成人)\s*[:：]\s*(?P<names>[\u4e00-\u9fff·、，,\s]{2,120})")
# The caption lost, whole or in part, to the edge of a photo (员:李俊翔、蔡雨华…, :李俊翔、蔡雨华、何金静): a list of
# names after a colon still reads as one.
_NAME = r"[\u4e00-\u9fff·]{2,5}"
_CLIPPED_MEMBERS = re.compile(rf"(?:^|[\n。;；])\s*[员人]?\s*[:：]\s*(?P<names>{_NAME}(?:[、，,]{_NAME})+)")
# 罗文同志主持的…, or a notice addressed to the leader: 罗文同志：您申报的课题….
_LEADS = r"(?:同志|老师)?\s*(?:[:：]\s*[您你]\s*所?\s*)?(?:主持|申报|负责|牵头)"
_LEADER_CAPTION = r"(?:主持人|负责人)\s*[:：]?\s*"


def split_member_list(listing: str) -> list[str]:
    """The names a printed list gives, in order. Names are parted by 、 or a comma; a line break parts them too
    (吴春鑫 | 姜波旭) unless one side of it is a single character, which is a name wrapped over lines (马慧 | 兰)."""
    names: list[str] = []
    for item in re.split(r"[、，,]+", listing):
        pieces = [p for p in re.split(r"\s+", item) if p]
        merged: list[str] = pieces[:1]
        for piece in pieces[1:]:
            if len(merged[-1]) == 1 or len(piece) == 1:
                merged[-1] += piece
            else:
                merged.append(piece)
        names += merged
    return names


def project_members(text: str) -> list[str]:
    """The people a project certificate lists, in printed order (the leader first)."""
    members = _MEMBERS.search(text) or _CLIPPED_MEMBERS.search(text)
    if not members:
        return []
    return split_member_list(members.group("names"))


def find_project_rank(holder: str | None, text: str) -> int | None:
    """A project certificate ranks its people by the member list; the one who leads (主持, 申报) comes first."""
    if not holder:
        return None
    names = project_members(text)
    if holder in names:
        return names.index(holder) + 1
    # 罗文同志主持的…, or a table's caption before the name: 课题主持人 罗文.
    leads = re.search(re.escape(holder) + _LEADS, text) or re.search(_LEADER_CAPTION + re.escape(holder), text)
    return 1 if leads else None


def find_rank(text: str) -> int | None:
    for match in _RANK.finditer(text):
        value = chinese_number(match.group("a") or match.group("b"))
        if value and value < 50:
            return value
    return None
