"""Wordings and issuers the benchmark's templates do not print, as real certificates do: each page is typed
line by line (one line per row, sign-off at the right), so what is tested is the readers, not the OCR."""

from __future__ import annotations

import pytest

from models.page import TextLine
from models.report import DocumentReport, Fields
from models.vocab import AwardCategory, DocType, Grade, Level, RegistrationResult, TitleRank
from tests.understanding.cases import PAGE_HEIGHT, PAGE_WIDTH, placed_page, typed_page
from verifier.classify import classify
from verifier.crosscheck import check_holder
from verifier.extract import extract
from verifier.text import DocumentText, build_document_text
from verifier.understand.members import find_members

_WIDTH, _HEIGHT = PAGE_WIDTH, PAGE_HEIGHT
_page = typed_page


def test_lesson_contest_signed_by_a_research_institute_is_a_lesson_award() -> None:
    text = _page(
        [
            ("获奖证书", 80, 440),
            ("刘建国 老师：", 36, 150),
            ("您在2021年黔南州中小学优质课评选活动中，", 36, 150),
            ("荣获 初中数学组 二等奖。", 36, 150),
            ("黔南布依族苗族自治州教育局", 32, 620),
            ("黔南州教育科学研究所", 32, 620),
            ("2021年12月", 32, 700),
        ]
    )
    assert classify(text).doc_type == DocType.award_certificate
    fields = extract(DocType.award_certificate, text)
    # The institute's name (教育科学研究所) does not make the award a research one.
    assert fields.award_category == AwardCategory.quality_lesson
    assert (fields.holder, fields.grade, fields.level) == ("刘建国", Grade.second, Level.municipal)


def test_trainee_named_in_a_sentence_that_goes_on_with_its_date() -> None:
    text = _page(
        [
            ("结业证书", 80, 440),
            ("学员 陈静 于2023年7月10日至7月14日", 36, 150),
            ("参加六盘水市中小学骨干教师培训，", 36, 150),
            ("共计24学时，成绩合格，准予结业。", 36, 150),
            ("六盘水市教师发展中心", 32, 650),
            ("2023年7月14日", 32, 700),
        ]
    )
    fields = extract(classify(text).doc_type, text)
    assert (fields.holder, fields.hours, fields.issue_date) == ("陈静", 24.0, "2023-07-14")


def _training_certificate(sign_off: str | None) -> DocumentText:
    lines = [
        ("继续教育证书", 80, 440),
        ("赵明远 老师：", 36, 150),
        ("于2020年4月30日参加2020年班主任能", 36, 150),
        ("力提升培训，完成规定的学习任务，经考", 36, 150),
        ("核合格，准予结业，共计12学时。", 36, 150),
        ("四川省教育厅", 32, 650),
    ]
    return _page(lines + ([(sign_off, 32, 700)] if sign_off else []))


@pytest.mark.parametrize(
    ("sign_off", "issue_date"),
    [
        ("2020年11月20日", "2020-11-20"),  # read: the sign-off dates the certificate
        ("2020年-11月20日", "2020-11-20"),  # a stray dash after 年 is no part of the date
        ("2020411月20日", None),  # 年 read as 41: no date, and the training's date is not the certificate's
        ("二O二O牛十一月二十日", None),  # 年 read as 牛
        (None, "2020-04-30"),  # no sign-off date printed: the body's is all there is
    ],
)
def test_a_garbled_sign_off_date_leaves_the_issue_date_empty(sign_off: str | None, issue_date: str | None) -> None:
    text = _training_certificate(sign_off)
    assert extract(classify(text).doc_type, text).issue_date == issue_date


def test_party_committee_keeps_its_party_prefix() -> None:
    text = _page(
        [
            ("荣誉证书", 80, 440),
            ("赵敏同志被评为2021年度六盘水市优秀教师。", 36, 150),
            ("中共六盘水市委", 32, 500),
            ("六盘水市人民政府", 32, 800),
            ("2021年9月", 32, 700),
        ]
    )
    fields = extract(DocType.honor_certificate, text)
    assert fields.issuer == "中共六盘水市委"
    assert fields.level == Level.municipal


@pytest.mark.parametrize("body", ["遵义市电化教育馆", "贵阳市电教馆", "六盘水市少年宫"])
def test_audio_visual_centres_and_youth_palaces_sign_as_bodies(body: str) -> None:
    text = _page(
        [
            ("获奖证书", 80, 440),
            ("杨帆：", 36, 150),
            ("你在2023年中小学微课大赛中荣获特等奖。", 36, 150),
            (body, 32, 700),
            ("二〇二三年十月", 32, 700),
        ]
    )
    fields = extract(DocType.award_certificate, text)
    assert fields.issuer == body
    assert fields.level == Level.municipal
    assert fields.grade == Grade.special


def test_holder_after_a_granting_caption() -> None:
    text = _page(
        [
            ("荣誉证书", 80, 440),
            ("授予：李四", 36, 150),
            ("六盘水市骨干教师称号", 36, 150),
            ("六盘水市教育局", 32, 700),
            ("2020年12月", 32, 700),
        ]
    )
    assert extract(DocType.honor_certificate, text).holder == "李四"


@pytest.mark.parametrize(
    ("title", "rank"),
    [("中小学高级教师", TitleRank.senior), ("小学高级教师", TitleRank.first), ("中小学一级教师", TitleRank.first)],
)
def test_unified_series_title_is_not_read_as_the_old_primary_school_one(title: str, rank: TitleRank) -> None:
    text = _page(
        [
            ("专业技术职务任职资格证书", 70, 250),
            ("姓名：陈红", 36, 150),
            (f"资格名称：{title}", 36, 150),
            ("证书编号：GZ2019-0321", 36, 150),
            ("发证机关：贵州省人力资源和社会保障厅", 36, 150),
            ("2019年12月20日", 36, 150),
        ]
    )
    assert classify(text).doc_type == DocType.title_certificate
    fields = extract(DocType.title_certificate, text)
    assert fields.title_rank == rank
    assert fields.issuer == "贵州省人力资源和社会保障厅"


