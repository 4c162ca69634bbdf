"""What the reader sees: each page prepared for OCR, while every measure of the capture keeps the original.

Three repairs, each only where the page needs it and each decided by a measure of the page itself: the red
ink of seals lifted (verifier/seals/lift.py), a screen's pixel lattice smoothed away (screen.py), and a defocus or a
straight shake undone with the kernel the page's cepstrum shows (deblur.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from models.page import TextLine
from verifier.imaging import downscale
from verifier.ocr import OcrEngine
from verifier.prepare.deblur import BlurKernel, deconvolve, estimate_blur
from verifier.prepare.screen import smooth_screen
from verifier.quality.recapture import ScreenPattern, looks_like_screen, measure_screen
from verifier.quality.sharpness import line_sharpness
from verifier.seals.detect import SealSearch, detect_seals, search_seals
from verifier.seals.lift import lift_seal_ink
from verifier.seals.model import Seal
from verifier.settings import Settings


@dataclass
class PreparedPage:
    seen: np.ndarray  # what OCR reads
    small: np.ndarray  # the page as uploaded, downscaled to the quality stage's working width
    seals: list[Seal]  # found on the page as uploaded
    search: SealSearch  # what the seal search found on the page as uploaded, to decide for the turn it is read at
    screen: ScreenPattern
    kernel: BlurKernel | None  # the blur undone before reading, if any
    sharpness: float | None  # of the detected lines before the blur was undone


def prepare_page(image: np.ndarray, engine: OcrEngine, settings: Settings) -> PreparedPage:
    q, ocr = settings.quality, settings.ocr
    # Seals are round and a screen's lattice runs both ways: both are found on the page as uploaded.
    small = downscale(image, q.working_width)[0]
    search = search_seals(image, q, small)
    seals = search.seals()
    screen = measure_screen(image, q.recapture_crop)
    seen = lift_seal_ink(image, seals, q) if ocr.lift_seals else image
    if looks_like_screen(screen, q):
        seen = smooth_screen(seen, ocr.screen_smoothing_sigma)
    if not ocr.deblur:
        return PreparedPage(seen, small, seals, search, screen, None, None)
    kernel = estimate_blur(image, ocr.deblur_ring_z, ocr.deblur_ring_cover, ocr.deblur_point_z, ocr.deblur_max_softness)
    if kernel is None:
        return PreparedPage(seen, small, seals, search, screen, None, None)
    # A kernel in the cepstrum is not enough (a page's own print can put a ring there): the lines a quick,
    # small detection finds must also be soft, measured as the quality stage measures them.
    boxes = engine.detect(seen, ocr.deblur_probe_side)
    probes = [TextLine("", [(float(x), float(y)) for x, y in box], 0.0) for box in boxes]
    sharpness = line_sharpness(seen, probes, q.sharpness_line_height) if probes else None
    if sharpness is None or sharpness >= q.blur_soft:
        return PreparedPage(seen, small, seals, search, screen, None, None)
    return PreparedPage(deconvolve(seen, kernel, ocr.deblur_noise), small, seals, search, screen, kernel, sharpness)


def screen_without_seals(smoothed: tuple[np.ndarray, list[Seal]], settings: Settings) -> np.ndarray:
    """A photo of a screen smoothed and its seals found on the smoothed page (`smoothed_screen_seals`), lifted.
    The lattice breaks a seal's red into stripes that the uploaded page's mask cannot join into a ring, so a
    seal over a date is missed there and its ring hides the year. Lifting every seal the smoothed page shows
    also pales print elsewhere (measured: more lines lost than won over whole pages), so this image is only for
    reading a cut-short date line again (verifier/rereads.py), where a new reading must agree with the
    first."""
    image, seals = smoothed
    return lift_seal_ink(image, seals, settings.quality)


def smoothed_screen_seals(image: np.ndarray, settings: Settings) -> tuple[np.ndarray, list[Seal]]:
    """A photo of a screen with its lattice smoothed away, and the seals found there: the lattice breaks a
    seal's red into stripes that the uploaded page's mask cannot join into a ring."""
    smoothed = smooth_screen(image, settings.ocr.screen_smoothing_sigma)
    return smoothed, detect_seals(smoothed, settings.quality)


__all__ = ["BlurKernel", "PreparedPage", "prepare_page", "screen_without_seals", "smoothed_screen_seals"]
