"""Glare that hides text, toner copies, seals next to red titles or each other, cuts across text blocks,
foreign certificates, and pages whose capture flag already explains why nothing could be read.

Lines are where the text was drawn (confidence 1.0), so each test isolates the image measure.
"""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from models.flags import FlagCode
from models.page import TextLine
from models.vocab import DocType
from verifier.quality import assess_document, assess_page
from verifier.seals.detect import detect_seals

from .conftest import FONT_PATH, Drawn, draw_seal, photocopy, render_certificate


def codes(image: np.ndarray, lines: list[TextLine]) -> set[FlagCode]:
    return {f.code for f in assess_page(image, lines, 1).flags}


def doc_flags(image: np.ndarray, lines: list[TextLine], doc_type: DocType) -> dict[FlagCode, str]:
    quality = assess_page(image, lines, 1)
    _, flags = assess_document([quality], [image], doc_type)
    return {f.code: f.message for f in flags}


def highlight(page: np.ndarray, centre: tuple[float, float], size: tuple[float, float]) -> np.ndarray:
    """A phone photo (paper at ~194 grey) with a lamp's reflection around `centre`, saturating the sensor
    well past white at its core, so that even black ink clips there."""
    h, w = page.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w]
    spot = np.exp(-(((xx - centre[0]) / size[0]) ** 2 + ((yy - centre[1]) / size[1]) ** 2))
    return np.clip(page.astype(np.float32) * 0.78 + spot[..., None] * 400, 0, 255).astype(np.uint8)


# --- glare ------------------------------------------------------------------------------------


def test_highlight_washing_out_the_body_text_is_glare(clean_page: Drawn):
    glared = highlight(clean_page.image, (480, 330), (150, 90))
    quality = assess_page(glared, clean_page.lines, 1)
    assert FlagCode.GLARE in {f.code for f in quality.flags}
    assert 0.01 < quality.scores["glare_fraction"] < 0.15


def test_highlight_on_blank_paper_is_glare_by_its_halo(clean_page: Drawn):
    # Right of the body lines and above the issuer: no text to wash out, but the halo is unmistakable.
    quality = assess_page(highlight(clean_page.image, (1100, 390), (80, 60)), clean_page.lines, 1)
    assert FlagCode.GLARE in {f.code for f in quality.flags}


def test_clipped_paper_beside_faint_print_is_not_glare(clean_page: Drawn):
    # A grey copy: the paper clips to white everywhere and its strokes are lighter than a print's.
    copy = photocopy(clean_page.image, specks=0.0)
    faint = np.clip(copy.astype(np.float32) * 0.5 + 128, 0, 255).astype(np.uint8)
    assert FlagCode.GLARE not in codes(faint, clean_page.lines)


def test_bright_centre_of_a_vignetted_photo_is_not_glare(clean_page: Drawn):
    # The lens lights the middle of the sheet brightest; its paper reaches white but the sensor's noise
    # keeps it from clipping through and through, as a highlight does.
    h, w = clean_page.image.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w]
    r2 = ((xx - w / 2) / w) ** 2 + ((yy - h / 2) / h) ** 2
    gain = (1.03 - 0.6 * r2)[..., None]
    noise = np.random.default_rng(5).normal(0, 3, clean_page.image.shape)
    photo = np.clip(clean_page.image.astype(np.float32) * gain + noise, 0, 255).astype(np.uint8)
    assert FlagCode.GLARE not in codes(photo, clean_page.lines)


# --- copies, colour and seals -------------------------------------------------------------------


def test_toner_copy_of_any_type_is_a_photocopy(clean_page: Drawn):
    for doc_type in (DocType.award_certificate, DocType.publication):
        copy = photocopy(clean_page.image)
        assert set(doc_flags(copy, clean_page.lines, doc_type)) == {FlagCode.PHOTOCOPY}, doc_type


