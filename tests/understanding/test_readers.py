"""The small readers behind extraction: names, partly lost years, body-name repair, grades and ranks."""

from __future__ import annotations

import pytest

from models.vocab import AwardCategory, Grade, Level
from verifier.extract import find_level
from verifier.issuers.repair import repair_body_name
from verifier.understand.awards import find_award_category, find_grade, find_project_rank, find_rank
from verifier.understand.dates import dates_in
from verifier.understand.facts import find_service_years, is_id_number
from verifier.understand.holder import _listed_with_unit
from verifier.understand.names import is_person_name


@pytest.mark.parametrize("text", ["张晓梅", "欧阳明", "王芳", "阿依古丽·买买提", "张王丽华"])
def test_names(text: str) -> None:
    assert is_person_name(text)


@pytest.mark.parametrize("text", ["申报人", "全体", "以下", "教师", "数学", "特发此证", "张三的", "文件", "条件"])
def test_words_that_are_not_names(text: str) -> None:
    assert not is_person_name(text)


@pytest.mark.parametrize(
    ("line", "context", "iso"),
    [
        ("二〇二三年七月十三日", "", "2023-07-13"),
        ("二二年六月十四日", "", "2022-06-14"),  # 二〇二二: 〇 dropped, repeated 二 merged
        ("二〇四年十一月三日", "于2014年立项", "2014-11-03"),  # 一 dropped
        ("三年五月二十三日", "参加2013年比赛", "2013-05-23"),  # the start hidden by the seal
        ("2019年11月8", "", "2019-11-08"),  # 日 cut off at the edge
        ("January 21, 2022", "", "2022-01-21"),
        ("Febnay 16, 2024", "", "2024-02-16"),  # the month's name misread
        ("一五年十一月", "", "2015-11"),  # 二〇 past the edge: only 2015 ends in 一五
        ("020年2月10日", "", "2020-02-10"),  # the first digit past the edge
        ("216年6月", "", "2016-06"),  # the 0 lost: no other year reads so
        ("三年四月人日", "丹东教发〔2023〕42号", "2023-04-08"),  # 八 read as 人
        ("年十一月十三日", "湛江教发〔2020〕50号", "2020-11-13"),  # the whole year under the seal
        ("二八二三年四月八日", "", "2023-04-08"),  # 〇 read as 八: 2823 differs from 2023 alone in one place
        ("二〇一戊年二月", "在2018年评选中", "2018-02"),  # 八 read as 戊: 201x, the text names 2018
        ("二〇22年十月十四日", "", "2022-10-14"),  # both kinds of numerals
        ("2024Φ6月14日", "", "2024-06-14"),  # 年 misread
    ],
)
def test_dates_as_ocr_reads_them(line: str, context: str, iso: str) -> None:
    assert dates_in(line, context)[-1][1] == iso


def test_a_lone_numeral_is_no_year_without_a_year_in_the_text() -> None:
    assert dates_in("三年五月二十三日", "") == []
    assert dates_in("聘期一年", "") == []
    assert dates_in("12年5月7日", "x") == []  # 1992 or 2012: nothing in the text to choose
    assert dates_in("年十一月十三日", "荣获2020年度…") == []  # a year the text mentions is not the document's own
    assert dates_in("2022年2月29日", "") == []  # no such day
    assert dates_in("二〇一戊年二月", "x") == []  # 2010–2019: nothing in the text to choose
    assert dates_in("200s年05月29日", "生于1978年") == []  # a year of someone's life is no candidate
    assert dates_in("二〇一戊年二月", "2015年至2018年") == []  # two named years fit: no choice


def test_a_day_cut_at_the_edge_is_left_out() -> None:
    assert dates_in("023年9月1", "x") == [(0, "2023-09")]  # 1 may be the start of 14
    assert dates_in("023年6月24", "x") == [(0, "2023-06-24")]  # two digits: the day is whole


