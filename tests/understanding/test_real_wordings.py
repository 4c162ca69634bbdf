"""Wordings real certificates print that our generator did not (issue 28's failure classes), typed line by line.
Each test names its class; every name is invented."""

from __future__ import annotations

import pytest

from models.flags import FlagCode
from models.page import TextLine
from models.report import DocumentReport, Fields
from models.vocab import DocType, Grade, Level
from tests.understanding.cases import placed_page, typed_page
from verifier.classify import classify
from verifier.crosscheck import check_holder
from verifier.extract import extract
from verifier.issuers.repair import repair_body_name
from verifier.several import side_by_side
from verifier.text import DocumentText, build_document_text
from verifier.understand.members import find_members, joined_names
from verifier.understand.names import is_person_name
from verifier.understand.scope import contest_scope


def _certificate(title: str, body: list[str], sign_off: list[str]) -> DocumentText:
    return typed_page([(title, 80, 440), *((line, 36, 150) for line in body), *((s, 32, 650) for s in sign_off)])


# Class 1: a page titled 荣誉证书 / 证书 whose wording the cue lexicon did not know.
@pytest.mark.parametrize(
    ("title", "body", "sign_off", "doc_type", "holder"),
    [
        ("荣誉证书", ["王小雨 同学", "荣获2021-2022学年度校级三好学生", "特发此证，以资鼓励"],
         ["遵义市第四中学", "二〇二二年七月"], DocType.honor_certificate, "王小雨"),
        ("荣誉证书", ["赵子涵同学：", "荣获2022-2023学年国家奖学金", "特发此证"],
         ["贵州大学", "2023年11月"], DocType.honor_certificate, "赵子涵"),
        ("荣誉证书", ["学员 陈晓红", "在2022年国培计划培训中荣获", "“优秀学员”称号"],
         ["贵州师范大学继续教育学院", "2022年12月"], DocType.honor_certificate, "陈晓红"),
        ("荣誉证书", ["孙浩然 同学在2022级新生军训中表现优异，", "荣获“军训标兵”称号。"],
         ["华中师范大学学生工作部", "2022年9月"], DocType.honor_certificate, "孙浩然"),
        ("荣誉证书", ["何晓梅 老师", "在2022-2023学年度教育教学工作中表现突出，", "特发此证，以资鼓励。"],
         ["盘州市第二中学", "2023年7月"], DocType.honor_certificate, "何晓梅"),
    ],
)
def test_titled_certificates_with_student_and_trainee_honours_get_their_type(
    title: str, body: list[str], sign_off: list[str], doc_type: DocType, holder: str
) -> None:
    text = _certificate(title, body, sign_off)
    decision = classify(text)
    assert decision.doc_type == doc_type
    assert not decision.doubtful
    fields = extract(decision.doc_type, text)
    assert (fields.holder, fields.issuer) == (holder, sign_off[0])


# Class 1: an honour's title on a line of its own, worded otherwise than the cue list (a plaque, a 荣誉证书's
# inside page): a title conferred on a person or a team.
@pytest.mark.parametrize(
    "lines",
    [
        ["2024-2025年度", "十佳志愿者服务团队"],
        ["刘雨婷", "2023年度", "优秀青年教师"],
        ["周建华 同志", "先进教育工作者"],
        ["吴思远", "2022学年度优秀少先队辅导员"],
    ],
)
def test_an_honour_title_alone_on_its_line_is_an_honour(lines: list[str]) -> None:
    sign_off = [("共青团贵州大学委员会", 32, 650), ("二〇二五年五月", 32, 650)]
    text = typed_page([*((line, 48, 300) for line in lines), *sign_off])
    assert classify(text).doc_type == DocType.honor_certificate


@pytest.mark.parametrize(
    ("lines", "doc_type"),
    [
        # A coach's title is the coach's award, a prize line is no title, a title inside a sentence is no line.
        (["荣誉证书", "王建国 老师", "荣获全省中小学科技创新大赛", "优秀科技辅导教师"], DocType.instructor_award),
        (["请各校推荐优秀青年教师参加培训，名额两名。"], DocType.other),
    ],
)
def test_a_coach_title_or_a_sentence_is_no_honour_title_line(lines: list[str], doc_type: DocType) -> None:
    text = typed_page([*((line, 40, 200) for line in lines), ("贵州省教育厅", 32, 650)])
    assert classify(text).doc_type == doc_type


@pytest.mark.parametrize(
    "title", ["2023年度全市教坛新秀", "2022年度全省三八红旗手", "全国五一劳动奖章", "2021年度优秀共青团员"]
)
def test_teachers_honour_titles_by_name_are_honours(title: str) -> None:
    """Class 1: honour titles conferred by name, with no 被评为 or 称号 around them."""
    text = typed_page([("陈晓红 老师", 40, 200), (title, 48, 200), ("六盘水市教育局", 32, 650), ("2023年9月", 32, 650)])
    assert classify(text).doc_type == DocType.honor_certificate


def test_an_english_acceptance_letter_is_a_publication() -> None:
    """Class 1: a conference's or a journal's letter accepting a paper, in English, proves a publication."""
    lines = [
        "2025 International Conference on Education Technology",
        "Acceptance Letter",
        "Dear Author(s):",
        "Congratulations! Your manuscript has passed the peer review and has been",
        "accepted by the 2025 International Conference on Education Technology.",
    ]
    text = typed_page([(line, 24, 100) for line in lines])
    assert classify(text).doc_type == DocType.publication


def test_a_certificate_title_with_an_unknown_wording_is_the_closest_type_in_doubt() -> None:
    """Class 1: 证书 over a statement no cue knows is read as an honour and sent to review, not an empty other."""
    text = _certificate(
        "证书", ["郑雨桐同学在2021年暑期社会实践活动中", "表现优秀，特发此证。"], ["贵州民族大学团委", "2021年9月"]
    )
    decision = classify(text)
    assert (decision.doc_type, decision.doubtful) == (DocType.honor_certificate, True)
    assert decision.confidence < 0.6
    assert extract(decision.doc_type, text).holder == "郑雨桐"


def test_a_certificate_title_alone_stays_other() -> None:
    """A booklet's cover (its title and the issuing body, nothing more) asks for the inside page instead."""
    text = _certificate("荣誉证书", [], ["盘州市教育局"])
    assert classify(text).doc_type == DocType.other


def test_an_unknown_page_without_a_certificate_title_stays_other() -> None:
    notice = ["请各校于下周一上午九点到教育局三楼会议室开会，", "请准时参加。"]
    text = _certificate("会议通知", notice, ["盘州市教育局"])
    assert classify(text).doc_type == DocType.other