def test_names_listed_together_lead_with_the_first() -> None:
    from verifier.understand.holder import listed_names

    text = _page(
        [
            ("获奖证书", 80, 440),
            ("王芳、李丽、张伟同志的《基于项目式学习的初中物理教学研究》", 36, 150),
            ("荣获贵州省第六届基础教育教学成果奖二等奖。", 36, 150),
            ("贵州省人民政府", 32, 700),
            ("二〇二一年十一月", 32, 700),
        ]
    )
    assert extract(DocType.award_certificate, text).holder == "王芳"  # not 张伟, the name before 同志
    assert listed_names("授予王芳、李丽老师") == [["王芳", "李丽"]]
    assert listed_names("语文、数学、英语") == []


def test_holder_after_a_certifying_colon() -> None:
    text = _page(
        [
            ("证明", 80, 500),
            ("兹证明：王芳，女，1985年3月出生，", 36, 150),
            ("系我校在编教师，2020年度考核等次为优秀。", 36, 150),
            ("钟山区第三小学", 32, 700),
            ("2021年1月5日", 32, 700),
        ]
    )
    assert extract(classify(text).doc_type, text).holder == "王芳"


def test_appointee_named_without_an_honorific() -> None:
    text = _page(
        [
            ("聘任证书", 80, 420),
            ("兹聘任王芳为中小学一级教师，", 36, 150),
            ("聘期自2020年9月1日至2023年8月31日。", 36, 150),
            ("钟山区第三小学", 32, 700),
            ("2020年9月1日", 32, 700),
        ]
    )
    assert classify(text).doc_type == DocType.appointment_letter
    fields = extract(DocType.appointment_letter, text)
    assert (fields.holder, fields.title_rank, fields.issue_date) == ("王芳", TitleRank.first, "2020-09-01")


def test_journal_name_above_its_issue() -> None:
    text = _page(
        [
            ("中国教育学刊", 40, 100),
            ("2021年第5期", 30, 100),
            ("核心素养视域下的初中语文阅读教学策略", 50, 150),
            ("王芳", 36, 500),
            ("（贵州省六盘水市第一中学，贵州 六盘水 553000）", 28, 250),
            ("摘要：本文探讨了阅读教学的策略。", 30, 150),
        ]
    )
    assert classify(text).doc_type == DocType.publication
    fields = extract(DocType.publication, text)
    assert (fields.holder, fields.issuer, fields.issue_date) == ("王芳", "中国教育学刊", "2021-05")


def test_training_total_is_taken_over_its_parts() -> None:
    text = _page(
        [
            ("继续教育学时证明", 70, 350),
            ("兹证明王芳同志参加2022年度中小学教师继续教育，", 36, 150),
            ("完成公需科目30学时、专业科目60学时，共计90学时。", 36, 150),
            ("六盘水市教师发展中心", 32, 650),
            ("2022年12月20日", 32, 700),
        ]
    )
    assert classify(text).doc_type == DocType.continuing_education
    assert extract(DocType.continuing_education, text).hours == 90.0


def test_recommendation_form_is_no_title_certificate() -> None:
    text = _page(
        [
            ("专业技术职务任职资格推荐表", 60, 250),
            ("姓名 王芳 性别 女 出生年月 1985.03", 32, 150),
            ("现任职务 一级教师 任职时间 2015.09", 32, 150),
            ("单位意见 同意推荐", 32, 150),
            ("钟山区第三小学（盖章）", 32, 650),
            ("2023年6月1日", 32, 700),
        ]
    )
    assert classify(text).doc_type == DocType.personnel_form


def test_english_date_is_no_certificate_number() -> None:
    text = _page(
        [
            ("CERTIFICATE", 60, 300),
            ("Awarded to", 32, 200),
            ("WANG FANG", 40, 200),
            ("for successfully completing 36 hours of", 32, 200),
            ("Professional Development in English Teaching", 32, 200),
            ("Cambridge English Teacher Centre", 32, 600),
            ("12 March 2022", 32, 600),
        ]
    )
    fields = extract(DocType.continuing_education, text)
    assert (fields.certificate_no, fields.issue_date, fields.hours) == (None, "2022-03-12", 36.0)


def test_news_report_of_an_award_is_no_certificate() -> None:
    text = _page(
        [
            ("我市教师在全省优质课比赛中再创佳绩", 50, 150),
            ("本报讯 近日，贵州省第十届中小学优质课比赛结果揭晓，", 32, 150),
            ("我市共有12名教师获奖，其中一等奖3名、二等奖5名。", 32, 150),
            ("（记者 张三）", 32, 150),
        ]
    )
    assert classify(text).doc_type == DocType.other


@pytest.mark.parametrize(
    "sign_off",
    [
        [("六盘水市教育局 2022年9月10日", 32, 600)],  # the name and the date on one line
        [("六盘水市教育局（公章）", 32, 650), ("2022年9月10日", 32, 700)],  # a printed seal remark, no ring text
    ],
)
def test_sign_off_sharing_its_line(sign_off: list[tuple[str, int, int]]) -> None:
    text = _page([("荣誉证书", 80, 440), ("王芳同志：", 36, 150), ("被评为2022年度优秀教师。", 36, 150), *sign_off])
    fields = extract(DocType.honor_certificate, text)
    assert (fields.issuer, fields.issue_date, fields.level) == ("六盘水市教育局", "2022-09-10", Level.municipal)