@pytest.mark.parametrize(
    ("read", "context", "repaired"),
    [
        ("六盘水市教肓局", "", "六盘水市教育局"),
        ("宜春市袁州区人资源和社会保障局", "", "宜春市袁州区人力资源和社会保障局"),
        ("山西省人力资源社会保障厅", "", "山西省人力资源社会保障厅"),  # both forms are printed
        ("体育局", "", "体育局"),  # another body, not a misread 教育局
        ("六盘永市教育局", "在六盘水市举办的", "六盘水市教育局"),
        ("南市教育局", "荣获渭南市2023年骨干教师称号", "渭南市教育局"),
        ("资源四川省教育厅", "", "四川省教育厅"),  # seal ring characters read into the name
        ("贵州省六盘水市教育局", "", "贵州省六盘水市教育局"),  # a parent place is part of the name
        ("中共六盘水市委", "", "中共六盘水市委"),
        ("津市市教育局", "津市市教育局文件", "津市市教育局"),  # 津市市 is a place of its own
        ("中山东路小学", "", "中山东路小学"),  # 山东 inside a street name is no province
        ("大江苏师范学院继续教育学院", "", "江苏师范学院继续教育学院"),
        ("汕头教育局", "在汕头市2013年基础教育教学成果奖中", "汕头市教育局"),
        ("南师范学院", "在湖南师范学院体育教育专业完成了", "湖南师范学院"),
        ("四川省及力资源和社会保障厅", "", "四川省人力资源和社会保障厅"),  # a long body word's first character
        ("四川省力资源和社会保障厅", "", "四川省人力资源和社会保障厅"),  # …lost, not the province's 省
        ("黑龙注省人民政府", "", "黑龙江省人民政府"),  # one character of a province's name
        ("徽省教育厅", "", "安徽省教育厅"),  # only one province ends in 徽省
        ("南省教育厅", "", "南省教育厅"),  # 湖南, 河南, 云南 or 海南: left as read
        ("卢氏具第一幼儿园", "", "卢氏县第一幼儿园"),  # 具 read for 县
        # A place under a named parent that is none of the parent's: the parent's one near division.
        ("西宁市大博回族土族自治县教育局", "", "西宁市大通回族土族自治县教育局"),
        ("邢台市广宏县教育局", "", "邢台市广宗县教育局"),
        ("长沙市天新区教育局", "", "长沙市天心区教育局"),
        ("长沙市高新区教育局", "", "长沙市高新区教育局"),  # a development zone: no district reads like it
        ("苏州市工业园区教育局", "", "苏州市工业园区教育局"),
        # No parent: the one place of today one look-alike character away (the recogniser confuses 宗/宏).
        ("广宏县教育局", "", "广宗县教育局"),
        ("临颖县教育局", "", "临颍县教育局"),
        ("集湖市教育局", "", "巢湖市教育局"),
        ("大同县教育局", "", "大同县教育局"),  # a real (former) county's name is left alone
        ("广西社族自治区人民政府", "", "广西壮族自治区人民政府"),  # the full name after the short one
        ("畴伦贝尔市教育局", "", "呼伦贝尔市教育局"),  # a long name with one character misread
        ("中共六盘水市委", "", "中共六盘水市委"),  # characters before a place are no misreading of it
        # 民族中学 with 民 misread (seed 2 0165); schools of one people keep their people's name.
        ("蓬莱市限族中学", "", "蓬莱市民族中学"),
        ("临夏市回族中学", "", "临夏市回族中学"),
        ("东兴市京族学校", "", "东兴市京族学校"),  # 京族 has no autonomous area to name it
        ("凯里市苗族小学", "", "凯里市苗族小学"),
    ],
)
def test_body_name_repair(read: str, context: str, repaired: str) -> None:
    assert repair_body_name(read, context) == repaired


@pytest.mark.parametrize(
    ("text", "grade"),
    [
        ("荣获壹等奖", Grade.first),
        ("获得特等奖", Grade.special),
        ("荣获铜牌", Grade.bronze),
        ("荣获优秀奖", Grade.excellent),
        ("优秀成果评选备秀奖", Grade.excellent),  # 優 read as 備 (seed2_S029_获奖证书_001), then simplified
        ("荣获教坛新秀奖", None),  # a 新秀 (rising teacher) award names no grade
    ],
)
def test_grades(text: str, grade: Grade | None) -> None:
    assert find_grade(text) == grade


def test_a_works_title_does_not_decide_the_kind_of_award() -> None:
    text = "你的论文《基于优质课的课堂教学评价研究》在2020年教育教学论文评比中荣获一等奖"
    assert find_award_category(text) == AwardCategory.paper


@pytest.mark.parametrize(
    ("text", "rank"),
    [
        ("（排名第三）", 3),
        ("第二完成人", 2),
        ("第1作者", 1),
        ("荣获第一名", None),  # a placing in a contest, not a place among authors
        ("排序：2", 2),
        ("署名第一", 1),
        ("（笫三完成人）", 3),  # 第 misread
        ("只认可排名前3的核心成员", None),  # a rule's limit
        ("排名第一等奖", None),
    ],
)
def test_ranks(text: str, rank: int | None) -> None:
    assert find_rank(text) == rank


def test_project_rank_follows_the_member_list() -> None:
    text = "马风同志主持的课题《乡村学校阅读教学研究》经专家组鉴定，准予结题。课题组成员：马风、谢斌、曹辉、张飞"
    assert find_project_rank("张飞", text) == 4
    assert find_project_rank("马风", text) == 1
    assert find_project_rank("李四", text) is None