# Class 3: appointment wordings beyond 同志/老师; a suffix of address is never part of the name.
@pytest.mark.parametrize(
    ("statement", "holder"),
    [
        (["兹聘请李明轩同学为", "贵州大学2023级新生辅导员助理。"], "李明轩"),
        (["兹聘王芳老师为", "六盘水市中小学数学学科兼职教研员，", "聘期三年。"], "王芳"),
        (["兹聘任 张伟 为盘州市第二中学", "高中数学教研组长。"], "张伟"),
        (["兹聘请 刘德明先生 担任我校", "校外法治副校长。"], "刘德明"),
        (["兹聘请黄丽女士为本会理事。"], "黄丽"),
        (["兹聘请李明老师为我校心理健康教育兼职教师。"], "李明"),
    ],
)
def test_appointments_name_whom_they_appoint_without_the_suffix(statement: list[str], holder: str) -> None:
    text = _certificate("聘书", statement, ["凯里市第一中学", "2021年9月"])
    decision = classify(text)
    assert decision.doc_type == DocType.appointment_letter
    assert extract(decision.doc_type, text).holder == holder


# Class 2: several people on one certificate; type and holder agree, every recipient is reported.
def test_a_team_with_its_coach_is_the_teams_award_with_the_coach_among_its_members() -> None:
    text = _certificate(
        "获奖证书",
        ["参赛队员：李明轩 王小雨 赵子涵", "在2023年贵州省青少年科技创新大赛中", "荣获一等奖", "指导教师：黄丽华"],
        ["贵州省科学技术协会", "2023年8月"],
    )
    decision = classify(text)
    assert decision.doc_type == DocType.award_certificate
    holder = extract(decision.doc_type, text).holder
    members = find_members(decision.doc_type, text, holder)
    assert (holder, members) == ("李明轩", ["李明轩", "王小雨", "赵子涵", "黄丽华"])
    doc = DocumentReport(
        file="a.jpg", doc_type=decision.doc_type, fields=Fields(holder=holder), text=text.full, members=members
    )
    check_holder(doc, "黄丽华")  # the coach applies: the team's award is the coach's evidence of coaching
    assert (doc.doc_type, doc.fields.holder, doc.flags) == (DocType.instructor_award, "黄丽华", [])


def test_a_certificate_naming_only_the_coach_is_the_coachs() -> None:
    text = _certificate(
        "获奖证书",
        ["作品《美丽家乡》", "在2021年贵州省中小学生绘画比赛中荣获三等奖", "指导教师：黄丽华"],
        ["贵州省教育厅", "2021年5月"],
    )
    decision = classify(text)
    assert decision.doc_type == DocType.instructor_award
    assert extract(decision.doc_type, text).holder == "黄丽华"


def test_two_coaches_are_both_members() -> None:
    text = _certificate(
        "荣誉证书",
        ["贵阳市第一中学代表队", "在2022年全国中学生物理竞赛中荣获二等奖", "指导老师：何晓梅 马文静"],
        ["中国物理学会", "2022年10月"],
    )
    decision = classify(text)
    assert decision.doc_type == DocType.instructor_award
    holder = extract(decision.doc_type, text).holder
    assert (holder, find_members(decision.doc_type, text, holder)) == ("何晓梅", ["何晓梅", "马文静"])


@pytest.mark.parametrize(
    "winners", [["王芳、李丽、张伟"], ["获奖者：王芳 李丽 张伟"], ["王芳 李丽 张伟"]]
)
def test_joint_winners_are_the_members_and_the_first_holds(winners: list[str]) -> None:
    text = _certificate(
        "获奖证书", [*winners, "在2022年盘州市优质课评选中荣获一等奖。"], ["盘州市教育局", "2022年11月"]
    )
    decision = classify(text)
    assert decision.doc_type == DocType.award_certificate
    holder = extract(decision.doc_type, text).holder
    assert (holder, find_members(decision.doc_type, text, holder)) == ("王芳", ["王芳", "李丽", "张伟"])


def test_an_award_never_takes_its_coach_as_holder() -> None:
    """The winners' names unread, the 指导教师 caption is no holder of an award: empty beats wrong."""
    text = _certificate(
        "获奖证书", ["在2021年盘州市中小学生绘画比赛中荣获三等奖", "辅导教师：黄丽华"], ["盘州市教育局", "2021年5月"]
    )
    assert extract(DocType.award_certificate, text).holder is None


@pytest.mark.parametrize(("applicant", "mismatch"), [("李丽", False), ("赵敏", True)])
def test_holder_mismatch_only_when_the_applicant_is_not_among_the_members(applicant: str, mismatch: bool) -> None:
    doc = DocumentReport(
        file="a.jpg", doc_type=DocType.award_certificate, fields=Fields(holder="王芳"), members=["王芳", "李丽", "张伟"]
    )
    check_holder(doc, applicant)
    assert (FlagCode.HOLDER_MISMATCH in [f.code for f in doc.flags]) == mismatch
    assert (doc.fields.holder == applicant) != mismatch


# Class 5: the contest's own printed scope beats the issuer's seat; a centre inside a university is school level.
@pytest.mark.parametrize(
    ("statement", "sign_off", "level"),
    [
        (["李明轩同学在2023年全国大学生数学建模竞赛", "贵州赛区中荣获一等奖。"], "全国大学生数学建模竞赛组委会",
         Level.provincial),
        (["王小雨同学在2022年全国中小学信息技术创新与实践大赛", "六盘水市选拔赛中荣获二等奖。"], "中国电子学会",
         Level.municipal),
        (["赵子涵同学在2021年全国中学生英语能力竞赛", "全国总决赛中荣获三等奖。"], "贵州省教育学会", Level.national),
        (["王芳老师在2022年校级青年教师赛课比赛中", "荣获一等奖。"], "贵州大学", Level.school),
    ],
)
def test_a_contest_printed_scope_decides_its_level(statement: list[str], sign_off: str, level: Level) -> None:
    text = _certificate("获奖证书", statement, [sign_off, "2023年8月"])
    decision = classify(text)
    assert decision.doc_type == DocType.award_certificate
    assert extract(decision.doc_type, text).level == level


@pytest.mark.parametrize("centre", ["北京师范大学教师培训中心", "重庆大学教师发展中心", "中国人民大学培训中心"])
def test_a_centre_inside_a_university_is_school_level(centre: str) -> None:
    statement = ["学员 陈静 参加2023年中小学骨干教师培训，", "共计48学时，准予结业。"]
    text = _certificate("结业证书", statement, [centre, "2023年7月"])
    fields = extract(DocType.continuing_education, text)
    assert (fields.issuer, fields.level) == (centre, Level.school)


