"""Ingest: upload bytes → decoded pages. Bad input becomes a CONTRACT flag, never an exception."""

from __future__ import annotations

import hashlib
import io
import re
import threading
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING, TypeVar

import cv2
import numpy as np
from PIL import Image, ImageOps

from models.flags import FlagCode
from models.page import Page, PageSource, TextLine
from models.report import Flag
from verifier.settings import IngestSettings, defaults

if TYPE_CHECKING:
    from pypdfium2 import PdfPage

_T = TypeVar("_T")

try:  # HEIC/HEIF phone photos
    import pillow_heif

    pillow_heif.register_heif_opener()
    _HEIF = True
except ImportError:  # pragma: no cover - optional at run time
    _HEIF = False

# PDFium is not thread-safe, even across documents.
_PDFIUM_LOCK = threading.Lock()

# Formats Pillow may try: restricting them keeps exotic decoders away from untrusted bytes.
_PIL_FORMATS = {
    "jpeg": ["JPEG", "MPO"],
    "png": ["PNG"],
    "bmp": ["BMP"],
    "tiff": ["TIFF"],
    "webp": ["WEBP"],
    "heic": ["HEIF"],
}


def _pil_formats(fmt: str) -> list[str]:
    Image.init()  # registers every plugin, so the format ids below are known
    return [f for f in _PIL_FORMATS[fmt] if f in Image.OPEN]


@dataclass
class IngestResult:
    sha256: str
    size: int
    format: str | None  # jpeg, png, bmp, tiff, webp, heic, pdf, or None when not recognised
    pages: list[Page] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    page_count: int = 0  # pages in the file, even when some were not decoded

    @property
    def readable(self) -> bool:
        return bool(self.pages)


def sniff_format(data: bytes) -> str | None:
    """Recognise the format from the content, never from the file name."""
    head = data[:64]
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"BM"):
        return "bmp"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1", b"avif"):
        return "heic"
    # The PDF header may sit after some junk bytes; readers accept it within the first KiB.
    if b"%PDF-" in data[:1024]:
        return "pdf"
    return None


def ingest_bytes(data: bytes, settings: IngestSettings | None = None) -> IngestResult:
    settings = settings or defaults(IngestSettings)
    result = IngestResult(sha256=hashlib.sha256(data).hexdigest(), size=len(data), format=None)
    if not data:
        result.flags.append(Flag.make(FlagCode.EMPTY_FILE))
        return result
    if len(data) > settings.max_file_bytes:
        result.flags.append(too_large_flag(len(data), settings))
        return result
    result.format = sniff_format(data)
    if result.format is None:
        result.flags.append(Flag.make(FlagCode.UNSUPPORTED_FORMAT, detail=_describe_unknown(data)))
        return result
    if result.format == "pdf":
        _ingest_pdf(data, settings, result)
    else:
        _ingest_image(data, result.format, settings, result)
    return result


def too_large_flag(size: int, settings: IngestSettings) -> Flag:
    mb, limit = size / 1024 / 1024, settings.max_file_bytes / 1024 / 1024
    return Flag.make(FlagCode.FILE_TOO_LARGE, detail=f"{mb:.1f} MB，上限 {limit:.0f} MB", value=mb)


def _describe_unknown(data: bytes) -> str:
    if data[:4] == b"PK\x03\x04":
        return "文件是压缩包或 Office 文档，请另存为 PDF 或图片"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF 动图，请另存为 JPG 或 PNG"
    return "无法识别的文件内容"


class _TooLarge(Exception):
    def __init__(self, pixels: int) -> None:
        self.pixels = pixels