def test_registration_authority_caption_is_not_part_of_the_issuer() -> None:
    text = _page(
        [
            ("教师资格定期注册", 80, 300),
            ("注册结论 合格", 36, 150),
            ("注册有效期 2020年9月1日至2025年8月31日", 36, 150),
            ("注册机关 南昌市东湖区教育体育局", 36, 150),
            ("2020年8月20日", 36, 150),
        ]
    )
    assert classify(text).doc_type == DocType.qualification_registration
    fields = extract(DocType.qualification_registration, text)
    assert (fields.issuer, fields.level, fields.issue_date) == ("南昌市东湖区教育体育局", Level.county, "2020-08-20")


def test_achievement_holder_after_its_completer_caption() -> None:
    text = _page(
        [
            ("获奖证书", 80, 440),
            ("成果名称：基于核心素养的小学数学教学实践", 36, 150),
            ("获奖等级：二等奖", 36, 150),
            ("成果完成人：李红（第二完成人）", 36, 150),
            ("四川省人民政府", 32, 650),
            ("2022年3月", 32, 700),
        ]
    )
    fields = extract(classify(text).doc_type, text)
    # 成果 starts like a name (成 is a surname) and 完成 like a sentence: neither makes it the holder.
    assert (fields.holder, fields.rank, fields.grade) == ("李红", 2, Grade.second)


def test_approval_number_caption_is_not_part_of_the_number() -> None:
    text = _page(
        [
            ("专业技术职务任职资格证书", 70, 200),
            ("姓名 周敏", 36, 150),
            ("资格名称 中学一级教师", 36, 150),
            ("批准文号 黔人社职称〔2018〕15号", 36, 150),
            ("贵州省人力资源和社会保障厅", 32, 600),
        ]
    )
    fields = extract(DocType.title_certificate, text)
    assert fields.certificate_no == "黔人社职称〔2018〕15号"


def test_form_cells_read_as_one_line_still_name_the_holder() -> None:
    text = _page([("推荐考核结果公示表", 70, 300), ("姓名 王芳 性别 女 申报职称 一级教师", 36, 150)])
    assert extract(DocType.publicity_form, text).holder == "王芳"


def test_journal_byline_with_its_unit_on_the_same_line() -> None:
    text = _page(
        [
            ("中国教育学刊", 70, 300),
            ("2021年第5期", 36, 150),
            ("CN11-2606/G4  ISSN1002-4808", 36, 150),
            ("浅谈小学语文阅读教学", 50, 300),
            ("李明（贵州省六盘水市第三中学）", 30, 350),
            ("摘要：阅读教学是小学语文教学的重要组成部分", 30, 150),
        ]
    )
    assert classify(text).doc_type == DocType.publication
    assert extract(DocType.publication, text).holder == "李明"


def test_one_teacher_one_good_lesson_is_a_lesson_award() -> None:
    text = _page(
        [
            ("荣誉证书", 80, 440),
            ("王芳 老师在2022年六盘水市", 36, 150),
            ("“一师一优课”评选活动中荣获市级优课。", 36, 150),
            ("六盘水市教育局", 32, 650),
            ("2022年12月", 32, 700),
        ]
    )
    assert classify(text).doc_type == DocType.award_certificate
    assert extract(DocType.award_certificate, text).award_category == AwardCategory.quality_lesson


def test_foreign_award_is_typed_with_its_prize() -> None:
    text = _page(
        [
            ("CERTIFICATE OF ACHIEVEMENT", 50, 200),
            ("This is to certify that Zhang Wei", 30, 150),
            ("has been awarded the First Prize", 30, 150),
            ("in the 2022 International Teaching Competition.", 30, 150),
            ("International Education Association", 30, 500),
            ("December 10, 2022", 30, 600),
        ]
    )
    assert classify(text).doc_type == DocType.award_certificate
    fields = extract(DocType.award_certificate, text)
    assert (fields.holder, fields.grade, fields.issue_date) == ("Zhang Wei", Grade.first, "2022-12-10")


@pytest.mark.parametrize(
    ("statement", "years"),
    [
        ("您从教三十周年，特发此证。", 30),
        ("您在教育岗位上辛勤耕耘三十载，特发此证。", 30),
        ("您已有三十年教龄，特发此证。", 30),
        ("您从事教育工作已满二十五周年。", 25),
    ],
)
def test_years_of_service_in_other_wordings(statement: str, years: int) -> None:
    text = _page([("荣誉证书", 80, 440), ("王大明同志：", 36, 150), (statement, 36, 150), ("贵州省人民政府", 32, 650)])
    assert classify(text).doc_type == DocType.teaching_service_honor
    assert extract(DocType.teaching_service_honor, text).service_years == years


def test_lesson_plan_topic_is_no_research_project() -> None:
    text = _page(
        [
            ("教学设计", 80, 440),
            ("课题：分数的初步认识", 36, 150),
            ("教学目标：1.理解分数的意义", 36, 150),
            ("教学重点：分数的读写", 36, 150),
            ("执教：王芳", 36, 150),
        ]
    )
    assert classify(text).doc_type == DocType.other


