"""Thresholds of duplicate detection (env prefix VERIFIER_DUPLICATES_)."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class DuplicateSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="VERIFIER_DUPLICATES_", extra="ignore")

    # pHash only proposes candidates. One certificate photographed again sits at 18–24 of 64 bits, a PDF
    # page against a photo of the print higher still, while unrelated pages average ~32: 30 keeps the
    # re-captures and drops most unrelated pairs. Pairs sharing a certificate number or holder are
    # proposed whatever their pHash.
    candidate_radius: int = Field(30, ge=0, le=64)
    # Page images are hashed at this width (imagehash's own resize of a 12 Mpx photo costs ~50 ms).
    hash_width: int = 512

    # rapidfuzz ratios (0–100) on normalised text. A holder name is 2–4 characters: one misread character
    # in a three-character name scores 67, which is also what two different people sharing two
    # characters score, so a fuzzy holder is only accepted together with a matching certificate number.
    holder_fuzzy_min: float = 60.0
    # Issuers are long (六盘水市教育局): OCR noise keeps ≥ 85; different bodies of the same city
    # (…教育局 vs …人民政府) score ≤ 70.
    issuer_min: float = 80.0
    # The certificate text without holder and number: the same certificate with OCR noise ≥ 90; the same
    # template with another award title or subject ≤ 85.
    text_min: float = 88.0
    # Certificate numbers are compared after mapping OCR look-alikes (O→0, I→1 …). Distance 1 is accepted
    # only for numbers this long and when every other field agrees: sequential numbers differ by one digit.
    number_min_length_for_typo: int = 8
    # Characters of recognised text kept in a fingerprint's signature.
    signature_chars: int = 400
