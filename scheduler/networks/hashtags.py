"""Finding hashtags, outside links (``example.com/#ancla`` holds no hashtag)."""

from __future__ import annotations

import regex

from portavoz.scheduler.networks.urls import find_links

_HASHTAG = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}_&])[#＃](?![\uFE0F\u20E3])([\p{L}\p{M}\p{N}_]*\p{L}[\p{L}\p{M}\p{N}_]*)"
)


def find_hashtags(text: str) -> tuple[str, ...]:
    """Return the hashtags of ``text`` in order, without their ``#``."""
    return tuple(text[start + 1 : end] for start, end in hashtag_spans(text))


def hashtag_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where the hashtags of ``text`` are: code-point start (at the ``#``) and end, in order."""
    links = find_links(text)
    return tuple(
        match.span()
        for match in _HASHTAG.finditer(text)
        if not any(link.start <= match.start() < link.end for link in links)
    )