@pytest.mark.parametrize(
    ("printed", "number"),
    [
        ("证书编号：黔教师〔2021〕第0123号", "黔教师〔2021〕第0123号"),
        ("编号：（2021）黔教字第015号", "〔2021〕黔教字第015号"),
        ("证书号：教继字2021第0315号", "教继字2021第0315号"),
        ("证书编号：黔教职2020-0158", "黔教职2020-0158"),  # led by the issuer's short words, no 号
        ("证书编号：鲁教师资A2019003", "鲁教师资A2019003"),
    ],
)
def test_certificate_number_with_words_in_it(printed: str, number: str) -> None:
    text = _page(
        [("荣誉证书", 80, 440), ("王芳同志：被评为优秀教师。", 36, 150), (printed, 28, 150), ("贵州省教育厅", 32, 650)]
    )
    assert extract(DocType.honor_certificate, text).certificate_no == number


@pytest.mark.parametrize(
    ("statement", "hours"),
    [
        ("共计40小时，考核合格。", 40.0),
        ("完成40课时的学习，成绩合格。", 40.0),
        ("计 4 0 学时", 40.0),
        ("完成0学时", None),
    ],
)
def test_training_hours_in_other_units_and_spacings(statement: str, hours: float | None) -> None:
    text = _page(
        [
            ("培训证书", 80, 440),
            ("王芳 老师参加2022年盘州市小学数学骨干教师培训，", 36, 150),
            (statement, 36, 150),
            ("盘州市教师发展中心", 32, 650),
        ]
    )
    assert extract(DocType.continuing_education, text).hours == hours


@pytest.mark.parametrize(
    "body",
    [
        [("学生：李四  指导教师：王芳", 36, 150), ("在2022年贵州省青少年科技创新大赛中荣获二等奖。", 36, 150)],
        [
            ("李四 同学：", 36, 150),
            ("在2022年六盘水市中小学生书法比赛中荣获一等奖。", 36, 150),
            ("指导老师：王芳", 36, 150),
        ],
    ],
)
def test_student_certificate_naming_the_coach_is_the_coach_evidence(body: list[tuple[str, int, int]]) -> None:
    """The students' award (its holder the winner, as real labels have it), the coach among its members: when the
    coach applies, it is the coach's instructor_award."""
    text = _page([("获奖证书", 80, 440), *body, ("六盘水市教育局", 32, 650), ("2022年6月", 32, 700)])
    assert classify(text).doc_type == DocType.award_certificate
    holder = extract(DocType.award_certificate, text).holder
    assert holder == "李四"
    doc = DocumentReport(
        file="a.jpg",
        doc_type=DocType.award_certificate,
        fields=Fields(holder=holder),
        text=text.full,
        members=find_members(DocType.award_certificate, text, holder),
    )
    check_holder(doc, "王芳")
    assert (doc.doc_type, doc.fields.holder, doc.flags) == (DocType.instructor_award, "王芳", [])


def test_teacher_prize_naming_a_mentor_stays_the_teacher_award() -> None:
    text = _page(
        [
            ("获奖证书", 80, 440),
            ("获奖教师：王芳  指导教师：李明", 36, 150),
            ("在2022年六盘水市初中数学优质课评选中荣获一等奖。", 36, 150),
            ("六盘水市教育局", 32, 650),
        ]
    )
    assert classify(text).doc_type == DocType.award_certificate
    assert extract(DocType.award_certificate, text).holder == "王芳"


def test_two_bodies_read_as_one_run_are_kept_apart() -> None:
    text = _page(
        [
            ("获奖证书", 80, 440),
            ("梁晓东 同志：", 36, 150),
            ("在2020年遵义市中小学优质课比赛中，荣获小学语文组一等奖。", 36, 150),
            ("遵义市教育局  遵义市教育科学研究所", 32, 500),
            ("2020年12月", 32, 700),
        ]
    )
    fields = extract(DocType.award_certificate, text)
    assert (fields.issuer, fields.level) == ("遵义市教育局 遵义市教育科学研究所", Level.municipal)


def test_college_keeps_its_short_place_name() -> None:
    text = _page(
        [
            ("结业证书", 80, 440),
            ("王芳 同志于2021年7月参加“国培计划（2021）”贵州省乡村教师能力提升培训项目，", 32, 100),
            ("完成规定学习任务，考核合格，准予结业。", 32, 100),
            ("贵州师范大学继续教育学院", 32, 650),
            ("2021年7月30日", 32, 700),
        ]
    )
    # The body text prints 贵州省; the university's name is 贵州师范大学 all the same.
    assert extract(DocType.continuing_education, text).issuer == "贵州师范大学继续教育学院"


def test_notice_addressees_are_not_its_issuer() -> None:
    text = _page(
        [
            ("六盘水市教育局", 80, 300),
            ("关于表彰2022年度教育教学先进个人的通报", 36, 150),
            ("各县（市、区）教育局：", 36, 100),
            ("经研究，对王芳等20名同志予以通报表彰。", 36, 150),
            ("六盘水市教育局", 32, 650),
            ("2022年12月20日", 32, 700),
        ]
    )
    assert classify(text).doc_type == DocType.commendation_document
    assert extract(DocType.commendation_document, text).issuer == "六盘水市教育局"


def test_assessment_form_row_about_the_person_is_not_the_sign_off() -> None:
    text = _page(
        [
            ("年度考核登记表", 80, 300),
            ("姓名 王芳 单位 盘州市第二中学", 36, 150),
            ("考核年度 2022年度", 36, 150),
            ("考核等次 优秀", 36, 150),
            ("盘州市第二中学", 32, 650),
            ("2023年1月10日", 32, 700),
        ]
    )
    fields = extract(DocType.assessment_record, text)
    assert (fields.holder, fields.issuer) == ("王芳", "盘州市第二中学")