# Class 4: other parties are not the issuer; a two-line issuer is read whole; a national contest's committee is
# national.
@pytest.mark.parametrize(
    ("parties", "committee"),
    [
        (
            ["指导单位：教育部高等学校自动化类专业教学指导委员会", "承办单位：重庆大学"],
            "全国大学生智能汽车竞赛组织委员会",
        ),
        (
            ["参赛单位：重庆大学", "协办单位：贵州师范大学", "支持单位：贵阳市科学技术协会"],
            "全国大学生机器人大赛组委会",
        ),
        (
            ["参赛学校：贵州大学", "主办单位：江苏省人工智能学会", "承办单位：南京理工大学"],
            "全球校园人工智能算法精英大赛组委会",
        ),
        (["选手单位：西南科技大学", "指导老师：黄丽华"], "中国计算机学会"),
    ],
)
def test_other_parties_near_the_sign_off_are_not_the_issuer(parties: list[str], committee: str) -> None:
    statement = ["李明轩 同学在2023年全国性大学生科技竞赛中", "荣获二等奖。"]
    text = _certificate("获奖证书", [*statement, *parties], [committee, "2023年8月"])
    fields = extract(DocType.award_certificate, text)
    assert (fields.issuer, fields.level) == (committee, Level.national)


@pytest.mark.parametrize(
    ("sign_off", "issuer"),
    [
        (["重庆大学", "微电子与通信工程学院"], "重庆大学微电子与通信工程学院"),
        (["共青团贵州大学", "机械工程学院委员会"], "共青团贵州大学机械工程学院委员会"),
        (["全国大学生智能汽车竞赛", "组织委员会"], "全国大学生智能汽车竞赛组织委员会"),
    ],
)
def test_a_two_line_issuer_is_read_whole(sign_off: list[str], issuer: str) -> None:
    statement = ["李明轩 同学在2022年科技创新活动中表现突出，", "被评为先进个人。"]
    text = _certificate("荣誉证书", statement, [*sign_off, "2022年5月"])
    assert extract(DocType.honor_certificate, text).issuer == issuer


def test_a_national_contests_committee_without_a_place_is_national() -> None:
    text = _certificate(
        "获奖证书",
        ["王小雨 同学在2023年第十四届蓝桥杯全国软件和信息技术专业人才大赛中", "荣获三等奖。"],
        ["蓝桥杯大赛组委会", "2023年6月"],
    )
    assert extract(DocType.award_certificate, text).level == Level.national


# Class 8: a body-name repair never turns a real body into another.
@pytest.mark.parametrize("body", ["教育部教材局", "盘州市教体局"])
def test_real_body_words_are_not_repaired_into_others(body: str) -> None:
    assert repair_body_name(body) == body


def test_a_misread_body_word_is_still_repaired() -> None:
    assert repair_body_name("六盘水市教肓局") == "六盘水市教育局"


def test_a_governments_lost_first_character_is_put_back() -> None:
    """Class 8: 人民政府 read 民政府 after its place (no body is named 民政府); a 民政局 stays a 民政局."""
    assert repair_body_name("福州市仓山区民政府") == "福州市仓山区人民政府"
    assert repair_body_name("贵州省民政府") == "贵州省人民政府"
    assert repair_body_name("福州市仓山区民政局") == "福州市仓山区民政局"
    assert repair_body_name("福州市仓山区人民政府") == "福州市仓山区人民政府"


# Class 3: the holder as contest certificates address the winners.
@pytest.mark.parametrize(
    ("addressee", "holder", "members"),
    [
        (["重庆大学 李明轩"], "李明轩", []),
        (["重庆大学飞驰战队", "李明轩 王小雨 赵子涵 同学："], "李明轩", ["李明轩", "王小雨", "赵子涵"]),
        (["学校名称：重庆大学", "选手姓名：李明轩 王小雨"], "李明轩", ["李明轩", "王小雨"]),
    ],
)
def test_contest_addressees_give_the_winners(addressee: list[str], holder: str, members: list[str]) -> None:
    statement = [*addressee, "在2023年全国大学生机器人大赛中荣获二等奖。"]
    text = _certificate("获奖证书", statement, ["全国大学生机器人大赛组委会", "2023年8月"])
    decision = classify(text)
    assert decision.doc_type == DocType.award_certificate
    read = extract(decision.doc_type, text).holder
    assert (read, find_members(decision.doc_type, text, read)) == (holder, members)


def test_a_party_committee_of_a_college_is_school_level() -> None:
    text = _certificate(
        "荣誉证书",
        ["李明轩 同学", "在2023年校运动会中表现突出，被评为先进个人。"],
        ["共青团福建工程学院", "机械与汽车工程学院委员会", "2023年5月"],
    )
    fields = extract(DocType.honor_certificate, text)
    assert (fields.issuer, fields.level) == ("共青团福建工程学院机械与汽车工程学院委员会", Level.school)


def _two_side_by_side(right_statement: list[str]) -> tuple[int, list[TextLine], int, int]:
    """A photo of two certificates side by side: each half a title, a statement and a sign-off."""
    read = []
    for left, title, statement, sign_off in (
        (40, "荣誉证书", ["李明轩 同学在2022年暑期社会实践活动中", "表现突出，被评为先进个人。"], "重庆大学"),
        (1240, "荣誉证书", right_statement, "贵州大学"),
    ):
        top = 100
        for text, size in [(title, 80), *((line, 30) for line in statement), (sign_off, 30), ("2022年9月", 30)]:
            right = left + size * len(text)
            read.append(TextLine(text, [(left, top), (right, top), (right, top + size), (left, top + size)], 0.95))
            top += size * 2
    return (1, read, 2400, 1700)


def test_two_certificates_side_by_side_are_several() -> None:
    """Class 9: two certificates in one photo are found by their titles apart across the page, each half one."""
    page = _two_side_by_side(["王小雨 同学在2022年校运动会中", "表现优异，被评为优秀运动员。"])
    found = side_by_side(page)
    assert [c.decision.doc_type for c in found] == [DocType.honor_certificate, DocType.honor_certificate]
    assert [c.fields.holder for c in found] == ["李明轩", "王小雨"]


def test_a_booklet_cover_beside_its_page_is_one_certificate() -> None:
    assert side_by_side(_two_side_by_side([])) == []