def test_grey_sealed_type_without_toner_asks_for_the_seal(clean_page: Drawn):
    clean_copy = photocopy(render_certificate(seal=False).image, specks=0.0)
    flags = doc_flags(clean_copy, clean_page.lines, DocType.honor_certificate)
    assert set(flags) == {FlagCode.NO_SEAL}
    assert "无任何彩色" in flags[FlagCode.NO_SEAL]


def test_black_and_white_original_of_an_unsealed_type_is_fine(clean_page: Drawn):
    grey = cv2.cvtColor(cv2.cvtColor(render_certificate(seal=False).image, cv2.COLOR_BGR2GRAY), cv2.COLOR_GRAY2BGR)
    assert doc_flags(grey, clean_page.lines, DocType.publication) == {}


def test_halftone_picture_on_a_printed_page_is_no_toner(clean_page: Drawn):
    # A journal page printed in black: its photo is a grid of fine dots, in one place only.
    printed = cv2.cvtColor(cv2.cvtColor(render_certificate(seal=False).image, cv2.COLOR_BGR2GRAY), cv2.COLOR_GRAY2BGR)
    patch = printed[560:900, 900:1300]
    patch[:] = 250
    patch[::6, ::6] = 40
    patch[1::6, ::6] = 40
    assert FlagCode.PHOTOCOPY not in doc_flags(printed, clean_page.lines, DocType.publication)


def test_overexposed_page_is_not_taken_for_a_copy(clean_page: Drawn):
    # Washing out removes all colour and leaves stray dots of broken strokes: neither says "copy".
    washed = np.clip(photocopy(clean_page.image).astype(np.float32) * 0.4 + 200, 0, 255).astype(np.uint8)
    washed[washed > 235] = 255
    flags = doc_flags(washed, clean_page.lines, DocType.award_certificate)
    assert FlagCode.PHOTOCOPY not in flags and FlagCode.NO_SEAL not in flags


def test_foreign_certificate_needs_no_chinese_seal():
    body = [
        "CERTIFICATE",
        "This is to certify that Zhang Minghua",
        "has completed 40 hours of training",
        "in Primary Mathematics Teaching.",
        "Cambridge Teacher Programme",
        "November 2023",
    ]
    page = render_certificate(seal=False, body=body)
    assert FlagCode.NO_SEAL not in doc_flags(page.image, page.lines, DocType.continuing_education)
    chinese = render_certificate(seal=False)
    assert FlagCode.NO_SEAL in doc_flags(chinese.image, chinese.lines, DocType.continuing_education)


def test_run_of_red_title_characters_is_not_a_seal():
    # Tight bold characters close into one long run; the two at its ends stay round blobs of their own.
    img = Image.new("RGB", (1400, 1000), (250, 248, 242))
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT_PATH.replace("Regular", "Bold"), 100)
    draw.text((260, 80), "专业技术资格证书", font=font, fill=(215, 30, 40))
    assert detect_seals(cv2.cvtColor(np.asarray(img), cv2.COLOR_RGB2BGR)) == []


def test_two_overlapping_seals_count_as_sealed():
    page = render_certificate(seal=False)
    draw_seal(page.image, (560, 720), 110)
    draw_seal(page.image, (740, 720), 110)  # a joint issue: the second seal overlaps the first
    assert detect_seals(page.image)
    assert FlagCode.NO_SEAL not in doc_flags(page.image, page.lines, DocType.teaching_service_honor)


def test_three_issuers_seals_side_by_side_are_seals():
    # A joint award stamped by three bodies in one row: a short row of closed rings is no title.
    page = render_certificate(seal=False)
    for x in (330, 600, 870):
        draw_seal(page.image, (x, 720), 110)
    assert len(detect_seals(page.image)) == 3


