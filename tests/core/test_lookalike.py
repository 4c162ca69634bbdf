"""Look-alike characters from the recogniser's own output layer, and what they allow."""

from __future__ import annotations

from verifier.lookalike import LOOKALIKE, lookalike, misread_of


def test_characters_the_recogniser_confuses_are_look_alikes() -> None:
    for read, printed in [("风", "凤"), ("颖", "颍"), ("具", "县"), ("曰", "日"), ("宏", "宗"), ("字", "宇")]:
        assert (lookalike(read, printed) or 0.0) >= LOOKALIKE, (read, printed)


def test_unrelated_characters_are_not() -> None:
    for a, b in [("丽", "凤"), ("年", "日"), ("安", "巢"), ("李", "王"), ("明", "宇")]:
        assert (lookalike(a, b) or 1.0) < LOOKALIKE, (a, b)


def test_a_name_misread_differs_only_in_look_alikes() -> None:
    assert misread_of("唐风", "唐凤")
    assert misread_of("马宇字", "马宇宇")
    assert not misread_of("唐丽", "唐凤")  # another person
    assert not misread_of("唐凤凤", "唐凤")  # not the same length
    assert not misread_of("马字字", "马宇宇")  # …one in a short name
    assert lookalike("凤", "凤") == 1.0 and lookalike("凤", "🙂") is None


def test_a_damaged_cached_table_is_derived_again(tmp_path, monkeypatch) -> None:
    from verifier import lookalike as module

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    module._table.cache_clear()
    try:
        assert module.lookalike("风", "凤") is not None  # derived from the model and stored
        (stored,) = (tmp_path / "evidence-verifier").glob("lookalike-*.npz")
        stored.write_bytes(b"PK\x03\x04 truncated")
        module._table.cache_clear()
        assert (module.lookalike("风", "凤") or 0.0) >= LOOKALIKE
    finally:
        module._table.cache_clear()