def _ingest_image(data: bytes, fmt: str, settings: IngestSettings, result: IngestResult) -> None:
    if fmt == "heic" and not _HEIF:
        result.flags.append(Flag.make(FlagCode.UNSUPPORTED_FORMAT, detail="此环境未安装 HEIC 解码器"))
        return
    try:
        with warnings.catch_warnings():
            # Pillow only warns for large images; a bomb must stop here.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            Image.MAX_IMAGE_PIXELS = max(settings.max_pixels, 1)
            with Image.open(io.BytesIO(data), formats=_pil_formats(fmt)) as img:
                frames = getattr(img, "n_frames", 1) if fmt == "tiff" else 1
                result.page_count = frames
                if frames > settings.max_pages:  # rejected whatever its pages say: none is decoded
                    result.flags.append(_too_many_pages(frames, settings))
                    return
                # Every page's size from the headers before any is decoded: the budget covers them all.
                sizes = _frame_sizes(img, min(frames, settings.max_pages))
                largest = max(w * h for w, h in sizes)
                if largest > settings.max_pixels:
                    raise _TooLarge(largest)
                total = sum(w * h for w, h in sizes)
                if total > settings.max_total_pixels:
                    result.flags.append(_over_budget(total, len(sizes), settings))
                    return
                for index, (width, height) in enumerate(sizes):
                    if not _readable_shape(width, height):
                        result.flags.append(_odd_shape(width, height, index + 1 if len(sizes) > 1 else None))
                        continue
                    if frames > 1:
                        img.seek(index)
                    result.pages.append(Page(number=index + 1, image=_to_bgr(img)))
    except (_TooLarge, Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        pixels = exc.pixels if isinstance(exc, _TooLarge) else None
        result.pages.clear()
        limit = settings.max_pixels / 1e6
        detail = f"{pixels / 1e6:.0f} 百万像素，上限 {limit:.0f}" if pixels else "像素数超过安全上限"
        result.flags.append(Flag.make(FlagCode.IMAGE_TOO_LARGE, detail=detail, value=pixels))
        return
    except Exception as exc:  # Pillow's plugins raise many kinds on broken files (TypeError: TIFF without size)
        result.pages.clear()
        result.flags.append(Flag.make(FlagCode.CORRUPT_FILE, detail=_short(exc)))
        return


def page_sizes(data: bytes, max_pages: int) -> list[tuple[int, int]]:
    """The sizes of an image file's pages (at most max_pages), from their headers alone; [] when it is no image
    Pillow opens (the pipeline flags it)."""
    fmt = sniff_format(data)
    if fmt is None or fmt == "pdf" or (fmt == "heic" and not _HEIF):
        return []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(io.BytesIO(data), formats=_pil_formats(fmt)) as img:
                frames = getattr(img, "n_frames", 1) if fmt == "tiff" else 1
                return _frame_sizes(img, min(frames, max_pages))
    except Exception:
        return []


def _frame_sizes(img: Image.Image, count: int) -> list[tuple[int, int]]:
    """(width, height) of the first `count` frames, read from their headers; the image is left on frame 0."""
    sizes = []
    for index in range(count):
        if index:
            img.seek(index)
        sizes.append(img.size)
    if count > 1:
        img.seek(0)
    return sizes


# A page narrower than this, or longer than this many times its width, holds no document a person could read.
_MIN_SIDE = 16
_MAX_ASPECT = 30


def _readable_shape(width: int, height: int) -> bool:
    short, long = min(width, height), max(width, height)
    return short >= _MIN_SIDE and long <= short * _MAX_ASPECT


def _odd_shape(width: int, height: int, page: int | None) -> Flag:
    return Flag.make(FlagCode.UNREADABLE, page=page, detail=f"页面尺寸异常（{width}×{height} 像素），不是可阅读的页面")


def _over_budget(total: int, pages: int, settings: IngestSettings) -> Flag:
    limit = settings.max_total_pixels / 1e6
    detail = f"{pages} 页合计 {total / 1e6:.0f} 百万像素，上限 {limit:.0f}"
    return Flag.make(FlagCode.IMAGE_TOO_LARGE, detail=detail, value=total)


def _to_bgr(img: Image.Image) -> np.ndarray:
    """Decode fully (truncated data raises here) and apply EXIF orientation, as a viewer shows the photo."""
    img.load()
    # Transposing copies the whole photo even when the tag says it is upright (or is missing): only when turned.
    if img.getexif().get(_EXIF_ORIENTATION, 1) != 1:
        img = ImageOps.exif_transpose(img)
    if img.mode not in ("RGB", "L"):
        img = _flatten_alpha(img) if "A" in img.mode or img.mode == "P" else img.convert("RGB")
    if img.mode == "L":
        return cv2.cvtColor(np.asarray(img), cv2.COLOR_GRAY2BGR)
    return cv2.cvtColor(np.asarray(img), cv2.COLOR_RGB2BGR)


_EXIF_ORIENTATION = 0x0112


def _flatten_alpha(img: Image.Image) -> Image.Image:
    rgba = img.convert("RGBA")
    background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    return Image.alpha_composite(background, rgba).convert("RGB")


def _too_many_pages(count: int, settings: IngestSettings) -> Flag:
    detail = f"共 {count} 页，超过 {settings.max_pages} 页上限，请拆分后上传"
    return Flag.make(FlagCode.IMAGE_TOO_LARGE, detail=detail, value=count)


def _short(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    if "truncated" in text.lower():
        return "文件数据不完整（被截断）"
    return text[:120]


_CJK_OR_ALNUM = re.compile(r"[\u4e00-\u9fff0-9A-Za-z]")


def _ingest_pdf(data: bytes, settings: IngestSettings, result: IngestResult) -> None:
    import pypdfium2 as pdfium

    with _PDFIUM_LOCK:
        try:
            doc = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            # PDFium's last error outlives the call that set it (a page-less file after an encrypted one reads
            # "password"), so the file itself must say it is encrypted.
            if "password" in str(exc).lower() and b"/Encrypt" in data:
                result.flags.append(Flag.make(FlagCode.ENCRYPTED_PDF))
            else:
                result.flags.append(Flag.make(FlagCode.CORRUPT_FILE, detail=_short(exc)))
            return
        try:
            count = len(doc)
            result.page_count = count
            if count == 0:
                result.flags.append(Flag.make(FlagCode.CORRUPT_FILE, detail="PDF 中没有页面"))
                return
            if count > settings.max_pages:  # rejected whatever its pages say: none is rendered
                result.flags.append(_too_many_pages(count, settings))
                return
            for index in range(count):
                page = doc[index]
                try:
                    _ingest_pdf_page(page, index, settings, result)
                finally:
                    page.close()
                rendered = sum(p.image.shape[0] * p.image.shape[1] for p in result.pages)
                if rendered > settings.max_total_pixels:  # the pages so far are kept; the rest are not rendered
                    result.pages.pop()
                    result.flags.append(_over_budget(rendered, index + 1, settings))
                    break
        except pdfium.PdfiumError as exc:
            result.flags.append(Flag.make(FlagCode.CORRUPT_FILE, detail=_short(exc)))
        finally:
            doc.close()
    if not result.pages and not result.flags:
        result.flags.append(Flag.make(FlagCode.CORRUPT_FILE, detail="PDF 页面无法读取"))


def _ingest_pdf_page(page: PdfPage, index: int, settings: IngestSettings, result: IngestResult) -> None:
    width_pt, height_pt = page.get_size()
    lines = None
    chars = _pdf_chars(page, settings)
    if chars is not None:
        scale = _render_scale(width_pt, height_pt, settings, text_layer=True)
        lines = _text_lines(page, chars, scale)
    scale = _render_scale(width_pt, height_pt, settings, text_layer=lines is not None)
    if width_pt * height_pt * scale * scale > settings.max_pixels:
        result.flags.append(Flag.make(FlagCode.IMAGE_TOO_LARGE, page=index + 1, detail="PDF 页面尺寸异常"))
        return
    width, height = round(width_pt * scale), round(height_pt * scale)
    if not _readable_shape(width, height):
        result.flags.append(_odd_shape(width, height, index + 1))
        return
    # PDFium renders BGR(A), OpenCV's own order; drop alpha if any.
    pixels = page.render(scale=scale).to_numpy()
    image = np.ascontiguousarray(pixels[:, :, :3]) if pixels.ndim == 3 else cv2.cvtColor(pixels, cv2.COLOR_GRAY2BGR)
    if lines is None:
        result.pages.append(Page(number=index + 1, image=image, source=PageSource.pdf_render))
    else:
        share = _largest_picture_share(page, width_pt, height_pt)
        result.pages.append(
            Page(number=index + 1, image=image, source=PageSource.pdf_text, lines=lines, picture_share=share)
        )


def _largest_picture_share(page: PdfPage, width_pt: float, height_pt: float) -> float:
    """The share of the page's area its largest picture covers (clipped to the page); 0 where none can be read."""
    import pypdfium2.raw as pdfium_c

    largest = 0.0
    try:
        for picture in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]):
            left, bottom, right, top = picture.get_bounds()
            width = min(right, width_pt) - max(left, 0.0)
            height = min(top, height_pt) - max(bottom, 0.0)
            if width > 0 and height > 0:
                largest = max(largest, width * height)
    except Exception:  # a broken object list only means the picture is not looked at
        return 0.0
    return round(min(1.0, largest / max(width_pt * height_pt, 1.0)), 3)


