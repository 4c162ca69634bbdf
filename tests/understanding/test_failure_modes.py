"""The ways real uploads defeat naive reading, each pinned on a page the OCR engine read that way."""

from __future__ import annotations

import pytest

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


def test_table_cells_of_a_tilted_photo_pair_with_their_captions() -> None:
    case = load_case("documents_0248")  # phone photo at an angle: 申报人 sits lower than 朱璐 on the raw page
    caption = next(line for line in case.text.lines if line.text == "申报人")
    name = next(line for line in case.text.lines if line.text == "朱璐")
    assert abs(caption.middle - name.middle) < 0.01  # level again once the page's tilt is taken out
    fields = extract(DocType.publicity_form, case.text)
    assert fields.holder == "朱璐"
    assert fields.issuer == "二七区民族中学"  # 二七区民族中学子盖章): the bracket read as 子


def test_project_number_wrapped_inside_its_caption_or_its_number() -> None:
    wrapped_caption = load_case("documents_0191")  # …(课题编 | 号:KT2015C152),经专家组鉴定…
    assert extract(DocType.research_project, wrapped_caption.text).certificate_no == "KT2015C152"
    wrapped_number = load_case("documents_0265")  # …(课题编号:K | T2023A027),经专家组鉴定…
    assert extract(DocType.research_project, wrapped_number.text).certificate_no == "KT2023A027"
    after_the_line = load_case("documents_0213")  # …(课题编号:J | YKY2016B039)被批准…
    assert extract(DocType.research_project, after_the_line.text).certificate_no == "JYKY2016B039"


def test_a_diploma_number_is_not_taken_for_an_identity_number() -> None:
    case = load_case("documents_0185")  # :108262200902070178 with its caption lost to the edge
    assert extract(DocType.academic_certificate, case.text).certificate_no == "108262200902070178"


@pytest.mark.parametrize(
    "name",
    [
        "documents_0102",  # 志主持的… (the name past the edge); 员:李俊翔、蔡雨华、何金静
        "documents_0102_reread",  # the caption lost whole: :李俊翔、蔡雨华、何金静
    ],
)
def test_project_leader_cut_off_the_member_list_still_names_them_first(name: str) -> None:
    fields = extract(DocType.research_project, load_case(name).text)
    assert fields.holder == "李俊翔"
    assert fields.rank == 1


def test_salutation_with_its_honorific_misread_names_the_holder() -> None:
    case = load_case("documents_0043")  # 冯家鑫间志 (同 read as 间, the colon lost), defocused phone photo
    assert any(line.text == "冯家鑫间志" for line in case.text.lines)
    assert extract(DocType.honor_certificate, case.text).holder == "冯家鑫"


def test_commendation_names_the_holder_with_their_unit_after_another_name() -> None:
    case = load_case("documents_0097")  # 罗娜云杨玲娟(遂溪县实验小学); the sign-off lost its year: 年十一月十三日
    fields = extract(DocType.commendation_document, case.text)
    assert fields.holder == "杨玲娟"
    assert fields.issue_date == "2020-11-13"  # the year of its number 湛江教发〔2020〕50号


def test_journal_byline_read_apart_from_its_affiliation() -> None:
    case = load_case("documents_0276")  # 王俊 and (卢氏县民族中学,河南省) with the abstract's first line between
    fields = extract(DocType.publication, case.text)
    assert fields.holder == "王俊"
    assert fields.issuer == "中学物理教学参考"
    assert fields.issue_date == "2018-06"


def test_form_signed_in_two_spots_names_the_unit() -> None:
    case = load_case("documents_0298")  # 主管部门(盖章) 阳信县机关幼儿园(盖章), a PDF text layer
    assert extract(DocType.personnel_form, case.text).issuer == "阳信县机关幼儿园"


def test_misread_county_inside_its_city_is_the_one_the_text_prints() -> None:
    case = load_case("documents_0092")  # 审批机关:大同市 | 云县人 | 力 | 资源和社会保障局; 云县 lies in Yunnan
    fields = extract(DocType.title_certificate, case.text)
    assert fields.issuer == "大同市左云县人力资源和社会保障局"
    assert fields.level == Level.county


