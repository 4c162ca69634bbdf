"""Duplicate uploads (一证多传): exact by SHA-256, near by recognised fields, candidates by perceptual hash."""

from verifier.duplicates.fingerprint import DocFingerprint, fingerprint_document
from verifier.duplicates.hamming_index import HammingIndex
from verifier.duplicates.matching import DuplicateMatch, find_duplicates
from verifier.duplicates.register import SubmissionRegister
from verifier.settings.duplicates import DuplicateSettings

__all__ = [
    "DocFingerprint",
    "DuplicateMatch",
    "DuplicateSettings",
    "HammingIndex",
    "SubmissionRegister",
    "find_duplicates",
    "fingerprint_document",
]
