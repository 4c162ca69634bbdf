"""Split a printed issuer into the bodies it names ("六盘水市教育局 六盘水市人力资源和社会保障局")."""

from __future__ import annotations

import re

from verifier.issuers.bodies import BODY_END
from verifier.issuers.normalize import normalize_issuer, to_simplified

_HARD_SEPARATORS = re.compile(r"[\n、，,;；|/]+")


def split_bodies(issuer: str) -> list[str]:
    """Normalised body names, in printed order. Spaces split only after a word that ends a body name,
    so OCR gaps inside one name ("六盘水市 教育局") keep the name whole."""
    bodies: list[str] = []
    for part in _HARD_SEPARATORS.split(to_simplified(issuer)):
        pending = ""
        for chunk in part.split():
            pending += normalize_issuer(chunk)
            if BODY_END.search(pending):
                bodies.append(pending)
                pending = ""
        if pending:
            bodies.append(pending)
    return [body for body in bodies if body]