def test_place_written_short_in_the_signature_is_the_full_name_the_text_prints() -> None:
    case = load_case("documents_0151")  # 汕头教育局 under the seal, 在汕头市2013年… in the text
    assert extract(DocType.award_certificate, case.text).issuer == "汕头市教育局"


def test_start_of_the_issuer_under_the_seal_is_completed_from_the_text() -> None:
    case = load_case("documents_0189")  # 南师范学院 signed, 在湖南师范学院体育教育专业… in the text
    assert extract(DocType.academic_certificate, case.text).issuer == "湖南师范学院"


def test_issuer_pieces_around_a_seal_are_joined() -> None:
    overlapping = load_case("documents_0201")  # 新疆维吾尔 | 自治区 | 人民政府
    fields = extract(DocType.honor_certificate, overlapping.text)
    assert fields.issuer == "新疆维吾尔自治区人民政府"
    assert fields.level == Level.provincial
    gap = load_case("documents_0074")  # 伊犁哈萨 | (seal) | 州教育局
    fields = extract(DocType.qualification_registration, gap.text)
    assert fields.issuer == "伊犁哈萨克自治州教育局"
    assert fields.level == Level.municipal


def test_issuer_wrapped_inside_its_body_word() -> None:
    case = load_case("documents_0288")  # 湘西土家族苗族自治州教 / 育局
    assert extract(DocType.qualification_registration, case.text).issuer == "湘西土家族苗族自治州教育局"
    tilted = load_case("documents_0575")  # the same wrap, the second box overlapping the first
    assert extract(DocType.qualification_registration, tilted.text).issuer == "楚雄彝族自治州武定县教育局"


def test_unit_cell_of_a_table_row_is_its_issuer() -> None:
    case = load_case("documents_0066")  # 单位名称 | 平顶山市职业技术学校 | 岗位名称 | 历史教师; sealed 联业
    assert extract(DocType.job_description, case.text).issuer == "平顶山市职业技术学校"


def test_issuer_cut_off_before_its_body_word() -> None:
    case = load_case("documents_0018")  # 审批机关:厦门市人力资源和社会保障 (局 past the edge)
    fields = extract(DocType.title_certificate, case.text)
    assert fields.issuer == "厦门市人力资源和社会保障局"
    assert fields.level == Level.municipal


def test_form_signature_unreadable_falls_back_to_the_employing_unit() -> None:
    case = load_case("documents_0342")  # 广德县第 | 小学(盖章) under the seal; 工作单位 | 广德县第一小学
    fields = extract(DocType.personnel_form, case.text)
    assert fields.issuer == "广德县第一小学"
    assert fields.level == Level.school


def test_sign_off_years_cut_at_the_edge() -> None:
    assert extract(DocType.personnel_form, load_case("documents_0099").text).issue_date == "2023-06-24"  # 023年6月24
    assert extract(DocType.appointment_letter, load_case("documents_0253").text).issue_date == "2012-05-07"  # 12年
    assert extract(DocType.research_project, load_case("documents_0213").text).issue_date == "2017-09"  # 一七年九月


def test_collapsed_year_settled_by_the_calendar_and_the_text() -> None:
    leap = load_case("documents_0439")  # 二〇二年二月二十九日: of 2020 and 2022 only 2020 has a 29 February
    assert extract(DocType.job_description, leap.text).issue_date == "2020-02-29"
    named = load_case("documents_0417")  # 二〇一年十月十九日, the award is for 2021
    assert extract(DocType.award_certificate, named.text).issue_date == "2021-10-19"


def test_dates_of_a_persons_history_are_not_the_issue_date() -> None:
    case = load_case("documents_0558")  # 作时间 1990.09: 参加工作时间 cut by the edge; sign-off 2024年9月19日
    assert extract(DocType.personnel_form, case.text).issue_date == "2024-09-19"


