"""Screen recapture: the screen's pixel grid beating with the camera sensor leaves moiré, i.e. sharp
isolated peaks at mid/high spatial frequencies, which printed text on paper does not have."""

from __future__ import annotations

from functools import lru_cache

import cv2
import numpy as np

_MIN_RADIUS = 0.12  # of the spectrum half-size: below this are text lines and character pitch
_MAX_RADIUS = 1.42  # up to the spectrum's corners: a screen's sub-pixel grid sits near Nyquist


def moire_peak(grey_native: np.ndarray, crop: int) -> float:
    """Prominence of the strongest mid/high-frequency spectral peak of a native-resolution centre crop.

    Measured before any resizing, which would low-pass the pattern away. The crop starts on the 8-px
    JPEG block grid, and the block-grid frequencies are ignored so heavy JPEG does not count as moiré.
    """
    spectrum = _centre_spectrum(grey_native, crop)
    if spectrum is None:
        return 0.0
    _, band = _window_and_band(spectrum.shape[0])
    magnitude = np.fft.fftshift(spectrum)
    log_mag = np.log1p(magnitude)
    background = cv2.blur(cv2.medianBlur(log_mag, 5), (9, 9))
    candidates = (log_mag - background)[band]
    return float(candidates.max()) if candidates.size else 0.0


def _centre_spectrum(grey_native: np.ndarray, crop: int) -> np.ndarray | None:
    """DFT magnitude (unshifted) of a Hann-windowed square centre crop aligned to the 8-px JPEG grid."""
    h, w = grey_native.shape
    n = min(crop, h, w) // 8 * 8
    if n < 64:
        return None
    y0, x0 = (h - n) // 2 // 8 * 8, (w - n) // 2 // 8 * 8
    tile = grey_native[y0 : y0 + n, x0 : x0 + n].astype(np.float32)
    tile -= tile.mean()
    window, _ = _window_and_band(n)
    spectrum = cv2.dft(tile * window, flags=cv2.DFT_COMPLEX_OUTPUT)
    return cv2.magnitude(spectrum[..., 0], spectrum[..., 1])


@lru_cache(maxsize=8)
def _window_and_band(n: int) -> tuple[np.ndarray, np.ndarray]:
    window = np.outer(np.hanning(n), np.hanning(n)).astype(np.float32)
    c = n // 2
    fy, fx = np.mgrid[-c : n - c, -c : n - c]
    radius = np.hypot(fx, fy) / c
    band = (radius >= _MIN_RADIUS) & (radius <= _MAX_RADIUS)
    block = n // 8  # JPEG 8-px blocks put energy on multiples of n/8 along both axes (and the axes)
    on_grid = (np.abs(fx) % block <= 1) | (np.abs(fx) % block >= block - 1)
    on_grid |= (np.abs(fy) % block <= 1) | (np.abs(fy) % block >= block - 1)
    return window, band & ~on_grid


def pixel_grid_peak(grey_native: np.ndarray, crop: int) -> float:
    """How far a screen's pixel lattice stands out at the 8-px JPEG grid frequencies, which moire_peak skips.

    A screen photographed at about one camera pixel per screen pixel row or column shows its lattice at
    exactly such a frequency (e.g. two camera pixels per pixel: Nyquist). JPEG blocking raises all the
    harmonics k/8 (k = 1…4) together, a pixel lattice one of them, so the score is the strongest
    harmonic's prominence over the second strongest, along columns and along rows; the lattice is
    periodic both ways, so the weaker axis is reported.
    """
    magnitude = _centre_spectrum(grey_native, crop)
    if magnitude is None:
        return 0.0
    n = magnitude.shape[0]
    margins = []
    for profile in (np.log1p(magnitude.mean(axis=0)), np.log1p(magnitude.mean(axis=1))):
        prominences = []
        for k in range(1, 5):
            f = k * n // 8
            # Neighbours 3–6 bins away on either side, past the Hann window's main lobe.
            around = np.concatenate([profile[f - 6 : f - 2], profile[(np.arange(f + 3, f + 7)) % n]])
            prominences.append(float(profile[f] - np.median(around)))
        prominences.sort()
        margins.append(prominences[-1] - prominences[-2])
    return max(0.0, min(margins))
