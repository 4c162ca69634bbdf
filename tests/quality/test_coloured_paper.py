"""A certificate printed in gold on red (or blue) paper is dark in grey but neither too dark nor seal-less."""

from __future__ import annotations

import numpy as np

from models.flags import FlagCode
from models.vocab import DocType
from verifier.quality import assess_document, assess_page

from .conftest import darken, render_certificate


def on_coloured_paper(bgr: np.ndarray, paper: tuple[int, int, int], ink: tuple[int, int, int]) -> np.ndarray:
    """The page reprinted: its paper in one colour, its dark print in another (BGR)."""
    inked = 1.0 - bgr.astype(np.float32).mean(axis=2, keepdims=True) / 255.0
    out = np.array(paper, np.float32) * (1.0 - inked) + np.array(ink, np.float32) * inked
    return out.clip(0, 255).astype(np.uint8)


RED, BLUE, GOLD = (40, 30, 170), (150, 60, 25), (60, 200, 240)


def test_gold_on_red_or_blue_paper_is_not_too_dark() -> None:
    page = render_certificate(seal=False)
    for paper in (RED, BLUE):
        coloured = on_coloured_paper(page.image, paper, GOLD)
        quality = assess_page(coloured, page.lines, 1)
        assert quality.scores["paper_level"] < 100  # dark in grey all the same
        assert FlagCode.TOO_DARK not in {f.code for f in quality.flags}


def test_white_paper_in_poor_light_is_still_too_dark() -> None:
    page = render_certificate(seal=False)
    dim = darken(page.image)
    warm = (dim.astype(np.float32) * np.array([0.7, 1.0, 1.4])).clip(0, 255).astype(np.uint8)  # a lamp's cast
    for image in (dim, warm):
        assert FlagCode.TOO_DARK in {f.code for f in assess_page(image, page.lines, 1).flags}


def test_red_paper_does_not_claim_a_missing_seal() -> None:
    # A red seal cannot be told against red paper: no NO_SEAL is raised there, as it is on white paper.
    # The seal search found none on either page (gold strokes can leave ring-like holes in red: not relied on).
    red = on_coloured_paper(render_certificate(seal=False).image, RED, GOLD)
    _, flags = assess_document([], [red], DocType.appointment_letter, seals=[[]])
    assert FlagCode.NO_SEAL not in {f.code for f in flags}
    white = render_certificate(seal=False).image
    _, flags = assess_document([], [white], DocType.appointment_letter, seals=[[]])
    assert FlagCode.NO_SEAL in {f.code for f in flags}
