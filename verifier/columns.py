"""The column (栏目) → accepted document types map, as data a deployment can replace."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel

from models.vocab import DocType

DEFAULT_COLUMNS_FILE = Path(__file__).parent / "data" / "columns.yaml"


class ColumnSpec(BaseModel):
    aliases: list[str] = []
    types: list[DocType]


class ColumnMap(BaseModel):
    columns: dict[str, ColumnSpec]

    def accepted_types(self, column: str | None) -> set[DocType] | None:
        """The types a column takes, or None when the column is unknown (and so not checked)."""
        if not column:
            return None
        key = _key(column)
        for name, spec in self.columns.items():
            if key in {_key(name), *(_key(a) for a in spec.aliases)}:
                return set(spec.types)
        return None


def _key(name: str) -> str:
    return re.sub(r"\s+|材料|证书|证明|^\d+[._、\-\s]*", "", name)


@lru_cache(maxsize=4)
def load_column_map(path: Path = DEFAULT_COLUMNS_FILE) -> ColumnMap:
    return ColumnMap.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