def test_employment_certificate_is_an_appointment() -> None:
    text = _page(
        [
            ("聘用证书", 80, 440),
            ("王芳同志：", 36, 150),
            ("经研究，决定聘用您为中小学高级教师，", 36, 150),
            ("聘用期限自2021年1月1日至2023年12月31日。", 36, 150),
            ("盘州市第二中学", 32, 650),
            ("2021年1月1日", 32, 700),
        ]
    )
    assert classify(text).doc_type == DocType.appointment_letter
    fields = extract(DocType.appointment_letter, text)
    assert (fields.holder, fields.issue_date, fields.title_rank) == ("王芳", "2021-01-01", TitleRank.senior)


def test_registration_table_row_names_its_authority_in_the_last_cell() -> None:
    text = _page(
        [
            ("定期注册记录", 80, 300),
            ("注册次数 注册结论 注册有效期 注册机构", 32, 100),
            ("第一次 合格 2016.09.01-2021.08.31 盘州市教育局", 32, 100),
        ]
    )
    fields = extract(DocType.qualification_registration, text)
    assert (fields.issuer, fields.level) == ("盘州市教育局", Level.county)


def test_degree_whose_sign_off_was_lost_is_awarded_by_the_university_it_names() -> None:
    text = _page(
        [
            ("学士学位证书", 80, 300),
            ("尹丽蓉，女，1986年8月26日生。在贵州师范大学物理", 36, 150),
            ("学专业完成了本科学习计划，业已毕业，经审核符合《中华", 36, 150),
            ("人民共和国学位条例》的规定，授予理学学士学位。", 36, 150),
            ("校(院)长:A范大学", 32, 300),  # the seal over the principal's signature and the name
            ("二〇〇八年七月", 32, 650),
        ]
    )
    fields = extract(DocType.academic_certificate, text)
    assert (fields.issuer, fields.level) == ("贵州师范大学", Level.school)


def test_unit_cell_of_a_form_is_not_its_sign_off() -> None:
    read = [
        TextLine(text, [(x, y), (x + 30 * len(text), y), (x + 30 * len(text), y + 30), (x, y + 30)], 0.95)
        for text, x, y in [
            ("2020年度事业单位工作人员年度考核登记表", 200, 100),
            ("姓名", 150, 200),
            ("王峰志", 400, 200),
            ("性别", 700, 200),
            ("男", 900, 200),
            ("单位", 150, 260),
            ("铁力市第一中学", 350, 260),
            ("职务", 700, 260),
            ("语文教师", 900, 260),
            ("考核等次", 150, 600),
            ("优秀", 600, 600),
        ]
    ]
    text = build_document_text([(1, read, _WIDTH, _HEIGHT)])
    # The sign-off (铁力市教育局) was not read: the person's unit does not stand in for it.
    assert extract(DocType.assessment_record, text).issuer is None


@pytest.mark.parametrize("sign_off", ["市州形数有局", "教育局"])
def test_bureau_read_without_its_place_names_no_issuer(sign_off: str) -> None:
    text = _page(
        [("荣誉证书", 80, 440), ("王芳同志：", 36, 150), ("被评为2022年度优秀教师。", 36, 150), (sign_off, 32, 650)]
    )
    assert extract(DocType.honor_certificate, text).issuer is None


@pytest.mark.parametrize(
    "statement",
    ["王芳同志被确定为六盘水市第二批名师工作室主持人。", "经考核认定，王芳同志为六盘水市第五批市级骨干教师。"],
)
def test_designations_are_honours(statement: str) -> None:
    text = _page([("证书", 80, 520), (statement, 36, 100), ("六盘水市教育局", 32, 650), ("2020年3月", 32, 700)])
    assert classify(text).doc_type == DocType.honor_certificate
    fields = extract(DocType.honor_certificate, text)
    assert (fields.holder, fields.level) == ("王芳", Level.municipal)


def test_womens_federation_signs_as_a_body() -> None:
    text = _page(
        [
            ("荣誉证书", 80, 440),
            ("王芳同志被评为2021年度六盘水市三八红旗手。", 36, 150),
            ("六盘水市妇女联合会", 32, 650),
            ("2021年3月", 32, 700),
        ]
    )
    fields = extract(DocType.honor_certificate, text)
    assert (fields.issuer, fields.level) == ("六盘水市妇女联合会", Level.municipal)


@pytest.mark.parametrize(
    "salutation",
    [
        "王芳老帅：",
        "王芳同忐：",
        "王芳（盘州市第二中学）：",
        "王芳老师（盘州市第二中学）：",
        "盘州市第二中学 王芳 老师：",
        "红果街道中心学校王芳同志：",
    ],
)
def test_salutation_with_a_misread_honorific_or_the_unit(salutation: str) -> None:
    text = _page(
        [
            ("荣誉证书", 80, 440),
            (salutation, 36, 150),
            ("在2022年度教育教学工作中成绩突出，被评为优秀教师。", 36, 150),
            ("盘州市教育局", 32, 650),
        ]
    )
    assert extract(DocType.honor_certificate, text).holder == "王芳"


def test_holder_unit_says_nothing_of_the_level_when_no_issuer_was_read() -> None:
    read = [
        TextLine(text, [(x, y), (x + 30 * len(text), y), (x + 30 * len(text), y + 30), (x, y + 30)], 0.95)
        for text, x, y in [
            ("专业技术资格证书", 400, 100),
            ("姓名", 250, 200),
            ("陈志晶", 450, 200),
            ("工作单位", 250, 260),
            ("敖汉旗民族中学", 450, 260),
            ("资格名称", 250, 320),
            ("一级教师", 450, 320),
            ("评审组织", 250, 380),
            ("敖汉旗中小学教师中级职务评委员", 450, 380),  # 审 and 会 lost
        ]
    ]
    fields = extract(DocType.title_certificate, build_document_text([(1, read, _WIDTH, _HEIGHT)]))
    assert fields.issuer is None
    assert fields.level is None  # not the school the teacher works at


