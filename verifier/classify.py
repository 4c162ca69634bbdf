"""Classify: recognised text and its layout → doc_type, a confidence, and the cues that decided it."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from models.vocab import DocType
from verifier.document_number import BRACKETED_YEAR_AND_SERIAL
from verifier.normalize import compact
from verifier.text import DocumentText

D = DocType

# Cues per type with weights. A cue set large in a title line counts TITLE_BONUS times more:
# a document names itself in its title (荣誉证书, 岗位说明书), and body text repeats words of other types.
CUES: dict[DocType, list[tuple[str, float]]] = {
    D.award_certificate: [
        ("获奖证书", 3), ("荣获", 1.5), ("获得", 0.5), ("一等奖", 2), ("二等奖", 2), ("三等奖", 2), ("特等奖", 2),
        ("优秀奖", 1.5), ("金奖", 1.5), ("银奖", 1.5), ("铜奖", 1.5), ("竞赛", 1), ("比赛", 1), ("评比", 1),
        ("大赛", 1), ("优质课", 1.5), ("优课", 1.5), ("成果奖", 1.5), ("评选", 0.5), ("奖", 0.5), ("论文", 1),
        ("完成人", 1.5), ("基本功", 1), ("教学成果", 1.5), ("科研成果", 1.5), ("金牌", 1.5), ("银牌", 1.5),
        ("铜牌", 1.5), ("教学技能", 1.5),
        # Prizes without a grade (class 1): a contest's 优胜奖, 成功参赛奖, 鼓励奖.
        ("优胜奖", 2), ("参赛奖", 2), ("鼓励奖", 2), ("单项奖", 2),
        # Foreign certificates (they also need a translation, content_flags.py), matched without spaces or case.
        ("FirstPrize", 2.5), ("SecondPrize", 2.5), ("ThirdPrize", 2.5), ("GrandPrize", 2.5), ("GoldMedal", 1.5),
        ("SilverMedal", 1.5), ("BronzeMedal", 1.5), ("CertificateofAchievement", 1), ("Competition", 1),
    ],
    D.honor_certificate: [
        ("被评为", 3), ("荣誉称号", 3), ("授予", 1), ("优秀教师", 2), ("优秀班主任", 2), ("先进工作者", 2),
        ("优秀教育工作者", 2), ("模范教师", 2), ("师德标兵", 2), ("先进个人", 3), ("优秀共产党员", 1.5),
        ("表彰", 0.5), ("荣誉证书", 1), ("称号", 2.5), ("骨干教师", 2), ("教学能手", 2), ("最美乡村教师", 2),
        ("学科带头人", 2), ("名师", 1), ("评为", 1.5), ("确定为", 1.5), ("认定", 1), ("名师工作室", 2),
        # An award named for the teacher, with no grade (优良教师奖, 杰出教师奖, 乡村教师奖): an honour, not a contest.
        ("教师奖", 1.5),
        # Class 1: students' and trainees' honours, which teachers' files carry too (a trainee's 优秀学员, a
        # student's 三好学生 under the teacher's 班主任 evidence): titles conferred without a contest.
        ("三好学生", 3), ("优秀学生干部", 3), ("优秀学生", 2), ("优秀学员", 3), ("优秀团员", 3), ("优秀团干部", 3),
        # A scholarship by name (国家奖学金, 国家励志奖学金) is an honour; a graded one (一等奖学金) is a prize,
        # which its grade words make it.
        ("奖学金", 2.5), ("优秀毕业生", 3), ("优秀志愿者", 3), ("标兵", 2), ("积极分子", 2), ("优秀个人", 2),
        ("军训", 1.5), ("社会实践", 1.5), ("优秀党员", 2), ("优秀工作者", 2), ("德育工作者", 2), ("优秀辅导员", 2),
        ("表现突出", 1), ("表现优异", 1), ("表现优越", 1), ("成绩突出", 1),
        # Teachers' honour titles conferred by name (教坛新秀 by a city's bureau, 三八红旗手 by a women's federation).
        ("教坛新秀", 3), ("教学新秀", 3), ("三八红旗手", 3), ("劳动模范", 3), ("劳动奖章", 3), ("岗位能手", 2),
        ("特级教师", 2), ("优秀教研员", 2), ("优秀校长", 2), ("优秀共青团员", 3), ("优秀党务工作者", 3),
        ("CertificateofHonor", 3), ("CertificateofHonour", 3), ("OutstandingTeacher", 2), ("ExcellentTeacher", 2),
        ("HonoraryTitle", 3),
    ],
    D.instructor_award: [
        ("指导教师", 3), ("指导老师", 3), ("辅导教师", 3), ("优秀指导教师", 4), ("指导的学生", 3), ("辅导的学生", 3),
        ("指导学生", 3), ("园丁奖", 2),
    ],
    D.teaching_service_honor: [
        ("教育工作满", 5), ("从事教育工作", 3), ("教龄", 3), ("从教三十年", 4), ("从教二十五年", 4),
        ("乡村学校从教", 4), ("满三十年", 2), ("满二十五年", 2), ("荣誉证书", 0.5), ("教育岗位", 2.5),
        ("辛勤耕耘", 2), ("为教育事业", 1.5),
    ],
    D.teacher_qualification: [
        ("教师资格证书", 5), ("教师资格种类", 5), ("资格种类", 3), ("任教学科", 2), ("证书号码", 1),
        ("教师资格", 2), ("国务院教育行政部门", 2), ("教育部制", 2), ("资格认定", 1.5),
    ],
    D.qualification_registration: [
        ("定期注册", 5), ("注册结论", 5), ("暂缓注册", 4), ("注册有效期", 3), ("注册机构", 3), ("注册日期", 3),
        ("注册", 1),
    ],
    D.continuing_education: [
        ("继续教育", 4), ("学时", 3), ("学分", 3), ("培训", 2), ("结业", 2), ("研修", 2), ("结业证书", 3),
        ("培训证书", 3), ("合格证书", 1), ("国培计划", 2), ("完成", 0.5), ("网络研修", 2), ("公需科目", 2),
        ("CERTIFICATEOFCOMPLETION", 5), ("hours", 2), ("PROFESSIONALDEVELOPMENT", 2), ("training", 2),
    ],
    D.title_certificate: [
        ("任职资格", 4), ("专业技术职务", 3), ("职称证书", 5), ("专业技术资格", 4), ("评审通过", 2), ("资格名称", 2),
        ("评审委员会", 1.5), ("高级教师", 1), ("一级教师", 1), ("正高级教师", 1),
    ],
    D.appointment_letter: [
        ("聘书", 5), ("兹聘请", 5), ("兹聘任", 5), ("聘任为", 3), ("聘请", 2), ("聘为", 2), ("聘期", 3), ("聘任", 1),
        ("聘任书", 5), ("聘用证书", 5), ("聘用您为", 4), ("聘用期限", 3), ("聘任期限", 3),
    ],
    D.academic_certificate: [
        ("毕业证书", 5), ("学位证书", 5), ("准予毕业", 4), ("学士学位", 4), ("硕士学位", 4), ("博士学位", 4),
        ("修完", 2), ("学制", 2), ("毕业", 1.5), ("学位", 1.5), ("专业", 0.5),
        # The online record of a diploma or degree (学信网: 学历证书电子注册备案表, 学位在线验证报告) proves it too.
        ("电子注册备案表", 5), ("学历在线验证", 5), ("学位在线验证", 5), ("学历类别", 1.5),
        ("Diploma", 3), ("Bachelorof", 4), ("MasterofArts", 4), ("MasterofScience", 4), ("MasterofEducation", 4),
        ("DoctorofPhilosophy", 4), ("thedegreeof", 3),
    ],
    D.research_project: [
        ("课题", 3), ("立项", 3), ("结题", 4), ("结题证书", 5), ("立项证书", 5), ("课题负责人", 4), ("规划课题", 3),
        ("鉴定", 1.5), ("课题组", 2), ("研究课题", 3), ("批准号", 2),
    ],
    D.publication: [
        ("ISSN", 4), ("CN", 1.5), ("期刊", 2), ("杂志", 2), ("刊号", 3), ("主办", 1.5), ("用稿通知", 4), ("目录", 1.5),
        ("编辑部", 2), ("主编", 1.5), ("摘要", 2), ("关键词", 2), ("出版", 1.5), ("邮发代号", 3),
        # A paper accepted abroad, by a journal or a conference's proceedings, in English (matched without spaces).
        ("AcceptanceLetter", 4), ("LetterofAcceptance", 4), ("manuscript", 2), ("hasbeenaccepted", 2),
        ("Proceedings", 1.5),
    ],
    D.commendation_document: [
        ("关于表彰", 5), ("的决定", 2), ("的通报", 2), ("表扬", 2), ("文件", 1.5), ("通报表扬", 3), ("予以表彰", 3),
        ("各县", 1), ("各学校", 1), ("印发", 1.5), ("抄送", 2),
    ],
    D.personnel_form: [
        ("人员登记表", 6), ("事业单位人员", 4), ("登记表", 1.5), ("参加工作时间", 2), ("身份证号", 1), ("政治面貌", 2),
        ("个人简历", 2.5), ("出生年月", 1.5), ("聘任时间", 1.5), ("主管部门", 1), ("推荐表", 3), ("申报表", 3),
        ("审批表", 3),
    ],
    D.job_description: [
        ("岗位说明书", 6), ("岗位职责", 3), ("岗位名称", 3), ("任职条件", 3), ("工作内容", 1.5), ("考核要求", 2),
        ("任职人员", 2), ("所在部门", 1.5),
    ],
    D.publicity_form: [("公示表", 5), ("推荐考核结果", 5), ("公示", 2), ("公示期", 3), ("公示时间", 3), ("无异议", 2)],
    D.assessment_record: [
        ("年度考核", 5), ("考核登记表", 5), ("考核结果", 3), ("考核等次", 4), ("考核意见", 2), ("考核证明", 4),
    ],
}

# An honour title alone on its line (a year before it at most), as certificates and plaques print it.
_HONOUR_TITLE_LINE = re.compile(
    r"^\s*(?:\d{4}(?:\s*[-—–至]\s*\d{4})?\s*(?:学)?年度?)?\s*"
    r"(?:优秀|先进|十佳|最美|模范|杰出)(?![\u4e00-\u9fff]{0,4}(?:指导|辅导)(?:教师|老师))[\u4e00-\u9fff]{0,8}?"
    r"(?:教师|班主任|教育工作者|工作者|辅导员|个人|集体|党员|团员|干部|志愿者|团队|校长|园丁)\s*$",
    re.MULTILINE,
)

# Cues that vary in form: prize grades in any numeral style, years of service, 评为 misread.
PATTERN_CUES: dict[DocType, list[tuple[str, re.Pattern[str], float]]] = {
    D.award_certificate: [
        ("N等奖", re.compile(r"[特一二三壹贰叁甲乙丙]\s*等\s*奖"), 2.5),
        # A prize named for what won it (荣获：优秀视频奖, 获得最佳创意奖), not a teacher's 优良教师奖 nor a
        # scholarship.
        (
            "荣获…奖",
            re.compile(
                r"(?:赛|活动|评选|评比|征文|展演?)[\s\S]{0,40}?(?:荣获|获得)\s*[:：]?\s*[\u4e00-\u9fff]{2,8}(?<!教师)奖(?!学金)"
            ),
            2,
        ),
    ],
    D.commendation_document: [
        ("文号", re.compile(rf"[\u4e00-\u9fff]{{2,8}}{BRACKETED_YEAR_AND_SERIAL}"), 3),
        ("红头文件", re.compile(r"^.{4,30}文件$", re.MULTILINE), 2),
    ],
    D.honor_certificate: [
        ("荣获…称号", re.compile(r"(?:荣获|授予|评为).{2,30}称号"), 2.5),
        # An honour's title standing on a line of its own, in a wording the cue list does not hold (十佳志愿者服务
        # 团队, 优秀青年教师, 先进教育工作者, 优秀少先队辅导员): a title conferred on a person or a team. A
        # coach's 优秀指导教师 and a prize (…教师奖, …团队赛) are not.
        ("荣誉称号行", _HONOUR_TITLE_LINE, 3),
        # An honour title in quotes, even when 称号 after it is misread: 荣获黑河市2024年“最美乡村教师”.
        ("荣获“…”", re.compile(r"(?:荣获|授予|评为)[^“\n]{0,20}“[^”\n]{2,12}”(?![^\n]{0,8}(?:赛|评比|评选|活动))"),
         1.5),
    ],
    # The certificate is the coach's when the students it names won: 指导学生黎琳芳在…中荣获银牌.
    D.instructor_award: [
        ("指导的学生…获奖", re.compile(r"(?:指导|辅导)的?学生[\s\S]{1,40}?(?:荣获|获得|获)"), 3),
    ],
    # A journal's running head: 中小学教育 2018年第11期.
    D.publication: [("刊期", re.compile(r"(?:19|20)\d{2}\s*年\s*第\s*\d{1,2}\s*期"), 2)],
    D.teaching_service_honor: [
        (
            "从教 N 年",
            re.compile(
                r"(?:满|耕耘|从教|执教|任教|教育工作)\D{0,4}(?:三十|二十五|二十|十五|30|25|20|15)\s*(?:周)?[年载](?!度)"
                r"|(?:三十|二十五|二十|十五|30|25|20|15)\s*年(?:的)?教龄"
            ),
            4,
        ),
    ],
}

TITLE_BONUS = 2.0
# Below this total weight nothing recognisable was read: the document is `other`.
MIN_SCORE = 3.0
# Confidence is a logistic of the winner's lead over the runner-up (types with no evidence do not dilute it);
# a tie reads 0.5, a lead of one strong cue (≈5) ≈0.92. Checked on the b200 benchmark: every confidence band from
# 0.5 up was right about as often as it claims; the `other` fallback (nothing recognised) states 0.6.
TEMPERATURE = 2.0


@dataclass
class Classification:
    doc_type: DocType
    confidence: float
    cues: list[str] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)
    # The type was taken from the page's certificate title alone, its wording known to no cue: a reviewer checks it.
    doubtful: bool = False


def _contains(cue: str, text: str) -> bool:
    if len(cue) <= _SHORT_LATIN and cue.isascii():
        # A short Latin cue is a word of its own in its case (CN before a journal's number, not CCCCN).
        return re.search(rf"(?<![A-Za-z]){cue}(?![a-z])", text) is not None
    if cue.lower() in text.lower():
        return True
    # Fuzzy only for long cues: on a shorter one a single differing character turns 教育工作满 into 教育工作者.
    return len(cue) >= 7 and fuzz.partial_ratio(cue, text, score_cutoff=85) >= 85


_SHORT_LATIN = 3
_CN_NUMBER = re.compile(r"CN\s*\d{2}\s*-\s*\d{4}", re.IGNORECASE)


def classify(text: DocumentText) -> Classification:
    body = text.compact
    titles = compact("".join(line.text for line in text.titles()))
    scores: dict[DocType, float] = {}
    matched: dict[DocType, list[str]] = {}
    for doc_type, cues in CUES.items():
        score = 0.0
        for cue, weight in cues:
            if _contains(cue, body):
                in_title = bool(titles) and cue in titles
                score += weight * (TITLE_BONUS if in_title else 1.0)
                matched.setdefault(doc_type, []).append(f"{cue}（标题）" if in_title else cue)
        scores[doc_type] = score
    for doc_type, patterns in PATTERN_CUES.items():
        for name, pattern, weight in patterns:
            if pattern.search(text.full):
                scores[doc_type] += weight
                matched.setdefault(doc_type, []).append(name)
    if _CN_NUMBER.search(text.full):
        scores[D.publication] += 3
        matched.setdefault(D.publication, []).append("CN 刊号")
    _apply_exclusions(scores, body, titles, text.full)

    best = max(scores, key=lambda t: scores[t])
    if scores[best] < MIN_SCORE:
        titled = _titled_certificate(text, titles, body, scores)
        if titled is not None:
            return titled
        return Classification(DocType.other, 0.6, [], {k.value: v for k, v in scores.items()})
    runner_up = max(s for t, s in scores.items() if t != best)
    confidence = 1 / (1 + math.exp(-(scores[best] - runner_up) / TEMPERATURE))
    return Classification(best, round(confidence, 3), matched.get(best, []), {k.value: v for k, v in scores.items()})


# Class 1: a page that calls itself a certificate (荣誉证书, 证书, 奖状) and says more than its title.
_CERTIFICATE_TITLE = re.compile(r"荣誉证书|荣誉状|奖状|^证书|证书$")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_NOT_EVIDENCE_TITLE = re.compile(r"专利|著作权|登记证书|营业执照")
# Characters beyond the title that make a statement (张三同学在…中表现突出，特发此证): a booklet's cover has none.
_STATEMENT_CHARS = 12
# What a titled certificate with no known wording most often is, by its title: an honour (荣誉证书, 证书 with
# 表现突出, 特发此证), a prize where the title says 奖状.
_DOUBTFUL_CONFIDENCE = 0.5


def _titled_certificate(
    text: DocumentText, titles: str, body: str, scores: dict[DocType, float]
) -> Classification | None:
    """The closest certificate type for a page titled as a certificate whose wording no cue knows (class 1 of the
    real-certificate failures): its fields are read and a reviewer checks the type, rather than an empty `other`."""
    # Where no line was set large enough to be a title, the first line read stands for it.
    title_lines = [compact(line.text) for line in text.titles()] or [compact(line.text) for line in text.lines[:1]]
    # A title set in spaced characters may come as a box per character (奖 | 状): the title lines joined as well.
    if not any(_CERTIFICATE_TITLE.search(line) for line in [*title_lines, titles]):
        return None
    if _NEWS.search(body) or _GOOD_NEWS_TITLE.search(titles) or _FORM_TITLE.search(titles):
        return None
    if _NOT_EVIDENCE_TITLE.search(titles):
        return None  # a patent's or a copyright's certificate proves no award, honour or training
    if len(_HAN.findall(body)) - len(_HAN.findall("".join(title_lines))) < _STATEMENT_CHARS:
        return None
    best = max(_CERTIFICATES, key=lambda t: scores[t])
    if scores[best] <= 0:
        best = D.award_certificate if any("奖状" in line for line in title_lines) else D.honor_certificate
    cues = ["证书标题（类型待核）"]
    return Classification(best, _DOUBTFUL_CONFIDENCE, cues, {k.value: v for k, v in scores.items()}, doubtful=True)


_NEWS = re.compile(r"本报讯|[(（]记者|记者\s*[:：]|通讯员|新闻网|来源\s*[:：]\s*\S{2,}(?:报|网|电视台)")
# A school's own announcement of a teacher's award (喜报, 捷报, 光荣榜) is no certificate of it.
_GOOD_NEWS_TITLE = re.compile(r"喜报|捷报|光荣榜")
_FORM_TITLE = re.compile(r"(?:推荐|申报|审批|评审|登记|考核|申请)表$")
# A lesson plan's 课题 is the lesson's topic (课题：分数的初步认识), not a research project.
_LESSON_PLAN_TITLE = re.compile(r"(?:教学设计|教案|学案|导学案|说课稿|教学反思|课堂实录)$")
_QUALIFICATION_EXAM = re.compile(r"教师资格(?:考试|笔试|面试)")
_CERTIFICATES = (
    D.award_certificate, D.honor_certificate, D.instructor_award, D.teaching_service_honor, D.teacher_qualification,
    D.continuing_education, D.title_certificate, D.academic_certificate, D.appointment_letter,
)


# Students named as the winners: a caption before a name (参赛学生：, 队员：, 作者：) or a name with 同学 after it.
_NAMED_PUPIL = re.compile(
    r"(?:参赛|获奖)?(?:队?学生|选手|队员|团队成员|作者|获奖者)(?:姓名)?\s*(?:[(（][^)）\n]{0,10}[)）])?\s*[:：]\s*"
    r"[\u4e00-\u9fff·]{2,4}"
    # 队员's first character on a line of its own: 员：张三…
    r"|^\s*员\s*[:：]\s*[\u4e00-\u9fff·]{2,4}"
    # A team's caption in a box of its own, its names in a column beside it.
    r"|(?:参赛|获奖)(?:队员|队?学生|选手)|团队成员"
    r"|[\u4e00-\u9fff·]{2,4}\s*同学",
    re.MULTILINE,
)
# Three names or more joined by 、 (a team addressed by name: 王芳、李丽、张伟：), or the winners addressed together.
_NAME_LIST = re.compile(r"(?:[\u4e00-\u9fff·]{2,4}、\s*){2,}[\u4e00-\u9fff·]{2,4}")
# …or a students' category (学生组二等奖, 本科组): the certificate is a student's, its coach named below.
_YOU_ALL = re.compile(r"你们的|你们在|你队|贵队|(?:学生|本科|研究生|大学生|高职|中职)组")
_COACH_CAPTION_END = re.compile(r"(?:指导|辅导)(?:教师|老师)\s*[:：]?\s*$")


def _pupils_named(full: str) -> bool:
    """The certificate names its winners: captioned, with 同学, as a team list that is not its coaches', or
    addresses them together (你们的作品…)."""
    if _NAMED_PUPIL.search(full) or _YOU_ALL.search(full):
        return True
    return any(not _COACH_CAPTION_END.search(full[: match.start()]) for match in _NAME_LIST.finditer(full))


# Wordings addressed to the coach: 优秀指导教师, 你指导的学生…, 指导学生李四…, 园丁奖.
_COACH_ADDRESSED = re.compile(r"优秀(?:指导|辅导)(?:教师|老师)|(?:指导|辅导)的?学生|园丁奖|指导(?:教师)?奖")

_COACH_NAMED = re.compile(r"(?:指导|辅导)(?:教师|老师)\s*[:：]\s*[\u4e00-\u9fff·]{2,4}")
# Someone else the certificate is for: a teacher's own prize that names a mentor (获奖教师：王芳 指导教师：李明).
_OTHER_RECIPIENT = re.compile(r"获奖(?:教师|者|人)|姓\s*名|执教|授课|参赛教师|(?:同志|老师)\s*[:：]")


def _apply_exclusions(scores: dict[DocType, float], body: str, titles: str, full: str) -> None:
    """Relations between types that additive cues cannot express."""
    # A certificate for the teacher who coached winning students also carries the students' grade words. One that
    # names the winning students (李四同学…, 参赛队员：…) is theirs, the coach named below them (class 2 of the
    # real-certificate failures): an award, whose holder is a winner; the coach is one of its members, and it counts
    # as the coach's evidence when the coach applies (crosscheck.check_holder).
    if _pupils_named(full) and not _COACH_ADDRESSED.search(body):
        scores[D.instructor_award] *= 0.3
    elif scores[D.instructor_award] >= 3:
        scores[D.award_certificate] *= 0.3
        # The coach the only person named (作品《…》荣获三等奖 指导教师：王芳): the certificate is the coach's.
        if _COACH_NAMED.search(full) and not _OTHER_RECIPIENT.search(full):
            scores[D.instructor_award] += 4
    # A red-header decision commends people with honour titles: it is the document, not a certificate.
    if scores[D.commendation_document] >= 5:
        scores[D.honor_certificate] *= 0.4
        scores[D.award_certificate] *= 0.4
    # 教龄 certificates are honours; their "荣誉证书" header must not pull them to honor_certificate.
    if scores[D.teaching_service_honor] >= 5:
        scores[D.honor_certificate] *= 0.5
    # A registration page sits inside the qualification booklet and repeats its words.
    if scores[D.qualification_registration] >= 8:
        scores[D.teacher_qualification] *= 0.5
    # Class 1: a trainee's honour (荣获“优秀学员”称号) from a training college is an honour, not the training's
    # certificate, when it states no hours, credits or completion.
    if re.search(r"被评为|称号|优秀学员", body) and not re.search(r"学时|学分|结业|合格|完成", body):
        scores[D.continuing_education] *= 0.5
    # A graded scholarship (综合奖学金 丙等奖, 一等奖学金) is a prize; one by name only (国家励志奖学金) an honour.
    if "奖学金" in body and re.search(r"[特一二三甲乙丙]等", body):
        scores[D.honor_certificate] *= 0.5
    # An honour title with no prize grade is an honour, not an award.
    if re.search(r"被评为|称号", body) and not re.search(r"[特一二三壹贰叁]等奖|[金银铜][奖牌]", body):
        scores[D.award_certificate] *= 0.5
    # Not certificates at all, whatever certificate words they carry. A news report of an award (本报讯…其中一等奖
    # 3名) proves nobody's award; a form about a certificate's matter (专业技术职务任职资格推荐表) is a form.
    news = _NEWS.search(body) or _GOOD_NEWS_TITLE.search(titles)
    not_a_certificate = (0.2 if news else 1.0) * (0.15 if _FORM_TITLE.search(titles) else 1.0)
    for certificate in _CERTIFICATES:
        scores[certificate] *= not_a_certificate
    # The exam's pass certificate (中小学教师资格考试合格证明) comes before the qualification and is not it.
    if _QUALIFICATION_EXAM.search(body):
        scores[D.teacher_qualification] *= 0.2
    if _LESSON_PLAN_TITLE.search(titles):
        scores[D.research_project] *= 0.3
