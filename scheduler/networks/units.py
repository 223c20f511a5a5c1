"""The units networks measure text in: graphemes, UTF-16 code units and UTF-8 bytes."""

from __future__ import annotations

import re
from enum import StrEnum

import regex

from portavoz.scheduler.i18n import Language, Text, messages


class Unit(StrEnum):
    """What a network measures a text in.

    The value is a stable identifier for machines (the JSON outputs); readers see the unit's
    name in the site's language through :attr:`key`, writers' messages in English through
    :attr:`english`.
    """

    WEIGHTED = "weighted"
    """X's weighted characters: most count 1, CJK and emoji 2, a link 23."""
    GRAPHEME = "grapheme"
    """Extended grapheme clusters, what a reader sees as one character (:func:`graphemes`)."""
    UTF16 = "utf16"
    """UTF-16 code units, JavaScript's ``String.length`` (:func:`utf16_length`)."""
    CHARACTER = "character"
    """Code points, with exceptions a network sets (Threads counts an emoji as its bytes)."""
    UTF8 = "utf8"
    """Bytes of the UTF-8 encoding (:func:`utf8_length`)."""

    @property
    def key(self) -> Text:
        """The catalog key of the unit's name, as in "224/2200 {name}"."""
        return _NAMES[self]

    @property
    def english(self) -> str:
        """The unit's name in English, for messages to writers ("weighted characters")."""
        return messages(Language.EN.value)(self.key)


_NAMES = {
    Unit.WEIGHTED: Text.UNIT_WEIGHTED,
    Unit.GRAPHEME: Text.UNIT_GRAPHEME,
    Unit.UTF16: Text.UNIT_UTF16,
    Unit.CHARACTER: Text.UNIT_CHARACTER,
    Unit.UTF8: Text.UNIT_UTF8,
}

_GRAPHEME = regex.compile(r"\X")
ASTRAL = re.compile("[\U00010000-\U0010ffff]")
"""A character above U+FFFF: two UTF-16 code units (a search finds one faster than max())."""


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
    if ONE_PER_CHARACTER.fullmatch(text):
        return len(text)
    return len(graphemes(text))


LATIN = re.compile("[\t\n\x20-\x7e\xa0-\u024f]*")
"""Texts of tab, line feed, ASCII and the Latin blocks up to U+024F (see below)."""
ONE_PER_CHARACTER = re.compile("[\t\n\x20-\x7e\xa0-\u024f\u2010-\u2027]*")
"""Texts whose every character is a cluster of its own, whatever its neighbours: tab, line
feed, ASCII, the Latin blocks up to U+024F and the dashes, quotes, bullets and ellipsis of
U+2010 to U+2027 are all Grapheme_Cluster_Break Other, Control or LF (no Extend, ZWJ, Prepend,
regional indicator, pictograph or Indic consonant; carriage return, which joins a line feed,
is left out), so only the break-everywhere rule applies between them, in every Unicode
version. Most posts are such texts (a shortened summary ends in "…"), and scanning clusters
costs more than the rest of a count."""


def utf16_length(text: str) -> int:
    """Number of UTF-16 code units (JavaScript's ``String.length``)."""
    return len(text) + len(ASTRAL.findall(text))


def utf8_length(text: str) -> int:
    """Number of bytes of ``text`` encoded as UTF-8."""
    return len(text.encode("utf-8"))