def test_faded_and_oval_seals_are_found():
    for strength in (0.5, 0.3):  # a seal pressed with little ink: pale pink
        page = render_certificate(seal=False)
        stamp = np.full_like(page.image, 255)
        draw_seal(stamp, (350, 720), 115)
        ink = 255 - (255 - stamp.astype(np.float32)) * strength
        assert len(detect_seals((page.image * (ink / 255)).astype(np.uint8))) == 1, strength
    page = render_certificate(seal=False)
    stamp = np.full_like(page.image, 255)
    cv2.ellipse(stamp, (400, 720), (140, 95), 0, 0, 360, (40, 30, 215), 8, cv2.LINE_AA)  # an oval 专用章
    cv2.circle(stamp, (400, 720), 22, (40, 30, 215), -1)
    assert len(detect_seals((page.image * (stamp / 255)).astype(np.uint8))) == 1


def test_seal_stamped_over_a_broad_red_band_is_found():
    # A certificate's thick red border band, tilted as on a skewed scan: the seal joins it into one blob.
    page = render_certificate(seal=False)
    cv2.rectangle(page.image, (40, 40), (1360, 960), (40, 30, 200), 36)
    draw_seal(page.image, (1000, 930), 110)
    h, w = page.image.shape[:2]
    tilted = cv2.warpAffine(
        page.image, cv2.getRotationMatrix2D((w / 2, h / 2), 6, 1.0), (w, h), borderValue=(250, 248, 242)
    )
    seals = detect_seals(tilted)
    assert len(seals) == 1 and 190 < seals[0].axes[0] < 250


# --- cut-off pages ---------------------------------------------------------------------------


def unframed(lines_text: list[str]) -> Drawn:
    """A plain notice without a border: only text can show where the page was cut."""
    img = Image.new("RGB", (1400, 1000), (250, 248, 242))
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT_PATH, 40)
    lines = []
    for i, text in enumerate(lines_text):
        x, y = 120, 120 + 80 * i
        draw.text((x, y), text, font=font, fill=(20, 20, 20))
        x0, y0, x1, y1 = draw.textbbox((x, y), text, font=font)
        lines.append(TextLine(text, [(x0, y0), (x1, y0), (x1, y1), (x0, y1)], 1.0))
    return Drawn(cv2.cvtColor(np.asarray(img), cv2.COLOR_RGB2BGR), lines)


def clipped(lines: list[TextLine], width: int) -> list[TextLine]:
    out = []
    for ln in lines:
        box = [(min(x, width - 1), y) for x, y in ln.box]
        if box[0][0] < width - 1:
            out.append(TextLine(ln.text, box, ln.confidence))
    return out


BODY = [
    "根据上级有关工作安排，现将有关事项通知如下，请相互转告。",
    "各单位务必高度重视，认真组织，确保各项工作落实到位。",
    "请于本月底前将有关材料报送教育局办公室，逾期不予受理。",
]


def test_text_block_cut_at_the_side_is_incomplete():
    page = unframed(BODY)
    cut = page.image[:, :900].copy()  # every body line runs past x = 900
    assert FlagCode.INCOMPLETE in codes(cut, clipped(page.lines, 900))


def test_one_long_line_at_the_side_is_no_cut():
    # A scan cropped tight to its longest line: the line's glyphs end at the edge, nothing else does.
    page = unframed([*BODY[:1], "特此通知。"])
    right = int(max(x for x, _ in page.lines[0].box)) + 2
    assert FlagCode.INCOMPLETE not in codes(page.image[:, :right].copy(), clipped(page.lines, right))


def test_crop_between_two_lines_is_incomplete():
    # Cut just below the fourth line: no stroke is sliced, but the last line kept sits on the bottom edge
    # while the top keeps its margin.
    page = unframed(BODY * 2)
    bottom = int(max(y for _, y in page.lines[3].box)) + 2
    kept = [ln for ln in page.lines if max(y for _, y in ln.box) < bottom]
    assert FlagCode.INCOMPLETE in codes(page.image[:bottom].copy(), kept)
    # The same page cropped with a margin below its last line is whole.
    whole = int(max(y for _, y in page.lines[-1].box)) + 120
    assert FlagCode.INCOMPLETE not in codes(page.image[:whole].copy(), page.lines)


