"""Criteria as data: rule sets (verifier/rulesets/*.yaml) and the evidence → clause matching."""

from verifier.criteria.describe import describe_ruleset
from verifier.criteria.errors import InvalidRuleset, RulesetNotFound
from verifier.criteria.evaluate import applicable_clauses, evaluate
from verifier.criteria.loader import list_rulesets, load_ruleset, parse_ruleset
from verifier.criteria.result import CriteriaResult, GroupResult
from verifier.criteria.schema import RuleSet, RuleSetInfo

__all__ = [
    "CriteriaResult",
    "GroupResult",
    "InvalidRuleset",
    "RuleSet",
    "RuleSetInfo",
    "RulesetNotFound",
    "applicable_clauses",
    "describe_ruleset",
    "evaluate",
    "list_rulesets",
    "load_ruleset",
    "parse_ruleset",
]