def _render_scale(width_pt: float, height_pt: float, settings: IngestSettings, text_layer: bool) -> float:
    scale = settings.pdf_render_dpi / 72.0
    longest = max(width_pt, height_pt, 1.0) * scale
    limit = settings.text_page_render_side if text_layer else settings.max_render_side
    if longest > limit:
        scale *= limit / longest
    return scale


# --- the text layer, read through PDFium's text page of the page that is rendered anyway ------------------------
# Characters closer than this (PDF points) horizontally belong to one word, and baselines closer than this to one
# line: the tolerances of pdfplumber's line extraction, which read these pages before.
_TOLERANCE_PT = 3.0
_LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}


@dataclass(slots=True)
class _Char:
    """One character: its font box, the baseline origin and the direction the baseline runs in."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    origin: tuple[float, float]
    direction: tuple[float, float]


def _pdf_chars(page: PdfPage, settings: IngestSettings) -> list[_Char] | None:
    """The page's characters in PDF points (y up), or None without a usable text layer."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    try:
        textpage = page.get_textpage()
    except Exception:  # a broken text layer only means we OCR the rendered page
        return None
    try:
        chars: list[_Char] = []
        rect, matrix = pdfium_c.FS_RECTF(), pdfium_c.FS_MATRIX()
        origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
        readable = garbled = invisible = 0
        high_surrogate = 0
        for i in range(pdfium_c.FPDFText_CountChars(textpage)):
            if pdfium_c.FPDFText_IsGenerated(textpage, i) == 1:
                continue  # spaces and line breaks PDFium inferred; words are split by geometry instead
            code = pdfium_c.FPDFText_GetUnicode(textpage, i)
            if 0xD800 <= code < 0xDC00:  # the first half of a character outside the BMP
                high_surrogate = code
                continue
            if 0xDC00 <= code < 0xE000 and high_surrogate:
                code = 0x10000 + ((high_surrogate - 0xD800) << 10) + (code - 0xDC00)
            high_surrogate = 0
            # A glyph without a Unicode mapping reads as nothing useful: count it as a replacement character.
            if code in (0, 0xFFFD) or pdfium_c.FPDFText_HasUnicodeMapError(textpage, i) == 1:
                text = "\ufffd"
                garbled += 1
            else:
                text = _LIGATURES.get(chr(code), chr(code))
                counted = len(_CJK_OR_ALNUM.findall(text))
                readable += counted
                if counted and _is_invisible(pdfium_c, textpage, i):
                    invisible += counted
            if not pdfium_c.FPDFText_GetLooseCharBox(textpage, i, rect):
                continue
            if not pdfium_c.FPDFText_GetCharOrigin(textpage, i, origin_x, origin_y):
                origin_x.value, origin_y.value = rect.left, rect.bottom
            direction = (1.0, 0.0)
            if pdfium_c.FPDFText_GetMatrix(textpage, i, matrix) and (matrix.a or matrix.b):
                direction = (matrix.a, matrix.b)
            origin = (origin_x.value, origin_y.value)
            chars.append(_Char(text, rect.left, rect.top, rect.right, rect.bottom, origin, direction))
    except Exception:
        return None
    finally:
        textpage.close()
    # Replacement characters mean a broken font mapping: OCR the page instead. Text drawn invisible over the
    # page is another program's OCR of a scan (a scanner app's searchable PDF): the scan is what the reviewer
    # sees, so it is read, and its capture checked, as any scan.
    if readable < settings.pdf_min_text_chars or garbled * 10 >= readable or invisible * 2 > readable:
        return None
    return chars


