"""Pixels: a budget over all pages of a file, checked from the headers before any page is decoded, in the
pipeline and in the API; a page no one could read (40000×1) is flagged, not a fault."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient
from PIL import Image

from api.app import create_app
from tests.api.helpers import api_settings, make_tenant, null_ocr_settings, submit
from verifier import ingest
from verifier.pipeline import Upload, verify_submission
from verifier.settings import IngestSettings, Settings


def _tiff(sizes: list[tuple[int, int]]) -> bytes:
    frames = [Image.new("L", size, 255) for size in sizes]
    buf = io.BytesIO()
    frames[0].save(buf, format="TIFF", save_all=True, append_images=frames[1:], compression="tiff_deflate")
    return buf.getvalue()


def _png(width: int, height: int) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(np.full((height, width, 3), 255, np.uint8)).save(buf, "PNG")
    return buf.getvalue()


def test_pages_over_the_budget_together_are_refused_before_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    decoded: list[object] = []
    real = ingest._to_bgr
    monkeypatch.setattr(ingest, "_to_bgr", lambda img: decoded.append(img) or real(img))
    settings = IngestSettings(max_pixels=10_000, max_total_pixels=30_000)
    result = ingest.ingest_bytes(_tiff([(100, 100)] * 5), settings)
    assert [f.code for f in result.flags] == ["IMAGE_TOO_LARGE"]
    assert result.pages == [] and decoded == []
    within = ingest.ingest_bytes(_tiff([(100, 100)] * 3), settings)
    assert len(within.pages) == 3 and within.flags == []


def test_a_large_later_page_is_refused_before_the_first_is_decoded(monkeypatch: pytest.MonkeyPatch) -> None:
    decoded: list[object] = []
    monkeypatch.setattr(ingest, "_to_bgr", lambda img: decoded.append(img))
    result = ingest.ingest_bytes(_tiff([(50, 50), (200, 200)]), IngestSettings(max_pixels=10_000))
    assert [f.code for f in result.flags] == ["IMAGE_TOO_LARGE"] and decoded == []


@pytest.mark.parametrize("size", [(40000, 1), (1, 40000), (3, 2)])
def test_a_page_no_one_could_read_is_flagged_without_a_fault(size: tuple[int, int], caplog) -> None:  # type: ignore[no-untyped-def]
    settings = Settings()
    settings.ocr.engine = "null"
    with caplog.at_level(logging.WARNING):
        report = verify_submission([Upload(file="thin.png", data=_png(*size))], settings=settings, workers=1).report
    assert [f.code for f in report.documents[0].flags] == ["UNREADABLE"]
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []


def test_the_api_checks_every_page_and_their_sum(tmp_path: Path) -> None:
    app = create_app(api_settings(tmp_path, max_pixels=10_000, max_total_pixels=30_000), null_ocr_settings())
    with TestClient(app) as client:
        tenant = make_tenant(client, "platform-a")
        later_page = submit(client, tenant, [("a.tif", _tiff([(50, 50), (200, 200)]))])
        assert later_page.status_code == 422 and later_page.json()["code"] == "IMAGE_TOO_LARGE"
        many_pages = submit(client, tenant, [("b.tif", _tiff([(100, 100)] * 5))])
        assert many_pages.status_code == 422 and many_pages.json()["detail"]["pixels"] == 50_000
        assert submit(client, tenant, [("c.tif", _tiff([(100, 100)] * 2))]).status_code == 202


def test_pdf_rendering_stops_at_the_budget_over_all_pages() -> None:
    from tests.core.pdfs import text_pdf

    data = text_pdf(["继续教育证书", "完成 48 学时"], pages=4)
    whole = ingest.ingest_bytes(data)
    assert len(whole.pages) == 4 and whole.flags == []
    one_page = whole.pages[0].image.shape[0] * whole.pages[0].image.shape[1]
    cut = ingest.ingest_bytes(data, IngestSettings(max_total_pixels=int(one_page * 2.5)))
    assert len(cut.pages) == 2 and [f.code for f in cut.flags] == ["IMAGE_TOO_LARGE"]
