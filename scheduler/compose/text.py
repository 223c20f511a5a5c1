"""Plain-text helpers: hashtags from tags, Markdown to paragraphs, shortening at a word."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import regex

ELLIPSIS = "…"
_WHOLE = ("http://", "https://", "#", "@")
_WORD = regex.compile(r"[\p{L}\p{N}_]+")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_NOISE = re.compile(
    r"(<!--.*?-->|<[^>]+>|[*_`~]+|^#+\s*|^>\s?|^\s*[-+*]\s+|^\s*\d+\.\s+)", re.M | re.S
)


@lru_cache(maxsize=4096)  # a post's tags, for each of its networks
def hashtag(tag: str) -> str:
    """A tag as a hashtag: ``movilidad urbana`` → ``#MovilidadUrbana``, ``ebike`` → ``#ebike``.

    Letters keep their accents (every network accepts them); other characters are dropped.
    """
    words = _WORD.findall(unicodedata.normalize("NFC", tag))
    if not words:
        return ""
    body = words[0] if len(words) == 1 else "".join(w[:1].upper() + w[1:] for w in words)
    return "#" + body


def paragraphs(markdown: str, limit: int) -> list[str]:
    """The first ``limit`` prose paragraphs of a Markdown body, as plain text."""
    return list(_paragraphs(markdown, limit))


@lru_cache(maxsize=64)  # each of a post's threaded networks asks for the same paragraphs
def _paragraphs(markdown: str, limit: int) -> tuple[str, ...]:
    text = re.sub(r"```.*?```", "", markdown, flags=re.S)
    found = []
    for block in re.split(r"\n\s*\n", text):
        if block.lstrip().startswith(("#", "|", "!!!", "<!--")):
            continue
        plain = _MD_NOISE.sub("", _MD_LINK.sub(r"\1", block))
        plain = " ".join(plain.split())
        if plain:
            found.append(plain)
        if len(found) == limit:
            break
    return tuple(found)


def shorten(text: str, words: int) -> str:
    """The first ``words`` words of ``text`` followed by an ellipsis (whole text if shorter)."""
    tokens = text.split()
    if words >= len(tokens):
        return text
    kept = " ".join(tokens[:words])
    # Sentence punctuation goes before the ellipsis, but a link, hashtag or mention ending in
    # '-' or '.' would become another one: those stay whole.
    if not tokens[words - 1].startswith(_WHOLE):
        kept = kept.rstrip(",;:.—-")
    return kept + ELLIPSIS if kept else ""


def word_count(text: str) -> int:
    """Number of whitespace-separated words."""
    return len(text.split())
