"""Checks on uploaded files before they are stored: size, pixel count, and display names that are only labels."""

from __future__ import annotations

from api.errors import ApiError
from api.settings import ApiSettings
from verifier.ingest import page_sizes
from verifier.names import printable


def display_parts(raw: str | None, index: int) -> list[str]:
    """The client's filename split into safe path parts. Used as a label in the report, never as a path."""
    text = printable((raw or "").replace("\\", "/"))
    parts = [p.strip()[:120] for p in text.split("/")]
    parts = [p for p in parts if p and p not in (".", "..")]
    return parts or [f"file-{index + 1}"]


def label_uploads(names: list[str | None], columns: list[str] | None) -> list[tuple[str, str | None]]:
    """(file label, column) per upload: columns given explicitly, else a `column/file.jpg` name prefix."""
    labelled: list[tuple[str, str | None]] = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(names):
        parts = display_parts(raw, i)
        if columns is not None:
            column = printable(columns[i]).strip()[:120] or None
        else:
            column = parts[0] if len(parts) > 1 else None
        label = f"{column}/{parts[-1]}" if column else parts[-1]
        if label in seen:  # two uploads with one name stay apart in the report
            seen[label] += 1
            label = f"{label} ({seen[label]})"
        else:
            seen[label] = 1
        labelled.append((label, column))
    return labelled


def check_size(size: int, label: str, settings: ApiSettings) -> None:
    if size > settings.max_file_bytes:
        raise ApiError(
            413,
            "FILE_TOO_LARGE",
            f"文件「{label}」超过 {settings.max_file_bytes // (1024 * 1024)} MB 上传限制",
            {"file": label, "bytes": size, "limit": settings.max_file_bytes},
        )


def check_pixels(data: bytes, label: str, settings: ApiSettings) -> None:
    """Reads only the headers of every page; undecodable files pass here and are flagged by the pipeline."""
    sizes = page_sizes(data, settings.max_pages)
    pixels = max((w * h for w, h in sizes), default=0)
    if pixels > settings.max_pixels:
        width, height = next((w, h) for w, h in sizes if w * h == pixels)
        raise ApiError(
            422,
            "IMAGE_TOO_LARGE",
            f"图片「{label}」像素过多（{width}×{height}），请缩小后上传",
            {"file": label, "pixels": pixels, "limit": settings.max_pixels},
        )
    total = sum(w * h for w, h in sizes)
    if total > settings.max_total_pixels:
        raise ApiError(
            422,
            "IMAGE_TOO_LARGE",
            f"图片「{label}」共 {len(sizes)} 页，像素合计过多，请缩小或拆分后上传",
            {"file": label, "pixels": total, "limit": settings.max_total_pixels},
        )
