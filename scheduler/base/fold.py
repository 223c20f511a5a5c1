"""The one folding of text for matching words: case and accents set aside, ``ñ`` kept.

Listening rules, the people registry and the brand-voice lists all match words this way, so
``religion`` finds *Religión* and ``facturacion`` finds *FACTURACIÓN*, while *año* and *ano*
stay different words, as they are in Spanish.
"""

from __future__ import annotations

import unicodedata

_OWN_LETTERS = frozenset("ñÑ")
"""Letters with a diacritic that are letters of their own, not accented ones."""


class _FoldTable(dict[int, str]):
    """Code point → its folded character, worked out on first sight (for ``str.translate``)."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        base = char if char in _OWN_LETTERS else unicodedata.normalize("NFD", char)[0]
        # One character for one character: offsets in the folded text are offsets in the text.
        folded = self[code] = (base.lower() or char)[0]
        return folded


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """``text`` in lower case without accents (``ñ`` stays), one character for each of ``text``."""
    # translate() walks the text in C; each distinct character is folded once per process.
    return text.translate(_FOLD)
