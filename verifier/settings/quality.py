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

    # --- sharpness: variance of the second derivative along the softest of four directions / variance of
    # the grey levels, per text line, each line rescaled to `sharpness_line_height` px so the score is
    # relative to the character size (verifier/quality/sharpness.py). On 40 px type (≈55 px line boxes):
    # sharp renders ≈ 1.0 (JPEG q30 alike, half size 1.9), Gaussian blur σ=1 → 0.31, σ=1.5 → 0.15,
    # σ=2 → 0.08, σ=3 → 0.03; a straight smear of 5 px → 0.19–0.24, 9 px → 0.07–0.10, 15 px → 0.04–0.05,
    # whatever its direction. On the 200-document benchmark every sharp capture (scans, phone photos,
    # heavy JPEG, small saves) scores ≥ 0.5 and every defocused or shaken one ≤ 0.08.
    sharpness_line_height: int = Field(32, ge=12)
    # Below this the page is blurry whatever the OCR engine says: about σ=1.8 px defocus or a 9 px smear
    # on 40 px type, where 2–3 px strokes of 宋体 keep less than half their contrast (PP-OCR still reads
    # large type with confidence ≈ 1 there, which is why OCR confidence alone cannot decide).
    blur_hard: float = 0.1
    # Between blur_hard and this (≈ σ 1.3), the page is blurry only when OCR is also unsure.
    blur_soft: float = 0.2
    # Character-weighted OCR confidence at or above which a borderline-sharp page reads fine.
    ocr_confident: float = 0.9

    # --- resolution: median OCR line-box height in source pixels. PP-OCR boxes are ~1.3× the glyph
    # height; recognition accuracy drops steeply under ~12 px glyphs (~16 px boxes), and a clerk already
    # squints at ~15 px glyphs: fixtures/capture.py's low_resolution pages measure 13–19 px boxes, clean
    # pages 45–70 px.
    min_text_height_px: float = 20.0
    # A whole page saved smaller than this along its long side is low resolution whatever its type size:
    # 800 px is ≈ 97 dpi across an A5 certificate and ≈ 68 dpi across A4, below the ~100 dpi at which
    # seal lettering and small certificate numbers stay legible. Pages saved at 640 px or less
    # (fixtures/capture.py low_resolution) fall under it, a 0.6× resize of a 1600 px scan (960 px) does not.
    min_long_side_px: int = 800
    # Small type, or a small page, is no LOW_RESOLUTION where the recogniser reads it without doubt: the least
    # sure tenth of at least `legible_min_lines` lines at `legible_line_confidence` or above. On the real set,
    # screenshots of lists and score reports (17–24 px boxes, 520–1170 px pages) read 0.974–0.996 over 16–86
    # lines; thumbnails of certificates (280–400 px) 0.64–0.955 over 4–11 lines; the synthetic pages saved at
    # 640 px or less (second generator) 0.83–0.967. Type under `legible_min_text_height_px` is too small anyway.
    legible_line_confidence: float = 0.97
    legible_min_lines: int = 12
    legible_min_text_height_px: float = 15.0

    # --- exposure (grey levels 0–255 on the working image)
    # Paper (95th percentile) darker than this: the page is too dark. Clean paper sits at 240–250; the
    # darkened test page (gain 0.22) at ~55; dim indoor phone photos of readable pages at 120–170.
    dark_paper_max: float = 100.0
    # A page darker than that in grey is coloured paper, not a dark photo, when its brighter half is this
    # saturated (HSV, 0–255) and its brightest channel is not dark: red paper 209, blue 210, a lamp's warm cast
    # on white paper under 130.
    coloured_paper_min_saturation: float = 150.0
    # Overexposed: most of the page clipped and the text itself washed out (ink 5th percentile inside
    # the line boxes lighter than this). A white scan with crisp text has ink at 20–60.
    overexposed_clipped_fraction: float = 0.5
    overexposed_ink_min: float = 150.0
    # ...and the exposure lifted even the page's darkest 0.1% (bold strokes, borders, seals) above this: a
    # defocused page has its thin strokes greyed (text ink up to 151 on real phone photos) while its bold ones
    # stay dark (the page's darkest 0.1% at 1–88 on the real set's clean photos but one, 116, whose ink is 150);
    # overexposed pages of both generators keep 108–238 there.
    overexposed_darkest_min: float = 100.0

    # --- glare (verifier/quality/exposure.py): a spot of cells clipped through and through, with a halo
    # of brighter paper around it and, often, washed-out strokes beside it. Cells of 16 working px
    # (≈ half a text line).
    glare_cell: int = Field(16, ge=4)
    # A cell is clipped when even its darkest 2% of pixels reach this: sensor saturation, no ink left.
    glare_clip: int = 250
    # Spot size as a share of the page: below 1% it hides a word at most, above 25% the page is overexposed
    # rather than glared. On the real set, clipped white panels amid a scan's or an electronic page's tinted
    # graphics (a patent certificate, a faded scan, a busy banner) measure 0.22–0.71%; the glare spots of
    # both generators' photos 3.5–23%.
    glare_min_area: float = 0.01
    glare_max_area: float = 0.25
    # The halo: how far below white the paper one to two spot radii away stays, on its brightest side,
    # in grey levels. Glare spots on documents 1–300 of the 600-document benchmark have 12–67; clipped
    # paper with faint print beside it but no halo (a copy's grey strokes, a small save) 0–4.
    glare_min_halo: float = 6.0
    # Evidence for glare: the halo plus `glare_hidden_weight` per 1% of the page washed out beside the
    # spot. On documents 1–300, glare spots score 17.7–86 (a moderate highlight on bright paper: halo
    # 12–13 and ≈ 1% washed out; one over blank paper: halo 18), the clipped centres of vignetted photos
    # ≤ 11.1. The threshold sits between. Blurred photos reach 12.9 there (18 on other sets): blur
    # smooths the sensor noise until a vignetted centre clips, and fades strokes, so a BLURRY page gets
    # no GLARE.
    glare_min_evidence: float = 14.0
    glare_hidden_weight: float = 5.0
    # Ink beside the spot counts as washed out this many grey levels above the page's usual ink
    # (the darkest stroke within a cell, median over the page): glare lifts strokes by 100+ near its
    # core; JPEG and thin fonts change a page's ink by less than 40 from one part to another.
    glare_ink_lift: float = 60.0
    # A cell holds strokes when some pixel is this much darker than the paper under it (a grey closing
    # about a text line wide): washed-out text keeps 25+ grey levels, bare paper (photo noise σ ≈ 3,
    # a highlight's smooth fall-off) under 15.
    glare_stroke: float = 25.0

    # --- skew: median angle of the long text lines' edges; scanners stay within ±1.5°, hand-held phone
    # photos with perspective measure 2–4.5° (fixtures/capture.py phone_photo), a visibly tilted sheet 6°+.
    skew_max_deg: float = 5.0

    # --- incomplete: a text line whose box comes within this fraction of the width/height of the image
    # edge, with its strokes in the outermost pixel rows/columns, is sliced by the frame. Rendered pages
    # keep ≥ 2% margins; a cut line touches (0–0.3%).
    edge_margin: float = 0.004
    # Lines sliced by the left or right edge needed to call that side cut (without strokes crossing it
    # too): a cut across a text block slices several; one long line at the side of a tightly cropped
    # scan, or a name printed past a certificate's border, is a single one. On documents 1–300 of the
    # benchmark, side cuts slice 3–9 lines, or one line with the frame's rules crossing as well.
    edge_min_lines: int = 2
    # A cut through the printed design without text at the edge: strokes crossing a band this deep
    # (fraction of the side) along an image edge. Characters are ≥ 2.5% of a page's short side, frame
    # rules run the page's length, so a band of 1.2% is crossed by any cut stroke but by no margin.
    edge_band: float = 0.012
    # Ink is this many grey levels darker than the paper under it: body text, rules and seal rings
    # (≥ 100 on clean paper, ≥ 70 in dim photos) pass, a faint guilloché or paper texture (≤ 40) does not.
    edge_ink_contrast: float = 60.0
    # Two crossings on one side: a cut frame crosses twice (its two rules), a cut text line many times;
    # a single dark streak along a photocopy or a pen lying across the page's margin only once.
    edge_min_crossings: int = 2
    # The crossing must be on paper (the page reaches the edge there), at least this share of the page's
    # paper level: the shadowed edge of a hand-held sheet keeps ≈ 0.7 of it (document 494 of the
    # benchmark, found when checking 301–600), a dark desk or object beside the page ≤ 0.5; the
    # benchmark's lighter desks have no strokes that could cross the band.
    edge_paper_ratio: float = 0.65
    # A crop between two text lines slices no stroke: the last line kept then sits on the top or bottom edge
    # (within this share of the height) while the other end keeps a margin `edge_line_margin_ratio` times as
    # deep and at least `edge_line_margin_min`. Uncut benchmark pages keep ≥ 2.2% at top and bottom (both
    # seeds); top/bottom cuts between lines left 0.3%. Sideways, lines are cut through their characters,
    # which the stroke checks above see.
    edge_line_margin: float = 0.01
    edge_line_margin_ratio: float = 4.0
    edge_line_margin_min: float = 0.04
    # Text lines at the edge are no cut when a straight rule or band (the page's border, the desk around
    # a sheet) runs along every side within this share of it, over this share of its length.
    frame_band: float = 0.15
    frame_length: float = 0.5

    # --- screen recapture: prominence (log-magnitude above the local median) of the strongest peak in
    # the mid/high-frequency band of the spectrum of a native-resolution crop. Text pages score ≤ 1.5
    # (JPEG q20–95, resized 0.37–1.6×, sensor noise σ=8, phone photos); rendered moiré (period 4–12 px,
    # depth ≥ 0.08) ≥ 4.3. The threshold sits between the two.
    recapture_crop: int = Field(512, ge=128)
    # Text pages of both benchmarks (phone photos, heavy JPEG, defocus) reach 3.05, a photographed open
    # booklet 1.9 (its spine's ridge is discounted, recapture.py); the screen recaptures there are caught by
    # the pixel lattice below as well. So the threshold sits between 3.05 and 4.3.
    recapture_peak: float = 3.5
    # The moiré peak skips the 8-px JPEG grid frequencies (k/8 cycles per pixel), where a screen's lattice
    # may fall too (two camera pixels per screen pixel = Nyquist). There, the strongest harmonic must stand
    # this much (natural log of magnitude) above the second strongest, along rows and along columns:
    # JPEG blocking lifts all harmonics together (margins ≤ 0.35 on text pages at quality 75–92), a
    # lattice one (≥ 1.7 on rendered recaptures).
    recapture_grid_peak: float = 1.0

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
    # An ellipse covers π/4 ≈ 0.79 of its bounding rectangle (a bumpy seal rim up to ≈ 0.85); a red
    # rectangle, such as the red background of an ID photo on 教师资格证书, ≈ 1.
    seal_max_extent: float = 0.9
    # Oval seals reach 1.5:1; red titles and borders are far more elongated.
    seal_max_axis_ratio: float = 1.7
    # Share of the fitted ellipse's rim that is red ink: a drawn seal ring covers 70–100% even with black
    # text across it; a red title block or frame corner covers < 35%.
    seal_min_rim_coverage: float = 0.5
    # Two issuers' seals stamped overlapping (教育厅 and 人社厅 on one certificate) join into one blob of up
    # to 2:1 whose fitted ellipse still runs along both rings (rim ≥ 0.9 on the benchmark's joint seals);
    # a red word of two characters reaches 2:1 too but leaves gaps in its outline unless it is a closed
    # block, which the row and extent tests catch.
    seal_pair_axis_ratio: float = 2.05
    seal_pair_rim_coverage: float = 0.85
    # Bold red title characters close into round blobs too, but stand in a row of like-sized blobs; a blob
    # with a like-sized red neighbour on its line is a character unless its rim is a closed ring (a drawn
    # ring covers ≥ 0.95 of its rim; a closed character outline 0.6–0.92 on the benchmark's red titles),
    # which keeps two issuers' seals stamped side by side.
    seal_ring_coverage: float = 0.95
    # Where no blob passes, circles found by a Hough transform on the red mask count as seals when red
    # ink runs along this share of them: on documents 1–300 of the benchmark a seal merged into a red
    # border covers 0.98, the arcs and corners that chance circles pick up on unsealed pages 0.72–0.78.
    seal_circle_rim_coverage: float = 0.9
    # ...and when they are at least this wide (share of the short side): a 38 mm seal is 13–18% of an A4
    # or A3 sheet's short side, while a circle this test finds inside a bold character is under 5%.
    seal_circle_min_diameter: float = 0.08

    # --- photocopy: the largest per-page colourfulness (Hasler–Süsstrunk) and red share of a document.
    # Sealed colour scans score ≥ 8 and ≥ 1e-3 red; grey copies 0–2, none.
    photocopy_max_colourfulness: float = 4.0
    photocopy_max_red_fraction: float = 2e-4
    # Above this share of red pixels the paper itself is red (a red 聘书 printed in gold): no red seal can be
    # told against it. Certificates on white or cream paper with red borders, titles and seals reach 0.17.
    red_paper_min_fraction: float = 0.5
    # A colourless upload is a copy when its paper carries toner specks (verifier/seals/ink.py):
    # dots this many grey levels darker than the paper around them...
    photocopy_speck_contrast: float = 25.0
    # ...at least this many per 10,000 px of blank paper (median over 64-px squares, so steps of 2.4:
    # the threshold asks for two dots in a typical square). On documents 1–300 of the benchmark,
    # colourless copies score 14.6–39, colourless originals (grey forms, dark or overexposed photos,
    # heavy JPEG, low resolution) 0.
    photocopy_min_specks: float = 4.0

    # --- foreign documents: pages whose confident text is less than this share CJK (the rest Latin
    # letters) are a foreign-language certificate, which carries no Chinese official seal.
    foreign_max_cjk_share: float = 0.3