def test_letter_cropped_tight_under_its_sign_off_is_whole():
    # Class 9 of the real-certificate failures: a 证明 letter scanned and cropped just under its last line, the
    # date or the signer's name, is whole: nothing follows a sign-off. Cropped under a body line, it is cut.
    for sign_off in ("2025年6月16日", "二〇二三年十一月", "支部书记：李明华", "学院分团委意见（签章）："):
        page = unframed([*BODY, "特此证明。", sign_off])
        bottom = int(max(y for _, y in page.lines[-1].box)) + 2
        assert FlagCode.INCOMPLETE not in codes(page.image[:bottom].copy(), page.lines), sign_off
    page = unframed([*BODY, "特此证明。", "2025年6月16日"])
    bottom = int(max(y for _, y in page.lines[2].box)) + 2
    kept = [ln for ln in page.lines if max(y for _, y in ln.box) < bottom]
    assert FlagCode.INCOMPLETE in codes(page.image[:bottom].copy(), kept)
    # A table of posts cut under a row whose last cell is a date: the date is a cell, not the sign-off.
    rows = unframed(["姓名    任职时间", "李明华  2023年9月", "张三丰  2024年6月"])
    cells = [*rows.lines[:2], TextLine("张三丰", rows.lines[2].box, 1.0), TextLine("2024年6月", rows.lines[2].box, 1.0)]
    bottom = int(max(y for _, y in rows.lines[2].box)) + 2
    assert FlagCode.INCOMPLETE in codes(rows.image[:bottom].copy(), cells)


def test_name_running_past_the_certificate_border_is_no_cut(clean_page: Drawn):
    # The page's border is whole on every side: text reaching the edge ran past it, nothing was cut off.
    page = render_certificate()
    img = Image.fromarray(cv2.cvtColor(page.image, cv2.COLOR_BGR2RGB))
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT_PATH, 40)
    text = "内蒙古自治区中小学教师高级职务评审委员会办公室"
    draw.text((570, 820), text, font=font, fill=(20, 20, 20))
    x0, y0, _, y1 = draw.textbbox((570, 820), text, font=font)
    overflow = TextLine(text, [(x0, y0), (1399, y0), (1399, y1), (x0, y1)], 1.0)
    image = cv2.cvtColor(np.asarray(img), cv2.COLOR_RGB2BGR)
    quality = assess_page(image, [*page.lines, overflow], 1)
    assert quality.scores["lines_at_edge"] == 1
    assert FlagCode.INCOMPLETE not in {f.code for f in quality.flags}


def test_cut_through_the_frame_in_a_shadowed_photo_is_incomplete(clean_page: Drawn):
    # The shadow of the phone darkens the sheet's top edge to 0.7 of its paper: still paper, not desk.
    h = clean_page.image.shape[0]
    gain = np.clip(0.7 + np.arange(h, dtype=np.float32) / (0.3 * h) * 0.3, 0.7, 1.0)
    shaded = (clean_page.image.astype(np.float32) * gain[:, None, None]).astype(np.uint8)
    top = int(h * 0.05)
    lines = [TextLine(ln.text, [(x, y - top) for x, y in ln.box], 1.0) for ln in clean_page.lines]
    assert FlagCode.INCOMPLETE in codes(shaded[top:].copy(), lines)


# --- unreadable ------------------------------------------------------------------------------


def test_blurred_page_that_reads_nothing_is_blurry_not_unreadable(clean_page: Drawn):
    smeared = cv2.GaussianBlur(clean_page.image, (0, 0), 6)
    unsure = [TextLine(ln.text, ln.box, 0.2) for ln in clean_page.lines]
    found = codes(smeared, unsure)
    assert FlagCode.BLURRY in found and FlagCode.UNREADABLE not in found


