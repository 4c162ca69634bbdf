"""Per-page capture quality: each measure a number, and a CONTRACT flag where it crosses its threshold."""

from __future__ import annotations

import cv2
import numpy as np

from models.flags import FlagCode
from models.page import TextLine
from models.report import Flag
from verifier.imaging import downscale
from verifier.quality.exposure import glare_fraction, measure_exposure
from verifier.quality.geometry import (
    cut_between_lines,
    frame_rule_depths,
    lines_cut_by_edge,
    sides_cut_through_content,
    skew_from_lines,
    skew_from_pixels,
    text_inside_rules,
)
from verifier.quality.model import PageQuality
from verifier.quality.recapture import ScreenPattern, measure_screen
from verifier.quality.sharpness import line_sharpness, tile_sharpness
from verifier.quality.viewer import viewer_badge
from verifier.quality.working import text_mask, to_working
from verifier.settings import defaults
from verifier.settings.quality import QualitySettings

# Strokes out of the frame on this many sides, or this many on one, are a pattern along the page's edge.
_BORDER_SIDES = 3
_PATTERN_CROSSINGS = 5


def assess_page(
    image_bgr: np.ndarray,
    lines: list[TextLine],
    page_number: int,
    settings: QualitySettings | None = None,
    screen: ScreenPattern | None = None,
    restored_from: float | None = None,
    small_bgr: np.ndarray | None = None,
) -> PageQuality:
    """Measure an upright page, using its OCR lines to look at the text rather than the empty paper.

    `screen`: the page's screen measures when the caller took them already (before reading it).
    `restored_from`: the sharpness measured before the page was deblurred for reading; the reading's
    confidence then speaks for the restoration, not for the upload. `small_bgr`: the upright page already
    downscaled to the working width.
    """
    s = settings or defaults(QualitySettings)
    work = to_working(image_bgr, lines, s.working_width, small_bgr)
    scores: dict[str, float] = {}
    flags: list[Flag] = []

    def flag(code: FlagCode, value: float, detail: str) -> None:
        flags.append(Flag.make(code, page=page_number, value=round(value, 3), detail=detail))

    usable = [ln for ln in lines if ln.confidence >= s.unreadable_line_confidence and ln.text.strip()]
    usable_chars = sum(len("".join(ln.text.split())) for ln in usable)
    confidence = _char_weighted_confidence(lines)
    scores["usable_chars"] = float(usable_chars)
    scores["cjk_chars"] = float(sum(_is_cjk(ch) for ln in usable for ch in ln.text))
    scores["latin_chars"] = float(sum(ch.isascii() and ch.isalpha() for ln in usable for ch in ln.text))
    scores["ocr_confidence"] = round(confidence, 3)

    sharpness = line_sharpness(image_bgr, usable, s.sharpness_line_height) if usable else None
    if sharpness is None:
        sharpness = tile_sharpness(work.grey)
    if restored_from is not None:
        sharpness = restored_from if sharpness is None else min(sharpness, restored_from)
    if sharpness is not None:
        scores["sharpness"] = round(sharpness, 3)
        unsure = confidence < s.ocr_confident or restored_from is not None
        borderline = sharpness < s.blur_soft and unsure
        if sharpness < s.blur_hard or borderline:
            flag(FlagCode.BLURRY, sharpness, f"清晰度 {sharpness:.2f}（阈值 {s.blur_hard:g}–{s.blur_soft:g}）")

    long_side = max(image_bgr.shape[:2])
    scores["long_side_px"] = float(long_side)
    text_height = float(np.median([ln.own_height for ln in usable])) if usable else None
    if text_height is not None:
        scores["text_height_px"] = round(text_height, 1)
    legible = _read_without_doubt(usable, s)
    scores["least_sure_line_confidence"] = round(_least_sure(usable), 3) if usable else 0.0
    if (
        text_height is not None
        and text_height < s.min_text_height_px
        and (not legible or text_height < s.legible_min_text_height_px)
    ):
        detail = f"文字高度约 {text_height:.0f} 像素（至少 {s.min_text_height_px:g}）"
        flag(FlagCode.LOW_RESOLUTION, text_height, detail)
    elif long_side < s.min_long_side_px and not legible:
        detail = f"整页长边仅 {long_side} 像素（至少 {s.min_long_side_px}）"
        flag(FlagCode.LOW_RESOLUTION, long_side, detail)

    exposure = measure_exposure(work.grey, text_mask(work.grey, work.outlines))
    scores["paper_level"] = round(exposure.paper_level, 1)
    scores["ink_level"] = round(exposure.ink_level, 1)
    scores["clipped_fraction"] = round(exposure.clipped_fraction, 4)
    scores["darkest_level"] = round(exposure.darkest, 1)
    if exposure.paper_level < s.dark_paper_max and not _bright_coloured_paper(image_bgr, small_bgr, s):
        flag(FlagCode.TOO_DARK, exposure.paper_level, f"纸面亮度 {exposure.paper_level:.0f}/255")
    # Strokes of type smaller than min_text_height_px are thinner than a pixel and grey whatever the
    # exposure: their ink level says nothing about it (that page is LOW_RESOLUTION).
    elif (
        exposure.clipped_fraction > s.overexposed_clipped_fraction
        and exposure.ink_level > s.overexposed_ink_min
        and exposure.darkest > s.overexposed_darkest_min
        and (text_height is None or text_height >= s.min_text_height_px)
    ):
        flag(
            FlagCode.OVEREXPOSED,
            exposure.ink_level,
            f"{exposure.clipped_fraction:.0%} 的画面过曝，文字灰度 {exposure.ink_level:.0f}/255",
        )

    glare = glare_fraction(
        work.grey,
        cell=s.glare_cell,
        clip=s.glare_clip,
        min_area=s.glare_min_area,
        max_area=s.glare_max_area,
        min_halo=s.glare_min_halo,
        min_evidence=s.glare_min_evidence,
        hidden_weight=s.glare_hidden_weight,
        ink_lift=s.glare_ink_lift,
        stroke=s.glare_stroke,
    )
    scores["glare_fraction"] = round(glare, 4)
    # Blur smooths the sensor noise until a vignetted photo's bright centre clips, and fades strokes
    # as a highlight does; the page already needs a new photo.
    if glare > 0 and not any(f.code == FlagCode.BLURRY for f in flags):
        flag(FlagCode.GLARE, glare, f"反光区域约占画面 {glare:.1%}")

    skew = skew_from_lines(lines)
    if skew is None:
        skew = skew_from_pixels(work.grey)
    if skew is not None:
        scores["skew_deg"] = round(skew, 2)
        if abs(skew) > s.skew_max_deg:
            flag(FlagCode.SKEWED, skew, f"倾斜约 {abs(skew):.1f}°")

    cut = lines_cut_by_edge(lines, work.grey_native, s.edge_margin, s.edge_ink_contrast)
    crossings = sides_cut_through_content(
        work.grey,
        depth=s.edge_band,
        contrast=s.edge_ink_contrast,
        min_crossings=s.edge_min_crossings,
        paper_ratio=s.edge_paper_ratio,
    )
    scores["lines_at_edge"] = float(sum(cut))
    scores["strokes_out_of_frame"] = float(sum(crossings))
    # A cut along the lines slices at most one of them; a cut across them slices every line long enough
    # to reach it, while one long line at the side of a scan cropped tight to the text is no cut at all.
    enough = [n >= (1 if side in (0, 2) else s.edge_min_lines) for side, n in enumerate(cut)]
    rules: list[int | None] = (
        frame_rule_depths(work.grey, band=s.frame_band, length=s.frame_length, contrast=s.edge_ink_contrast)
        if any(enough) or any(crossings)
        else [None] * 4
    )
    if all(depth is not None for depth in rules):
        enough = [False] * 4  # the page's border (or the desk) is there on every side: text ran past it
        patterned = sum(1 for n in crossings if n) >= _BORDER_SIDES or max(crossings) >= _PATTERN_CROSSINGS
        if not any(cut) and patterned:
            # Class 9 of the real-certificate failures: with the page's border all round and no text line at the
            # edge, many strokes out of the frame, or strokes on most sides, are a decorative border's pattern, a
            # folder's edge or print crop marks; a crop through a plain frame crosses its two rules on one side.
            crossings = [0] * 4
        elif not any(cut):
            # A few strokes out of the frame on one side, where the border's rule runs between them and every
            # text line, are the border's own ornament (a corner flourish, a guilloche band) cut by a tight
            # photo: what the document says is all inside the rule. A crop into the content leaves text or
            # table cells outside any rule along the cut side.
            boxes = [_outline(ln, work.scale) for ln in usable]
            inside = text_inside_rules(boxes, work.grey.shape, rules, s.edge_band)
            crossings = [0 if enclosed else n for n, enclosed in zip(crossings, inside, strict=True)]
    between = cut_between_lines(
        usable, image_bgr.shape[0], s.edge_line_margin, s.edge_line_margin_ratio, s.edge_line_margin_min
    )
    cut_sides = [a or bool(b) or c for a, b, c in zip(enough, crossings, between, strict=True)]
    if any(cut_sides):
        sides = "、".join(name for name, c in zip("上右下左", cut_sides, strict=True) if c)
        flag(FlagCode.INCOMPLETE, sum(cut) + sum(crossings), f"文字或印刷内容在{sides}边越出画面，可能被裁切")

    screen = screen or measure_screen(work.grey_native, s.recapture_crop)
    peak, grid = screen.moire, screen.grid
    scores["moire_peak"] = round(peak, 2)
    scores["pixel_grid_peak"] = round(grid, 2)
    if peak > s.recapture_peak:
        flag(FlagCode.SCREEN_RECAPTURE, peak, f"频谱中有摩尔纹峰值 {peak:.1f}（阈值 {s.recapture_peak:g}）")
    elif grid > s.recapture_grid_peak:
        flag(FlagCode.SCREEN_RECAPTURE, grid, f"画面中有屏幕像素栅格的周期纹理（{grid:.1f}）")
    elif (badge := viewer_badge(image_bgr, usable)) is not None:
        detail = f"画面角落有看图软件的浮层按钮（“{badge.text}”）：拍摄或截取的是屏幕上的图片"
        flag(FlagCode.SCREEN_RECAPTURE, 1.0, detail)

    # A page read badly because it is blurred, dark, washed out or tiny already has the flag that says why
    # and what to fix; UNREADABLE is for pages with no such cause (blank, handwriting, a picture).
    if usable_chars < s.unreadable_min_chars and not any(f.code in EXPLAINS_NO_TEXT for f in flags):
        flag(FlagCode.UNREADABLE, usable_chars, f"仅识别出 {usable_chars} 个可信文字")
    return PageQuality(page=page_number, scores=scores, flags=flags)


