"""Pinyin names on foreign certificates against the applicant's name in characters."""

from __future__ import annotations

import pytest

from verifier.understand.romanised import is_romanised, romanised_matches


@pytest.mark.parametrize(
    ("romanised", "name"),
    [
        ("Li Ming", "李明"),
        ("MING LI", "李明"),  # the given name first, as English writes it
        ("LIMING", "李明"),
        ("Ouyang Xiaohong", "欧阳晓红"),  # a compound surname
        ("Shan Lei", "单磊"),  # 单 read as a surname, not dan
        ("Lv Bin", "吕斌"),  # ü written v
        ("Zhang Xiao-hong", "张晓红"),
    ],
)
def test_pinyin_spells_the_name(romanised: str, name: str) -> None:
    assert is_romanised(romanised)
    assert romanised_matches(romanised, name)


@pytest.mark.parametrize(("romanised", "name"), [("Li Min", "李明"), ("Zhang Wei", "李明"), ("Ming", "李明")])
def test_another_spelling_is_another_person(romanised: str, name: str) -> None:
    assert not romanised_matches(romanised, name)


def test_characters_are_not_romanised() -> None:
    assert not is_romanised("李明")
