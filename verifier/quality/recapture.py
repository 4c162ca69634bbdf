"""Screen recapture: the screen's pixel grid beating with the camera sensor leaves moiré, i.e. sharp
isolated peaks at mid/high spatial frequencies, which printed text on paper does not have."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import cv2
import numpy as np

from verifier.imaging import to_grey
from verifier.settings.quality import QualitySettings

_MIN_RADIUS = 0.12  # of the spectrum half-size: below this are text lines and character pitch
_MAX_RADIUS = 1.42  # up to the spectrum's corners: a screen's sub-pixel grid sits near Nyquist


@dataclass(frozen=True)
class ScreenPattern:
    """How strongly a page shows a screen's moiré and its pixel lattice (see the two measures below)."""

    moire: float
    grid: float


def looks_like_screen(pattern: ScreenPattern, settings: QualitySettings) -> bool:
    return pattern.moire > settings.recapture_peak or pattern.grid > settings.recapture_grid_peak


def measure_screen(native: np.ndarray, crop: int) -> ScreenPattern:
    """Both screen measures from one spectrum of a native-resolution centre crop, measured before any
    resizing, which would low-pass the pattern away."""
    spectrum = _centre_spectrum(native, crop)
    if spectrum is None:
        return ScreenPattern(0.0, 0.0)
    return ScreenPattern(_moire(spectrum), _grid(spectrum))


def _moire(spectrum: np.ndarray) -> float:
    """Prominence of the strongest mid/high-frequency spectral peak that stands alone. The crop starts on the
    8-px JPEG block grid, and the block-grid frequencies are ignored so heavy JPEG does not count as moiré.

    A straight edge across the crop (a booklet's spine between its two pages, a table's edge, a frame) puts a
    ridge through the spectrum's centre that the local background leaves standing; moiré is a point. So a
    peak counts only by how far it stands above the ridge it lies on, if any (`_ridge_levels`). Moiré over
    such an edge keeps its own peak: the ridge's copy that it carries does not run through the centre."""
    _, band = _window_and_band(spectrum.shape[0])
    magnitude = np.fft.fftshift(spectrum)
    log_mag = np.log1p(magnitude)
    prominence = log_mag - cv2.blur(cv2.medianBlur(log_mag, 5), (9, 9))
    in_band = np.flatnonzero(band)
    values = prominence.ravel()[in_band]
    if values.size == 0:
        return 0.0
    strongest = np.argpartition(values, -min(_PEAKS_CHECKED, values.size))[-_PEAKS_CHECKED:]
    ys, xs = np.divmod(in_band[strongest], prominence.shape[1])
    alone = values[strongest] - np.maximum(0.0, _ridge_levels(prominence, band, ys, xs))
    return float(max(0.0, alone.max()))


# The strongest peaks examined for the ridge test; the strongest peak standing alone is among them on every
# page measured.
_PEAKS_CHECKED = 64
# Directions tried around each peak's own (see _ridge_levels), as multiples of the angle one bin spans there.
_TURNS = np.linspace(-1.0, 1.0, 5)


def _ridge_levels(prominence: np.ndarray, band: np.ndarray, ys: np.ndarray, xs: np.ndarray) -> np.ndarray:
    """For each peak, the typical prominence along the line from the spectrum's centre through it, within
    the band: high on an edge's ridge, about nothing for an isolated peak. A ridge one bin wide is seen from
    a peak at radius r within an angle of about 1/r, so neighbouring directions in that angle are tried and
    the highest taken."""
    c = prominence.shape[0] // 2
    radius = np.hypot(ys - c, xs - c).astype(np.float32)
    angle = np.arctan2(ys - c, xs - c).astype(np.float32)
    radii = np.arange(_MIN_RADIUS * c, _MAX_RADIUS * c, 1.0, dtype=np.float32)
    turns = angle[:, None] + _TURNS[None, :] / np.maximum(radius, 1.0)[:, None]  # (peaks, turns)
    map_x = (c + radii[None, None, :] * np.cos(turns)[..., None]).reshape(-1, radii.size).astype(np.float32)
    map_y = (c + radii[None, None, :] * np.sin(turns)[..., None]).reshape(-1, radii.size).astype(np.float32)
    banded = np.where(band, prominence, np.nan).astype(np.float32)
    rays = cv2.remap(banded, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=np.nan)
    rays = rays.reshape(*turns.shape, radii.size)
    # The peak itself and its window's lobe say nothing about a ridge.
    near_peak = np.abs(radii[None, :] - radius[:, None]) <= 3  # (peaks, radii)
    rays[np.broadcast_to(near_peak[:, None, :], rays.shape)] = np.nan
    enough = np.sum(~np.isnan(rays), axis=2) >= 16
    medians = np.zeros(turns.shape, dtype=np.float32)
    medians[enough] = np.nanmedian(rays[enough], axis=1)
    return medians.max(axis=1)


def _centre_spectrum(native: np.ndarray, crop: int) -> np.ndarray | None:
    """DFT magnitude (unshifted) of a Hann-windowed square centre crop aligned to the 8-px JPEG grid, of a
    grey or BGR page (only the crop is turned grey)."""
    h, w = native.shape[:2]
    n = min(crop, h, w) // 8 * 8
    if n < 64:
        return None
    y0, x0 = (h - n) // 2 // 8 * 8, (w - n) // 2 // 8 * 8
    tile = to_grey(native[y0 : y0 + n, x0 : x0 + n]).astype(np.float32)
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


def _grid(magnitude: np.ndarray) -> float:
    """How far a screen's pixel lattice stands out at the 8-px JPEG grid frequencies, which _moire skips.

    A screen photographed at about one camera pixel per screen pixel row or column shows its lattice at
    exactly such a frequency (e.g. two camera pixels per pixel: Nyquist). JPEG blocking raises all the
    harmonics k/8 (k = 1…4) together, a pixel lattice one of them, so the score is the strongest
    harmonic's prominence over the second strongest, along columns and along rows; the lattice is
    periodic both ways, so the weaker axis is reported.
    """
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
