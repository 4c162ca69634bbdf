"""PDFium's last error does not carry over: a page-less PDF read after an encrypted one is corrupt, not
encrypted (in a long-running server the two may come from different tenants)."""

from __future__ import annotations

from fixtures.hostile import raw_pdf
from tests.core.pdfs import text_pdf
from verifier.ingest import ingest_bytes

NO_PAGES = raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"])
NO_TREE = raw_pdf([b"<< /Type /Catalog >>"])


def test_a_pageless_pdf_after_an_encrypted_one_is_corrupt() -> None:
    encrypted = text_pdf(["继续教育证书"], encrypt="secret")
    assert [f.code for f in ingest_bytes(encrypted).flags] == ["ENCRYPTED_PDF"]
    for data in (NO_PAGES, NO_TREE):
        assert [f.code for f in ingest_bytes(data).flags] == ["CORRUPT_FILE"]
    assert [f.code for f in ingest_bytes(encrypted).flags] == ["ENCRYPTED_PDF"]
