"""Is a short run of characters a Chinese person's name? Surnames decide, as they do for a clerk."""

from __future__ import annotations

import re

# Single-character surnames covering nearly all of China's population (the common 百家姓 entries and the
# frequent surnames of the national census), then the compound surnames still in use.
_SINGLE = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康"
    "施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷"
    "盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏"
    "席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀"
    "郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣"
    "晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎"
    "勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由"
)
_COMPOUND = [
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "轩辕",
    "令狐", "端木", "南宫", "西门", "独孤", "百里", "呼延", "澹台", "公羊", "万俟", "申屠", "钟离", "闻人", "太史",
    "仲孙", "赫连", "拓跋", "左丘", "东郭", "第五", "乐正", "濮阳", "单于", "司空",
]
SURNAMES = frozenset(_SINGLE)
# The single surnames are listed most frequent first: a surname's place in the list is how common it is.
_SURNAME_RANK = {surname: rank for rank, surname in enumerate(_SINGLE)}
COMPOUND_SURNAMES = frozenset(_COMPOUND)

_HAN_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")
# Minority names are transliterated with a middle dot: 阿依古丽·买买提.
_DOTTED_NAME = re.compile(r"[\u4e00-\u9fff]{1,8}·[\u4e00-\u9fff]{1,8}")

# Words a name pattern can catch that read like a surname + given name but are never a person.
_NOT_NAMES = {
    "同志", "老师", "教师", "学校", "单位", "证书", "获奖", "荣获", "该同志", "以下", "数学", "中小学", "汉族",
    "学生", "指导", "年度", "特发此证", "全国", "国家", "省级", "市级", "县级", "区级", "校级", "成绩", "在", "于",
    "经", "兹", "本人", "你在", "您在", "以资鼓励", "学年", "学年度", "优秀", "先进", "师德", "方向", "高级", "初级",
    "中级", "一级", "二级", "三级", "正高级", "时间", "姓名", "性别", "民族", "出生", "籍贯", "职务", "职称", "学历",
    "学位", "专业", "学科", "任教", "岗位", "工作", "考核", "结果", "意见", "签名", "盖章", "日期", "编号",
    "申报人", "申报", "持证人", "获奖人", "获奖者", "负责人", "主持人", "申请人", "受聘人", "现任", "公示", "推荐",
    "全体", "全面", "全部", "高度", "项目", "任职", "任现职", "时任", "现任职称", "申报职称", "申报专业", "单位意见",
    "成果", "成员", "完成人",
    # Words of a certificate's heading or wishes that start with a surname character (class 3 on the real set).
    "荣誉", "计算机", "祝贺", "恭喜", "特发", "颁发", "获得",
}
# Characters that do not occur after the surname in given names but fill captions and sentences.
_NOT_IN_GIVEN_NAMES = set(
    "的了是和与及或等之其为对年号级奖证书局厅部府省市县区镇乡校院会届期题项目表格栏填"
    "写报称职务位"
    # A contest's cup and the reader addressed (蓝桥杯, 祝贺您) are in no given name.
    "杯您你们"
    # A document's own words (…教育局文件, 条件) read where a commendation's recipient goes.
    "件"
    # The statement's verb (荣获一等奖: 荣 is a surname), a journal page's button (全文阅读: 全 and 文 are surnames).
    "获读"
)
# Suffixes of address that follow a name and are never part of it (class 3): 李明老师 is 李明, though 李 and 明 are
# both surnames and would pass as a four-character name.
_SUFFIXES = ("同学", "同志", "老师", "教师", "先生", "女士")


# A school addressed above the statement (江苏大学：) or the start of a body's name reads like a double surname's
# name (江 and 苏 are surnames): a province's name never starts a person's, a body word never ends one.
_PROVINCES = (
    "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西",
    "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "内蒙古", "广西",
    "西藏", "宁夏", "新疆", "香港", "澳门", "台湾",
)
_BODY_ENDS = ("大学", "学院", "中学", "小学", "学校", "公司", "学会", "协会", "中心", "大")


def is_person_name(text: str) -> bool:
    """A plausible name: 2–4 Han characters starting with a known surname, or a dotted minority name."""
    if text in _NOT_NAMES or text.endswith(_SUFFIXES):
        return False
    if text in _PROVINCES or (len(text) >= 3 and (text.startswith(_PROVINCES) or text.endswith(_BODY_ENDS))):
        return False
    if _DOTTED_NAME.fullmatch(text):
        return not _dotted_places(text)
    if not _HAN_NAME.fullmatch(text) or any(c in _NOT_IN_GIVEN_NAMES for c in text[1:]):
        return False
    if text[:2] in COMPOUND_SURNAMES:
        return len(text) >= 3
    if text[0] not in SURNAMES:
        return False
    return len(text) <= 3 or text[:2] in COMPOUND_SURNAMES or _double_surname(text)


def _dotted_places(text: str) -> bool:
    """A venue written with a middle dot (南京·鼓楼: a city and its district), no minority name."""
    from verifier.issuers.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    return all(gazetteer.lookup(part) is not None for part in text.split("·"))


def surname_rank(name: str) -> int:
    """How common a name's surname is: 0 for the most frequent, larger for rarer ones; compound surnames and
    unknown ones after every single surname."""
    return _SURNAME_RANK.get(name[:1], len(_SINGLE)) if name[:2] not in COMPOUND_SURNAMES else len(_SINGLE)


def _double_surname(text: str) -> bool:
    # Four-character names are usually two joined surnames (张王丽华) or a compound surname.
    return text[0] in SURNAMES and text[1] in SURNAMES
