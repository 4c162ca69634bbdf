"""The ways real uploads defeat naive reading, each pinned on a page the OCR engine read that way."""

from __future__ import annotations

from models.vocab import DocType, Grade, Level
from tests.understanding.cases import load_case, raw_text
from verifier.classify import classify
from verifier.extract import extract
from verifier.normalize import to_simplified


def test_seal_hides_the_start_of_the_issuer_and_the_document_names_the_place() -> None:
    case = load_case("documents_0094")  # the seal leaves 南市教育局; the text says 荣获渭南市…
    assert any(line.text == "南市教育局" for line in case.text.lines)
    fields = extract(DocType.honor_certificate, case.text)
    assert fields.issuer == "渭南市教育局"
    assert fields.level == Level.municipal


def test_seal_ring_text_is_not_taken_for_the_issuer() -> None:
    case = load_case("S002_荣誉证书_002")  # ring text 教育委 read above 上海市教育委员会
    assert extract(DocType.honor_certificate, case.text).issuer == "上海市教育委员会"


def test_chinese_numeral_year_split_into_two_boxes() -> None:
    case = load_case("S005_年度考核_006")  # 二〇二 | 一年一月二十七日
    assert extract(DocType.assessment_record, case.text).issue_date == "2021-01-27"


def test_year_partly_lost_under_the_seal_is_recovered_from_the_text() -> None:
    case = load_case("S014_获奖证书_007")  # 三年五月二十三日, body: 参加2013年…
    assert extract(DocType.award_certificate, case.text).issue_date == "2013-05-23"


def test_year_collapsed_by_the_recogniser_uses_the_year_in_the_title() -> None:
    case = load_case("documents_0073")  # 二年五月二十七日 under 关于表彰2022年度…
    assert extract(DocType.commendation_document, case.text).issue_date == "2022-05-27"


def test_traditional_characters_read_as_simplified() -> None:
    assert to_simplified(raw_text("documents_0113")) != raw_text("documents_0113")  # 获獎证書
    case = load_case("documents_0113")
    assert classify(case.text).doc_type == DocType.award_certificate
    assert extract(DocType.award_certificate, case.text).holder == case.fields["holder"]


def test_training_hours_in_traditional_characters() -> None:
    case = load_case("documents_0069")  # 培訓學時：30學時（折合3學分）
    fields = extract(DocType.continuing_education, case.text)
    assert fields.hours == case.fields["hours"]


def test_issuer_wrapped_over_two_lines_in_a_table_cell() -> None:
    case = load_case("documents_0006")  # 博尔塔拉蒙古自治州精河 / 县教育局
    fields = extract(DocType.qualification_registration, case.text)
    assert fields.issuer == "博尔塔拉蒙古自治州精河县教育局"
    assert fields.level == Level.county
    assert fields.issue_date == "2021-05-28"  # the latest registration row


def test_instructor_certificate_holder_is_the_teacher_not_the_student() -> None:
    case = load_case("documents_0002")  # 林梅同志：指导学生吴梅在…中荣获二等奖
    assert classify(case.text).doc_type == DocType.instructor_award
    fields = extract(DocType.instructor_award, case.text)
    assert fields.holder == "林梅"
    assert fields.grade == Grade.second


def test_captioned_issuer_on_a_title_certificate() -> None:
    case = load_case("documents_0063")  # 审批机关:河南省人力资源和社会保障厅, 批准时间 二〇二三年七月十三日
    fields = extract(DocType.title_certificate, case.text)
    assert fields.issuer == "河南省人力资源和社会保障厅"
    assert fields.level == Level.provincial
    assert fields.issue_date == "2023-07-13"  # not the 出生年月 printed above it


def test_name_with_an_honorific_and_a_rank_in_brackets() -> None:
    case = load_case("documents_0072")  # 张怡月同志(第二完成人)的《…》
    fields = extract(DocType.award_certificate, case.text)
    assert fields.holder == "张怡月"
    assert fields.rank == 2


def test_seal_ring_characters_before_the_issuer_are_dropped() -> None:
    case = load_case("S023_教龄证书_006")  # 资源四川省教育厅 above 四川省人力资源和社会保障厅; 辛勤耕耘三十年
    assert classify(case.text).doc_type == DocType.teaching_service_honor
    fields = extract(DocType.teaching_service_honor, case.text)
    assert fields.issuer == "四川省教育厅"
    assert fields.level == Level.provincial
    assert fields.service_years == 30


def test_formal_numeral_grade_misread() -> None:
    case = load_case("S037_获奖证书_001")  # 荣获参等奖: 叁 read as 参
    assert extract(DocType.award_certificate, case.text).grade == Grade.third


def test_issuer_split_into_boxes_by_its_seal() -> None:
    case = load_case("S002_教师资格证_004")  # 金山区教育 | 委员 | 会
    fields = extract(DocType.qualification_registration, case.text)
    assert fields.issuer == "金山区教育委员会"
    assert fields.level == Level.county


def test_red_header_document_is_a_commendation_not_an_honour_certificate() -> None:
    case = load_case("documents_0019")  # 关于表彰…的决定, 授予…“优秀班主任”荣誉称号
    assert classify(case.text).doc_type == DocType.commendation_document
    assert extract(DocType.commendation_document, case.text).certificate_no == "厦门府发〔2022〕158号"
