"""Interactive API documentation served entirely by this app: Swagger UI and ReDoc from the fastapi-offline
wheel's assets, so /docs and /redoc render on an intranet with no internet. The pages load their start-up code
from a file (no inline script), so they work under a strict Content-Security-Policy."""

from __future__ import annotations

from pathlib import Path

import fastapi_offline
from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

ASSETS_DIR = Path(fastapi_offline.__file__).parent / "static"
ASSETS_URL = "/static/api-docs"

router = APIRouter(include_in_schema=False)

# Nothing leaves this server: ReDoc's sidebar shows a logo from its maker's CDN, which this keeps from being
# fetched at all (on an intranet it would only fail). The viewers style their parts inline; search in ReDoc
# runs in a blob worker.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; frame-ancestors 'none'"
)

_PAGE = """<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="icon" href="{assets}/favicon.png">
{head}
</head>
<body>
<div id="{mount}" data-openapi-url="/openapi.json"></div>
<script src="{assets}/{bundle}"></script>
<script src="/static/{init}"></script>
</body>
</html>
"""


def assets() -> StaticFiles:
    return StaticFiles(directory=ASSETS_DIR)


@router.get("/docs", response_class=HTMLResponse)
def swagger_ui() -> HTMLResponse:
    head = f'<link rel="stylesheet" href="{ASSETS_URL}/swagger-ui.css">'
    return HTMLResponse(
        _PAGE.format(title="API 文档 · Swagger UI", assets=ASSETS_URL, head=head, mount="swagger-ui",
                     bundle="swagger-ui-bundle.js", init="docs-swagger.js"),
        headers={"Content-Security-Policy": CSP},
    )


@router.get("/redoc", response_class=HTMLResponse)
def redoc() -> HTMLResponse:
    return HTMLResponse(
        _PAGE.format(title="API 文档 · ReDoc", assets=ASSETS_URL, head="", mount="redoc",
                     bundle="redoc.standalone.js", init="docs-redoc.js"),
        headers={"Content-Security-Policy": CSP},
    )
