"""The OCR models alone on each runtime: ONNX Runtime with and without its memory arena, OpenVINO in float32 and in
bfloat16 (its default where the processor has bfloat16 instructions), and the recogniser with its weights quantised
to int8 by ONNX Runtime's dynamic quantisation. One detection and one recognition batch each, interleaved, the first
call of each left out; the outputs' largest difference from ONNX Runtime's is printed too, and for the recogniser the
share of time steps whose likeliest character differs.

    python bench/runtime_precision.py [--repeat 6]

The inputs are noise of the shapes the verifier feeds (a page detected at 1,024 × 768, six 480 px strips): the
seconds compare the runtimes, not what a page costs.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from verifier.ocr.rapid import _wheel_model

Run = Callable[[np.ndarray], np.ndarray]


def onnxruntime_run(model: Path, arena: bool) -> Run:
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.enable_cpu_mem_arena = arena
    session = ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
    name = session.get_inputs()[0].name
    return lambda x: np.asarray(session.run(None, {name: x})[0])


def openvino_run(model: Path, precision: str) -> Run:
    import openvino as ov

    core = ov.Core()
    core.set_property("CPU", {"INFERENCE_PRECISION_HINT": precision})
    request = core.compile_model(core.read_model(model), "CPU").create_infer_request()

    def run(x: np.ndarray) -> np.ndarray:
        request.infer([x])
        return np.array(request.get_output_tensor().data)

    return run


def int8_run(model: Path, folder: Path) -> Run:
    """The model with its weights quantised to int8 (ONNX Runtime's quantize_dynamic), run with the arena kept."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantised = folder / f"{model.stem}.int8.onnx"
    quantize_dynamic(str(model), str(quantised), weight_type=QuantType.QInt8)
    return onnxruntime_run(quantised, arena=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=6)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    inputs = {
        "Det": rng.random((1, 3, 1024, 768), dtype=np.float32),
        "Rec": rng.random((6, 3, 48, 480), dtype=np.float32),
    }
    folder = tempfile.TemporaryDirectory()
    for task, x in inputs.items():
        model = _wheel_model(task)
        runs = {
            "onnxruntime, arena off (RapidOCR's setting)": onnxruntime_run(model, arena=False),
            "onnxruntime, arena kept": onnxruntime_run(model, arena=True),
            "openvino, float32": openvino_run(model, "f32"),
            "openvino, bfloat16": openvino_run(model, "bf16"),
        }
        if task == "Rec":
            runs["onnxruntime, int8 weights (dynamic)"] = int8_run(model, Path(folder.name))
        seconds: dict[str, list[float]] = {name: [] for name in runs}
        outputs: dict[str, np.ndarray] = {}
        for _ in range(args.repeat):
            for name, run in runs.items():
                start = time.perf_counter()
                outputs[name] = run(x)
                seconds[name].append(time.perf_counter() - start)
        reference = outputs["onnxruntime, arena off (RapidOCR's setting)"]
        for name, times in seconds.items():
            differs = float(np.abs(outputs[name] - reference).max())
            steps = ""
            if task == "Rec":
                other = float((outputs[name].argmax(-1) != reference.argmax(-1)).mean())
                steps = f"\tsteps read otherwise {other:.1%}"
            print(f"{task}\t{name}\t{statistics.median(times[1:]):.3f} s\tlargest difference {differs:.4f}{steps}")
    folder.cleanup()


if __name__ == "__main__":
    main()
