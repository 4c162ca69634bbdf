"""Folder throughput with 1 and 2 workers, peak memory per worker, and memory growth over many pages.

    python bench/throughput.py FOLDER [--workers 1 2] [--growth-pages 1000] [--json out.json]

Wall time and pages/second come from verifying the whole folder as one submission per worker count.
Memory growth runs in this process: RSS after the first 100 pages and after --growth-pages pages (the folder
is cycled), which shows whether anything accumulates per page.
"""

from __future__ import annotations

import argparse
import json
import resource
import threading
import time
from pathlib import Path

from verifier.pipeline import Upload, collect_uploads, verify_submission
from verifier.settings import Settings


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() / 1e6


def _children() -> list[int]:
    pids: list[int] = []
    for task in Path("/proc/self/task").iterdir():
        with open(task / "children") as children:
            pids += [int(pid) for pid in children.read().split()]
    return pids


def _peak_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as status:
            return next((int(ln.split()[1]) for ln in status if ln.startswith("VmHWM:")), 0)
    except OSError:
        return 0  # the worker ended between listing and reading


class WorkerPeakWatch:
    """Largest VmHWM among live worker processes, sampled twice a second. (A spawned worker's ru_maxrss is
    no use here: Linux carries the forked pre-exec copy's RSS — the parent's pages — into it.)"""

    def __init__(self) -> None:
        self.peak_kib = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.5):
            for pid in _children():
                self.peak_kib = max(self.peak_kib, _peak_kib(pid))

    def __enter__(self) -> WorkerPeakWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def throughput(uploads: list[Upload], workers: int) -> dict[str, float]:
    start = time.perf_counter()
    with WorkerPeakWatch() as watch:
        report = verify_submission(uploads, settings=Settings(), workers=workers, cross_checks=False).report
    seconds = time.perf_counter() - start
    pages = sum(d.pages for d in report.documents)
    rate = round(pages / seconds, 3)
    result = {"workers": workers, "pages": pages, "seconds": round(seconds, 1), "pages_per_second": rate}
    if workers > 1:
        result["peak_rss_mb_per_worker"] = round(watch.peak_kib / 1024, 1)
    return result


def growth(uploads: list[Upload], total_pages: int) -> dict[str, float]:
    settings, done, marks = Settings(), 0, {}
    next_mark = 100
    while done < total_pages:
        for upload in uploads:
            report = verify_submission([upload], settings=settings).report
            done += max(report.documents[0].pages, 1)
            if done >= next_mark:
                marks[f"after_{next_mark}"] = rss_mb()
                print(f"{done} pages: RSS {marks[f'after_{next_mark}']:.1f} MB", flush=True)
                next_mark += 100
            if done >= total_pages:
                break
    marks["after_total"] = rss_mb()
    marks["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    marks["pages"] = done
    marks["growth_percent"] = round(100 * (marks["after_total"] / marks["after_100"] - 1), 1)
    return marks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--workers", type=int, nargs="*", default=[1, 2], help="none: only the growth run")
    parser.add_argument("--growth-pages", type=int, default=0)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    uploads = collect_uploads([args.folder])
    result: dict[str, object] = {"files": len(uploads), "runs": [throughput(uploads, w) for w in args.workers]}
    # ru_maxrss is in KiB on Linux; this process holds every page preview of the submission until the report.
    result["peak_rss_mb_self"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    if args.growth_pages:
        result["memory_growth"] = growth(uploads, args.growth_pages)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