def test_holder_unit_on_the_captions_line_is_no_issuer() -> None:
    text = _page(
        [
            ("获奖证书", 80, 440),
            ("姓名：赵六", 36, 150),
            ("单位：水城区第三小学", 36, 150),
            ("在六盘水市第五届中小学教师教学技能大赛中荣获小学组特等奖", 36, 150),
            ("六盘水市教育局", 32, 650),
            ("2019年5月", 32, 700),
        ]
    )
    fields = extract(DocType.award_certificate, text)
    assert (fields.holder, fields.issuer, fields.level) == ("赵六", "六盘水市教育局", Level.municipal)


def test_project_leader_captioned_in_a_table_ranks_first() -> None:
    text = _page(
        [
            ("课题立项证书", 80, 300),
            ("课题名称 农村小学作文教学策略研究", 36, 150),
            ("课题编号 2019B087", 36, 150),
            ("课题主持人 罗文", 36, 150),
            ("所在单位 盘州市第二中学", 36, 150),
            ("六盘水市教育科学研究所", 32, 650),
            ("2019年6月", 32, 700),
        ]
    )
    fields = extract(DocType.research_project, text)
    assert (fields.holder, fields.rank, fields.certificate_no) == ("罗文", 1, "2019B087")


def test_online_training_certificate_with_an_identity_number() -> None:
    text = _page(
        [
            ("培训合格证书", 80, 300),
            ("学员：王芳", 36, 150),
            ("身份证号：520222198503121234", 36, 150),
            ("于2021年10月参加“国培计划（2021）”网络研修，", 36, 150),
            ("完成培训学时50学时，考核合格。", 36, 150),
            ("证书编号：GP2021-0012345", 30, 150),
            ("中国教师研修网", 32, 650),
            ("2021年12月", 32, 700),
        ]
    )
    fields = extract(DocType.continuing_education, text)
    # 身份证号 captions the holder's identity number, not the certificate's; a platform signs as a body.
    assert (fields.certificate_no, fields.issuer, fields.hours) == ("GP2021-0012345", "中国教师研修网", 50.0)


def test_ministry_department_signs_as_a_body() -> None:
    text = _page(
        [
            ("学时证明", 80, 440),
            ("王芳 老师：", 36, 150),
            ("参加2023年寒假教师研修，完成10学时的学习。", 36, 150),
            ("教育部教师工作司", 32, 650),
            ("2023年3月1日", 32, 700),
        ]
    )
    fields = extract(DocType.continuing_education, text)
    assert (fields.issuer, fields.level) == ("教育部教师工作司", Level.national)


def test_year_beside_the_credits_is_not_their_number() -> None:
    text = _page(
        [
            ("继续教育学分登记证", 80, 300),
            ("姓名 王芳 单位 盘州市第二中学", 36, 150),
            ("年度 2022 学分 72", 36, 150),
            ("盘州市教育局", 32, 650),
        ]
    )
    assert extract(DocType.continuing_education, text).credits == 72.0


def test_school_announcement_of_an_award_is_no_certificate() -> None:
    text = _page(
        [
            ("喜报", 80, 520),
            ("热烈祝贺我校王芳老师在2022年贵州省中小学优质课比赛中", 36, 100),
            ("荣获一等奖！", 36, 100),
            ("盘州市第二中学", 32, 650),
            ("2022年12月", 32, 700),
        ]
    )
    assert classify(text).doc_type == DocType.other


@pytest.mark.parametrize(
    ("gap", "issuer"), [(40, "黔西南布依族苗族自治州教育局"), (70, "黔西南布依族苗族自治州教育局"), (100, None)]
)
def test_sign_off_wrapped_with_a_line_gap_after_its_place(gap: int, issuer: str | None) -> None:
    def line(text: str, left: int, top: int, size: int = 32) -> TextLine:
        right = left + size * len(text)
        return TextLine(text, [(left, top), (right, top), (right, top + size), (left, top + size)], 0.95)

    read = [
        line("荣誉证书", 440, 100, 80),
        line("王芳同志：", 150, 300, 36),
        line("被评为2022年度优秀教师。", 150, 380, 36),
        line("黔西南布依族苗族自治州", 600, 1200),
        line("教育局", 760, 1200 + gap),
        line("2022年9月10日", 650, 1280 + gap),
    ]
    # A whole line's gap (70) still joins a place's name standing alone; two lines' (100) do not.
    assert extract(DocType.honor_certificate, build_document_text([(1, read, _WIDTH, _HEIGHT)])).issuer == issuer


def _placed(rows: list[tuple[str, int, int, int]]) -> DocumentText:
    return placed_page(rows, _WIDTH, _HEIGHT)


def test_kindergarten_lesson_contest_dated_with_dots() -> None:
    text = _placed(
        [
            ("获奖证书", 80, 440, 250),
            ("恭喜 陈丽 老师在2022年钟山区幼儿园", 36, 150, 450),
            ("优质活动评比中荣获 一等奖", 36, 150, 520),
            ("钟山区教育局", 32, 760, 1250),
            ("2022.12", 32, 800, 1320),
        ]
    )
    fields = extract(classify(text).doc_type, text)
    # 优质活动 is a kindergarten's 优质课; 2022.12 alone where the sign-off goes is the certificate's date.
    expected = (AwardCategory.quality_lesson, Grade.first, "2022-12")
    assert (fields.award_category, fields.grade, fields.issue_date) == expected


