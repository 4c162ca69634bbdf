"""Ingest: upload bytes → decoded pages. Bad input becomes a CONTRACT flag, never an exception."""

from __future__ import annotations

import hashlib
import io
import re
import threading
import warnings
from dataclasses import dataclass, field

import cv2
import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from models.flags import FlagCode
from models.page import Page, PageSource, TextLine
from models.report import Flag
from verifier.settings import IngestSettings

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
    settings = settings or IngestSettings()
    result = IngestResult(sha256=hashlib.sha256(data).hexdigest(), size=len(data), format=None)
    if not data:
        result.flags.append(Flag.make(FlagCode.EMPTY_FILE))
        return result
    if len(data) > settings.max_file_bytes:
        mb = len(data) / 1024 / 1024
        limit = settings.max_file_bytes / 1024 / 1024
        result.flags.append(Flag.make(FlagCode.FILE_TOO_LARGE, detail=f"{mb:.1f} MB，上限 {limit:.0f} MB", value=mb))
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
                for index in range(min(frames, settings.max_pages)):
                    if frames > 1:
                        img.seek(index)
                    pixels = img.width * img.height
                    if pixels > settings.max_pixels:
                        raise _TooLarge(pixels)
                    result.pages.append(Page(number=index + 1, image=_to_bgr(img)))
    except (_TooLarge, Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        pixels = exc.pixels if isinstance(exc, _TooLarge) else None
        result.pages.clear()
        limit = settings.max_pixels / 1e6
        detail = f"{pixels / 1e6:.0f} 百万像素，上限 {limit:.0f}" if pixels else "像素数超过安全上限"
        result.flags.append(Flag.make(FlagCode.IMAGE_TOO_LARGE, detail=detail, value=pixels))
        return
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        result.pages.clear()
        result.flags.append(Flag.make(FlagCode.CORRUPT_FILE, detail=_short(exc)))
        return
    if result.page_count > settings.max_pages:
        result.flags.append(_too_many_pages(result.page_count, settings))


def _to_bgr(img: Image.Image) -> np.ndarray:
    """Decode fully (truncated data raises here) and apply EXIF orientation, as a viewer shows the photo."""
    img.load()
    img = ImageOps.exif_transpose(img)
    if img.mode not in ("RGB", "L"):
        img = _flatten_alpha(img) if "A" in img.mode or img.mode == "P" else img.convert("RGB")
    rgb = np.asarray(img.convert("RGB"))
    return np.ascontiguousarray(rgb[:, :, ::-1])


def _flatten_alpha(img: Image.Image) -> Image.Image:
    rgba = img.convert("RGBA")
    background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    return Image.alpha_composite(background, rgba).convert("RGB")


def _too_many_pages(count: int, settings: IngestSettings) -> Flag:
    detail = f"共 {count} 页，仅核验前 {settings.max_pages} 页"
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
            if "password" in str(exc).lower():
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
            if count > settings.max_pages:
                result.flags.append(_too_many_pages(count, settings))
            text_layers = _pdf_text_layers(data, min(count, settings.max_pages), settings)
            for index in range(min(count, settings.max_pages)):
                page = doc[index]
                try:
                    width_pt, height_pt = page.get_size()
                    lines = text_layers.get(index)
                    scale = _render_scale(width_pt, height_pt, settings, text_layer=bool(lines))
                    if width_pt * height_pt * scale * scale > settings.max_pixels:
                        result.flags.append(
                            Flag.make(FlagCode.IMAGE_TOO_LARGE, page=index + 1, detail="PDF 页面尺寸异常")
                        )
                        continue
                    # PDFium renders BGR(A), OpenCV's own order; drop alpha if any.
                    bitmap = page.render(scale=scale)
                    pixels = bitmap.to_numpy()
                    image = np.ascontiguousarray(pixels[:, :, :3]) if pixels.ndim == 3 else cv2.cvtColor(
                        pixels, cv2.COLOR_GRAY2BGR
                    )
                    if lines:
                        scaled = [_scale_line(line, scale) for line in lines]
                        page_obj = Page(number=index + 1, image=image, source=PageSource.pdf_text, lines=scaled)
                        result.pages.append(page_obj)
                    else:
                        result.pages.append(Page(number=index + 1, image=image, source=PageSource.pdf_render))
                finally:
                    page.close()
        except pdfium.PdfiumError as exc:
            result.flags.append(Flag.make(FlagCode.CORRUPT_FILE, detail=_short(exc)))
        finally:
            doc.close()
    if not result.pages and not result.flags:
        result.flags.append(Flag.make(FlagCode.CORRUPT_FILE, detail="PDF 页面无法读取"))


def _render_scale(width_pt: float, height_pt: float, settings: IngestSettings, text_layer: bool) -> float:
    scale = settings.pdf_render_dpi / 72.0
    longest = max(width_pt, height_pt, 1.0) * scale
    limit = settings.text_page_render_side if text_layer else settings.max_render_side
    if longest > limit:
        scale *= limit / longest
    return scale


def _scale_line(line: TextLine, scale: float) -> TextLine:
    return TextLine(text=line.text, box=[(x * scale, y * scale) for x, y in line.box], confidence=line.confidence)


def _pdf_text_layers(data: bytes, pages: int, settings: IngestSettings) -> dict[int, list[TextLine]]:
    """Text lines (in PDF points) of pages with a usable text layer; a page without one is absent."""
    import pdfplumber

    layers: dict[int, list[TextLine]] = {}
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for index, page in enumerate(pdf.pages[:pages]):
                lines = []
                for item in page.extract_text_lines(return_chars=False):
                    text = item["text"].strip()
                    if not text:
                        continue
                    x0, top, x1, bottom = item["x0"], item["top"], item["x1"], item["bottom"]
                    box = [(x0, top), (x1, top), (x1, bottom), (x0, bottom)]
                    lines.append(TextLine(text=text, box=box, confidence=1.0))
                chars = sum(len(_CJK_OR_ALNUM.findall(line.text)) for line in lines)
                # Replacement characters mean a broken font mapping: OCR the page instead.
                garbled = sum(line.text.count("\ufffd") for line in lines)
                if chars >= settings.pdf_min_text_chars and garbled * 10 < chars:
                    layers[index] = lines
    except Exception:  # a broken text layer only means we OCR the rendered page
        return {}
    return layers
