"""The packaged lexicons are pyspellchecker's lists, and the rule reads them as it does.

The spelling rule no longer builds a ``SpellChecker`` (0.2–0.7 s per language); these tests
hold the packaged form to the library it comes from, so a pyspellchecker update that changes
a list fails here until ``python -m portavoz.scheduler.lint.lexicon`` is run again.
"""

from __future__ import annotations

from importlib.resources import files

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spellchecker import SpellChecker

from portavoz.scheduler.lint.lexicon import (
    LANGUAGES,
    lexicon,
    lexicon_text,
    parse_lexicon,
    pyspellchecker_text,
)


@pytest.fixture(scope="module", params=LANGUAGES)
def checker(request: pytest.FixtureRequest) -> tuple[str, SpellChecker]:
    return request.param, SpellChecker(language=request.param, distance=1)


def test_regenerating_gives_the_packaged_bytes(checker: tuple[str, SpellChecker]) -> None:
    lang, _ = checker
    packaged = files("portavoz.scheduler.lint").joinpath(f"data/lexicon-{lang}.txt")

    assert pyspellchecker_text(lang).encode("utf-8") == packaged.read_bytes()


def test_the_packaged_lexicon_holds_the_library_list(checker: tuple[str, SpellChecker]) -> None:
    lang, spell = checker
    frequencies = spell.word_frequency.dictionary
    found = lexicon(lang)

    assert {**dict.fromkeys(found.rare, found.floor), **found.common} == dict(frequencies)
    assert found.floor == min(frequencies.values())
    assert set(found.letters) == spell.word_frequency.letters
    assert found.longest == spell.word_frequency.longest_word_length
    assert all(found.frequency(w) == n for w, n in list(frequencies.items())[::97])
    assert found.frequency("qwxzzy") == 0
    assert "qwxzzy" not in found


@pytest.mark.parametrize("word", ["bicicleta", "nan", "infinity", "1e5", "x" * 60, "Ñandú", "'"])
def test_edits_are_the_library_edits(checker: tuple[str, SpellChecker], word: str) -> None:
    lang, spell = checker

    assert lexicon(lang).edits(word) == spell.edit_distance_1(word)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="abcñéz'-1", min_size=1, max_size=12))
def test_edits_of_any_word_are_the_library_edits(word: str) -> None:
    spell = _spanish()

    assert lexicon("es").edits(word) == spell.edit_distance_1(word)


def test_a_list_makes_one_text_whatever_its_order() -> None:
    one = lexicon_text({"rueda": 90, "bici": 120, "pedal": 90, "zzz": 50, "aro": 50}, "test")
    other = lexicon_text({"aro": 50, "zzz": 50, "pedal": 90, "bici": 120, "rueda": 90}, "test")
    back = parse_lexicon(one)

    assert one == other
    assert back.common == {"bici": 120, "pedal": 90, "rueda": 90}
    assert back.rare == {"aro", "zzz"}
    assert (back.floor, back.letters, back.longest) == (50, "abcdeilopruz", 5)


def test_a_word_with_a_space_cannot_be_written() -> None:
    with pytest.raises(ValueError, match="low cost"):
        lexicon_text({"low cost": 60, "bici": 50}, "test")


_SPANISH: list[SpellChecker] = []


def _spanish() -> SpellChecker:
    if not _SPANISH:
        _SPANISH.append(SpellChecker(language="es", distance=1))
    return _SPANISH[0]
