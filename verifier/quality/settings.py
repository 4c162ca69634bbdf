"""Thresholds of the capture-quality stage, in one settings object (env prefix VERIFIER_QUALITY_).

Calibration notes refer to rendered certificate pages (1400×1000, 40–72 px type) degraded with OpenCV
as in tests/quality/conftest.py, and to the measures' published behaviour where noted.
"""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class QualitySettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="VERIFIER_QUALITY_", extra="ignore")

    # Every page measure runs on the page resized to this width: it bounds the cost (≈ 1 Mpx) and makes
    # scores comparable across phone photos (4000 px) and small scans (800 px).
    working_width: int = Field(1024, ge=256)

    # --- sharpness: variance of the Laplacian / variance of the grey levels, per text line, each line
    # rescaled to `sharpness_line_height` px so the score is relative to the character size.
    # Clean renders score 30–55 (also at half size and as JPEG q30), Gaussian blur σ=2 on 40 px type
    # ≈ 3.6, σ=3 ≈ 1.1, σ=4 ≈ 0.4.
    sharpness_line_height: int = Field(32, ge=12)
    # Below this the page is blurry whatever the OCR engine says (σ ≥ 3 on 40 px type: strokes merge,
    # although PP-OCR still reads large type with confidence ≈ 1). fixtures/capture.py's defocus of a
    # phone photo scores 1.3–1.7.
    blur_hard: float = 2.0
    # Between blur_hard and this, the page is blurry only when OCR is also unsure (see ocr_confident).
    blur_soft: float = 6.0
    # Character-weighted OCR confidence at or above which a borderline-sharp page reads fine.
    ocr_confident: float = 0.9

    # --- resolution: median OCR line-box height in source pixels. PP-OCR boxes are ~1.3× the glyph
    # height; recognition accuracy drops steeply under ~12 px glyphs (~16 px boxes), and a clerk already
    # squints at ~15 px glyphs: fixtures/capture.py's low_resolution pages measure 13–19 px boxes, clean
    # pages 45–70 px.
    min_text_height_px: float = 20.0

    # --- exposure (grey levels 0–255 on the working image)
    # Paper (95th percentile) darker than this: the page is too dark. Clean paper sits at 240–250; the
    # darkened test page (gain 0.22) at ~55; dim indoor phone photos of readable pages at 120–170.
    dark_paper_max: float = 100.0
    # Overexposed: most of the page clipped and the text itself washed out (ink 5th percentile inside
    # the line boxes lighter than this). A white scan with crisp text has ink at 20–60.
    overexposed_clipped_fraction: float = 0.5
    overexposed_ink_min: float = 150.0

    # --- glare: clipped blobs (≥ glare_clip) brighter than the paper around them by glare_margin, each at
    # least glare_min_area of the page and at most glare_max_area (a whole clipped sheet is exposure,
    # not glare). White paper in a scan is clipped everywhere and has no darker surround: never glare.
    glare_clip: int = 250
    glare_margin: float = 30.0
    glare_min_area: float = 0.002
    glare_max_area: float = 0.25

    # --- skew: median angle of the long text lines' edges; scanners stay within ±1.5°, hand-held phone
    # photos with perspective measure 2–4.5° (fixtures/capture.py phone_photo), a visibly tilted sheet 6°+.
    skew_max_deg: float = 5.0

    # --- incomplete: a text line whose box comes within this fraction of the width/height of the image
    # edge is taken as cut by the frame. Rendered pages keep ≥ 2% margins; a cut line touches (0–0.3%).
    edge_margin: float = 0.004

    # --- screen recapture: prominence (log-magnitude above the local median) of the strongest peak in
    # the mid/high-frequency band of the spectrum of a native-resolution crop. Text pages score ≤ 1.5
    # (JPEG q20–95, resized 0.37–1.6×, sensor noise σ=8, phone photos); rendered moiré (period 4–12 px,
    # depth ≥ 0.08) ≥ 4.3. The threshold sits between the two.
    recapture_crop: int = Field(512, ge=128)
    recapture_peak: float = 3.0

    # --- unreadable: fewer confident characters than this on the page means no usable text.
    unreadable_min_chars: int = 4
    unreadable_line_confidence: float = 0.5

    # --- seals (HSV red bands from the literature: H∈[0,10]∪[156,180], S ≥ 43, V ≥ 46)
    seal_s_min: int = 43
    seal_v_min: int = 46
    # Seal diameter relative to the page's shorter side: official seals are 38–45 mm on A4/A3-ish
    # certificates, i.e. 4–25% of the short side; below 3% it is a red mark, above 45% a red cover.
    seal_min_diameter: float = 0.03
    seal_max_diameter: float = 0.45
    # Oval seals reach 1.5:1; red titles and borders are far more elongated.
    seal_max_axis_ratio: float = 1.7
    # Share of the fitted ellipse's rim that is red ink: a drawn seal ring covers 70–100% even with black
    # text across it; a red title block or frame corner covers < 35%.
    seal_min_rim_coverage: float = 0.5

    # --- photocopy: the largest per-page colourfulness (Hasler–Süsstrunk) and red share of a document
    # that should carry a red seal. Sealed colour scans score ≥ 8 and ≥ 1e-3 red; grey copies 0–2, none.
    photocopy_max_colourfulness: float = 4.0
    photocopy_max_red_fraction: float = 2e-4
