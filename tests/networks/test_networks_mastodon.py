"""Mastodon's count against its own validator's rule: cases/mastodon-validator.yml.

The cases are Mastodon's spec cases and cases derived from its regexes; see the table's header.
"""

from __future__ import annotations

from typing import Any

import pytest
from networks_cases import cases

from portavoz.scheduler.networks import get_network
from portavoz.scheduler.networks.mastodon import LINK_LENGTH, countable_text


def _text(pieces: object) -> str:
    """A case's text: a string, or pieces where ``{"a": 3}`` stands for ``"aaa"``."""
    if isinstance(pieces, str):
        return pieces
    assert isinstance(pieces, list)
    return "".join(piece if isinstance(piece, str) else _repeat(piece) for piece in pieces)


def _repeat(piece: dict[str, int]) -> str:
    ((text, times),) = piece.items()
    return text * times


@pytest.mark.parametrize("case", cases("mastodon-validator"))
def test_mastodon_validator(case: dict[str, Any]) -> None:
    text = _text(case["text"])
    count = get_network("mastodon", **case.get("options", {})).count(
        text, content_warning=_text(case.get("content_warning", ""))
    )
    assert count.length == case["length"]
    assert count.fits is case["fits"]
    assert len(count.problems) == len(case.get("problems", []))
    for problem, expected in zip(count.problems, case.get("problems", []), strict=True):
        assert expected in problem
    if "countable" in case:
        assert countable_text(text) == case["countable"].replace("<link>", "x" * LINK_LENGTH)
