"""Flag codes (CONTRACT.md) with their default severity and Chinese message."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from models.vocab import Severity


class FlagCode(StrEnum):
    EMPTY_FILE = "EMPTY_FILE"
    UNSUPPORTED_FORMAT = "UNSUPPORTED_FORMAT"
    CORRUPT_FILE = "CORRUPT_FILE"
    FILE_TOO_LARGE = "FILE_TOO_LARGE"
    IMAGE_TOO_LARGE = "IMAGE_TOO_LARGE"
    ENCRYPTED_PDF = "ENCRYPTED_PDF"
    UNREADABLE = "UNREADABLE"
    BLURRY = "BLURRY"
    LOW_RESOLUTION = "LOW_RESOLUTION"
    TOO_DARK = "TOO_DARK"
    OVEREXPOSED = "OVEREXPOSED"
    GLARE = "GLARE"
    NOT_UPRIGHT = "NOT_UPRIGHT"
    SKEWED = "SKEWED"
    INCOMPLETE = "INCOMPLETE"
    PHOTOCOPY = "PHOTOCOPY"
    SCREEN_RECAPTURE = "SCREEN_RECAPTURE"
    NO_SEAL = "NO_SEAL"
    UNKNOWN_TYPE = "UNKNOWN_TYPE"
    WRONG_COLUMN = "WRONG_COLUMN"
    HOLDER_MISMATCH = "HOLDER_MISMATCH"
    DATE_OUT_OF_WINDOW = "DATE_OUT_OF_WINDOW"
    MISSING_COMPANION = "MISSING_COMPANION"
    TRANSLATION_REQUIRED = "TRANSLATION_REQUIRED"
    HOURS_MISSING = "HOURS_MISSING"
    DUPLICATE_EXACT = "DUPLICATE_EXACT"
    DUPLICATE_NEAR = "DUPLICATE_NEAR"
    DUPLICATE_ACROSS_APPLICANTS = "DUPLICATE_ACROSS_APPLICANTS"
    LOWER_LEVEL_SAME_PROJECT = "LOWER_LEVEL_SAME_PROJECT"
    # Beyond CONTRACT.md: one upload that holds several certificates (an award and an honour in one PDF).
    SEVERAL_DOCUMENTS = "SEVERAL_DOCUMENTS"
    # Beyond CONTRACT.md: a page titled as a certificate whose wording names no known type; the closest type's
    # fields are read and a reviewer confirms the type.
    TYPE_UNCERTAIN = "TYPE_UNCERTAIN"
    # Beyond CONTRACT.md: a file still not verified when its time budget ran out (a hostile or pathological
    # file, or a machine far too slow); the rest of the submission is verified as usual.
    PROCESSING_TIMEOUT = "PROCESSING_TIMEOUT"


@dataclass(frozen=True)
class FlagSpec:
    severity: Severity
    message_zh: str


E, W = Severity.error, Severity.warn

# Severity follows the notices: what they reject outright is an error, what needs a human look is a warning.
FLAG_SPECS: dict[FlagCode, FlagSpec] = {
    FlagCode.EMPTY_FILE: FlagSpec(E, "文件为空（0 字节），请重新上传"),
    FlagCode.UNSUPPORTED_FORMAT: FlagSpec(E, "不支持的文件格式，请上传 JPG、PNG、TIFF、WebP、HEIC 或 PDF"),
    FlagCode.CORRUPT_FILE: FlagSpec(E, "文件已损坏或不完整，无法打开，请重新扫描上传"),
    FlagCode.FILE_TOO_LARGE: FlagSpec(E, "文件过大，超过上传大小限制，请压缩后上传"),
    FlagCode.IMAGE_TOO_LARGE: FlagSpec(E, "图片像素或页数超过限制，请缩小后上传"),
    FlagCode.ENCRYPTED_PDF: FlagSpec(E, "PDF 已加密或设有密码，无法读取，请上传未加密的文件"),
    FlagCode.UNREADABLE: FlagSpec(E, "未能识别出有效文字，请上传清晰的原件扫描件"),
    FlagCode.BLURRY: FlagSpec(W, "图片不清晰，文字可能无法准确辨认"),
    FlagCode.LOW_RESOLUTION: FlagSpec(W, "图片分辨率过低，文字过小"),
    FlagCode.TOO_DARK: FlagSpec(W, "图片过暗，部分文字难以辨认"),
    FlagCode.OVEREXPOSED: FlagSpec(W, "图片过曝，部分文字难以辨认"),
    FlagCode.GLARE: FlagSpec(W, "图片有反光，遮挡了部分内容"),
    FlagCode.NOT_UPRIGHT: FlagSpec(W, "附件未正向上传（已旋转后识别），请正向上传"),
    FlagCode.SKEWED: FlagSpec(W, "图片倾斜，请摆正后重新拍摄或扫描"),
    FlagCode.INCOMPLETE: FlagSpec(W, "证书内容不完整，有部分被裁切"),
    FlagCode.PHOTOCOPY: FlagSpec(E, "疑似复印件，复印件无效，请上传原件扫描件或照片"),
    FlagCode.SCREEN_RECAPTURE: FlagSpec(E, "疑似翻拍屏幕，请上传原件扫描件或照片"),
    FlagCode.NO_SEAL: FlagSpec(W, "未检测到公章，请核实"),
    FlagCode.UNKNOWN_TYPE: FlagSpec(W, "无法识别为有效的申报佐证材料，请勿上传无关附件"),
    FlagCode.WRONG_COLUMN: FlagSpec(W, "材料上传栏目不符，请上传至指定栏目"),
    FlagCode.HOLDER_MISMATCH: FlagSpec(E, "证书持有人与申报人不一致"),
    FlagCode.DATE_OUT_OF_WINDOW: FlagSpec(W, "证书时间不在规定的时间范围内"),
    FlagCode.MISSING_COMPANION: FlagSpec(W, "缺少配套材料"),
    FlagCode.TRANSLATION_REQUIRED: FlagSpec(E, "外文证书须附加盖公章的中文翻译件"),
    FlagCode.HOURS_MISSING: FlagSpec(W, "培训证书未注明学时，须另附加盖公章的学时证明"),
    FlagCode.DUPLICATE_EXACT: FlagSpec(E, "与其他上传文件完全相同（一证多传）"),
    FlagCode.DUPLICATE_NEAR: FlagSpec(E, "与其他上传文件为同一证书（一证多传）"),
    FlagCode.DUPLICATE_ACROSS_APPLICANTS: FlagSpec(E, "该证书已出现在其他申报人的材料中"),
    FlagCode.LOWER_LEVEL_SAME_PROJECT: FlagSpec(W, "同一层层赛项目只计最高级别奖项，本证书不重复计算"),
    FlagCode.SEVERAL_DOCUMENTS: FlagSpec(W, "一个文件中含有多份证书，仅核验了第一份，请每份证书单独上传"),
    FlagCode.TYPE_UNCERTAIN: FlagSpec(W, "证书类型仅凭标题推断，请人工核对"),
    # A warning, not an error: the file may be sound, so a person looks at it instead of the machine.
    FlagCode.PROCESSING_TIMEOUT: FlagSpec(W, "文件处理超时，未能完成自动核验，请人工审核，或压缩、拆分后重新上传"),
}
