"""Document-level decisions that need all pages: a missing official seal, and photocopies."""

from __future__ import annotations

from typing import Any

import numpy as np

from models.flags import FlagCode
from models.report import Flag
from models.vocab import DocType
from verifier.imaging import downscale, to_grey
from verifier.quality.model import PageQuality
from verifier.quality.redink import colourfulness, toner_specks
from verifier.seals.detect import detect_seals
from verifier.seals.faded import faded_seals
from verifier.seals.ink import red_mask
from verifier.seals.model import Seal
from verifier.settings import defaults
from verifier.settings.quality import QualitySettings

# Types issued under an official seal (000, 002: 加盖公章); the red seal is also why a colour scan of
# the original always shows colour. 毕业证书 and 学位证书 carry the school's seal, a 岗位说明书 handed in as
# evidence is stamped by the unit.
SEALED_TYPES: frozenset[DocType] = frozenset(
    {
        DocType.academic_certificate,
        DocType.job_description,
        DocType.award_certificate,
        DocType.honor_certificate,
        DocType.instructor_award,
        DocType.teaching_service_honor,
        DocType.teacher_qualification,
        DocType.qualification_registration,
        DocType.continuing_education,
        DocType.title_certificate,
        DocType.appointment_letter,
        DocType.research_project,
        DocType.commendation_document,
        DocType.personnel_form,
        DocType.publicity_form,
        DocType.assessment_record,
    }
)


def assess_document(
    pages_quality: list[PageQuality],
    images: list[np.ndarray],
    doc_type: DocType,
    settings: QualitySettings | None = None,
    seals: list[list[Seal]] | None = None,
    smalls: list[np.ndarray | None] | None = None,
) -> tuple[dict[str, Any], list[Flag]]:
    """Seal and colour over all upright pages; returns document scores and flags (page None).

    `seals`: the seals already found on each page, when the caller looked for them (the reading does, to
    lift their ink). `smalls`: each page already downscaled to the working width, where the caller has it
    (colour and seals do not depend on which way up it is).
    """
    s = settings or defaults(QualitySettings)
    # One downscale per page serves both measures (resizing a phone photo costs more than either).
    given = smalls or [None] * len(images)
    working = [
        small if small is not None else downscale(image, s.working_width)[0]
        for image, small in zip(images, given, strict=True)
    ]
    found = seals if seals is not None else [detect_seals(small, s) for small in working]
    seals_per_page = [len(page) for page in found]
    colour_per_page = [_colour_measures(small, s) for small in working]
    max_colour = max((c for c, _ in colour_per_page), default=0.0)
    max_red = max((r for _, r in colour_per_page), default=0.0)
    # Overexposure and darkness wash every colour out (and break faint strokes into dots): such a page
    # says nothing about whether the paper was a copy.
    washed = {q.page - 1 for q in pages_quality if any(f.code in _COLOUR_HIDING for f in q.flags)}
    judged = [i for i in range(len(images)) if i not in washed]
    scores: dict[str, Any] = {
        "seals": sum(seals_per_page),
        "seal_pages": [i + 1 for i, n in enumerate(seals_per_page) if n],
        "colourfulness": round(max_colour, 2),
        "red_fraction": round(max_red, 5),
        "pages": [q.scores for q in pages_quality],
    }
    flags: list[Flag] = []
    if not images:
        return scores, flags
    colourless = max_colour <= s.photocopy_max_colourfulness and max_red <= s.photocopy_max_red_fraction
    if colourless and judged:
        # Only a colourless upload can be a toner copy; the texture is measured at source resolution.
        specks = max(toner_specks(to_grey(images[i]), s.photocopy_speck_contrast) for i in judged)
        scores["toner_specks"] = round(specks, 2)
        if specks >= s.photocopy_min_specks:
            detail = f"整份材料无任何彩色（色彩度 {max_colour:.1f}），纸面有复印墨粉斑点（每万像素 {specks:.1f} 个）"
            flags.append(Flag.make(FlagCode.PHOTOCOPY, value=round(specks, 2), detail=detail))
            return scores, flags
    if doc_type not in SEALED_TYPES or scores["seals"] or _foreign(pages_quality, s):
        return scores, flags
    if pages_quality and all(_unjudgeable(q) for q in pages_quality):
        return scores, flags
    if all(red > s.red_paper_min_fraction for _, red in colour_per_page):
        return scores, flags  # red paper (a red 聘书): a red seal cannot be told against it
    # Before calling a seal missing, look again with the paper's tint divided out: a faded seal on cream paper
    # is salmon, not red, and leaves only fragments of its ring in the red mask.
    faded = sum(len(faded_seals(small, s)) for small in working)
    scores["faded_seals"] = faded
    if faded:
        return scores, flags
    detail = f"共 {len(images)} 页均未发现红色圆形或椭圆形印章"
    if colourless:
        detail += "；整份材料无任何彩色，如为黑白复印件或灰度扫描件，请上传原件彩色扫描件"
    flags.append(Flag.make(FlagCode.NO_SEAL, value=0, detail=detail))
    return scores, flags


def _foreign(pages_quality: list[PageQuality], s: QualitySettings) -> bool:
    """A certificate written in another language: it carries no Chinese official seal (the translation
    that must come with it does, which TRANSLATION_REQUIRED asks for)."""
    cjk = sum(q.scores.get("cjk_chars", 0.0) for q in pages_quality)
    latin = sum(q.scores.get("latin_chars", 0.0) for q in pages_quality)
    return latin > 0 and cjk < s.foreign_max_cjk_share * (cjk + latin)


def _unjudgeable(quality: PageQuality) -> bool:
    """A page too dark, washed out, glared, blurred or unreadable to tell whether a seal is there (a
    highlight washes red ink out as it does black): its capture flag already asks for a new upload, and
    a missing seal would be a guess."""
    return any(f.code in _SEAL_HIDING for f in quality.flags)


_COLOUR_HIDING = {FlagCode.TOO_DARK, FlagCode.OVEREXPOSED}
_SEAL_HIDING = {FlagCode.TOO_DARK, FlagCode.OVEREXPOSED, FlagCode.BLURRY, FlagCode.UNREADABLE, FlagCode.GLARE}


def _colour_measures(small: np.ndarray, s: QualitySettings) -> tuple[float, float]:
    mask = red_mask(small, s.seal_s_min, s.seal_v_min)
    return colourfulness(small), float(np.count_nonzero(mask)) / mask.size
