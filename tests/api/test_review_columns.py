"""A page written in columns through the API with the real OCR: the reviewer's page shows it upright, says it
was read by columns, and carries no turn flag."""

from __future__ import annotations

from pathlib import Path

import cv2
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from fixtures.fonts import FACES, FontStyle
from fixtures.vertical import APPOINTMENT, APPOINTMENT_SIGN_OFF, draw_column_page
from tests.api.helpers import api_settings, make_reviewer, make_tenant, sign_in, submit, wait_done
from verifier.settings import Settings

pytestmark = pytest.mark.ocr



def test_reviewer_sees_a_column_page_read_by_columns(tmp_path: Path) -> None:
    page = draw_column_page(APPOINTMENT, FACES[FontStyle.kai][0], sign_off_from=APPOINTMENT_SIGN_OFF)
    ok, data = cv2.imencode(".jpg", page, [cv2.IMWRITE_JPEG_QUALITY, 90])
    assert ok
    with TestClient(create_app(api_settings(tmp_path), Settings())) as client:
        tenant = make_tenant(client, "platform-c")
        response = submit(client, tenant, [("聘书.jpg", data.tobytes())], name="王晓明")
        body = wait_done(client, tenant, response.json()["id"], timeout=120)
        assert body["status"] == "done"
        (document,) = body["report"]["documents"]
        assert document["doc_type"] == "appointment_letter"
        assert "NOT_UPRIGHT" not in {flag["code"] for flag in document["flags"]}

        make_reviewer(client, tenant.id, "li", "李老师")
        sign_in(client, "li")
        html = client.get(f"/review/submissions/{response.json()['id']}/documents/1").text
        assert "竖排，按列识别" in html and "已旋转" not in html