def test_a_forms_lone_history_cell_is_no_sign_off_date() -> None:
    text = _placed(
        [
            ("事业单位人员登记表", 60, 300, 150),
            ("姓名", 32, 150, 300),
            ("李晨海", 32, 400, 300),
            ("出生年月", 32, 150, 360),
            ("工作单位", 32, 150, 420),
            ("衢州市第五小学", 32, 400, 420),
            ("1986.10", 32, 700, 1000),  # the 出生年月 cell, read where the sign-off would go
        ]
    )
    assert extract(classify(text).doc_type, text).issue_date is None


@pytest.mark.parametrize("caption", ["学员姓名：冯一", "获奖者姓名：冯一", "教师姓名 冯一"])
def test_name_captions_that_say_whose_name(caption: str) -> None:
    text = _page(
        [
            ("结业证书", 80, 440),
            (caption, 36, 150),
            ("培训项目：2021年六盘水市中小学班主任培训", 36, 150),
            ("培训学时：48", 36, 150),
            ("六盘水市教育局", 32, 650),
            ("2021年8月", 32, 700),
        ]
    )
    fields = extract(classify(text).doc_type, text)
    assert (fields.holder, fields.hours) == ("冯一", 48.0)


def test_registration_row_that_opens_with_its_date_signs_with_its_last_cell() -> None:
    text = _page(
        [
            ("教师资格定期注册", 80, 300),
            ("注册日期 注册结论 注册机构（盖章）", 36, 150),
            ("2016.09.01 合格 六盘水市钟山区教育局", 36, 150),
            ("2021.09.01 合格 六盘水市钟山区教育局", 36, 150),
        ]
    )
    fields = extract(DocType.qualification_registration, text)
    assert (fields.issuer, fields.level, fields.issue_date) == ("六盘水市钟山区教育局", Level.county, "2021-09-01")


def test_date_on_the_row_of_a_dashed_certificate_number() -> None:
    # The number's dash (LPS2023-0417) joins no period: the row's date is the sign-off.
    text = _page(
        [
            ("获奖证书", 80, 440),
            ("张晓梅同志：在2023年六盘水市中小学优质课竞赛中荣获一等奖。", 36, 150),
            ("六盘水市教育局", 32, 650),
            ("证书编号：LPS2023-0417      二〇二三年十一月", 28, 150),
        ]
    )
    fields = extract(DocType.award_certificate, text)
    assert (fields.issue_date, fields.certificate_no) == ("2023-11", "LPS2023-0417")


@pytest.mark.parametrize("award", ["优良教师奖", "杰出教师奖", "乡村教师奖"])
def test_an_award_named_for_the_teacher_is_an_honour(award: str) -> None:
    text = _page(
        [
            ("荣誉证书", 80, 440),
            ("陈志明老师：", 36, 150),
            (f"荣获2019年度宁波市{award}。", 36, 150),
            ("宁波市教育局", 32, 620),
            ("2019年9月", 32, 700),
        ]
    )
    # No grade and no contest: without the award's own word the page had too little to be typed at all.
    assert classify(text).doc_type == DocType.honor_certificate
    fields = extract(DocType.honor_certificate, text)
    assert fields.holder == "陈志明"
    assert (fields.award_category, fields.level) == (AwardCategory.title_honor, Level.municipal)


@pytest.mark.parametrize("sentence", ["学员 孙丽 参加2022年六盘水市中小学教师", "学员孙丽参加2022年六盘水市中小学教师"])
def test_trainee_captioned_in_a_sentence_that_goes_on_with_its_verb(sentence: str) -> None:
    text = _page(
        [
            ("继续教育合格证书", 70, 300),
            (sentence, 34, 150),
            ("继续教育网络培训，完成全部学习任务，", 34, 150),
            ("考核合格，共计 90 学时。", 34, 150),
            ("六盘水市教育局", 32, 650),
            ("2022年12月30日", 32, 650),
        ]
    )
    fields = extract(classify(text).doc_type, text)
    assert (fields.holder, fields.hours) == ("孙丽", 90.0)


def test_qualification_exam_pass_is_not_the_qualification_certificate() -> None:
    # The exam (中小学教师资格考试) comes before the qualification is granted: its pass proves no qualification.
    text = _page(
        [
            ("中小学教师资格考试合格证明", 50, 250),
            ("姓名 王芳", 34, 150),
            ("考试类别 初级中学 数学", 34, 150),
            ("有效期至 2023年12月", 34, 150),
            ("教育部教育考试院", 32, 600),
            ("2020年12月", 32, 700),
        ]
    )
    assert classify(text).doc_type == DocType.other
    assert extract(DocType.teacher_qualification, text).qualification_kind is None


def test_qualification_certificate_with_its_captions_is_read_whole() -> None:
    text = _page(
        [
            ("教师资格证书", 70, 380),
            ("姓名 张晓燕", 34, 150),
            ("资格种类 初级中学教师资格", 34, 150),
            ("任教学科 数学", 34, 150),
            ("证书号码 20125200232000123", 34, 150),
            ("颁发机关 六盘水市教育局", 34, 150),
            ("2012年08月20日", 34, 700),
        ]
    )
    assert classify(text).doc_type == DocType.teacher_qualification
    fields = extract(DocType.teacher_qualification, text)
    assert (fields.holder, fields.qualification_kind, fields.subject) == ("张晓燕", "初级中学教师资格", "数学")
    assert (fields.issuer, fields.issue_date, fields.level) == ("六盘水市教育局", "2012-08-20", Level.municipal)


