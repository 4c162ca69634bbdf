"""Documents verified in child processes that can be stopped: each document has a time budget, and a decoder
that crashes, hangs or runs out of memory costs that document only, never the submission.

The children are plain subprocesses (not multiprocessing): they also start from daemonic fleet workers. They
read pickled requests on stdin and answer on their original stdout; anything a library prints goes to stderr.
"""

from __future__ import annotations

import os
import pickle
import queue
import select
import signal
import struct
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from verifier.errors import VerifierError
from verifier.settings import Settings

if TYPE_CHECKING:
    from verifier.collect import Upload
    from verifier.document import DocumentAnalysis

_HEADER = struct.Struct(">Q")
_ROOT = Path(__file__).resolve().parents[1]  # the folder that holds the verifier package
STARTUP_SECONDS = 600.0  # loading the OCR models on a loaded machine; not part of any document's budget
CHILD_ENV = "VERIFIER_DOCUMENT_WORKER"


def _send(stream: IO[bytes], message: object) -> None:
    body = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(body)) + body)
    stream.flush()


def _read_exact(fd: int, size: int, deadline: float | None) -> bytes:
    chunks, left = [], size
    while left:
        wait = None if deadline is None else deadline - time.monotonic()
        if wait is not None and (wait <= 0 or not select.select([fd], [], [], wait)[0]):
            raise TimeoutError
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _receive(fd: int, deadline: float | None) -> Any:
    (size,) = _HEADER.unpack(_read_exact(fd, _HEADER.size, deadline))
    return pickle.loads(_read_exact(fd, size, deadline))


class DocumentWorker:
    """One child process, started on first use and again after it was stopped."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        if self._process is not None:
            return
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(_ROOT), os.environ.get("PYTHONPATH")])))
        env[CHILD_ENV] = "1"
        process = subprocess.Popen(
            [sys.executable, "-m", "verifier.workers"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env
        )
        self._process = process
        assert process.stdin is not None and process.stdout is not None
        try:
            _send(process.stdin, self.settings)
            answer = _receive(process.stdout.fileno(), time.monotonic() + STARTUP_SECONDS)
        except (OSError, EOFError, TimeoutError, pickle.UnpicklingError) as exc:
            self.stop()
            raise VerifierError(f"核验进程启动失败（{type(exc).__name__}）") from exc
        if isinstance(answer, BaseException):  # the engine is missing, or the like: the caller's error to report
            self.stop()
            raise answer

    def analyze(self, upload: Upload, seconds: float) -> DocumentAnalysis:
        from verifier.pipeline import unreadable

        self.start()
        process = self._process
        assert process is not None and process.stdin is not None and process.stdout is not None
        deadline = time.monotonic() + seconds if seconds > 0 else None
        try:
            _send(process.stdin, upload)
            return _receive(process.stdout.fileno(), deadline)
        except TimeoutError:
            self.stop()
            return timed_out(upload, seconds)
        except (OSError, EOFError, pickle.UnpicklingError):
            self.stop()
            return unreadable(upload, "处理该文件时解码程序异常终止，文件可能已损坏")

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        process.wait()
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                stream.close()

    def close(self) -> None:
        """Let the child finish and exit on its own (end of input); stop it if it does not."""
        process = self._process
        if process is None:
            return
        try:
            if process.stdin is not None:
                process.stdin.close()
            process.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            pass
        self.stop()


def timed_out(upload: Upload, seconds: float) -> DocumentAnalysis:
    from models.flags import FlagCode
    from models.report import Flag
    from verifier.pipeline import unreadable

    flag = Flag.make(FlagCode.PROCESSING_TIMEOUT, detail=f"超过 {seconds:g} 秒仍未完成，已停止", value=seconds)
    return unreadable(upload, "", flag)


class WorkerPool:
    """Worker processes that outlive one submission, so models load once per worker, not once per call.

    Each worker gets its share of the cores for ONNX Runtime, so workers × threads never oversubscribes.
    """

    def __init__(self, settings: Settings, workers: int) -> None:
        self.workers = workers
        self.settings = settings.model_copy(deep=True)
        self.settings.ocr.threads = settings.ocr.threads or max(1, (os.cpu_count() or 1) // workers)
        self._all = [DocumentWorker(self.settings) for _ in range(workers)]
        self._idle: queue.Queue[DocumentWorker] = queue.Queue()
        for worker in self._all:
            self._idle.put(worker)

    def start(self) -> None:
        """Start every worker now (models loaded) rather than on the first document."""
        for worker in self._all:
            worker.start()

    def analyze(self, upload: Upload) -> DocumentAnalysis:
        worker = self._idle.get()
        try:
            return worker.analyze(upload, self.settings.document_seconds)
        finally:
            self._idle.put(worker)

    def analyze_all(self, uploads: list[Upload]) -> Iterator[DocumentAnalysis]:
        """Analyses in upload order, up to `workers` at a time."""
        threads = ThreadPoolExecutor(self.workers, thread_name_prefix="verifier-doc")
        try:
            futures = [threads.submit(self.analyze, upload) for upload in uploads]
            for future in futures:
                yield future.result()
        finally:
            threads.shutdown(wait=True, cancel_futures=True)

    def close(self) -> None:
        for worker in self._all:
            worker.close()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _child() -> None:
    """The child's loop: settings first (answered once the models are loaded), then one upload at a time."""
    answers = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # stray prints of libraries go to stderr, never into the answers
    requests = sys.stdin.buffer.fileno()
    try:
        settings = _receive(requests, None)
    except EOFError:
        return
    from verifier.pipeline import analyze_in_this_process, warm_up

    try:
        warm_up(settings)
    except VerifierError as exc:
        _send(answers, exc)
        return
    _send(answers, "ready")
    while True:
        try:
            upload = _receive(requests, None)
        except EOFError:
            return
        _send(answers, analyze_in_this_process(upload, settings))


if __name__ == "__main__":
    _child()
