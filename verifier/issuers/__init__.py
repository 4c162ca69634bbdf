"""Issuer → administrative level (国家级 … 校级) across China, from a maintained gazetteer."""

from verifier.issuers.gazetteer import Division, Gazetteer, load_gazetteer
from verifier.issuers.infer import infer_level, places_named, read_body
from verifier.issuers.model import LevelInference
from verifier.issuers.normalize import normalize_issuer
from verifier.issuers.segments import split_bodies

__all__ = [
    "Division",
    "Gazetteer",
    "LevelInference",
    "infer_level",
    "load_gazetteer",
    "normalize_issuer",
    "places_named",
    "read_body",
    "split_bodies",
]
