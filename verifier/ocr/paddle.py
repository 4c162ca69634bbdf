"""PaddleOCR adapter, an optional extra for deployments that already hold the PaddleOCR models locally."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from verifier.errors import EngineUnavailable
from verifier.ocr.base import Box, reading_order
from verifier.settings import OcrSettings

# PaddleOCR downloads models into this folder on first use; we refuse to start instead of downloading.
_MODEL_HOME = Path(os.environ.get("PADDLE_PDX_CACHE_HOME", Path.home() / ".paddlex")) / "official_models"
_DET_MODEL = "PP-OCRv5_server_det"
_REC_MODEL = "PP-OCRv5_server_rec"


class PaddleOcrEngine:
    name = "paddleocr"

    def __init__(self, settings: OcrSettings | None = None) -> None:
        try:
            import paddleocr  # noqa: F401
        except ImportError as exc:
            raise EngineUnavailable(
                "PaddleOCR 未安装：pip install 'evidence-verifier[paddle]'，或改用默认引擎 rapidocr"
            ) from exc
        missing = [name for name in (_DET_MODEL, _REC_MODEL) if not (_MODEL_HOME / name).is_dir()]
        if missing:
            raise EngineUnavailable(
                f"PaddleOCR 模型缺失（{', '.join(missing)}，应位于 {_MODEL_HOME}）；本工具运行时不下载模型，"
                "请预先放置模型，或改用默认引擎 rapidocr"
            )
        from paddleocr import TextDetection, TextRecognition

        self._det = TextDetection(model_name=_DET_MODEL, model_dir=str(_MODEL_HOME / _DET_MODEL))
        self._rec = TextRecognition(model_name=_REC_MODEL, model_dir=str(_MODEL_HOME / _REC_MODEL))

    def detect(self, image: np.ndarray, max_side: int | None = None) -> list[Box]:
        output = self._det.predict(image)  # PaddleOCR sizes its own detector input
        boxes = [np.asarray(poly, dtype=np.float32) for res in output for poly in res["dt_polys"]]
        boxes.sort(key=lambda b: reading_order(float(b[:, 1].min()), float(b[:, 0].min())))
        return boxes

    def recognize(self, crops: list[np.ndarray]) -> list[tuple[str, float]]:
        output = self._rec.predict(crops)
        return [(str(res["rec_text"]), float(res["rec_score"])) for res in output]
