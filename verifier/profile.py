"""The applicant's profile from what a clerk gives: a profile file (YAML or JSON), `key=value` facts and options.

Keys are the profile's field names or their Chinese captions (姓名, 申报职称, 学历, 班主任年限 …); later sources
override earlier ones: the file, then the facts, then the named options.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path

import yaml
from pydantic import ValidationError

from models.applicant import APPLICANT_CAPTIONS, Applicant, profile_field
from verifier.errors import UsageError


class InvalidProfile(UsageError):
    """The applicant's profile names an unknown fact or gives a value the fact cannot take."""

    code = "INVALID_PROFILE"


def read_profile_file(path: Path) -> dict[str, object]:
    """A YAML or JSON mapping (JSON is YAML); a clear usage error for anything else."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise InvalidProfile(f"无法读取申报人信息文件 {path}：{exc}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InvalidProfile(f"申报人信息文件 {path} 应为“字段: 值”的映射（YAML 或 JSON 对象）")
    return {str(k): v for k, v in data.items()}


def parse_profile_json(text: str) -> dict[str, object]:
    """The API's `profile` form field: a JSON object of profile facts."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidProfile(f"profile 应为 JSON 对象：{exc.msg}") from exc
    if not isinstance(data, dict):
        raise InvalidProfile("profile 应为 JSON 对象（字段: 值）")
    return {str(k): v for k, v in data.items()}


def parse_facts(facts: list[str]) -> dict[str, object]:
    """`学历=硕士`, `weekly_lessons=12` → a mapping; a fact without '=' is a usage error."""
    parsed: dict[str, object] = {}
    for fact in facts:
        key, sep, value = fact.partition("=")
        if not sep or not key.strip():
            raise InvalidProfile(f"--fact 应为 字段=值（如 学历=硕士）：{fact}")
        parsed[key.strip()] = value.strip()
    return parsed


def build_profile(sources: Sequence[Mapping[str, object]]) -> Applicant | None:
    """One profile from several mappings (later ones override); None when nothing was given."""
    merged: dict[str, object] = {}
    for source in sources:
        for key, value in source.items():
            field = profile_field(key)
            if field is None:
                raise InvalidProfile(f"未知的申报人信息字段：{key}（可用：{fields_help()}）")
            if value is not None:
                merged[field] = value
    if not merged:
        return None
    try:
        return Applicant.model_validate(merged)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error.get("loc", ()))
        raise InvalidProfile(f"申报人信息 {where} 有误：{error.get('msg', '')}（值 {error.get('input')!r}）") from exc


def fields_help() -> str:
    """Every profile field with its first Chinese caption: name（姓名）, …"""
    return "、".join(f"{name}（{captions[0]}）" for name, captions in APPLICANT_CAPTIONS.items())
