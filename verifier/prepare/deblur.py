"""Out-of-focus and shaken photos: estimate the blur kernel from the page itself and undo it.

A defocused lens blurs with a disk, a hand moving in a straight line with a short line; both kernels have
regularly spaced zeros in their spectrum, which the power cepstrum (the spectrum of the log spectrum)
turns into a dark ring of the disk's diameter, or a dark pair of points at the line's length and angle
(Cannon 1976; Rom 1975). Where the cepstrum shows one of them clearly, Wiener deconvolution with that
kernel restores strokes the recogniser can read again; anything else (sharp pages, Gaussian-like blur,
curved shake) shows neither and is left alone.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import cv2
import numpy as np

from verifier.quality.sharpness import normalised_laplacian

# Square centre crop the cepstrum is taken of: kernels up to MAX_QUEFRENCY px show within it.
CROP = 512
MAX_QUEFRENCY = 64
# The 8-px JPEG block grid leaves cepstral points at multiples of 8 px along both axes.
JPEG_BLOCK = 8
# Nearer the origin the cepstrum holds the page's own structure (stroke widths, line pitch).
MIN_QUEFRENCY = 8


@dataclass(frozen=True)
class BlurKernel:
    kind: str  # "disk" (defocus) or "line" (straight motion)
    size: float  # disk radius or line length, px
    angle: float = 0.0  # line direction, degrees counter-clockwise from the x axis
    strength: float = 0.0  # how far the cepstral ring or point stands below the noise (robust z)

    def psf(self) -> np.ndarray:
        if self.kind == "disk":
            n = 2 * math.ceil(self.size) + 1
            kernel = np.zeros((n, n), np.float32)
            cv2.circle(kernel, (n // 2, n // 2), round(self.size), 1.0, -1)
        else:
            n = (math.ceil(self.size) + 3) | 1
            kernel = np.zeros((n, n), np.float32)
            dx = math.cos(math.radians(self.angle)) * self.size / 2
            dy = -math.sin(math.radians(self.angle)) * self.size / 2
            c, shift = n // 2, 16  # sub-pixel end points (cv2 fixed point, 4 fractional bits)
            start = (round((c - dx) * shift), round((c - dy) * shift))
            end = (round((c + dx) * shift), round((c + dy) * shift))
            cv2.line(kernel, start, end, 1.0, 1, cv2.LINE_AA, 4)
        return kernel / kernel.sum()


def estimate_blur(
    image: np.ndarray, min_ring_z: float, min_ring_cover: float, min_point_z: float, max_softness: float
) -> BlurKernel | None:
    """The page's blur kernel when its cepstrum shows one clearly and its centre is soft, else None.

    Softness is the quality stage's sharpness score (verifier/quality/sharpness.py) of the same centre crop
    at source resolution: a page's own print can put a ring in the cepstrum, but then its strokes are crisp
    (on the benchmark, pages with a true kernel score ≤ 0.016, sharp pages with a chance ring ≥ 0.08)."""
    crop = _centre_crop(image)
    if crop is None:
        return None
    softness = normalised_laplacian(crop)
    if softness is None or softness >= max_softness:
        return None
    cepstrum = _cepstrum(crop)
    radius, angle, valid, axes_free = _polar(MAX_QUEFRENCY)
    values = cepstrum[valid & axes_free]
    median = float(np.median(values))
    spread = float(np.median(np.abs(values - median))) * 1.4826
    if spread <= 0:
        return None
    z = (cepstrum - median) / spread
    usable = valid & axes_free
    rings = np.round(radius).astype(int)
    counts = np.bincount(rings[usable], minlength=MAX_QUEFRENCY + 1)
    profile = np.bincount(rings[usable], z[usable], minlength=MAX_QUEFRENCY + 1) / np.maximum(counts, 1)
    ring = int(np.argmin(profile[MIN_QUEFRENCY:])) + MIN_QUEFRENCY
    on_ring = usable & (np.abs(radius - ring) <= 1.0)
    sectors = np.full(18, np.inf)
    np.minimum.at(sectors, (angle[on_ring] // 10).astype(int) % 18, z[on_ring])
    cover = float(np.mean(sectors < -2.5))
    if profile[ring] <= -min_ring_z and cover >= min_ring_cover:
        # A disk of radius R darkens the cepstrum at about its diameter, one pixel short of it.
        return BlurKernel("disk", (ring + 1) / 2, strength=float(-profile[ring]))
    return _straight_motion(z, valid, min_point_z)


def _straight_motion(z: np.ndarray, valid: np.ndarray, min_point_z: float) -> BlurKernel | None:
    """The darkest cepstral point, with an echo at twice the distance where that is in view (a line's
    spectral zeros repeat evenly, so its cepstrum does too). Points of the 8-px JPEG block grid are skipped
    when their mirror across the diagonal is dark too: blocks are square, a shake runs one way."""
    m = MAX_QUEFRENCY
    order = np.argsort(np.where(valid, z, np.inf), axis=None)
    for flat in order[:12]:
        iy, ix = divmod(int(flat), z.shape[1])
        dy, dx = iy - m, ix - m
        if z[iy, ix] > -min_point_z:
            return None
        if dy % JPEG_BLOCK == 0 and dx % JPEG_BLOCK == 0 and z[m + dx, m + dy] < 0.3 * z[iy, ix]:
            continue
        length = math.hypot(dx, dy)
        if length <= JPEG_BLOCK:
            continue  # a shake this short barely blurs, and the block grid crowds this close
        ey, ex = m + 2 * dy, m + 2 * dx
        in_view = 0 <= ey < z.shape[0] and 0 <= ex < z.shape[1]
        if in_view and z[ey - 1 : ey + 2, ex - 1 : ex + 2].min() > -min_point_z / 4:
            return None
        return BlurKernel("line", length, math.degrees(math.atan2(-dy, dx)) % 180, float(-z[iy, ix]))
    return None


def deconvolve(image: np.ndarray, kernel: BlurKernel, noise_to_signal: float) -> np.ndarray:
    """Wiener deconvolution of the page in grey (reading needs no colour), edges padded by reflection."""
    grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    psf = kernel.psf()
    pad = 2 * max(psf.shape)
    padded: np.ndarray = cv2.copyMakeBorder(grey, pad, pad, pad, pad, cv2.BORDER_REFLECT).astype(np.float32)
    rows, cols = cv2.getOptimalDFTSize(padded.shape[0]), cv2.getOptimalDFTSize(padded.shape[1])
    padded = cv2.copyMakeBorder(padded, 0, rows - padded.shape[0], 0, cols - padded.shape[1], cv2.BORDER_REFLECT)
    spread = np.zeros_like(padded)
    kh, kw = psf.shape
    spread[:kh, :kw] = psf
    spread = np.roll(spread, (-(kh // 2), -(kw // 2)), axis=(0, 1))
    g = cv2.dft(padded, flags=cv2.DFT_COMPLEX_OUTPUT)
    h = cv2.dft(spread, flags=cv2.DFT_COMPLEX_OUTPUT)
    h_re, h_im = h[..., 0], h[..., 1]
    power = h_re * h_re + h_im * h_im + noise_to_signal
    # G · conj(H) / (|H|² + K)
    out = np.empty_like(g)
    out[..., 0] = (g[..., 0] * h_re + g[..., 1] * h_im) / power
    out[..., 1] = (g[..., 1] * h_re - g[..., 0] * h_im) / power
    restored = cv2.idft(out, flags=cv2.DFT_REAL_OUTPUT | cv2.DFT_SCALE)
    restored = restored[pad : pad + grey.shape[0], pad : pad + grey.shape[1]]
    return cv2.cvtColor(np.clip(restored, 0, 255).astype(np.uint8), cv2.COLOR_GRAY2BGR)


def _centre_crop(image: np.ndarray) -> np.ndarray | None:
    """The square centre crop the kernel is read from, in grey (float32), or None on a page too small."""
    h, w = image.shape[:2]
    n = min(CROP, h, w) // 2 * 2
    if n < 4 * MAX_QUEFRENCY:
        return None
    y0, x0 = (h - n) // 2, (w - n) // 2
    tile = image[y0 : y0 + n, x0 : x0 + n]
    return (cv2.cvtColor(tile, cv2.COLOR_BGR2GRAY) if tile.ndim == 3 else tile).astype(np.float32)


def _cepstrum(crop: np.ndarray) -> np.ndarray:
    """The real cepstrum of the Hann-windowed crop, centred, cut to ±MAX_QUEFRENCY."""
    n = crop.shape[0]
    tile = crop - crop.mean()
    spectrum = cv2.dft(tile * _hann(n), flags=cv2.DFT_COMPLEX_OUTPUT)
    power = spectrum[..., 0] ** 2 + spectrum[..., 1] ** 2
    log_power = np.log(power + 1e-3)
    # A full complex spectrum (a real single-channel input would be read as OpenCV's packed format).
    cepstrum = cv2.idft(np.dstack([log_power, np.zeros_like(log_power)]), flags=cv2.DFT_SCALE)[..., 0]
    m = MAX_QUEFRENCY
    # fftshift, then the window around the origin
    return np.roll(cepstrum, (m, m), axis=(0, 1))[: 2 * m + 1, : 2 * m + 1]


@lru_cache(maxsize=4)
def _hann(n: int) -> np.ndarray:
    return np.outer(np.hanning(n), np.hanning(n)).astype(np.float32)


@lru_cache(maxsize=2)
def _polar(m: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    yy, xx = np.mgrid[-m : m + 1, -m : m + 1]
    radius = np.hypot(yy, xx)
    angle = np.degrees(np.arctan2(-yy, xx)) % 180
    valid = (radius >= MIN_QUEFRENCY / 2) & (radius <= m)
    # The crop's edges and the page's rows and columns of text put streaks along both axes.
    axes_free = (np.abs(yy) > 1) & (np.abs(xx) > 1)
    return radius, angle, valid, axes_free