def test_form_cells_read_as_one_line_end_the_name_at_the_next_caption() -> None:
    case = load_case("documents_0491")  # 申报人汤海飞现任职称一级教师 (text layer)
    assert extract(DocType.publicity_form, case.text).holder == "汤海飞"


def test_document_number_with_spaces_around_its_brackets() -> None:
    case = load_case("documents_0525")  # 市中教发 〔2024〕 57号
    assert extract(DocType.commendation_document, case.text).certificate_no == "市中教发〔2024〕57号"


def test_level_from_the_text_when_the_seal_hides_the_issuer() -> None:
    misread_verb = load_case("documents_0027")  # 蒙获山东省2017年“最美乡村教师”称号 (荣 read as 蒙)
    assert extract(DocType.honor_certificate, misread_verb.text).level == Level.provincial
    our_province = load_case("documents_0479")  # 为我省教育事业发展做出了贡献
    assert extract(DocType.teaching_service_honor, our_province.text).level == Level.provincial
    employer = load_case("documents_0202")  # 用人单位推荐考核结果公示表, the signing unit under its seal
    assert extract(DocType.publicity_form, employer.text).level == Level.school


def test_certificate_names_the_coach_when_its_title_says_award() -> None:
    case = load_case("documents_0105")  # 获奖证书 / 汤军建: 指导学生黎琳芳在…大赛 / 中荣获银牌
    assert classify(case.text).doc_type == DocType.instructor_award


def test_journal_page_with_misread_numbers_is_still_a_publication() -> None:
    case = load_case("documents_0217")  # N 11-4254/%4 155H 1009-4260; 中小学教育 2036年第1期
    assert classify(case.text).doc_type == DocType.publication
    assert extract(DocType.publication, case.text).issue_date is None  # a year still to come is misread


def test_honour_title_in_quotes_with_its_caption_misread() -> None:
    case = load_case("documents_0459")  # 荣获黑河市201024年“最美多甜教师” / 看号 (称号)
    assert classify(case.text).doc_type == DocType.honor_certificate


def test_seal_character_before_a_province_named_short() -> None:
    case = load_case("documents_0462")  # 大江苏师范学院继续教育学院
    assert extract(DocType.continuing_education, case.text).issuer == "江苏师范学院继续教育学院"


def test_misread_numeral_in_the_day_and_month_name() -> None:
    assert extract(DocType.commendation_document, load_case("documents_0010").text).issue_date == "2023-04-08"  # 人日
    assert extract(DocType.continuing_education, load_case("documents_0524").text).issue_date == "2024-02-16"  # Febnay


def test_a_forms_history_cells_do_not_pick_the_year_of_its_sign_off() -> None:
    case = load_case("documents_0087")  # 二一年五月七日 under the seal; 参加工作时间 2001.09 in the table
    assert extract(DocType.personnel_form, case.text).issue_date == "2021-05-07"


def test_a_decision_is_dated_in_the_year_of_its_number() -> None:
    case = load_case("documents_0498")  # 青海府发〔2021〕111号, signed 二〇二二年六月十八日 under the seal
    assert any("二〇二二年六月十八日" in line.text for line in case.text.lines)
    assert extract(DocType.commendation_document, case.text).issue_date == "2021-06-18"


def test_number_whose_caption_the_edge_cut_to_its_last_character() -> None:
    case = load_case("documents_0345")  # 号:20180182
    assert extract(DocType.instructor_award, case.text).certificate_no == "20180182"


def test_year_with_one_misread_character_is_the_one_the_document_names() -> None:
    case = load_case("documents_0113_reread")  # 二〇一戊年二月 under 在2018年…评选中 and 编号 2018-06-212
    assert "二〇一戊年二月" in raw_text("documents_0113_reread")
    assert extract(DocType.award_certificate, case.text).issue_date == "2018-02"


def test_year_with_one_impossible_digit_has_only_one_reading() -> None:
    case = load_case("documents_0334")  # 8013年8月29日: no other year differs from it in one place
    assert "8013年8月29日" in raw_text("documents_0334")
    assert extract(DocType.appointment_letter, case.text).issue_date == "2013-08-29"


