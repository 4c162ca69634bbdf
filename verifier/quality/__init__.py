"""Capture quality: per-page measures (blur, resolution, exposure, glare, skew, cut-off, screen recapture,
readability), red seals, and document-level seal and photocopy decisions."""

from verifier.quality.document import SEALED_TYPES, assess_document
from verifier.quality.model import PageQuality, Seal
from verifier.quality.page import EXPLAINS_NO_TEXT, assess_page
from verifier.quality.seals import detect_seals
from verifier.quality.settings import QualitySettings

__all__ = [
    "EXPLAINS_NO_TEXT",
    "SEALED_TYPES",
    "PageQuality",
    "QualitySettings",
    "Seal",
    "assess_document",
    "assess_page",
    "detect_seals",
]
