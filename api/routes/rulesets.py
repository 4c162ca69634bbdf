"""Criteria rule sets shipped with the verifier."""

from __future__ import annotations

from fastapi import APIRouter, Path

from api.deps import CurrentKey
from api.schemas import ErrorBody
from verifier.criteria import RuleSet, RuleSetInfo, list_rulesets, load_ruleset

router = APIRouter(prefix="/v1/rulesets", tags=["rulesets"], responses={401: {"model": ErrorBody}})


@router.get("", response_model=list[RuleSetInfo], summary="List the rule sets")
def get_rulesets(_key: CurrentKey) -> list[RuleSetInfo]:
    return list_rulesets()


@router.get(
    "/{ruleset_id}",
    response_model=RuleSet,
    responses={404: {"model": ErrorBody, "description": "unknown rule set (code UNKNOWN_RULESET)"}},
    summary="One rule set with its clauses",
)
def get_ruleset(_key: CurrentKey, ruleset_id: str = Path(max_length=100, examples=["liupanshui-2024"])) -> RuleSet:
    return load_ruleset(ruleset_id)
