import random

import cv2
import numpy as np
import pytest

from fixtures import capture
from fixtures.content import DocRequest, random_person
from fixtures.places import IssuerFactory
from fixtures.templates.registry import render_document
from models import DocType


@pytest.fixture(scope="module")
def page() -> np.ndarray:
    rng = random.Random(5)
    person = random_person(rng, IssuerFactory(rng))
    return np.asarray(render_document(DocRequest(DocType.honor_certificate, person, 11, 11)).image)


def _red_pixels(img: np.ndarray) -> int:
    hsv = cv2.cvtColor(img, cv2.COLOR_RGB2HSV)
    h, s, v = hsv[..., 0], hsv[..., 1], hsv[..., 2]
    return int((((h <= 10) | (h >= 156)) & (s >= 43) & (v >= 46)).sum())


def rng() -> np.random.Generator:
    return np.random.default_rng(3)


def test_rendered_certificate_has_a_red_seal(page: np.ndarray) -> None:
    assert _red_pixels(page) > 2000


def test_quadrant_rotation_swaps_dimensions(page: np.ndarray) -> None:
    h, w = page.shape[:2]
    assert capture.rotate_quadrant(page, 90).shape[:2] == (w, h)
    assert capture.rotate_quadrant(page, 180).shape[:2] == (h, w)
    assert np.array_equal(capture.rotate_quadrant(capture.rotate_quadrant(page, 90), 270), page)


def test_photocopy_leaves_no_red(page: np.ndarray) -> None:
    copy = capture.photocopy(page, rng())
    assert _red_pixels(copy) == 0


def test_exposure_defects_move_brightness_the_right_way(page: np.ndarray) -> None:
    mean = page.mean()
    assert capture.too_dark(page, rng()).mean() < mean * 0.45
    over = capture.overexposed(page, rng())
    assert (over >= 250).mean() > (page >= 250).mean()


def test_blur_lowers_sharpness(page: np.ndarray) -> None:
    def sharpness(img: np.ndarray) -> float:
        return float(cv2.Laplacian(cv2.cvtColor(img, cv2.COLOR_RGB2GRAY), cv2.CV_64F).var())

    assert sharpness(capture.defocus(page, rng())) < sharpness(page) * 0.3
    assert sharpness(capture.motion_blur(page, rng())) < sharpness(page) * 0.5


def test_low_resolution_and_cut_off_shrink_the_page(page: np.ndarray) -> None:
    assert max(capture.low_resolution(page, rng(), heavy=True).shape[:2]) < 470
    cut = capture.cut_off(page, rng())
    assert cut.shape[0] * cut.shape[1] < page.shape[0] * page.shape[1] * 0.86


def test_glare_adds_a_clipped_blob(page: np.ndarray) -> None:
    dimmed = (page * 0.8).astype(np.uint8)
    assert (capture.glare(dimmed, rng()) >= 254).all(axis=-1).sum() > 5000
    assert (dimmed >= 254).all(axis=-1).sum() == 0


def test_skew_tilts_the_page(page: np.ndarray) -> None:
    skewed = capture.skew(page, rng())
    assert skewed.shape[0] > page.shape[0] and skewed.shape[1] > page.shape[1]


def test_screen_recapture_adds_a_periodic_pixel_grid(page: np.ndarray) -> None:
    shot = capture.screen_recapture(page, rng())
    gray = cv2.cvtColor(shot, cv2.COLOR_RGB2GRAY).astype(np.float32)
    spectrum = np.abs(np.fft.rfft(gray[gray.shape[0] // 2] - gray[gray.shape[0] // 2].mean()))
    plain = cv2.cvtColor(page, cv2.COLOR_RGB2GRAY).astype(np.float32)
    plain_spectrum = np.abs(np.fft.rfft(plain[plain.shape[0] // 2] - plain[plain.shape[0] // 2].mean()))
    # A strong high-frequency peak (the sub-pixel stripes) that the printed page does not have.
    assert (
        spectrum[len(spectrum) // 3 :].max() / spectrum.mean()
        > plain_spectrum[len(plain_spectrum) // 3 :].max() / plain_spectrum.mean()
    )


def test_every_defect_has_a_flag_or_is_declared_acceptable() -> None:
    acceptable = {name for name, d in capture.DEFECTS.items() if d.flag is None}
    assert acceptable == {"clean_scan", "phone_photo", "jpeg_artifacts"}


def test_some_certificate_templates_sign_with_the_seal_alone() -> None:
    """The seal pressed over the date names the body; no printed line does. Other templates print the name."""
    seal_only, printed = 0, 0
    for seed in range(60):
        rng = random.Random(seed)
        person = random_person(rng, IssuerFactory(rng))
        rendered = render_document(DocRequest(DocType.award_certificate, person, seed, seed))
        named = any(run.text.strip() == rendered.fields.issuer for run in rendered.runs)
        assert rendered.seal_only_sign_off != named
        assert rendered.has_seal or not rendered.seal_only_sign_off
        seal_only += rendered.seal_only_sign_off
        printed += named
    assert 0 < seal_only < printed