def test_a_team_addressed_by_its_names_is_the_teams_award_and_the_organisers_list_is_not_the_issuer() -> None:
    """Classes 2 and 4: names then ：, 你们的作品…, 指导教师：…, 主办单位： over its list; the committee signs."""
    text = typed_page(
        [
            ("获奖证书", 80, 440),
            ("李明轩、王小雨、赵子涵、孙浩然：", 30, 150),
            ("你们的作品《智能小车》在第八届中国国际大学生创新大赛中荣获铜奖。", 30, 150),
            ("指导教师：黄丽华、何晓梅", 30, 150),
            ("主办单位：", 26, 150),
            ("教育部、中央网络安全和信息化委员会办公室、", 26, 150),
            ("国家发展和改革委员会、工业和信息化部", 26, 150),
            ("中国国际大学生创新大赛组委会", 28, 700),
            ("2023年4月", 28, 760),
        ]
    )
    decision = classify(text)
    assert decision.doc_type == DocType.award_certificate
    fields = extract(decision.doc_type, text)
    assert (fields.holder, fields.issuer, fields.level) == ("李明轩", "中国国际大学生创新大赛组委会", Level.national)
    members = find_members(decision.doc_type, text, fields.holder)
    assert members == ["李明轩", "王小雨", "赵子涵", "孙浩然", "黄丽华", "何晓梅"]


@pytest.mark.parametrize(
    ("run", "names"),
    [("孙一鸣陈思远", ["孙一鸣", "陈思远"]), ("王芳李丽张伟", ["王芳", "李丽", "张伟"]), ("荣获一等奖", [])],
)
def test_names_the_recogniser_closed_up_are_parted(run: str, names: list[str]) -> None:
    assert joined_names(run) == names


# Class 5: a prize graded with its level word or at a place, and a national first round, give the contest's level
# over the issuer's seat (a national society signs its provincial prizes; a provincial society a national round).
@pytest.mark.parametrize(
    ("body", "sign_off", "level"),
    [
        (["第一届程序设计能力大赛", "四川省三等奖", "选手单位：西南科技大学"], "中国计算机学会", Level.provincial),
        (["在2024年全国大学生数学建模竞赛中", "荣获：", "国家级二等奖"], "江苏省工业与应用数学学会", Level.national),
        (["在2024年全国大学生数学建模竞赛中", "荣获：", "家级二等奖"], "江苏省工业与应用数学学会", Level.national),
        (["第六届校园算法精英大赛", "（算法专项赛）全国初赛", "荣获：", "二等奖"], "江苏省人工智能学会", Level.national),  # noqa: E501
        # A prize with no place or level word keeps the issuer's; a subject or a group is no place.
        (["在2023年优质课竞赛中荣获", "初中数学学科一等奖"], "六盘水市教育局", Level.municipal),
        (["在2023年优质课竞赛中荣获", "小学组一等奖"], "贵州省教育厅", Level.provincial),
    ],
)
def test_a_prize_graded_at_a_level_or_a_place_gives_the_contests_level(
    body: list[str], sign_off: str, level: Level
) -> None:
    text = _certificate("获奖证书", ["李明轩 同学", *body], [sign_off, "2024年12月"])
    assert extract(DocType.award_certificate, text).level == level


def test_a_national_committee_with_its_year_taken_off_is_national() -> None:
    """Class 4: a committee signing as 2025年中国大学生…大赛组委会, its year taken off the name, is national."""
    text = _certificate(
        "获奖证书", ["李明轩、王小雨：", "你们在“2025年中国大学生工程实践与创新能力大赛”", "智能+赛道中荣获一等奖"],
        ["2025年中国大学生工程实践与创新能力大赛组委会", "2025年08月26日"],
    )
    assert extract(DocType.award_certificate, text).level == Level.national


def test_a_region_of_several_provinces_gives_no_level() -> None:
    """Class 5: 南部赛区 is a contest's region, not the county 南部县."""
    assert contest_scope("在第二十届全国大学生机器人大赛南部赛区中荣获一等奖") is None


def test_a_contest_brand_in_quotes_stays_in_the_issuer() -> None:
    """Class 4: the committee's name as printed, its brand quoted (“互联网+”)."""
    text = _certificate(
        "获奖证书",
        ["李明轩、王小雨、赵子涵：", "你们的作品在第八届福建省“互联网+”大学生创新创业大赛中荣获金奖。"],
        ["福建省“互联网+”大学生创新创业大赛组委会", "二〇二二年八月"],
    )
    assert extract(DocType.award_certificate, text).issuer == "福建省“互联网+”大学生创新创业大赛组委会"


def test_a_title_read_a_character_a_box_still_titles_the_certificate() -> None:
    """Class 1: 奖 | 状 set wide apart, over a sports-meet honour worded 表现优越, 荣获先进个人."""
    text = typed_page(
        [
            ("奖", 120, 400),
            ("状", 120, 700),
            ("李明轩同学", 40, 150),
            ("在第十六届田径运动会中表现优越，", 36, 150),
            ("荣获先进个人。", 36, 150),
            ("共青团福建工程学院", 32, 650),
            ("2018年11月7日", 32, 700),
        ]
    )
    decision = classify(text)
    assert decision.doc_type == DocType.honor_certificate
    assert extract(decision.doc_type, text).holder == "李明轩"


def test_closed_up_winners_hold_the_award_and_never_their_coach() -> None:
    """Classes 2 and 3: winners read as one run of names (孙一鸣陈思远…), coaches closed up too."""
    text = _certificate(
        "获奖证书",
        ["孙一鸣陈思远许晨阳邓子墨", "你们的项目在第八届校大学生创新创业大赛中荣获金奖", "指导老师：邹诚陈晓红"],
        ["福建工程学院创新创业创造教育学院", "二〇二二年八月"],
    )
    decision = classify(text)
    assert decision.doc_type == DocType.award_certificate
    holder = extract(decision.doc_type, text).holder
    assert holder == "孙一鸣"
    assert find_members(decision.doc_type, text, holder)[:4] == ["孙一鸣", "陈思远", "许晨阳", "邓子墨"]


def test_a_school_addressed_above_the_statement_is_no_holder() -> None:
    """Class 3: 江苏大学： reads like a double surname's name; the team's captioned members hold the award."""
    text = _certificate(
        "获奖证书",
        ["江苏大学：", "贵校代表队参加全球校园人工智能算法精英大赛全国总决赛，", "荣获：三等奖", "指导老师：黄丽华",
         "团队成员：韩立新彭洁曹思博"],
        ["江苏省人工智能学会", "2024年12月"],
    )
    decision = classify(text)
    assert decision.doc_type == DocType.award_certificate
    holder = extract(decision.doc_type, text).holder
    assert (holder, find_members(decision.doc_type, text, holder)) == ("韩立新", ["韩立新", "彭洁", "曹思博", "黄丽华"])


