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
