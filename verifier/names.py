"""File names as labels a person reads: decoded whatever the archive's encoding, with nothing a terminal obeys."""

from __future__ import annotations

import os
import re

# Terminal escape sequences (CSI, OSC, and two-byte ESC ones) go whole, so "\x1b[31m" leaves no "[31m" behind.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?")
# C0 and C1 controls, DEL, and the bidirectional controls that make a name read other than it is stored.
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def decode_name(name: str) -> str:
    """A name Python read from the file system (undecodable bytes kept as surrogates) as real text: UTF-8,
    else GB18030 (names in archives made on Chinese Windows), else UTF-8 with replacement characters."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        raw = os.fsencode(name)
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="replace")


def printable(text: str) -> str:
    """The text without escape sequences and control characters."""
    return _CONTROLS.sub("", _ESCAPES.sub("", text))


def display_name(name: str) -> str:
    return printable(decode_name(name))