def test_a_title_in_large_type_is_no_row_of_names() -> None:
    text = typed_page(
        [
            ("智能汽车竞赛", 90, 300),
            ("获奖证书", 80, 440),
            ("参赛队员：韩立新、潘志远", 30, 150),
            ("在第十九届全国大学生智能汽车竞赛中获得三等奖", 30, 150),
            ("第十九届全国大学生智能汽车竞赛组织委员会", 28, 500),
        ]
    )
    assert find_members(DocType.award_certificate, text, "韩立新") == ["韩立新", "潘志远"]


@pytest.mark.parametrize(
    ("statement", "grade"),
    [(["荣获2023-2024学年度第一学期优秀学生综合奖学金", "丙等奖"], Grade.third), (["荣获综合一等奖学金"], Grade.first)],
)
def test_a_graded_scholarship_is_a_prize_of_its_grade(statement: list[str], grade: Grade) -> None:
    """Class 1: a scholarship graded 甲/乙/丙 or 一/二/三 is an award; one by name only (国家奖学金) an honour."""
    text = _certificate("荣誉证书", ["李明轩同学：", *statement, "特颁此证"], ["重庆大学", "二〇二四年五月"])
    decision = classify(text)
    assert decision.doc_type == DocType.award_certificate
    assert extract(decision.doc_type, text).grade == grade


def test_an_ungraded_contest_prize_is_an_award() -> None:
    statement = ["兹授予：孙一鸣 同学", "首届大学生Linux技能大赛优胜奖，", "以兹鼓励。"]
    text = _certificate("证书", statement, ["某某软件有限公司", "2023年5月"])
    assert classify(text).doc_type == DocType.award_certificate


def test_a_latin_cue_is_a_word_of_its_own() -> None:
    """CN before a journal's number is a publication's cue; the letters of a contest's logo (CCCCN) are not."""
    text = _certificate(
        "证书",
        ["CCCCN 团体程序设计天梯赛", "全国总决赛 成功参赛奖", "参赛队员（排名不分先后）：李明轩 王小雨", "主办单位"],
        ["全国高等学校计算机教育研究会", "2024年4月30日"],
    )
    assert classify(text).doc_type == DocType.award_certificate


@pytest.mark.parametrize(
    ("reading", "repaired"),
    [
        ("工业和信息化才受流中心", "工业和信息化部人才交流中心"),  # misread and lost characters of a listed body
        ("全国高校计算机教育研究会", "全国高校计算机教育研究会"),  # a short form, as printed
        ("中国电子协会", "中国电子协会"),  # too short to tell from another body
    ],
)
def test_a_national_bodys_misreading_is_repaired_only_towards_a_listed_body(reading: str, repaired: str) -> None:
    """Class 8: repair only towards a body that exists, and only a reading that is no body as it stands."""
    assert repair_body_name(reading) == repaired


@pytest.mark.parametrize("words", ["江苏", "荣誉", "计算机", "蓝桥杯", "祝贺您", "江苏大学", "荣获一"])
def test_heading_words_that_start_with_a_surname_are_no_names(words: str) -> None:
    """Class 3: a contest's or a school's words in large type are no holder (empty beats wrong)."""
    assert not is_person_name(words)


def test_a_closing_formula_read_into_the_sign_off_is_no_part_of_the_issuer() -> None:
    """Class 4: 特颁此证 and the committee's name read as one line."""
    text = _certificate(
        "获奖证书",
        ["李明轩、王小雨、赵子涵：", "在2024年福建省大学生电子设计竞赛中荣获一等奖。"],
        ["特颁此证福建省大学生电子设计竞赛组委会", "2024年9月"],
    )
    assert extract(DocType.award_certificate, text).issuer == "福建省大学生电子设计竞赛组委会"


def test_closed_up_team_members_part_by_the_commoner_surname() -> None:
    """Class 2: a team's members read as one run after its caption, where two partings have as many
    three-character names (周明阳 周强 | 周明 阳周强): the one whose surnames are common is the team."""
    text = _certificate(
        "第13届全国三维数字化创新设计大赛",
        ["赛区：福建赛区", "获得奖项：一等奖", "参赛院校：福建工程学院", "指导教师：罗晓峰",
         "团队成员：林一鸣王小雨韩俊周明阳周强", "参赛作品：智能升降装置"],
        ["组委会", "2020年10月"],
    )
    assert joined_names("林一鸣王小雨韩俊周明阳周强") == ["林一鸣", "王小雨", "韩俊", "周明阳", "周强"]
    decision = classify(text)
    assert decision.doc_type == DocType.award_certificate
    holder = extract(decision.doc_type, text).holder
    assert holder == "林一鸣"
    assert find_members(decision.doc_type, text, holder) == ["林一鸣", "王小雨", "韩俊", "周明阳", "周强", "罗晓峰"]


def test_a_student_projects_holder_is_its_member_never_its_advisor() -> None:
    """Class 2: a student research project lists its members, then its 指导老师; the project is the members'."""
    text = _certificate(
        "项目结题证书",
        ["项目名称：带抓取功能的无人机", "项目编号：CQU-SRTP-20230724",
         "项目批次：第十六届大学生科研训练计划（SRTP）项目",
         "项目成员：贺明轩,丁思远，林一鸣，周晓红", "指导老师：吉晓蕾", "结题成绩：良好"],
        ["重庆大学", "二〇二四年七月"],
    )
    decision = classify(text)
    assert decision.doc_type == DocType.research_project
    assert extract(decision.doc_type, text).holder == "贺明轩"


def test_a_team_captioned_without_a_colon_holds_its_award() -> None:
    """Class 2: 参赛队学生 and the team's names closed up after a space, no colon: the caption's own 学生 is no
    指导学生 before a student's name."""
    text = typed_page([
        ("National Undergraduate", 40, 120), ("荣获二〇二五年", 40, 960),
        ("Electronic Design Contest", 40, 120), ("全国大学生电子设计竞赛", 44, 850),
        ("参赛学校 重庆大学", 36, 110), ("(本科组)全国贰等奖", 48, 850),
        ("参赛队学生 林一鸣周晓红", 36, 100), ("特颁此证", 56, 975),
        ("全国大学生电子设计竞赛组织委员会", 40, 930), ("2025年8月", 40, 1090),
    ])
    decision = classify(text)
    assert decision.doc_type == DocType.award_certificate
    holder = extract(decision.doc_type, text).holder
    assert holder == "林一鸣"
    assert find_members(decision.doc_type, text, holder) == ["林一鸣", "周晓红"]


