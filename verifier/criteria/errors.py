"""Errors raised while finding, loading or validating a rule set."""

from __future__ import annotations

from verifier.errors import UnknownRuleset, UsageError


class RulesetNotFound(UnknownRuleset):
    """The asked-for rule set id is not one of the YAML files shipped in verifier/rulesets/."""

    def __init__(self, ruleset_id: str, known_ids: list[str]) -> None:
        self.ruleset_id = ruleset_id
        self.known_ids = known_ids
        super().__init__(f"未知的规则集 {ruleset_id!r}；可用的规则集：{', '.join(known_ids) or '（无）'}")


class InvalidRuleset(UsageError):
    """A rule-set YAML file does not match the rule-set model; the message names the file and the field."""

    code = "INVALID_RULESET"
    http_status = 500
