"""The counters' shortcuts for common texts give what their full rules give (issue 16)."""

from __future__ import annotations

import random
import re

import pytest
import regex

from portavoz.scheduler.networks.mastodon import server_graphemes
from portavoz.scheduler.networks.twitter_text import _emoji, emoji_entities

LATIN = "".join(chr(c) for c in [9, 10, *range(0x20, 0x7F), *range(0xA0, 0x250)])
BELOW_2000 = "".join(chr(c) for c in range(1, 0x2000))
PUNCTUATION = "".join(chr(c) for c in range(0x2000, 0x203C) if c != 0x200D)


def _texts(alphabet: str, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [alphabet, *("".join(rng.choices(alphabet, k=rng.randint(1, 300))) for _ in range(300))]


@pytest.mark.parametrize("text", _texts(LATIN, 1))
def test_latin_texts_count_one_grapheme_per_character_as_the_regex_does(text: str) -> None:
    assert server_graphemes(text) == len(regex.findall(r"\X", text)) == len(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("a\r\nb", 3), ("e\u0301", 1), ("🇪🇸", 1), ("क्षि", 2)],  # CR LF, combining, flags, GB9c
)
def test_texts_outside_the_shortcut_still_count_by_clusters(text: str, expected: int) -> None:
    assert server_graphemes(text) == expected


@pytest.mark.parametrize("text", _texts(BELOW_2000 + "#*0123456789©®" * 20, 2))
def test_twemoji_pattern_finds_nothing_below_u2000(text: str) -> None:
    # What the shortcut in emoji_entities assumes, checked against the pattern itself.
    assert _emoji().search(text) is None
    assert emoji_entities(text) == ()


@pytest.mark.parametrize("text", _texts(BELOW_2000 + "#*0123456789©®" * 20 + PUNCTUATION * 20, 3))
def test_twemoji_pattern_finds_nothing_in_general_punctuation(text: str) -> None:
    # U+2000 to U+203B but the joiner: the pattern holds none of them (issue 16).
    assert _emoji().search(text) is None
    assert emoji_entities(text) == ()


def test_the_pattern_source_has_only_the_joiner_in_general_punctuation() -> None:
    source = _emoji().pattern
    assert not any("\u2000" <= c < "\u203c" for c in source)
    escaped = {int(code, 16) for code in re.findall(r"\\u(20[0-3][0-9a-fA-F])", source)}
    assert {c for c in escaped if c < 0x203C} == {0x200D}
    for low, high in re.findall(r"\\u([0-9a-fA-F]{4})-\\u([0-9a-fA-F]{4})", source):
        assert not (int(low, 16) < 0x203C and int(high, 16) >= 0x2000)


@pytest.mark.parametrize(
    "text", ["1\ufe0f\u20e3", "#\u20e3", "©\ufe0f", "®\ufe0f", "a 🚲 b", "‼", "a…\u200d🚲"]
)
def test_emoji_made_with_characters_below_u2000_are_still_found(text: str) -> None:
    assert len(emoji_entities(text)) == 1
