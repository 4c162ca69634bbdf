"""Synchronous pre-check of one file: the report with one document, no job, nothing stored."""

from __future__ import annotations

import asyncio
import threading
from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile

from api.deps import CurrentKey, ServicesDep
from api.runner import document_workers
from api.schemas import ErrorBody
from api.services import Services
from api.uploads import check_pixels, check_size, label_uploads
from models.report import Report
from verifier.pipeline import Upload, WorkerPool, verify_submission

router = APIRouter(prefix="/v1", tags=["verify"], responses={401: {"model": ErrorBody}})


@router.post(
    "/verify",
    response_model=Report,
    responses={
        413: {"model": ErrorBody, "description": "FILE_TOO_LARGE"},
        422: {"model": ErrorBody, "description": "IMAGE_TOO_LARGE, VALIDATION_ERROR"},
    },
    summary="Verify one file now (quick pre-check; the report holds one document)",
    description="Multipart form with one `file` and an optional `column` (栏目). Runs in a bounded pool of "
    "verification threads; for whole submissions use POST /v1/submissions.",
)
async def verify_one(
    request: Request,
    _key: CurrentKey,
    services: ServicesDep,
    file: Annotated[UploadFile, File(description="one document (image or PDF)")],
    column: Annotated[str | None, Form(max_length=120)] = None,
) -> Report:
    settings = services.settings
    [(label, column_name)] = label_uploads([file.filename], [column or ""])
    if file.size is not None:
        check_size(file.size, label, settings)
    data = await file.read(settings.max_file_bytes + 1)
    check_size(len(data), label, settings)
    check_pixels(data, label, settings)
    upload = Upload(file=label, column=column_name, data=data)
    pool = request.app.state.sync_pool
    future = pool.submit(_verify, services, request.app.state.sync_workers, upload)
    return await asyncio.wrap_future(future)


def _verify(services: Services, workers: SyncWorkers, upload: Upload) -> Report:
    # Runs on one of the pool's threads, each with its own worker process (one OCR engine each).
    result = verify_submission([upload], settings=services.verifier_settings, pool=workers.own())
    services.ocr_ready = True
    return result.report


class SyncWorkers:
    """A document worker process per thread of the synchronous pool, started on the thread's first use."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self._local = threading.local()
        self._all: list[WorkerPool] = []
        self._lock = threading.Lock()

    def own(self) -> WorkerPool | None:
        if not hasattr(self._local, "pool"):
            pool = self._local.pool = document_workers(self.services.verifier_settings)
            if pool is not None:
                with self._lock:
                    self._all.append(pool)
        return self._local.pool

    def close(self) -> None:
        with self._lock:
            for pool in self._all:
                pool.close()