def test_a_decorative_border_cropped_tight_is_not_incomplete(clean_page: Drawn):
    """Class 9 of the real-certificate failures: a patterned border the scan or photo cropped tight crosses every
    edge with its ticks, while the page's frame and every text line are whole."""
    image = clean_page.image.copy()
    h, w = image.shape[:2]
    for x in range(20, w - 20, 40):
        cv2.line(image, (x, 0), (x + 10, 14), (40, 40, 40), 3)
        cv2.line(image, (x, h - 1), (x + 10, h - 15), (40, 40, 40), 3)
    for y in range(20, h - 20, 40):
        cv2.line(image, (0, y), (14, y + 10), (40, 40, 40), 3)
        cv2.line(image, (w - 1, y), (w - 15, y + 10), (40, 40, 40), 3)
    quality = assess_page(image, clean_page.lines, 1)
    assert quality.scores["strokes_out_of_frame"] > 0
    assert FlagCode.INCOMPLETE not in {f.code for f in quality.flags}


def _corner_flourish(image: np.ndarray, strokes: int) -> None:
    """A border ornament at the bottom-left corner, outside the frame's rule, whose curls a tight photo cut on the
    left edge."""
    h = image.shape[0]
    for k in range(strokes):
        y = h - 160 + 30 * k
        cv2.line(image, (0, y), (24, y + 12), (60, 50, 40), 3)


def test_border_ornament_cut_on_one_side_is_not_incomplete(clean_page: Drawn):
    """Class 9 of the real-certificate failures: a photo cropped tight cuts the curls of the border's corner
    ornament on one side only; the frame's rule runs along that side between them and every text line."""
    image = clean_page.image.copy()
    _corner_flourish(image, 4)
    quality = assess_page(image, clean_page.lines, 1)
    assert quality.scores["strokes_out_of_frame"] == 4
    assert FlagCode.INCOMPLETE not in {f.code for f in quality.flags}


def test_table_cut_on_one_side_with_its_cells_outside_the_rule_is_incomplete():
    # A table of posts cut through its first column: four row rules run out of the left edge, and the first
    # column's names stand between the edge and the column rule, which runs along the side like a frame.
    img = Image.new("RGB", (1400, 1000), (250, 248, 242))
    draw = ImageDraw.Draw(img)
    draw.rectangle([30, 30, 1370, 970], outline=(40, 40, 40), width=4)  # the page's frame, cut open on the left
    draw.rectangle([0, 20, 29, 980], fill=(250, 248, 242))
    font = ImageFont.truetype(FONT_PATH, 36)
    lines = []
    for i, (name, post) in enumerate([("李明远", "学生会主席"), ("张晓梅", "宣传部部长"), ("王芳", "组织部干事")]):
        top = 300 + 140 * i
        draw.line([(0, top), (1300, top)], fill=(40, 40, 40), width=3)
        for x, text in ((20, name), (400, post)):
            draw.text((x, top + 45), text, font=font, fill=(20, 20, 20))
            x0, y0, x1, y1 = draw.textbbox((x, top + 45), text, font=font)
            lines.append(TextLine(text, [(x0, y0), (x1, y0), (x1, y1), (x0, y1)], 1.0))
    draw.line([(0, 720), (1300, 720)], fill=(40, 40, 40), width=3)
    draw.line([(200, 120), (200, 880)], fill=(40, 40, 40), width=3)  # the column rule along the cut side
    for text, y in (("任职证明", 100), ("特此证明。", 800)):
        draw.text((500, y), text, font=font, fill=(20, 20, 20))
        x0, y0, x1, y1 = draw.textbbox((500, y), text, font=font)
        lines.append(TextLine(text, [(x0, y0), (x1, y0), (x1, y1), (x0, y1)], 1.0))
    image = cv2.cvtColor(np.asarray(img), cv2.COLOR_RGB2BGR)
    quality = assess_page(image, lines, 1)
    assert quality.scores["strokes_out_of_frame"] == 4 and quality.scores["lines_at_edge"] == 0
    assert FlagCode.INCOMPLETE in {f.code for f in quality.flags}