def test_a_compound_surnames_four_character_name_parts_from_a_closed_up_team() -> None:
    """Class 2: 欧阳 + two characters is one name among the team's closed-up names, not a run that parts no way."""
    assert joined_names("张文轩欧阳明诚李家琪") == ["张文轩", "欧阳明诚", "李家琪"]
    text = _certificate(
        "获奖证书",
        [
            "江苏大学：",
            "AI挖掘机参赛团队代表贵校参加2024年第六届全球校园人工智能算法精英大赛全国初赛，表现突出，成绩优异。",
            "荣获：二等奖",
            "指导老师：陈晓红",
            "团队成员：张文轩欧阳明诚李家琪",
        ],
        ["江苏省人工智能学会", "2024年12月"],
    )
    decision = classify(text)
    assert decision.doc_type == DocType.award_certificate
    holder = extract(decision.doc_type, text).holder
    assert holder == "张文轩"
    assert find_members(decision.doc_type, text, holder)[:3] == ["张文轩", "欧阳明诚", "李家琪"]


def test_winners_listed_in_a_column_under_their_caption_hold_the_award_and_a_venue_is_no_name() -> None:
    """Class 2: a contest certificate in two columns, the contest and its venue (南京·鼓楼) on the left, 参赛学生
    alone on a line and its names one a line under it, each with the school after a space."""
    text = placed_page([
        ("证书编号：ET2401942A3070", 8, 50, 52),
        ("参赛院校", 17, 522, 142),
        ("第十六届中国大学生服务外包创新创业大赛", 19, 49, 179),
        ("江苏大学", 14, 522, 176),
        ("东部区域赛", 20, 184, 203),
        ("参赛学生", 17, 522, 203),
        ("南京·鼓楼", 20, 189, 227),
        ("欧阳明诚 江苏大学", 12, 523, 235),
        ("张家琪", 15, 522, 253),
        ("江苏大学", 14, 577, 253),
        ("杨一凡", 15, 522, 271),
        ("江苏大学", 14, 575, 271),
        ("企业命题类", 36, 148, 277),
        ("三等奖", 37, 183, 319),
        ("指导老师", 17, 522, 340),
        ("周晓红江苏大学", 14, 522, 364),
        ("中国大学生服务外包创新创业大赛东部区域赛组委会", 15, 485, 485),
        ("二〇二五年五月", 15, 606, 506),
    ], 900, 620)
    assert not is_person_name("南京·鼓楼")
    assert is_person_name("阿依古丽·买买提")
    decision = classify(text)
    assert decision.doc_type == DocType.award_certificate
    holder = extract(decision.doc_type, text).holder
    winners = find_members(decision.doc_type, text, holder, winners_only=True)
    assert holder in winners
    assert sorted(winners) == sorted(["欧阳明诚", "张家琪", "杨一凡"])


def test_a_letter_addressed_to_its_authors_is_theirs() -> None:
    """Class 2: a journal's acceptance notice (用稿通知) addressed 尊敬的：name，name… is the first author's."""
    text = _certificate(
        "用稿通知",
        [
            "尊敬的：黄晓梅，陈思远，汪一凡，钟明轩",
            "我们很荣幸地通知您，您投稿于香港安麦出版社《社会经济导刊》",
            "期刊上的《生育支持政策下青年婚育观研究》文章已经成功通过审核，",
            "将在本刊2025年第11期刊登发表。",
        ],
        ["《社会经济导刊》编辑部", "2025年10月"],
    )
    assert extract(DocType.publication, text).holder == "黄晓梅"


def test_a_spaced_out_caption_still_lists_the_team() -> None:
    """Class 2: 队 and 员： read as two boxes, the team's names closed up after it; the coaches above are not the
    team."""
    team = placed_page(
        [
            ("获奖证书", 100, 286, 359),
            ("泉州信息工程学院", 35, 424, 673),
            ("创新创意赛-机器人+创新(总决赛)", 30, 244, 817),
            ("一等奖", 80, 439, 928),
            ("指导教师：黄晓梅陈建松", 30, 106, 1098),
            ("队", 33, 106, 1159),
            ("员：张正轩周一鸣高明远林子涵龙悦", 30, 183, 1161),
            ("中国自动化学会", 27, 744, 1308),
            ("2025年10月31日", 18, 747, 1345),
        ],
        width=1150,
        height=1500,
    )
    decision = classify(team)
    assert decision.doc_type == DocType.award_certificate
    holder = extract(decision.doc_type, team).holder
    assert holder == "张正轩"
    assert find_members(decision.doc_type, team, holder, winners_only=True) == [
        "张正轩", "周一鸣", "高明远", "林子涵", "龙悦"
    ]


def test_a_tiled_watermark_read_a_character_off_is_no_name() -> None:
    """Watermarks: 蓝桥杯 tiled over the page, one piece read 蓝桥木 in large type; the holder is the one addressed
    after the school (school + name：)."""
    pieces = typed_page(
        [
            ("获奖证书", 80, 440),
            ("蓝桥杯", 36, 150),
            ("蓝桥杯", 36, 800),
            ("泉州信息工程学院林子涵：", 36, 150),
            ("荣获第十五届蓝桥杯全国软件和信息技术", 36, 150),
            ("专业人才大赛全国总决赛单片机设计与开发大学", 36, 150),
            ("蓝桥木", 60, 700),
            ("组二等奖。", 36, 150),
            ("特发此证，以资鼓励。", 36, 150),
            ("蓝桥杯", 36, 500),
            ("蓝桥杯大赛组委会", 32, 650),
            ("2024年6月2日", 32, 650),
        ]
    )
    decision = classify(pieces)
    assert decision.doc_type == DocType.award_certificate
    assert extract(decision.doc_type, pieces).holder == "林子涵"


def test_a_project_leader_with_a_student_number_after_a_slash_holds_it() -> None:
    """Class 2: 项目负责人：name/student number, members likewise, then the 指导老师: the leader holds it."""
    text = _certificate(
        "结题证书",
        [
            "项目类别：西南科技大学大学生创新基金项目精准资助专项",
            "项目名称：懒人旅行（编号：JZ25-040）",
            "项目负责人：周一凡/2023012345",
            "项目成员：汪明轩/2023012346，廖一川/2023012347，陈思远/2023012348",
            "指导老师：张晓梅",
            "该项目经专家评审，予以合格结题，特发此证。",
        ],
        ["西南科技大学党委学生工作部", "二〇二六年六月"],
    )
    decision = classify(text)
    assert decision.doc_type == DocType.research_project
    assert extract(decision.doc_type, text).holder == "周一凡"