def _is_invisible(pdfium_c: ModuleType, textpage: object, index: int) -> bool:
    text_object = pdfium_c.FPDFText_GetTextObject(textpage, index)
    if not text_object:
        return False
    return pdfium_c.FPDFTextObj_GetTextRenderMode(text_object) == pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE


# Device frame → the frame where text running in direction k (quarter turns clockwise from left-to-right on
# the rendered page) reads left to right, and back.
_INTO_FRAME: list[Callable[[float, float], tuple[float, float]]] = [
    lambda x, y: (x, y),
    lambda x, y: (y, -x),
    lambda x, y: (-x, -y),
    lambda x, y: (-y, x),
]
_OUT_OF_FRAME: list[Callable[[float, float], tuple[float, float]]] = [
    lambda x, y: (x, y),
    lambda x, y: (-y, x),
    lambda x, y: (-x, -y),
    lambda x, y: (y, -x),
]


def _text_lines(page: PdfPage, chars: list[_Char], scale: float) -> list[TextLine] | None:
    """Lines in the rendered bitmap's pixels (y down) at this scale, in reading order; None when most of the
    text does not read left to right on the rendered page (the page is shown sideways or upside down), so it
    goes to OCR, which turns it upright and flags it like any other page uploaded turned."""
    import ctypes
    import math

    import pypdfium2.raw as pdfium_c

    # The bitmap PdfPage.render(scale=scale) makes; PDFium's own page matrix maps points onto it, so rotated
    # pages and crop boxes land where the render puts them.
    width, height = math.ceil(page.get_width() * scale), math.ceil(page.get_height() * scale)
    corners = []
    for dx, dy in ((0, 0), (width, 0), (0, height)):
        px, py = ctypes.c_double(), ctypes.c_double()
        pdfium_c.FPDF_DeviceToPage(page, 0, 0, width, height, 0, dx, dy, px, py)
        corners.append((px.value, py.value))
    (ox, oy), (ux, uy), (vx, vy) = corners
    ax, ay, bx, by = ux - ox, uy - oy, vx - ox, vy - oy
    det = ax * by - ay * bx
    if abs(det) < 1e-9:
        return None

    def device(px: float, py: float) -> tuple[float, float]:
        rx, ry = px - ox, py - oy
        return width * (rx * by - ry * bx) / det, height * (ax * ry - ay * rx) / det

    by_direction: list[list[_Char]] = [[], [], [], []]
    counts = [0, 0, 0, 0]
    for ch in chars:
        (x_a, y_a), (x_b, y_b) = device(ch.x0, ch.top), device(ch.x1, ch.bottom)
        start = device(*ch.origin)
        end = device(ch.origin[0] + ch.direction[0], ch.origin[1] + ch.direction[1])
        k = round(math.atan2(end[1] - start[1], end[0] - start[0]) / (math.pi / 2)) % 4
        into = _INTO_FRAME[k]
        (fx_a, fy_a), (fx_b, fy_b) = into(min(x_a, x_b), min(y_a, y_b)), into(max(x_a, x_b), max(y_a, y_b))
        frame_origin = into(*start)
        by_direction[k].append(
            _Char(ch.text, min(fx_a, fx_b), min(fy_a, fy_b), max(fx_a, fx_b), max(fy_a, fy_b), frame_origin, (1, 0))
        )
        counts[k] += not ch.text.isspace()
    if max(counts) == 0 or counts.index(max(counts)) != 0:
        return None
    lines = []
    # Upright text first, in reading order; the odd turned label or seal inscription after it.
    for k, members in enumerate(by_direction):
        out = _OUT_OF_FRAME[k]
        for text, fx0, ftop, fx1, fbottom in _group_lines(members, _TOLERANCE_PT * scale):
            (x_a, y_a), (x_b, y_b) = out(fx0, ftop), out(fx1, fbottom)
            # Boxes stay inside the page; text running off its edge is still read, as pdfplumber read it.
            x0 = min(max(min(x_a, x_b), 0.0), width - 1.0)
            x1 = max(min(max(x_a, x_b), float(width)), x0 + 1.0)
            top = min(max(min(y_a, y_b), 0.0), height - 1.0)
            bottom = max(min(max(y_a, y_b), float(height)), top + 1.0)
            box = [(x0, top), (x1, top), (x1, bottom), (x0, bottom)]
            lines.append(TextLine(text=text, box=box, confidence=1.0))
    return lines


