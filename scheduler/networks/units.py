"""The units networks measure text in: graphemes, UTF-16 code units and UTF-8 bytes."""

from __future__ import annotations

import re

import regex

_GRAPHEME = regex.compile(r"\X")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def graphemes(text: str) -> list[str]:
    """Split ``text`` into extended grapheme clusters (what a reader sees as one character)."""
    return _GRAPHEME.findall(text)


def grapheme_length(text: str) -> int:
    """Number of extended grapheme clusters in ``text``."""
    return len(_GRAPHEME.findall(text))


def utf16_length(text: str) -> int:
    """Number of UTF-16 code units (JavaScript's ``String.length``)."""
    return len(text) + len(_ASTRAL.findall(text))


def utf8_length(text: str) -> int:
    """Number of bytes of ``text`` encoded as UTF-8."""
    return len(text.encode("utf-8"))