def test_project_leader_ranks_first_without_a_member_list() -> None:
    assert find_project_rank("黄明莹", "经评审，黄明莹同志申报的课题《…》被批准为立项课题") == 1
    # A notice of approval addressed to the one who applied.
    assert find_project_rank("罗文", "课题立项通知书罗文同志:您申报的课题《…》经专家评审，批准立项") == 1
    assert find_project_rank("罗文", "罗文、李丽同志:你们申报的课题《…》批准立项") is None


@pytest.mark.parametrize(
    ("number", "is_id"),
    [
        ("11010519491231002X", True),  # the GB 11643 example
        ("440524188001010014", True),
        ("108262200902070178", False),  # a diploma number: 10 names no province
        ("440524188001010015", False),  # check character wrong
        ("2013652242145111", False),
    ],
)
def test_identity_numbers(number: str, is_id: bool) -> None:
    assert is_id_number(number) is is_id


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("陈辉国同志主持的遂平县教育科学规划课题《…》", Level.county),
        ("被批准为全国教育科学规划立项课题", Level.national),
        ("蒙获山东省2017年“最美乡村教师”称号", Level.provincial),
        ("您从事教育工作满二十五年，为我省教育事业发展做出了贡献", Level.provincial),
        ("用人单位推荐考核结果公示表", Level.school),
        ("特发此证", None),
        # A document's number names its organ, above a member's school named in the list.
        ("甘肃教发〔2015〕4号\n陈悦(临夏县兴隆镇中心小学)", Level.provincial),
        ("湛江教发〔2020〕50号", Level.municipal),
        ("根据黔教师发[2019]12号文件", Level.provincial),
        ("遂平县教育局文件\n遂平教〔2020〕3号", Level.county),
        ("遂教〔2020〕3号", None),  # one character that is no province's: any of many counties
        ("在2016年全国中学生数学竞赛中指导学生获奖", Level.national),
        ("在全国2019年\n优秀教学成果奖中荣获优秀奖", Level.national),
        ("此证书在全国范围内有效", None),  # where it is valid, not who awarded it
        ("授予李小博同志“温州市教\n学能手”荣誉称号", Level.municipal),
        ("被批准为桂林市教育\n科学规划立项课题", Level.municipal),
        ("的《…研究》在蠡县2012年优秀教学成果奖中荣获一等奖", Level.county),  # a one-character county (seed 1 0564)
        # 礼县第一幼儿园's own contest, its 幼儿园 lost (seed 1 0221): a numbered school, not the county.
        ("在2023年礼县第一优秀教育论文评选中\n特等奖", None),
        ("在盘州市第五届中小学教师教学技能大赛中", Level.county),  # 第五届 is an edition
    ],
)
def test_level_from_the_text_alone(text: str, level: Level | None) -> None:
    assert find_level([], text) == level


@pytest.mark.parametrize(
    ("lines", "holder"),
    [
        (["刘清超", "李静倩", "罗娜云杨玲娟(遂溪县实验小学)"], "杨玲娟"),  # after another name on its line
        (["董安德", "陈悦(临夏县兴隆镇中", "姚洁慧"], "陈悦"),  # the unit runs past the line, its bracket open
        (["张光辉", "李春品"], None),
    ],
)
def test_commendation_list_names_the_holder_by_their_unit(lines: list[str], holder: str | None) -> None:
    assert _listed_with_unit(lines) == holder


def test_a_dropped_year_mark_between_chinese_numerals() -> None:
    assert dates_in("二〇二三八月", "") == [(0, "2023-08")]
    assert dates_in("二〇二一十二月五日", "x") == [(0, "2021-12-05")]
    assert dates_in("二〇五〇八月", "x") == []  # a year still to come is no sign-off


@pytest.mark.parametrize(
    ("read", "repaired"),
    [
        ("韩城市第一刘儿园", "韩城市第一幼儿园"),
        ("长清区机关幼马园", "长清区机关幼儿园"),
        ("绵竹市机关幼儿同", "绵竹市机关幼儿园"),
    ],
)
def test_kindergarten_with_one_character_misread(read: str, repaired: str) -> None:
    assert repair_body_name(read) == repaired


def test_a_bureau_whose_first_character_was_misread_is_the_education_bureau() -> None:
    assert repair_body_name("黔东南苗族侗族自治州洪育局") == "黔东南苗族侗族自治州教育局"
    assert repair_body_name("南京市体育局") == "南京市体育局"  # the sports bureau is a body of its own


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("贰零贰叁年拾月拾日", "2023-10-10"),  # financial numerals, as formal documents date
        ("10 Oct 2023", "2023-10-10"),
        ("Oct. 10, 2023", "2023-10-10"),
        ("10 Sept 2023", "2023-09-10"),
        ("January 30th, 2019", "2019-01-30"),  # ordinal days, as English certificates often print them
        ("Given this 21st day of June, 2022", "2022-06-21"),
        ("the 2nd of May 2019", "2019-05-02"),
        ("二〇一九年十月廿二日", "2019-10-22"),  # 廿 is twenty
    ],
)
def test_dates_written_less_commonly(line: str, iso: str) -> None:
    assert dates_in(line)[-1][1] == iso


