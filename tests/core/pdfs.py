"""Small PDFs for tests, written with reportlab and a CJK font."""

from __future__ import annotations

import io
from functools import lru_cache

from tests.conftest import FONT_CANDIDATES


@lru_cache(maxsize=1)
def _font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for path in FONT_CANDIDATES:
        try:
            pdfmetrics.registerFont(TTFont("CJK", path, subfontIndex=0))
            return "CJK"
        except Exception:
            continue
    raise RuntimeError("no CJK font reportlab can embed")


def text_pdf(lines: list[str], pages: int = 1, encrypt: str | None = None) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, encrypt=encrypt)
    font = _font()
    for _ in range(pages):
        y = 760
        for line in lines:
            c.setFont(font, 16)
            c.drawString(72, y, line)
            y -= 32
        c.showPage()
    c.save()
    return buf.getvalue()


def encrypted_pdf() -> bytes:
    from reportlab.lib import pdfencrypt

    enc = pdfencrypt.StandardEncryption("secret-user", ownerPassword="secret-owner", canPrint=0)
    return text_pdf(["加密文件"], encrypt=enc)  # type: ignore[arg-type]


# A run of text: left x and baseline y in points from the top-left corner, font size, text.
Run = tuple[float, float, float, str]


def searchable_scan_pdf(scan_jpeg: bytes, runs: list[Run], size: tuple[float, float] = (842.0, 595.0)) -> bytes:
    """A scanner app's searchable PDF: the scan as the page, its OCR drawn invisible (render mode 3) on top."""
    return picture_pdf(scan_jpeg, runs, size, render_mode=3)


def picture_pdf(
    picture_jpeg: bytes, runs: list[Run], size: tuple[float, float] = (842.0, 595.0), render_mode: int = 0
) -> bytes:
    """A picture covering the page with text runs on top: drawn visibly (render mode 0), an electronic
    certificate's layer of names and numbers over its artwork."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    width, height = size
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=size, invariant=1)
    c.drawImage(ImageReader(io.BytesIO(picture_jpeg)), 0, 0, width, height)
    for x, baseline, font_size, text in runs:
        t = c.beginText()
        t.setTextRenderMode(render_mode)
        t.setFont(_font(), font_size)
        t.setTextOrigin(x, height - baseline)
        t.textOut(text)
        c.drawText(t)
    c.showPage()
    c.save()
    return buf.getvalue()


def runs_pdf(pages: list[list[Run]], size: tuple[float, float] = (842.0, 595.0), turn: int = 0) -> bytes:
    """Pages of text runs placed where a certificate prints them. `turn` (90 or 270) draws the content turned
    by that many degrees clockwise and sets the page's /Rotate to show it upright again, as scanners and
    exporters store landscape pages."""
    import pypdfium2 as pdfium
    from reportlab.pdfgen import canvas

    width, height = size
    page_size = (height, width) if turn in (90, 270) else (width, height)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=page_size, invariant=1)
    font = _font()
    for runs in pages:
        c.saveState()
        if turn == 90:  # (x, y) → (y, width - x): a quarter turn clockwise, kept on the page
            c.translate(0, width)
            c.rotate(-90)
        elif turn == 270:  # (x, y) → (height - y, x)
            c.translate(height, 0)
            c.rotate(90)
        for x, baseline, font_size, text in runs:
            c.setFont(font, font_size)
            c.drawString(x, height - baseline, text)
        c.restoreState()
        c.showPage()
    c.save()
    if not turn:
        return buf.getvalue()
    doc = pdfium.PdfDocument(buf.getvalue())
    for page in doc:
        page.set_rotation((360 - turn) % 360)
    out = io.BytesIO()
    doc.save(out)
    doc.close()
    return out.getvalue()


def with_rotate(data: bytes, degrees: int) -> bytes:
    """The same PDF with every page's /Rotate set: a viewer then shows the content turned."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    for page in doc:
        page.set_rotation(degrees)
    out = io.BytesIO()
    doc.save(out)
    doc.close()
    return out.getvalue()
