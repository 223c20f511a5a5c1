"""Finding hashtags, outside links (``example.com/#ancla`` holds no hashtag)."""

from __future__ import annotations

import regex

from portavoz.scheduler.networks.urls import find_links, may_be_linked

_HASHTAG = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}_&])[#＃](?![\uFE0F\u20E3])([\p{L}\p{M}\p{N}_]*\p{L}[\p{L}\p{M}\p{N}_]*)"
)


def find_hashtags(text: str) -> tuple[str, ...]:
    """Return the hashtags of ``text`` in order, without their ``#``."""
    return tuple(text[start + 1 : end] for start, end in hashtag_spans(text))


def hashtag_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where the hashtags of ``text`` are: code-point start (at the ``#``) and end, in order."""
    if "#" not in text and "＃" not in text:
        return ()  # every hashtag starts with one of them
    found = [match.span() for match in _HASHTAG.finditer(text)]
    # Links are looked for only when one could hold a hashtag: finding them costs far more.
    if not any(may_be_linked(text, start) for start, _ in found):
        return tuple(found)
    links = find_links(text)
    return tuple(
        (start, end)
        for start, end in found
        if not any(link.start <= start < link.end for link in links)
    )
