"""What the criteria stage sees of a document: its type, fields and whether it is usable."""

from __future__ import annotations

from pydantic import BaseModel, Field

from models.report import Fields
from models.vocab import DocType


class Evidence(BaseModel):
    file: str
    doc_type: DocType
    fields: Fields = Field(default_factory=Fields)
    usable: bool = Field(True, description="false when the document was rejected (error flags)")
    text: str = Field("", description="normalised recognised text, for project matching (层层赛)")