def test_a_signature_over_the_signers_office_is_no_holder() -> None:
    """The signer taken for the holder: a course certificate prints its holder's name alone and, larger, a
    signature over the signer's office (…总裁); the holder is the name alone, not the signature."""
    text = placed_page(
        [
            ("华为开发者学堂", 60, 350, 123),
            ("专业证书", 68, 394, 251),
            ("李明轩", 56, 471, 468),
            ("祝贺您在华为开发者学堂顺利完成学习并通过了考核", 26, 253, 596),
            ("HarmonyOS应用开发者基础认证", 44, 240, 700),
            ("发证日期：2025年03月31日", 23, 101, 970),
            ("周建国", 80, 750, 990),
            ("华为终端云服务总裁", 30, 720, 1072),
            ("发证机构：华为开发者联盟", 22, 103, 1081),
        ],
        1075,
        1300,
    )
    assert extract(DocType.continuing_education, text).holder == "李明轩"


def test_a_wrapped_paragraphs_words_are_no_sentence_about_a_holder() -> None:
    """A journal page's blurb wraps …本刊所有文 | 章均可在全球范围内…: 章均可 + 在 reads like a name opening a
    sentence, and the page's button (全文阅读) reads like a double surname's name. The byline's name standing alone is
    the author."""
    text = typed_page(
        [
            ("社会经济导刊", 40, 80),
            ("《社会经济导刊》长期以来注重质量，编排规范，选稿严格，学术水平较高，作为开源期刊，本刊所有文", 22, 100),
            ("章均可在全球范围内免费下载，且被中国主流数据收录。", 22, 100),
            ("生育支持政策下青年婚育观研究", 30, 300),
            ("全文阅读", 30, 900),
            ("黄晓梅", 24, 400),
            ("1西南科技大学计算机科学与技术学院，四川绵阳，621000;", 22, 300),
            ("摘要：本研究聚焦成都市18-35岁青年群体的婚育状况。", 22, 100),
        ]
    )
    assert extract(DocType.publication, text).holder == "黄晓梅"


# Class 4: a contest's committee named under its Latin brand keeps the letters.
@pytest.mark.parametrize(
    ("sign_off", "issuer"),
    [
        (["ROBOMASTER组委会"], "ROBOMASTER组委会"),
        (["ROBOMASTER 组委会"], "ROBOMASTER组委会"),
        (["iCAN大学生创新创业大赛组织委员会"], "iCAN大学生创新创业大赛组织委员会"),
        (["全国大学生机器人大赛", "RoboMaster组委会"], "全国大学生机器人大赛RoboMaster组委会"),
    ],
)
def test_a_committee_under_its_latin_brand_keeps_the_letters(sign_off: list[str], issuer: str) -> None:
    text = _certificate(
        "获奖证书",
        ["李明轩 同学", "在第二十届全国大学生机器人大赛机甲大师超级对抗赛中荣获一等奖。", "特发此状，以资鼓励。"],
        [*sign_off, "2021年8月"],
    )
    assert extract(DocType.award_certificate, text).issuer == issuer


def test_latin_letters_beside_a_body_are_still_no_part_of_it() -> None:
    """A signature read as letters beside a school's name, no committee: the school alone."""
    text = _certificate("荣誉证书", ["李明轩 同学", "被评为2022年度三好学生。"], ["Wang贵州大学", "2022年5月"])
    assert extract(DocType.honor_certificate, text).issuer == "贵州大学"


def _box(text: str, left: int, top: int, size: int, confidence: float = 0.99) -> TextLine:
    right = left + size * len(text)
    return TextLine(text, [(left, top), (right, top), (right, top + size), (left, top + size)], confidence)


def _read_page(lines: list[tuple[str, int, int, float]]) -> DocumentText:
    """A page typed line by line as `typed_page`, each line with the recogniser's confidence."""
    read, top = [], 100
    for text, size, left, confidence in lines:
        read.append(_box(text, left, top, size, confidence))
        top += size * 2
    return build_document_text([(1, read, 1200, 1700)])


@pytest.mark.parametrize(("heading", "read"), [("ROBOMASTER", "FOBOMASTER组委会"), ("DataCon", "otaCon组委会")])
def test_a_latin_brand_misread_under_the_seal_is_as_the_heading_prints_it(heading: str, read: str) -> None:
    """Class 4: the seal's red over the brand's first letters; the heading prints it clearly."""
    text = _read_page(
        [
            (heading, 30, 800, 1.0),
            ("获奖证书", 80, 440, 1.0),
            ("李明轩 同学", 36, 150, 1.0),
            ("在第二十届全国大学生机器人大赛中荣获二等奖。", 36, 150, 1.0),
            (read, 32, 650, 0.9),
            ("2021年8月", 32, 650, 0.99),
        ]
    )
    assert extract(DocType.award_certificate, text).issuer == heading + "组委会"


def test_a_latin_brand_read_as_printed_stays() -> None:
    """The sign-off reads the brand surely; a less sure reading elsewhere (a logo) does not change it."""
    text = _read_page(
        [
            ("DalaCon", 30, 800, 0.9),
            ("获奖证书", 80, 440, 1.0),
            ("李明轩 同学", 36, 150, 1.0),
            ("在大数据安全分析竞赛中荣获三等奖。", 36, 150, 1.0),
            ("DataCon组委会", 32, 650, 1.0),
            ("2024年12月", 32, 650, 0.99),
        ]
    )
    assert extract(DocType.award_certificate, text).issuer == "DataCon组委会"


@pytest.mark.parametrize(
    ("statement", "read", "issuer"),
    [
        (
            ["李明轩、王小雨、赵子涵：", "你们的作品在第八届中国国际“互联网+”大学生创", "新创业大赛中荣获铜奖。"],
            "中国国际“互联网大学生创新创业大赛组委会",
            "中国国际“互联网+”大学生创新创业大赛组委会",
        ),
        (
            ["李明轩 同学", "在第三届“盘古石杯”全国电子数据取证大赛晋级赛中荣获二等奖。"],
            "盘古石杯全国电子数据取证大赛组委会",
            "“盘古石杯”全国电子数据取证大赛组委会",
        ),
        (
            ["李明轩 同学", "在“福建省大学生电子设计竞赛”中荣获一等奖。"],
            "福建省大学生电子设计竞赛组委会",
            "福建省大学生电子设计竞赛组委会",
        ),
    ],
)
def test_a_contest_brand_whose_quotes_the_sign_off_lost_is_as_the_statement_prints_it(
    statement: list[str], read: str, issuer: str
) -> None:
    """Class 4: the sign-off under the seal lost the brand's quotes or its plus sign; the statement prints them.
    A statement that quotes the contest's whole name adds no quotes to its committee's."""
    text = _certificate("获奖证书", statement, [read, "2023年4月"])
    assert extract(DocType.award_certificate, text).issuer == issuer


