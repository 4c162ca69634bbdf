"""Files and submission folders → uploads. What cannot be read safely is still listed, with the reason."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from models.flags import FlagCode
from verifier.names import display_name

# Operating-system bookkeeping, never evidence: Windows thumbnails, macOS folder settings and resource forks.
_JUNK_FILES = {"thumbs.db", "desktop.ini", ".ds_store"}
_JUNK_DIRS = {"__macosx"}


@dataclass
class Upload:
    """One uploaded file: its path as given (relative to the submission), column, and where its bytes are.
    `refusal` is set when the file must not be read (a link out of the folder, a device): its flag and why."""

    file: str
    column: str | None = None
    path: Path | None = None
    data: bytes | None = None
    refusal: tuple[FlagCode, str] | None = None

    def read(self) -> bytes:
        if self.data is not None:
            return self.data
        assert self.path is not None
        return self.path.read_bytes()

    def size(self) -> int:
        """Bytes, from the file system for a file on disk: known before anything is read."""
        if self.data is not None:
            return len(self.data)
        assert self.path is not None
        return self.path.stat().st_size


def collect_uploads(paths: Iterable[Path]) -> list[Upload]:
    """Subfolders are columns (栏目); top-level files have none. Links are not followed out of the folder."""
    uploads: list[Upload] = []
    for root in paths:
        if not root.is_dir():
            uploads.append(_upload(root, display_name(root.name), None, None))
            continue
        inside = root.resolve()
        for folder, dirs, files in os.walk(root):  # followlinks=False: a linked folder is listed, not entered
            base = Path(folder)
            outward = sorted(d for d in dirs if _links_out(base / d, inside))
            dirs[:] = sorted(d for d in dirs if d.lower() not in _JUNK_DIRS and d not in outward)
            for name in sorted(files) + outward:
                if name.lower() in _JUNK_FILES or name.startswith("._"):
                    continue
                path = base / name
                relative = path.relative_to(root)
                column = display_name(relative.parts[0]) if len(relative.parts) > 1 else None
                label = "/".join(display_name(part) for part in relative.parts)  # each part in its own encoding
                uploads.append(_upload(path, label, column, inside))
    uploads.sort(key=lambda u: u.file)
    return uploads


def _links_out(path: Path, inside: Path) -> bool:
    if not path.is_symlink():
        return False
    try:
        return not path.resolve().is_relative_to(inside)
    except (OSError, RuntimeError):  # a loop of links: reading it reports why
        return False


def _upload(path: Path, label: str, column: str | None, inside: Path | None) -> Upload:
    upload = Upload(file=label, column=column, path=path)
    if inside is not None and _links_out(path, inside):
        upload.refusal = (FlagCode.UNSUPPORTED_FORMAT, "链接指向申报文件夹之外，未读取；请放入文件本身")
        return upload
    try:
        mode = path.stat().st_mode
    except OSError:
        return upload  # a broken link: reading it reports why
    if stat.S_ISDIR(mode):
        upload.refusal = (FlagCode.UNSUPPORTED_FORMAT, "这是文件夹，不是文件")
    elif not stat.S_ISREG(mode):
        upload.refusal = (FlagCode.UNSUPPORTED_FORMAT, "不是普通文件（设备、管道或套接字），未读取")
    return upload
