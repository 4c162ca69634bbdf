"""Typed errors with a stable code, mapped once to CLI exit codes (and later HTTP statuses)."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    ok = 0  # every document accepted
    needs_attention = 1  # something needs review or was rejected
    usage_or_system = 2  # bad arguments, missing engine, internal failure


class VerifierError(Exception):
    """Base of every error the verifier raises on purpose; `code` is stable, the message tells how to fix it."""

    code = "VERIFIER_ERROR"
    exit_code = ExitCode.usage_or_system
    http_status = 500


class UsageError(VerifierError):
    code = "USAGE"
    http_status = 422


class ConfigError(VerifierError):
    """The service's settings (VERIFIER_API_* variables) are missing or wrong; the message names which."""

    code = "CONFIG"


class EngineUnavailable(VerifierError):
    """An OCR engine (or its models) is not installed here."""

    code = "ENGINE_UNAVAILABLE"
    http_status = 503


class UnknownEngine(UsageError):
    code = "UNKNOWN_ENGINE"


class UnknownRuleset(UsageError):
    code = "UNKNOWN_RULESET"
    http_status = 404
