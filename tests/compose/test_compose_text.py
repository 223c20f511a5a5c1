"""Hashtags from tags (cases/hashtags.yml) and shortening at a word."""

from __future__ import annotations

from typing import Any

import pytest
from compose_cases import cases

from portavoz.scheduler.compose.text import hashtag, shorten


@pytest.mark.parametrize("case", cases("hashtags"))
def test_hashtag(case: dict[str, Any]) -> None:
    assert hashtag(case["tag"]) == case["expected"]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (1, "Cadena…"),
        (2, "Cadena, frenos…"),
        (3, "Cadena, frenos y…"),
        (5, "Cadena, frenos y batería: tres…"),
        (4, "Cadena, frenos y batería…"),
        (6, "Cadena, frenos y batería: tres revisiones."),
        (9, "Cadena, frenos y batería: tres revisiones."),
    ],
)
def test_shorten_at_a_word(words: int, expected: str) -> None:
    assert shorten("Cadena, frenos y batería: tres revisiones.", words) == expected
