"""Defocused and shaken pages: the kernel is read from the page's cepstrum, and undone before reading only
where the page needs it."""

from __future__ import annotations

import math

import cv2
import numpy as np
import pytest

from tests.conftest import render_certificate
from verifier.prepare import prepare_page
from verifier.prepare.deblur import BlurKernel, estimate_blur
from verifier.settings import Settings

THRESHOLDS = {"min_ring_z": 1.5, "min_ring_cover": 0.7, "min_point_z": 15.0, "max_softness": 0.04}


def blurred(page: np.ndarray, kernel: BlurKernel) -> np.ndarray:
    noisy = cv2.filter2D(page, -1, kernel.psf())
    rng = np.random.default_rng(0)
    return np.clip(noisy + rng.normal(0, 2.0, noisy.shape), 0, 255).astype(np.uint8)


@pytest.fixture(scope="module")
def page() -> np.ndarray:
    return render_certificate()


@pytest.mark.parametrize("radius", [5, 7, 10])
def test_defocus_radius_is_read_from_the_page(page: np.ndarray, radius: int) -> None:
    found = estimate_blur(blurred(page, BlurKernel("disk", radius)), **THRESHOLDS)
    assert found is not None and found.kind == "disk"
    assert abs(found.size - radius) <= 0.5


@pytest.mark.parametrize(("length", "angle"), [(14, 0.0), (18, 35.0), (24, 120.0)])
def test_straight_shake_length_and_direction_are_read(page: np.ndarray, length: float, angle: float) -> None:
    found = estimate_blur(blurred(page, BlurKernel("line", length, angle)), **THRESHOLDS)
    assert found is not None and found.kind == "line"
    assert abs(found.size - length) <= 1.5
    assert min(abs(found.angle - angle), 180 - abs(found.angle - angle)) <= 6


def test_sharp_and_gaussian_blurred_pages_show_no_kernel(page: np.ndarray) -> None:
    # Neither has the evenly spaced spectral zeros a disk or a line leaves: nothing to undo.
    assert estimate_blur(page, **THRESHOLDS) is None
    assert estimate_blur(cv2.GaussianBlur(page, (0, 0), 3.0), **THRESHOLDS) is None


def test_psf_sums_to_one_and_has_the_kernel_shape() -> None:
    disk = BlurKernel("disk", 6).psf()
    line = BlurKernel("line", 15, 90).psf()
    assert math.isclose(float(disk.sum()), 1.0, rel_tol=1e-5) and disk.shape == (13, 13)
    assert math.isclose(float(line.sum()), 1.0, rel_tol=1e-5)
    ys, xs = np.nonzero(line > 0.01)
    assert xs.max() - xs.min() <= 2 and ys.max() - ys.min() >= 13  # vertical


@pytest.mark.ocr
def test_defocused_page_is_restored_before_reading_and_a_sharp_one_is_not(page: np.ndarray, ocr_engine) -> None:  # type: ignore[no-untyped-def]
    from verifier.orient import orient_and_read

    settings = Settings()
    soft = blurred(page, BlurKernel("disk", 7))
    prepared = prepare_page(soft, ocr_engine, settings)
    assert prepared.kernel is not None and prepared.kernel.kind == "disk" and prepared.sharpness is not None
    restored = " ".join(line.text for line in orient_and_read(ocr_engine, prepared.seen).lines)
    as_uploaded = " ".join(line.text for line in orient_and_read(ocr_engine, soft).lines)
    assert "张晓梅" in restored and "优质课" in restored, restored
    assert "张晓梅" not in as_uploaded  # the restoration is what made it readable
    sharp = prepare_page(page, ocr_engine, settings)
    assert sharp.kernel is None and sharp.seen is page
