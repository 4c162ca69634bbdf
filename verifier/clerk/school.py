"""A school's folder: one subfolder per applicant, each with one subfolder per column (栏目).

`applicant_like_folders` is what `verifier check` asks before it takes subfolders as columns: a folder whose
subfolders are not columns but hold columns themselves is a school, and taking 王五 as a column would let
another teacher's certificates pass under one applicant.
"""

from __future__ import annotations

from pathlib import Path

from verifier.columns import load_column_map

_SKIP = {"thumbs.db", "desktop.ini"}


def _visible(path: Path) -> bool:
    return not path.name.startswith(".") and path.name.lower() not in _SKIP


def subfolders(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_dir() and _visible(p))


def has_files(folder: Path) -> bool:
    return any(p.is_file() and _visible(p) for p in folder.rglob("*"))


def is_column(name: str, columns_file: str | None = None) -> bool:
    column_map = load_column_map(Path(columns_file)) if columns_file else load_column_map()
    return column_map.accepted_types(name) is not None


def applicant_like_folders(folder: Path, columns_file: str | None = None) -> list[str]:
    """Subfolders that look like applicants (not a column, holding column subfolders with files); [] otherwise."""
    if not folder.is_dir():
        return []
    found = []
    for child in subfolders(folder):
        # A person's folder is named after them: a year or a numbered part (2023年/获奖证书) is not an applicant.
        if is_column(child.name, columns_file) or any(ch.isdigit() for ch in child.name):
            continue
        inner = [c for c in subfolders(child) if has_files(c)]
        if inner and any(is_column(c.name, columns_file) for c in inner):
            found.append(child.name)
    return found


def applicant_folders(school: Path) -> dict[str, Path]:
    """Folder name (without spaces) → folder, for every subfolder that holds a file."""
    return {"".join(p.name.split()): p for p in subfolders(school) if has_files(p)}


def loose_files(school: Path) -> list[str]:
    """Files at the school's top level: no applicant owns them."""
    return sorted(p.name for p in school.iterdir() if p.is_file() and _visible(p))