EXPLAINS_NO_TEXT = {FlagCode.BLURRY, FlagCode.TOO_DARK, FlagCode.OVEREXPOSED, FlagCode.LOW_RESOLUTION}


def _outline(line: TextLine, scale: float) -> tuple[float, float, float, float]:
    """A line's box in working pixels: left, top, right, bottom."""
    xs, ys = [p[0] * scale for p in line.box], [p[1] * scale for p in line.box]
    return min(xs), min(ys), max(xs), max(ys)


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def _least_sure(usable: list[TextLine]) -> float:
    return float(np.percentile([ln.confidence for ln in usable], 10))


def _read_without_doubt(usable: list[TextLine], s: QualitySettings) -> bool:
    """Small type is legible where the recogniser reads the whole page without doubt: a screenshot of a list or
    a score report, rendered crisp on the pixel grid. A thumbnail or a page saved small keeps only its
    headline's lines sure; its small print is read with doubt or not at all."""
    if len(usable) < s.legible_min_lines:
        return False
    return _least_sure(usable) >= s.legible_line_confidence


def _char_weighted_confidence(lines: list[TextLine]) -> float:
    weights = [max(1, len(ln.text.strip())) for ln in lines]
    if not lines:
        return 0.0
    return float(np.average([ln.confidence for ln in lines], weights=weights))


def _bright_coloured_paper(image_bgr: np.ndarray, small_bgr: np.ndarray | None, s: QualitySettings) -> bool:
    """A coloured paper (a red or blue 聘书 printed in gold) reflects plenty of light in its own colour: dark in
    grey, yet bright and saturated in HSV. A page photographed in poor light is dim in every channel, and a
    lamp's cast leaves it far less saturated."""
    if small_bgr is None:
        small_bgr = downscale(image_bgr, s.working_width)[0]
    hsv = cv2.cvtColor(np.ascontiguousarray(small_bgr), cv2.COLOR_BGR2HSV).reshape(-1, 3)
    value = hsv[:, 2]
    paper = hsv[value >= np.percentile(value, 50)]  # the brighter half: paper and print, not shadows or edges
    bright = float(np.percentile(value, 95)) >= s.dark_paper_max
    return bright and float(np.median(paper[:, 1])) >= s.coloured_paper_min_saturation
