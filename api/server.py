"""Runs the service under uvicorn (`verifier serve`)."""

from __future__ import annotations

import uvicorn

from api.settings import load_settings


def run(host: str = "127.0.0.1", port: int = 8000, workers: int = 1) -> None:
    """Start the API. Settings come from VERIFIER_API_* variables; they are checked here, before forking."""
    load_settings()  # refuse to start with default secrets before uvicorn spawns anything
    uvicorn.run("api.app:create_app", factory=True, host=host, port=port, workers=workers, log_level="info")
