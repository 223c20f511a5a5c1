"""One-line fields refuse the very characters Unicode calls line breaks and controls.

``breaking_character`` searches with one character class (issue 16: it runs on every one-line
field of every post); here it is held to the plain definition, character by character, over
every code point.
"""

from __future__ import annotations

import sys
import unicodedata

from portavoz.scheduler.base.inert import LINE_BREAKS, breaking_character


def _reference(value: str) -> str | None:
    return next((ch for ch in value if ch in LINE_BREAKS or unicodedata.category(ch) == "Cc"), None)


def test_every_code_point_is_judged_as_its_category_says() -> None:
    every = (chr(code) for code in range(sys.maxunicode + 1))
    wrong = [ch for ch in every if breaking_character(f"a{ch}b") != _reference(f"a{ch}b")]
    assert wrong == []


def test_the_first_one_is_named() -> None:
    value = "Título\u2028con\x07dos"
    assert breaking_character(value) == _reference(value) == "\u2028"
    assert breaking_character("Título limpio, «con» comillas") is None