def test_a_listed_body_on_two_lines_is_read_whole_though_a_watermark_runs_into_its_second() -> None:
    """Class 4: 工业和信息化部 | 人才交流中心 under its seal, its second line read with the watermark (蓝桥杯)."""
    text = _certificate(
        "荣誉证书",
        ["李明轩 同学", "在第十五届蓝桥杯全国软件和信息技术专业人才大赛中荣获三等奖。", "特发此证，以资鼓励。"],
        ["工业和信息化部", "蓝桥杯人才交流中心", "2024年6月2日"],
    )
    assert extract(DocType.award_certificate, text).issuer == "工业和信息化部人才交流中心"


def _boxes(lines: list[tuple[str, int, int, int]]) -> DocumentText:
    """A page of boxes placed by hand: (text, left, top, character size)."""
    return build_document_text([(1, [_box(*line) for line in lines], 1200, 1700)])


def test_a_watermark_word_is_no_piece_of_a_name() -> None:
    """Class 4: the page's watermark (蓝桥杯, printed over and over) touching a seal ring's fragment (化部) is no
    body; the committee that signs is the issuer."""
    watermark = [("蓝桥杯", left, top, 60) for left, top in ((100, 300), (700, 420), (400, 900), (900, 1100))]
    text = _boxes(
        [
            ("荣誉证书", 440, 120, 80),
            ("李明轩 同学", 150, 520, 36),
            ("在第十五届蓝桥杯全国软件和信息技术专业人才大赛中荣获三等奖。", 150, 600, 30),
            *watermark,
            ("蓝桥杯", 200, 1250, 60),
            ("化部", 382, 1262, 28),
            ("蓝桥杯大赛组委会", 640, 1330, 34),
            ("2024年6月2日", 700, 1400, 34),
        ]
    )
    assert extract(DocType.award_certificate, text).issuer == "蓝桥杯大赛组委会"


def test_a_hosts_list_that_wraps_under_its_own_names_is_no_issuer() -> None:
    """Class 4: 承办单位： over a list of regions' hosts, its last one wrapped to the right under the names above it
    (总决赛 - 安徽工程大学 | 武汉纺织大学); the committee signs on the left under 竞赛组委会：."""
    regions = [
        "华北赛区 - 山东大学", "华东赛区 - 南京信息工程大学", "华南赛区 - 深圳职业技术大学", "东北赛区 - 辽宁科技大学",
        "西部赛区 - 重庆邮电大学", "湖北赛区 - 湖北工业大学", "河南赛区 - 河南科技学院", "总决赛 - 安徽工程大学",
    ]
    text = _boxes(
        [
            ("获奖证书", 440, 120, 80),
            ("李明轩 同学", 150, 400, 36),
            ("在第十九届全国大学生智能汽车竞赛中荣获一等奖。", 150, 480, 30),
            ("竞赛组委会：", 120, 700, 24),
            ("主办单位：", 560, 700, 24),
            ("承办单位：", 800, 700, 24),
            ("第十九届全国大学生智能汽车竞赛", 120, 735, 24),
            ("中国自动化学会", 560, 735, 24),
            ("组织委员会", 120, 770, 24),
            *((region, 800, 735 + 35 * i, 24) for i, region in enumerate(regions)),
            ("武汉纺织大学", 930, 735 + 35 * len(regions), 24),
        ]
    )
    assert extract(DocType.award_certificate, text).issuer == "第十九届全国大学生智能汽车竞赛组织委员会"


@pytest.mark.parametrize("closing", ["特颁此证", "特发此状", "特此表彰"])
def test_a_closing_formula_on_its_own_line_over_the_sign_off_is_no_part_of_the_issuer(closing: str) -> None:
    """Class 4: 特颁此证 set right above the committee's name, centred on it, is no first half of a two-line name."""
    text = _boxes(
        [
            ("获奖证书", 440, 120, 80),
            ("参赛队员 李明轩 王小雨", 150, 500, 36),
            ("在2024年福建省大学生电子设计竞赛中荣获壹等奖。", 150, 600, 30),
            (closing, 880, 1110, 40),
            ("福建省大学生电子设计竞赛组委会", 660, 1160, 40),
            ("2024年9月", 780, 1230, 40),
        ]
    )
    assert extract(DocType.award_certificate, text).issuer == "福建省大学生电子设计竞赛组委会"


@pytest.mark.parametrize(
    ("ring", "name"),
    [("共产主义", "共青团贵州大学委员会"), ("西南科技术", "西南科技大学党委学生工作部")],
)
def test_a_seal_rings_words_over_the_printed_name_are_no_first_half_of_it(ring: str, name: str) -> None:
    """Class 4: the ring of the seal pressed over the sign-off reads above the name, centred on it (中国共产主义青年团…
    of a league committee's seal, the university's name again): the printed name is the issuer."""
    centre, size = 900, 40
    text = _boxes(
        [
            ("荣誉证书", 440, 120, 80),
            ("李明轩 同学", 150, 500, 36),
            ("在2023年度被评为优秀共青团员。", 150, 600, 36),
            (ring, centre - size * len(ring) // 2, 1100, size),
            (name, centre - size * len(name) // 2, 1150, size),
            ("二〇二四年五月", centre - size * 7 // 2, 1220, size),
        ]
    )
    assert extract(DocType.honor_certificate, text).issuer == name


@pytest.mark.parametrize("office", ["贵州大学招生就业处", "贵州师范学院学生工作处"])
def test_a_university_office_signs_under_its_own_name(office: str) -> None:
    """A university's office (…处) signs its students' awards; 处 alone after no university ends no body."""
    text = _certificate(
        "荣誉证书",
        ["李明轩、王小雨 同学：", "在2025年毕业季主题视频征集活动中荣获优秀视频奖。", "特发此证，以资鼓励。"],
        [office, "二〇二五年五月十六日"],
    )
    fields = extract(DocType.honor_certificate, text)
    assert (fields.issuer, fields.level) == (office, Level.school)