def test_year_mixing_chinese_and_arabic_numerals() -> None:
    case = load_case("documents_0239")  # 二〇22年十月十四日
    assert "二〇22年十月十四日" in raw_text("documents_0239")
    assert extract(DocType.personnel_form, case.text).issue_date == "2022-10-14"


def test_date_whose_year_mark_was_misread() -> None:
    case = load_case("documents_0275")  # 2024Φ6月14日
    assert "2024Φ6月14日" in raw_text("documents_0275")
    assert extract(DocType.personnel_form, case.text).issue_date == "2024-06-14"


def test_signature_over_a_diploma_issuer_and_a_character_inserted_in_its_body_word() -> None:
    case = load_case("documents_0261")  # 校(院)长:J湖北师肺范学院
    assert extract(DocType.academic_certificate, case.text).issuer == "湖北师范学院"


def test_long_body_word_with_two_characters_misread() -> None:
    case = load_case("documents_0372")  # 审批机关:河北省面资源和社会保障厅
    fields = extract(DocType.title_certificate, case.text)
    assert fields.issuer == "河北省人力资源和社会保障厅"
    assert fields.level == Level.provincial


def test_misread_place_of_a_diploma_issuer_is_the_one_the_text_prints() -> None:
    # 校(院)长:同南教育学院 under 在河南教育学院汉语…: 河南 names a province and a county alike
    case = load_case("seed2_documents_0022")
    assert extract(DocType.academic_certificate, case.text).issuer == "河南教育学院"


def test_kindergarten_whose_body_word_was_misread_still_signs() -> None:
    case = load_case("seed2_documents_0045")  # 韩城市第一刘儿园(盖章)
    assert extract(DocType.publicity_form, case.text).issuer == "韩城市第一幼儿园"


def test_sign_off_whose_year_mark_was_dropped() -> None:
    case = load_case("seed2_documents_0073")  # 二〇二三八月
    assert extract(DocType.appointment_letter, case.text).issue_date == "2023-08"


def test_a_character_read_between_a_province_and_its_education_department_is_dropped() -> None:
    case = load_case("seed2_documents_0088")  # defocused: 云南名数育厅, 省 read as 名
    assert any("云南名数育厅" in line.text for line in case.text.lines)
    fields = extract(DocType.teaching_service_honor, case.text)
    assert fields.issuer == case.fields["issuer"] == "云南省教育厅"
    assert fields.level == Level.provincial


def test_a_prefecture_and_its_county_both_misread_are_named_by_the_pair_that_fits() -> None:
    case = load_case("seed2_documents_0118")  # motion blur: 安娱市汤明具教育局 (安娱市, 汤明县: no such places)
    assert any("安娱市汤明具教育局" in line.text for line in case.text.lines)
    fields = extract(DocType.instructor_award, case.text)
    assert fields.issuer == case.fields["issuer"] == "安阳市汤阴县教育局"
    assert fields.level == Level.county


def test_a_county_whose_ending_is_misread_too_is_found_among_its_prefectures_counties() -> None:
    case = load_case("seed2_documents_0170")  # defocused: 海峰市教汉维教育局 (旗 read as 维, 敖 as 教)
    assert any("海峰市教汉维教育局" in line.text for line in case.text.lines)
    fields = extract(DocType.appointment_letter, case.text)
    assert fields.issuer == case.fields["issuer"] == "赤峰市敖汉旗教育局"
    assert fields.level == Level.county


def test_eight_read_as_ren_before_the_year_mark() -> None:
    case = load_case("documents_0047")  # motion blur: 一人年十二月 for 二〇一八年十二月
    assert any(line.text == "一人年十二月" for line in case.text.lines)
    assert extract(DocType.teaching_service_honor, case.text).issue_date == case.fields["issue_date"] == "2018-12"


