"""Error bodies and the handlers that map every failure to one JSON shape — never a stack trace."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from verifier.errors import VerifierError

log = logging.getLogger("api")


class ApiError(VerifierError):
    """An error of the service itself, with a stable code and an HTTP status."""

    def __init__(
        self, status: int, code: str, message: str, detail: object = None, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.http_status = status
        self.code = code
        self.detail = detail
        self.headers = headers


_STATUS_CODES = {
    400: "BAD_REQUEST",
    401: "UNAUTHORIZED",
    403: "FORBIDDEN",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    406: "NOT_ACCEPTABLE",
    409: "CONFLICT",
    413: "FILE_TOO_LARGE",
    415: "UNSUPPORTED_MEDIA_TYPE",
    422: "VALIDATION_ERROR",
    429: "TOO_MANY_REQUESTS",
}


def error_body(code: str, message: str, detail: object = None) -> dict[str, object]:
    body: dict[str, object] = {"code": code, "message": message}
    if detail is not None:
        body["detail"] = detail
    return body


def install_handlers(app: FastAPI) -> None:
    @app.exception_handler(VerifierError)
    async def verifier_error(_request: Request, exc: VerifierError) -> JSONResponse:
        if exc.http_status >= 500:
            log.error("%s: %s", exc.code, exc)
        detail = getattr(exc, "detail", None)
        headers = getattr(exc, "headers", None)
        return JSONResponse(error_body(exc.code, str(exc), detail), status_code=exc.http_status, headers=headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400 and str(exc.detail).startswith("Too many files"):
            # The form parser stops one file past the limit; docs/API.md promises the route's own answer.
            limit = request.app.state.services.settings.max_files
            message = f"每次申报最多 {limit} 个文件"
            return JSONResponse(error_body("TOO_MANY_FILES", message, {"limit": limit}), status_code=422)
        code = _STATUS_CODES.get(exc.status_code, "HTTP_ERROR")
        message = exc.detail if isinstance(exc.detail, str) else code
        return JSONResponse(error_body(code, message), status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        # Echo where and what, not the submitted values (they may be large or personal).
        detail = [
            {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")} for e in exc.errors()
        ]
        return JSONResponse(error_body("VALIDATION_ERROR", "请求参数不正确", detail), status_code=422)

    @app.exception_handler(Exception)
    async def unexpected(_request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error", exc_info=exc)
        return JSONResponse(error_body("INTERNAL_ERROR", "服务内部错误，请稍后重试"), status_code=500)
