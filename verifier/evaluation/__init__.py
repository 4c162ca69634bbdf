"""`verifier eval`: the real pipeline on a labelled benchmark, scored per task."""

from verifier.evaluation.render import render_markdown
from verifier.evaluation.runner import EvalResult, evaluate_benchmark

__all__ = ["EvalResult", "evaluate_benchmark", "render_markdown"]
