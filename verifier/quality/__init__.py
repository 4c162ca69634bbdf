"""Capture quality: per-page measures (blur, resolution, exposure, glare, skew, cut-off, screen recapture,
readability), and document-level seal and photocopy decisions."""

from verifier.quality.document import SEALED_TYPES, assess_document
from verifier.quality.model import PageQuality
from verifier.quality.page import EXPLAINS_NO_TEXT, assess_page
from verifier.settings.quality import QualitySettings

__all__ = [
    "EXPLAINS_NO_TEXT",
    "SEALED_TYPES",
    "PageQuality",
    "QualitySettings",
    "assess_document",
    "assess_page",
]