def test_year_that_lost_its_end_takes_the_year_of_the_same_day_in_the_text() -> None:
    case = load_case("seed2_documents_0192")  # 二〇年七月二十日 under 公示时间 2023年7月20日至2023年7月25日
    assert any(line.text.startswith("二〇年七月二十日") for line in case.text.lines)
    assert extract(DocType.publicity_form, case.text).issue_date == "2023-07-20"


def test_bracket_before_the_seal_remark_misread_as_a_colon_is_no_caption() -> None:
    case = load_case("seed2_documents_0192")  # 长清区机关幼马园:盖章): （ read as a colon, 儿 as 马
    assert any("幼马园:盖章" in line.text for line in case.text.lines)
    assert extract(DocType.publicity_form, case.text).issuer == "长清区机关幼儿园"


def test_letterhead_whose_last_character_was_not_read_names_the_issuer() -> None:
    case = load_case("seed2_documents_0087")  # 甘肃省教育厅文 (件 not returned); the sign-off under the seal: 正教育
    fields = extract(DocType.commendation_document, case.text)
    assert fields.issuer == "甘肃省教育厅"
    assert fields.level == Level.provincial


def test_autonomous_region_with_its_rare_characters_misread_before_a_provincial_body() -> None:
    case = load_case("documents_0043")  # 新疆维番尔真省溪人民政府: 吾 and 自治区 misread on a defocused photo
    fields = extract(DocType.honor_certificate, case.text)
    assert fields.issuer == "新疆维吾尔自治区人民政府"
    assert fields.level == Level.provincial


def test_region_repair_needs_the_length_some_kept_characters_and_a_provincial_body() -> None:
    from verifier.issuers.repair import repair_body_name

    assert repair_body_name("广西壮壮自治区教育厅") == "广西壮族自治区教育厅"
    assert repair_body_name("新疆维番尔真省溪教育局") == "新疆维番尔真省溪教育局"  # a 局 is no province's body
    assert repair_body_name("新疆番真省溪人民政府") == "新疆番真省溪人民政府"  # too short for 维吾尔自治区
    assert repair_body_name("新疆呼番真省溪人民政府") == "新疆呼番真省溪人民政府"  # nothing of the name kept


def test_number_whose_caption_lost_its_end_at_the_wrap() -> None:
    case = load_case("documents_0191_reread")  # …(课题编 | KT2015C152),经专家组鉴定: 号: lost where the line wraps
    assert extract(DocType.research_project, case.text).certificate_no == "KT2015C152"


def test_sign_off_that_lost_its_year_and_the_first_character_of_its_day() -> None:
    case = load_case("documents_0128")  # 二年一月十八日 under 公示时间 2023年1月28日至…: 〇二三 and 二 under the seal
    assert any(line.text == "二年一月十八日" for line in case.text.lines)
    assert extract(DocType.publicity_form, case.text).issue_date == case.fields["issue_date"] == "2023-01-28"


def test_a_forms_sign_off_garbled_under_its_seal_is_the_unit_its_table_prints() -> None:
    case = load_case("seed1_documents_0239")  # 安顺市职竞技学校(盖章) under the seal; 工作单位 安顺市职业技术学校
    assert any("职竞技" in line.text for line in case.text.lines)
    fields = extract(DocType.personnel_form, case.text)
    assert fields.issuer == case.fields["issuer"] == "安顺市职业技术学校"


def test_a_misread_english_word_in_a_foreign_issuer_is_spelled_right() -> None:
    case = load_case("seed1_documents_0108")  # Intermational Teacher Education Institute
    fields = extract(DocType.continuing_education, case.text)
    assert fields.issuer == case.fields["issuer"] == "International Teacher Education Institute"


def test_an_approvers_name_garbled_to_a_piece_of_its_body_word_is_the_committees_place_bureau() -> None:
    case = load_case("seed1_documents_0316")  # 审报机关:散分3和社会 under 敖汉旗中小学教师中级职务评委员
    assert any("和社会" in line.text and "保障" not in line.text for line in case.text.lines)
    fields = extract(DocType.title_certificate, case.text)
    assert fields.issuer == case.fields["issuer"] == "敖汉旗人力资源和社会保障局"
    assert fields.level == Level.county
