"""Giving freed memory back to the system between documents.

glibc's malloc keeps the pages of freed buffers, and after a large one is freed it raises its threshold for
handing big buffers to mmap, so a process that once read a 12-megapixel photo keeps that photo's worth of pages
for good. Trimming the heap after each document returns them: the process's size then follows what it holds,
not the largest upload it has seen.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import cache


@cache
def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        libc = ctypes.CDLL(name)
        libc.malloc_trim  # noqa: B018 - only glibc has it
    except (OSError, AttributeError):
        return None
    return libc


def release_freed_memory() -> None:
    """Return the heap's free pages to the system (glibc malloc_trim); a no-op elsewhere."""
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)
