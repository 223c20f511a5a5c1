"""Fit a variant to its network's limit without breaking anything.

Optional parts go in a fixed order: first hashtags (last one first), then the summary is
shortened word by word with an ellipsis, then the summary goes. Titles, links, mentions and
words are never cut: text only ever breaks at white space between words.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

from portavoz.scheduler.compose.text import shorten, word_count
from portavoz.scheduler.networks import Count

Render = Callable[[str, tuple[str, ...]], str]
"""Renders the variant for a given summary and hashtags."""
Measure = Callable[[str], Count]
Fits = Callable[[str], bool]


class Dropped(enum.StrEnum):
    """What the fitter took out of a variant to make it fit (as written in ``schedule.json``)."""

    HASHTAGS = "hashtags"
    SUMMARY_SHORTENED = "summary shortened"
    SUMMARY = "summary"
    HASHTAGS_OVER_CAP = "hashtags over the cap"
    """Not the fitter's: tags past the network's hashtag count (``networks.<name>.hashtags``)."""


@dataclass(frozen=True)
class Fitted:
    """The best text found, its count, what was dropped to get there and the hashtags kept."""

    text: str
    count: Count
    dropped: tuple[Dropped, ...] = ()
    hashtags: tuple[str, ...] = ()


def fit(
    render: Render,
    measure: Measure,
    summary: str,
    hashtags: tuple[str, ...],
    fits: Fits | None = None,
) -> Fitted:
    """Render the fullest variant that fits (or the barest one, which then does not fit).

    Args:
        render: Renders the variant for a summary and hashtags.
        measure: Counts a text.
        summary: The post's summary.
        hashtags: The hashtags, in the order they are dropped from the end.
        fits: Whether a text fits, as ``measure(text).fits`` says (it may know sooner that a
            text is too long); by default exactly that.
    """
    fits = fits or (lambda text: measure(text).fits)

    def fitted(text: str, dropped: tuple[Dropped, ...], kept: tuple[str, ...]) -> Fitted:
        return Fitted(text, measure(text), dropped, kept)

    text = render(summary, hashtags)
    if fits(text):
        return fitted(text, (), hashtags)
    # Only name what was there to drop: a post without hashtags lost none.
    gone: tuple[Dropped, ...] = (Dropped.HASHTAGS,) if hashtags else ()
    kept = hashtags
    while kept:
        kept = kept[:-1]
        text = render(summary, kept)
        if fits(text):
            return fitted(text, gone, kept)
    shortened = _shortest_fitting(render, fits, summary, kept)
    if shortened is not None:
        return fitted(shortened, (*gone, Dropped.SUMMARY_SHORTENED), kept)
    return fitted(render("", kept), (*gone, Dropped.SUMMARY), kept)


def _shortest_fitting(
    render: Render, fits: Fits, summary: str, hashtags: tuple[str, ...]
) -> str | None:
    """Binary search on words: the longest shortened summary that fits, if any does."""
    low, high, best = 1, word_count(summary) - 1, None
    while low <= high:
        middle = (low + high) // 2
        text = render(shorten(summary, middle), hashtags)
        if fits(text):
            best, low = text, middle + 1
        else:
            high = middle - 1
    return best
