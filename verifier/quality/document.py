"""Document-level decisions that need all pages: a missing official seal, and photocopies."""

from __future__ import annotations

from typing import Any

import numpy as np

from models.flags import FlagCode
from models.report import Flag
from models.vocab import DocType
from verifier.quality.model import PageQuality, Seal
from verifier.quality.redink import colourfulness, red_mask
from verifier.quality.seals import detect_seals
from verifier.quality.settings import QualitySettings
from verifier.quality.working import downscale

# Types issued under an official seal (000, 002: 加盖公章); the red seal is also why a colour scan of
# the original always shows colour, which makes a colourless upload of these types a copy (003 六（六）).
SEALED_TYPES: frozenset[DocType] = frozenset(
    {
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
) -> tuple[dict[str, Any], list[Flag]]:
    """Seal and colour over all upright pages; returns document scores and flags (page None).

    `seals`: the seals already found on each page, when the caller looked for them (the seal re-read does).
    """
    s = settings or QualitySettings()
    # One downscale per page serves both measures (resizing a phone photo costs more than either).
    smalls = [downscale(image, s.working_width)[0] for image in images]
    found = seals if seals is not None else [detect_seals(small, s) for small in smalls]
    seals_per_page = [len(page) for page in found]
    colour_per_page = [_colour_measures(small, s) for small in smalls]
    max_colour = max((c for c, _ in colour_per_page), default=0.0)
    max_red = max((r for _, r in colour_per_page), default=0.0)
    scores: dict[str, Any] = {
        "seals": sum(seals_per_page),
        "seal_pages": [i + 1 for i, n in enumerate(seals_per_page) if n],
        "colourfulness": round(max_colour, 2),
        "red_fraction": round(max_red, 5),
        "pages": [q.scores for q in pages_quality],
    }
    flags: list[Flag] = []
    if doc_type not in SEALED_TYPES or not images:
        return scores, flags
    colourless = max_colour <= s.photocopy_max_colourfulness and max_red <= s.photocopy_max_red_fraction
    if colourless:
        flags.append(
            Flag.make(
                FlagCode.PHOTOCOPY,
                value=round(max_colour, 2),
                detail=f"整份材料无任何彩色（色彩度 {max_colour:.1f}，红色像素 {max_red:.3%}），原件的红色公章应为彩色",
            )
        )
    elif not scores["seals"] and not (pages_quality and all(_unjudgeable(q) for q in pages_quality)):
        flags.append(Flag.make(FlagCode.NO_SEAL, value=0, detail=f"共 {len(images)} 页均未发现红色圆形或椭圆形印章"))
    return scores, flags


def _unjudgeable(quality: PageQuality) -> bool:
    """A page too dark, washed out, blurred or unreadable to tell whether a seal is there: its capture
    flag already asks for a new upload, and a missing seal would be a guess."""
    return any(f.code in _SEAL_HIDING for f in quality.flags)


_SEAL_HIDING = {FlagCode.TOO_DARK, FlagCode.OVEREXPOSED, FlagCode.BLURRY, FlagCode.UNREADABLE}


def _colour_measures(small: np.ndarray, s: QualitySettings) -> tuple[float, float]:
    mask = red_mask(small, s.seal_s_min, s.seal_v_min)
    return colourfulness(small), float(np.count_nonzero(mask)) / mask.size