def _cluster(items: list[_T], key: Callable[[_T], float], tolerance: float) -> list[list[_T]]:
    """Items grouped by key, a value joining the group of the next-smaller value within the tolerance."""
    groups: list[list[_T]] = []
    last = 0.0
    for item in sorted(items, key=key):
        value = key(item)
        if not groups or value > last + tolerance:
            groups.append([])
        groups[-1].append(item)
        last = value
    return groups


def _group_lines(chars: list[_Char], tolerance: float) -> list[tuple[str, float, float, float, float]]:
    """Left-to-right characters → (text, x0, top, x1, bottom) lines, top to bottom: rows by baseline, words
    split at spaces and at gaps wider than the tolerance, the words of a row joined by one space."""
    words: list[list[_Char]] = []
    for row in _cluster(chars, lambda ch: ch.origin[1], tolerance):
        word: list[_Char] = []
        for ch in sorted(row, key=lambda ch: ch.x0):
            if ch.text.isspace():
                if word:
                    words.append(word)
                word = []
                continue
            if word:
                prev = word[-1]
                if ch.x0 < prev.x0 or ch.x0 > prev.x1 + tolerance or abs(ch.origin[1] - prev.origin[1]) > tolerance:
                    words.append(word)
                    word = []
            word.append(ch)
        if word:
            words.append(word)
    lines = []
    for row_words in _cluster(words, lambda w: w[0].origin[1], tolerance):
        row_words.sort(key=lambda w: w[0].x0)
        text = " ".join("".join(ch.text for ch in w) for w in row_words).strip()
        if text:
            members = [ch for w in row_words for ch in w]
            x0, x1 = min(ch.x0 for ch in members), max(ch.x1 for ch in members)
            top, bottom = min(ch.top for ch in members), max(ch.bottom for ch in members)
            lines.append((text, x0, top, x1, bottom))
    return lines
