"""The units networks measure text in: graphemes, UTF-16 code units and UTF-8 bytes."""

from __future__ import annotations

import re

import regex

_GRAPHEME = regex.compile(r"\X")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


# The regex module's \X keeps a virama (InCB=Linker) with the consonant after it even when no
# consonant comes before ("x\u094d\u0915"); UAX #29's rule GB9c, which ICU (Intl.Segmenter)
# follows, joins them only after a consonant. Such clusters are split again before the
# consonant.
_LINKED_CONSONANT = regex.compile(
    r"(?<=\p{InCB=Linker}[\p{InCB=Extend}\p{InCB=Linker}]*)\p{InCB=Consonant}"
)
_LINKER = regex.compile(r"\p{InCB=Linker}")
_CONJUNCT_BEFORE = regex.compile(
    r"\p{InCB=Consonant}[\p{InCB=Extend}\p{InCB=Linker}]*\p{InCB=Linker}"
    r"[\p{InCB=Extend}\p{InCB=Linker}]*\Z"
)


def graphemes(text: str) -> list[str]:
    """Split ``text`` into extended grapheme clusters (what a reader sees as one character).

    The clusters are UAX #29's, as ICU and so browsers and ``Intl.Segmenter`` find them.
    """
    clusters: list[str] = _GRAPHEME.findall(text)
    if not _LINKER.search(text):  # most texts hold no virama: nothing to split
        return clusters
    return [piece for cluster in clusters for piece in _split_unlinked(cluster)]


def _split_unlinked(cluster: str) -> list[str]:
    pieces, start = [], 0
    for match in _LINKED_CONSONANT.finditer(cluster):
        if not _CONJUNCT_BEFORE.search(cluster, start, match.start()):
            pieces.append(cluster[start : match.start()])
            start = match.start()
    return [*pieces, cluster[start:]]


def grapheme_length(text: str) -> int:
    """Number of extended grapheme clusters in ``text`` (see :func:`graphemes`)."""
    return len(graphemes(text))


def utf16_length(text: str) -> int:
    """Number of UTF-16 code units (JavaScript's ``String.length``)."""
    return len(text) + len(_ASTRAL.findall(text))


def utf8_length(text: str) -> int:
    """Number of bytes of ``text`` encoded as UTF-8."""
    return len(text.encode("utf-8"))
