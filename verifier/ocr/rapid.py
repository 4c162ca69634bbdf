"""RapidOCR (PP-OCR models on ONNX Runtime), using only the models shipped inside the `rapidocr` wheel."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np

from verifier.errors import EngineUnavailable
from verifier.ocr.base import Box, reading_order
from verifier.settings import OcrSettings, defaults


class RapidOcrEngine:
    name = "rapidocr"

    def __init__(self, settings: OcrSettings | None = None) -> None:
        settings = settings or defaults(OcrSettings)
        try:
            from rapidocr import RapidOCR
            from rapidocr.ch_ppocr_rec import TextRecInput
            from rapidocr.utils.process_img import resize_image_within_bounds
            from rapidocr.utils.typings import EngineType, OCRVersion
        except ImportError as exc:  # pragma: no cover - dependency of the package
            raise EngineUnavailable("RapidOCR is not installed: pip install rapidocr onnxruntime") from exc
        params: dict[str, object] = {
            "Global.log_level": "error",
            "Global.max_side_len": settings.max_side_len,
            "Global.text_score": settings.text_score,
            "Det.score_mode": settings.det_score_mode,
            # We size the detector's input ourselves (text-height adaptive); stop it from upscaling again.
            "Det.limit_side_len": 64,
        }
        # The runtime each model runs on: the one asked for, ONNX Runtime where OpenVINO is not installed.
        asked = {"Det": settings.det_backend or settings.backend, "Rec": settings.backend}
        openvino = "openvino" in asked.values() and _has_openvino()
        runtimes = {task: runtime if openvino else "onnxruntime" for task, runtime in asked.items()}
        for task, path in (("Det", settings.det_model_path), ("Rec", settings.rec_model_path)):
            if path:
                params[f"{task}.model_path"] = path
                params[f"{task}.ocr_version"] = OCRVersion.PPOCRV4
            if runtimes[task] == "openvino":
                # The same ONNX files, from the wheel: given by path, so nothing is looked for elsewhere.
                params[f"{task}.model_path"] = path or str(_wheel_model(task))
                params[f"{task}.engine_type"] = EngineType.OPENVINO
        params["EngineConfig.onnxruntime.enable_cpu_mem_arena"] = settings.memory_arena
        if settings.threads > 0:
            params["EngineConfig.onnxruntime.intra_op_num_threads"] = settings.threads
            params["EngineConfig.onnxruntime.inter_op_num_threads"] = 1
            params["EngineConfig.openvino.inference_num_threads"] = settings.threads
        self._engine = RapidOCR(params=params)
        logging.getLogger("RapidOCR").setLevel(logging.ERROR)
        self._rec_input = TextRecInput
        self._resize = resize_image_within_bounds
        self._max_side = settings.max_side_len
        self._min_side = 30
        # Loading here keeps model load out of the first page's timing and fails early when models are missing.
        self._det = self._engine._load_det_model()
        self._rec = self._engine._load_rec_model()
        self.backend, self.det_backend = runtimes["Rec"], runtimes["Det"]

    def detect(self, image: np.ndarray, max_side: int | None = None) -> list[Box]:
        limit = min(max_side or self._max_side, self._max_side)
        resized, ratio_h, ratio_w = self._resize(image, self._min_side, limit)
        result = self._det(resized)
        if result.boxes is None:
            return []
        # The ratios are original size over resized size.
        scale = np.array([ratio_w, ratio_h], dtype=np.float32)
        boxes = [np.asarray(box, dtype=np.float32) * scale for box in result.boxes]
        boxes.sort(key=lambda b: reading_order(float(b[:, 1].min()), float(b[:, 0].min())))
        return boxes

    def recognize(self, crops: list[np.ndarray]) -> list[tuple[str, float]]:
        if not crops:
            return []
        result = self._rec(self._rec_input(img=crops))
        if result.txts is None:
            return [("", 0.0) for _ in crops]
        return [(str(t), float(s)) for t, s in zip(result.txts, result.scores, strict=True)]


def _has_openvino() -> bool:
    try:
        import openvino  # noqa: F401
    except ImportError:
        logging.getLogger(__name__).info("OpenVINO is not installed: the OCR models run on ONNX Runtime")
        return False
    return True


def _wheel_model(task: str) -> Path:
    """The ONNX model the rapidocr wheel ships for "Det" or "Rec" at its default settings."""
    import rapidocr
    from omegaconf import OmegaConf
    from rapidocr.inference_engine.base import FileInfo, InferSession
    from rapidocr.utils.typings import EngineType, ModelType, OCRVersion, TaskType

    root = Path(rapidocr.__file__).parent
    config = OmegaConf.load(root / "config.yaml")[task]  # type: ignore[index]  # a DictConfig: the file is a mapping
    info = FileInfo(
        EngineType.ONNXRUNTIME,
        OCRVersion(config.ocr_version),
        TaskType(config.task_type),
        config.lang_type,
        ModelType(config.model_type),
    )
    return root / "models" / Path(InferSession.get_model_url(info)["model_dir"]).name
