"""Export the report's JSON Schema: `python -m models.schema` rewrites models/report.schema.json."""

from __future__ import annotations

import json
from pathlib import Path

from models.report import Report

SCHEMA_PATH = Path(__file__).with_name("report.schema.json")


def report_schema() -> dict:
    schema = Report.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Evidence verification report"
    return schema


def render() -> str:
    return json.dumps(report_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    SCHEMA_PATH.write_text(render(), encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")
