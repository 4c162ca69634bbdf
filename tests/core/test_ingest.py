"""Ingest recognises formats by content and turns every bad input into its CONTRACT flag."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from models.page import PageSource
from tests.conftest import encode, pil_bytes
from verifier.ingest import ingest_bytes, sniff_format
from verifier.settings import IngestSettings


def codes(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.code.value for f in result.flags]


@pytest.mark.parametrize(
    "fmt,ext", [("jpeg", "JPEG"), ("png", "PNG"), ("bmp", "BMP"), ("tiff", "TIFF"), ("webp", "WEBP")]
)
def test_raster_formats_decode_by_content(certificate: np.ndarray, fmt: str, ext: str) -> None:
    data = pil_bytes(certificate, ext)
    assert sniff_format(data) == fmt
    result = ingest_bytes(data)
    assert result.flags == []
    assert len(result.pages) == 1
    assert result.pages[0].image.shape[:2] == certificate.shape[:2]


def test_heic_photo_decodes(certificate: np.ndarray) -> None:
    pillow_heif = pytest.importorskip("pillow_heif")
    pillow_heif.register_heif_opener()
    data = pil_bytes(certificate, "HEIF", quality=80)
    assert sniff_format(data) == "heic"
    result = ingest_bytes(data)
    assert codes(result) == []
    assert result.pages[0].image.shape[:2] == certificate.shape[:2]


def test_multipage_tiff_gives_every_page(certificate: np.ndarray) -> None:
    frames = [Image.fromarray(certificate[:, :, ::-1]), Image.fromarray(255 - certificate[:, :, ::-1])]
    buf = io.BytesIO()
    frames[0].save(buf, format="TIFF", save_all=True, append_images=frames[1:])
    result = ingest_bytes(buf.getvalue())
    assert [p.number for p in result.pages] == [1, 2]


def test_mislabelled_extension_does_not_matter(certificate: np.ndarray) -> None:
    # A PNG named .pdf is still a PNG: the name is never consulted.
    result = ingest_bytes(encode(certificate, ".png"))
    assert result.format == "png"


def test_empty_file() -> None:
    assert codes(ingest_bytes(b"")) == ["EMPTY_FILE"]


def test_truncated_jpeg_is_corrupt(certificate: np.ndarray) -> None:
    data = encode(certificate, ".jpg")
    result = ingest_bytes(data[: len(data) // 2])
    assert codes(result) == ["CORRUPT_FILE"]
    assert result.pages == []


def test_garbage_after_png_magic_is_corrupt() -> None:
    assert codes(ingest_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 200)) == ["CORRUPT_FILE"]


def test_unsupported_format_says_what_it_is() -> None:
    result = ingest_bytes(b"PK\x03\x04" + b"\x00" * 100)
    assert codes(result) == ["UNSUPPORTED_FORMAT"]
    assert "压缩包" in result.flags[0].message


def test_file_too_large() -> None:
    result = ingest_bytes(b"\xff\xd8\xff" + b"\x00" * 2048, IngestSettings(max_file_bytes=1024))
    assert codes(result) == ["FILE_TOO_LARGE"]


def test_decompression_bomb_is_refused_before_decoding() -> None:
    # A 20000 × 20000 PNG compresses to a few hundred KB but would need 1.2 GB decoded.
    bomb = Image.new("L", (20000, 20000), 255)
    buf = io.BytesIO()
    bomb.save(buf, format="PNG")
    result = ingest_bytes(buf.getvalue(), IngestSettings(max_pixels=50_000_000))
    assert codes(result) == ["IMAGE_TOO_LARGE"]
    assert result.pages == []


def test_pdf_with_text_layer_is_read_without_rendering_text(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.core.pdfs import text_pdf

    result = ingest_bytes(text_pdf(["继续教育证书", "张晓梅同志参加培训，完成 48 学时。"]))
    assert codes(result) == []
    page = result.pages[0]
    assert page.source == PageSource.pdf_text
    text = "".join(line.text for line in page.lines).replace(" ", "")
    assert "完成48学时" in text


def test_scanned_pdf_has_no_text_layer(certificate: np.ndarray) -> None:
    data = pil_bytes(certificate, "PDF", resolution=150)
    result = ingest_bytes(data)
    assert codes(result) == []
    assert result.pages[0].source == PageSource.pdf_render
    assert result.pages[0].lines == []


def test_encrypted_pdf() -> None:
    from tests.core.pdfs import encrypted_pdf

    assert codes(ingest_bytes(encrypted_pdf())) == ["ENCRYPTED_PDF"]


def test_truncated_pdf_is_corrupt() -> None:
    from tests.core.pdfs import text_pdf

    data = text_pdf(["继续教育证书"])
    assert codes(ingest_bytes(data[: len(data) // 3])) == ["CORRUPT_FILE"]


def test_pdf_header_without_body_is_corrupt() -> None:
    assert codes(ingest_bytes(b"%PDF-1.7\n%%EOF\n")) == ["CORRUPT_FILE"]


def test_too_many_pages_is_refused_before_any_page_is_decoded(certificate: np.ndarray) -> None:
    # Such a file is rejected whatever its pages hold; decoding its first pages only lets a hostile file
    # with thousands of pages hold a worker for minutes.
    frames = [Image.fromarray(certificate[:50, :50, ::-1])] * 4
    buf = io.BytesIO()
    frames[0].save(buf, format="TIFF", save_all=True, append_images=frames[1:])
    result = ingest_bytes(buf.getvalue(), IngestSettings(max_pages=2))
    assert result.pages == [] and result.page_count == 4
    assert codes(result) == ["IMAGE_TOO_LARGE"]