def test_partial_sign_off_is_completed_only_by_the_one_full_date_it_fits() -> None:
    from verifier.understand.dates import dates_in

    notice = "公示时间 2023年1月28日至2023年2月3日"
    assert dates_in("二年一月十八日", notice) == [(0, "2023-01-28")]
    # The day read whole is that day (1月18日 dated in full), not the longer one it ends.
    assert dates_in("二年一月十八日", "公示时间 2023年1月18日至2023年1月28日") == [(0, "2023-01-18")]
    assert dates_in("二年二月十八日", notice) != [(0, "2023-01-28")]  # another month


def test_year_that_lost_its_end_takes_the_one_year_the_month_is_dated_in() -> None:
    from verifier.understand.dates import dates_in

    # Signed three days after the period it follows (seed2_documents_0192_signed_later): 二〇 is 二〇二三.
    assert dates_in("二〇年七月三十日", "公示时间 2023年7月20日至2023年7月27日") == [(0, "2023-07-30")]
    # July dated in two years: nothing tells which, so 二〇 stays the year it spells.
    assert dates_in("二〇年七月三十日", "2022年7月1日入职，2023年7月20日公示") == [(0, "2020-07-30")]


def test_body_word_whose_last_character_is_read_as_a_look_alike() -> None:
    from verifier.issuers.repair import repair_body_name

    assert repair_body_name("贵州省教育斤") == "贵州省教育厅"  # 斤 for 厅
    assert repair_body_name("六盘水市教育扃") == "六盘水市教育局"  # 扃 for 局
    assert repair_body_name("六盘水师范学阮") == "六盘水师范学院"  # 阮 for 院
    assert repair_body_name("六盘水市体育局") == "六盘水市体育局"  # another body, not a misreading
    assert repair_body_name("六盘水市教育司") == "六盘水市教育司"  # 司 looks nothing like 局


def test_a_title_certificates_approver_is_completed_from_the_end_of_its_name() -> None:
    from tests.understanding.cases import load_case
    from verifier.understand.cut_short_bodies import approver_from_fragment

    # Recognised text: the 审批机关 line kept only 和社会保障局, the review committee's line is whole.
    text = load_case("documents_0397").text
    assert approver_from_fragment("汾西县中小学教师中级职务评审委员会", text) == "汾西县人力资源和社会保障局"
    assert approver_from_fragment("中小学教师中级职务评审委员会", text) is None  # no place to complete it with
    assert approver_from_fragment("汾西县人力资源和社会保障局", text) is None  # already the bureau
    # A title certificate whose bureau's line was read whole has no fragment to complete.
    whole = load_case("S016_职称证书_006")
    assert "人力资源" in whole.text.full or "人社" in whole.text.full
    assert approver_from_fragment("六盘水市中小学教师高级职务评审委员会", whole.text) is None


@pytest.mark.parametrize(
    ("sentence", "years"),
    [
        ("坚守乡村教育岗位30年，为我省教育事业作出了贡献", 30),
        ("坚守讲台三十年", 30),
        ("在教育岗位上辛勤耕耘二十五年", 25),
        ("在乡村学校从教满20年", 20),
        # A year of the calendar is no length of service: 2019年 is not 19 years.
        ("该同志于1991年参加工作2019年9月调入我校", None),
    ],
)
def test_years_of_service_as_honours_word_them(sentence: str, years: int | None) -> None:
    assert find_service_years(sentence) == years


@pytest.mark.parametrize(
    ("text", "grade"),
    [
        ("在优质课评比中荣获\n一等\n特发此证", Grade.first),
        ("被评为二等", Grade.second),
        ("荣获三等功", None),  # a merit, not a contest's grade
        ("被评为一等级教师", None),
    ],
)
def test_grade_awarded_without_its_prize_word(text: str, grade: Grade | None) -> None:
    assert find_grade(text) == grade


def test_an_english_issuer_keeps_the_names_no_dictionary_holds() -> None:
    from verifier.understand.english_issuer import spelled

    assert spelled("Tsinghua Universlty") == "Tsinghua University"  # a name stays, a misread word is mended
    assert spelled("INTERMATIONAL COUNCIL") == "INTERNATIONAL COUNCIL"
    assert spelled("Guangxi Normal University") == "Guangxi Normal University"
