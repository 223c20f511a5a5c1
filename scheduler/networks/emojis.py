"""Finding emoji sequences: ZWJ sequences, flags, skin tones, keycaps, presentation selectors.

Built on the ``regex`` package's grapheme clusters and Unicode emoji properties, so new emoji
count as emoji as soon as ``regex`` knows the Unicode version that brings them.
"""

from __future__ import annotations

import re

import regex

# Every emoji sequence holds one of these (© ®, or U+203C ‼ and above; keycaps end in U+20E3).
# Text without any, like most Latin text, needs no grapheme scan at all.
_MAYBE_EMOJI = re.compile("[\u00a9\u00ae\u203c-\U0010ffff]")
_CLUSTER = regex.compile(r"\X")
_EMOJI_START = regex.compile(r"\p{Emoji_Presentation}|\p{Regional_Indicator}")
_KEYCAP = regex.compile(r"[0-9#*]\uFE0F?\u20E3")
_PICTOGRAPH = regex.compile(r"\p{Extended_Pictographic}")
_EMOJI_REQUEST = regex.compile(r"\uFE0F|\p{Emoji_Modifier}|\u200D")


def emoji_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Return the ``(start, end)`` code point spans of the emoji sequences in ``text``."""
    if _MAYBE_EMOJI.search(text) is None:
        return ()
    return tuple(m.span() for m in _CLUSTER.finditer(text) if is_emoji(m.group()))


def is_emoji(cluster: str) -> bool:
    """Whether one grapheme cluster renders as an emoji.

    A lone text-default pictograph such as "©" or "‼" is not one: it renders as text unless a
    variation selector, a skin tone or a ZWJ sequence asks for emoji presentation.
    """
    if not cluster:
        return False
    if _EMOJI_START.match(cluster) or _KEYCAP.fullmatch(cluster):
        return True
    return (
        _PICTOGRAPH.match(cluster) is not None
        and len(cluster) > 1
        and _EMOJI_REQUEST.match(cluster, 1) is not None
    )
