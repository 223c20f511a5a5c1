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


def fit(render: Render, measure: Measure, summary: str, hashtags: tuple[str, ...]) -> Fitted:
    """Render the fullest variant that fits (or the barest one, which then does not fit)."""
    attempt = _try(render, measure, summary, hashtags)
    if attempt.count.fits:
        return attempt
    # Only name what was there to drop: a post without hashtags lost none.
    gone: tuple[Dropped, ...] = (Dropped.HASHTAGS,) if hashtags else ()
    kept = hashtags
    while kept:
        kept = kept[:-1]
        attempt = _try(render, measure, summary, kept, gone)
        if attempt.count.fits:
            return attempt
    shortened = _shortest_fitting(render, measure, summary, kept)
    if shortened is not None:
        dropped = (*gone, Dropped.SUMMARY_SHORTENED)
        return Fitted(shortened.text, shortened.count, dropped, kept)
    return _try(render, measure, "", kept, (*gone, Dropped.SUMMARY))


def _try(
    render: Render,
    measure: Measure,
    summary: str,
    hashtags: tuple[str, ...],
    dropped: tuple[Dropped, ...] = (),
) -> Fitted:
    text = render(summary, hashtags)
    return Fitted(text, measure(text), dropped, hashtags)


def _shortest_fitting(
    render: Render, measure: Measure, summary: str, hashtags: tuple[str, ...]
) -> Fitted | None:
    """Binary search on words: the longest shortened summary that fits, if any does."""
    low, high, best = 1, word_count(summary) - 1, None
    while low <= high:
        middle = (low + high) // 2
        attempt = _try(render, measure, shorten(summary, middle), hashtags)
        if attempt.count.fits:
            best, low = attempt, middle + 1
        else:
            high = middle - 1
    return best
