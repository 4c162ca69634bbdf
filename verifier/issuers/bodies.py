"""Word patterns for the kinds of issuing body that the gazetteer alone cannot tell apart."""

from __future__ import annotations

import re

# A body with national reach when no place name precedes it.
NATIONAL_BODY = re.compile(
    # A contest's committee may lead with its edition or year: 第十届全国…大赛组委会, 2022年全国…, or 年全国… when
    # the recogniser lost the year's digits (no body's own name starts with 年).
    r"^(?:第[一二三四五六七八九十百\d]{1,4}届|(?:(?:19|20)\d{2})?年度?)?"
    r"(?:中华人民共和国|中国共产党中央|中共中央|国务院|教育部|人力资源(?:和)?社会保障部|人社部|财政部|科学技术部|科技部"
    r"|共青团中央|团中央|全国|中国|中华|国家|中央"
    # A contest held across the country under a world or international name (全球校园…大赛组委会, 国际…大赛).
    r"|全球|国际)"
)
# Words that can only follow a place name when the place is the issuer (六盘水教育局, 贵州教育厅).
BODY_AFTER_PLACE = re.compile(
    r"^(?:人民政府|政府|教育|人力资源|人社|委|市委|县委|区委|州委|省委|党委|科协|总工会|工会|妇联|团委|文明|组织部"
    r"|宣传部|关工委|教科|教研|电教|电化|教师|科学技术|科技|财政|体育|文化|中小学|基础教育|职业教育|学生"
    r"|高新|经济技术开发|经济开发|经开区|开发区|工业园区)"
)
# A development zone or new area a city runs (合肥高新技术产业开发区, 天津经济技术开发区, 两江新区): its bureaus
# are county-level, like a district's.
ZONE = re.compile(
    r"^[\u4e00-\u9fff]{0,8}?(?:经济技术开发区|高新技术产业开发区|经济开发区|高新区|开发区|工业园区|新区|综合实验区|示范区)"
)
# The body is a school or kindergarten when its name ends like one.
SCHOOL_BODY = re.compile(
    r"(?:中学|小学|学校|学院|大学|幼儿园|幼稚园|附中|附小|完小|[一二三四五六七八九十]中|[一二三四五六七八九十]小|实验校"
    r"|分校|校区|中专|职中|职校|技校|高中|初中|教育集团|学区|教学点|学堂)"
    # …or like an office inside one (盘州市第二中学团委, 某某小学教务处): the school's own body.
    r"(?:团委|工会|党支部|党总支|教务处|政教处|德育处|教科室|教研室|办公室|少先队大队部)?$"
)
# A unit inside a university or college (北京师范大学教师培训中心, 某大学继续教育学院, 某学院团委): the school's own
# body, whatever the level of the city its name starts with (class 5). Not 大学生 (全国大学生…组委会), nor an
# academy (中国科学院…研究所).
INSIDE_UNIVERSITY = re.compile(
    r"(?:大学(?!生)|(?<!科)学院)[\u4e00-\u9fff]{0,24}?"
    r"(?:中心|研究院|研究所|研究基地|基地|实验室|处|部|委员会|团委|学院|系|办公室)$"
)
# 中心学校 / 中心校 run a township's schools: a township-level body.
TOWNSHIP_SCHOOL = re.compile(r"(?:中心学校|中心校|教育管理中心|教管中心|文教站|教育辅导站|辅导站|学区管理中心)$")
TOWNSHIP = re.compile(
    r"(?P<name>[\u3400-\u9fff]{1,8}?(?:民族乡|镇|乡|苏木|街道))(?=人民政府|政府|党委|办事处|中心学校|中心校|教育|教管|文教"
    r"|辅导站|学区|$)"
)
# Institutions named like schools that are not schools: they belong to a region's government.
# A 教育学院 (广西教育学院) or a university's 继续教育学院 is a college that awards its own certificates: a school.
# 中小学 names a kind of school, never one school: …市中小学 is a longer name cut short (…中小学教师职务评审委员会).
NOT_A_SCHOOL = re.compile(r"(?:教育科学研究院|研究院|科学院|教科院|行政学院|党校|进修学院|教师发展中心|中小学)$")
# A regiment (团场, county-level): 一〇三团, 农八师一二一团; right after its division a single numeral is one too
# (第一师一团), and so is a farm or ranch (第六师芳草湖农场).
BINGTUAN_REGIMENT = re.compile(
    r"(?:第|农)?(?:[一二三四五六七八九十〇百]{2,4}|[0-9]{2,3}|(?<=师)[一二三四五六七八九十])团(?:场)?"
    r"(?!委|中央|市委|县委|区委|结|队|体|员)"
    r"|(?<=师)[\u4e00-\u9fff]{2,4}(?:农场|牧场)"
)
BINGTUAN_DIVISION = re.compile(r"(?:第|农)(?P<number>[一二三四五六七八九十]{1,3})师(?!范|大|生|傅)")
# The printed level word in a certificate's text: 市级优质课, 荣获省级….
LEVEL_WORD = re.compile(r"(国家级|全国性|省级|自治区级|市级|州级|地级|县级|区级|乡级|镇级|校级|园级)")
# Whitespace inside an issuer only separates two bodies when the left part ends like a body.
BODY_END = re.compile(r"(?:局|厅|委|会|府|部|院|校|园|站|室|所|中心|办|组|馆|团|师|处|科|社|联|学)$")
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
