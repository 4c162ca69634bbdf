"""Which verifier made a report: the package version and the OCR engine, recorded beside reviewers' decisions."""

from __future__ import annotations

from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version

from verifier.settings import Settings


@lru_cache(maxsize=1)
def package_version() -> str:
    try:
        return version("evidence-verifier")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "0+unknown"


def model_version(settings: Settings) -> str:
    """evidence-verifier 0.1.0 · rapidocr: what an audit row was decided against."""
    return f"evidence-verifier {package_version()} · {settings.ocr.engine}"
