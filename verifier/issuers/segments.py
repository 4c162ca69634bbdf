"""Split a printed issuer into the bodies it names ("六盘水市教育局 六盘水市人力资源和社会保障局")."""

from __future__ import annotations

import re

from verifier.issuers.bodies import BODY_END
from verifier.issuers.gazetteer import AliasKind, load_gazetteer
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


# Words that end a government body's name for sure; a place name right after one starts the next body.
_FIRM_BODY_END = re.compile(r"(?:局|厅|委|府|会|院|所|中心|馆)$")


def split_joined_bodies(name: str) -> list[str]:
    """Two bodies signed side by side that OCR returned as one run (遵义市教育局遵义市教育科学研究所, the gap between
    them closed by the normaliser): split where a body's name ends and a place's name starts the next one."""
    for start, alias in load_gazetteer().find(name):
        head, tail = name[:start], name[start:]
        if start >= 4 and alias.kind is AliasKind.full and _FIRM_BODY_END.search(head) and BODY_END.search(tail):
            rest = tail[len(alias.text) :]
            # The place is followed by a body word, not the name's end, nor a branch of the first (…钟山区分局).
            if len(rest) > 1 and not rest.startswith("分"):
                return [head, *split_joined_bodies(tail)]
    return [name]