@pytest.mark.parametrize("caption", ["执教：", "授课教师：", "参赛教师：", "参赛选手：", "主讲人：", "获奖个人："])
def test_lesson_contest_names_whom_it_judged_by_caption(caption: str) -> None:
    text = _page(
        [
            ("获奖证书", 80, 440),
            (f"{caption}王芳", 34, 150),
            ("课题：《分数的初步认识》", 34, 150),
            ("在2022年六盘水市小学数学优质课评比中荣获一等奖。", 32, 120),
            ("选送单位：钟山区第三小学", 32, 150),
            ("六盘水市教育局", 32, 600),
            ("2022年11月", 32, 700),
        ]
    )
    fields = extract(classify(text).doc_type, text)
    assert (fields.holder, fields.grade, fields.award_category) == ("王芳", Grade.first, AwardCategory.quality_lesson)


def test_student_contestant_caption_names_the_winner_and_the_coach() -> None:
    text = _page(
        [
            ("荣誉证书", 80, 440),
            ("参赛选手：李明", 34, 150),
            ("在2023年贵州省中小学生科技创新大赛中荣获二等奖。", 32, 120),
            ("指导教师：王芳", 34, 150),
            ("贵州省科学技术协会", 32, 600),
            ("2023年5月", 32, 700),
        ]
    )
    assert classify(text).doc_type == DocType.award_certificate
    holder = extract(DocType.award_certificate, text).holder
    assert (holder, find_members(DocType.award_certificate, text, holder)) == ("李明", ["李明", "王芳"])


def test_registration_refused_is_a_failed_registration() -> None:
    text = _page(
        [
            ("教师资格定期注册", 50, 300),
            ("注册结论：不予注册", 34, 150),
            ("注册机构：钟山区教育局", 34, 150),
            ("2021年9月", 32, 700),
        ]
    )
    assert classify(text).doc_type == DocType.qualification_registration
    fields = extract(DocType.qualification_registration, text)
    assert (fields.registration_result, fields.issuer) == (RegistrationResult.fail, "钟山区教育局")


def test_online_record_of_a_diploma_is_an_academic_certificate() -> None:
    text = _page(
        [
            ("教育部学历证书电子注册备案表", 44, 200),
            ("姓名 王芳  性别 女", 30, 150),
            ("学校名称 贵州师范大学  专业 数学与应用数学", 28, 120),
            ("学历类别 普通高等教育  层次 本科", 28, 120),
            ("证书编号 106631200705001234", 28, 120),
            ("更新日期：2023年05月06日", 28, 600),
        ]
    )
    assert classify(text).doc_type == DocType.academic_certificate
    assert extract(DocType.academic_certificate, text).holder == "王芳"


def test_application_form_for_a_qualification_is_no_certificate() -> None:
    # 申请表: what the teacher filled in to apply, not the qualification granted.
    text = _page(
        [
            ("教师资格认定申请表", 44, 250),
            ("姓名 王芳  性别 女", 30, 150),
            ("申请资格种类 初级中学教师资格", 30, 150),
            ("任教学科 数学", 30, 150),
            ("认定机构意见：同意", 30, 150),
            ("2012年7月", 30, 650),
        ]
    )
    assert classify(text).doc_type != DocType.teacher_qualification


def test_journal_named_in_title_marks_with_its_issue_anywhere_on_the_page() -> None:
    text = _page(
        [
            ("初中函数教学的几点思考", 44, 250),
            ("作者：王芳（六盘水市第三中学）", 28, 250),
            ("摘要：函数是初中数学的重要内容……", 28, 120),
            ("关键词：函数；教学", 28, 120),
            ("《贵州教育》2021年第11期", 26, 150),
            ("ISSN 1003-3483  CN 52-1027/G4", 26, 150),
        ]
    )
    assert classify(text).doc_type == DocType.publication
    fields = extract(DocType.publication, text)
    assert (fields.holder, fields.issuer, fields.issue_date) == ("王芳", "贵州教育", "2021-11")


def test_acceptance_letter_is_signed_by_the_editors_not_by_its_sentence_about_the_issue() -> None:
    text = _page(
        [
            ("用稿通知", 60, 400),
            ("王芳 老师：", 32, 150),
            ("您的论文《初中函数教学的几点思考》经审核，", 30, 150),
            ("拟刊登于我刊2021年第11期。", 30, 150),
            ("《贵州教育》编辑部", 30, 600),
            ("2021年9月10日", 30, 650),
        ]
    )
    assert classify(text).doc_type == DocType.publication
    fields = extract(DocType.publication, text)
    assert (fields.holder, fields.issuer, fields.issue_date) == ("王芳", "贵州教育编辑部", "2021-09-10")


def test_a_form_signed_by_another_school_keeps_that_schools_name() -> None:
    text = _page(
        [
            ("事业单位人员登记表", 60, 330),
            ("姓名 王芳   工作单位 龙凤区第二中学", 36, 150),
            ("主管部门意见 同意", 36, 150),
            ("龙凤区民族中学（盖章）", 32, 620),
            ("2022年10月14日", 32, 700),
        ]
    )
    # Two characters apart in seven: another school, not a misreading of the unit's name.
    assert extract(DocType.personnel_form, text).issuer == "龙凤区民族中学"


def test_an_approver_caption_with_a_word_that_is_no_bureaus_names_no_approver() -> None:
    text = _page(
        [
            ("专业技术资格证书", 60, 330),
            ("姓名 李明", 36, 150),
            ("评审组织 敖汉旗中小学教师中级职务评审委员会", 36, 150),
            ("审批机关：社会实践基地", 36, 150),  # 社会 alone is not a piece of 人力资源和社会保障
            ("批准时间 二〇一八年二月", 36, 150),
        ]
    )
    assert extract(DocType.title_certificate, text).issuer != "敖汉旗人力资源和社会保障局"
