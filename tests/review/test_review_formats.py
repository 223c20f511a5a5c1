"""The Markdown report's framing, on a hand-made review (no git needed)."""

from __future__ import annotations

import datetime as dt

from portavoz.scheduler.content.window import Window
from portavoz.scheduler.review.formats import MARKER, to_markdown
from portavoz.scheduler.review.review import Review

NOW = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))


def test_notes_are_a_quote_of_their_own() -> None:
    """A paragraph right after a ``>`` line would be read as part of the quote."""
    report = Review(
        base="main",
        head="working tree",
        window=Window(NOW),
        timezone="Europe/Madrid",
        posts=(),
        notes=("🚨 Listening: crisis signal",),
    )
    lines = to_markdown(report).split("\n")
    assert lines[0] == MARKER
    quote = lines.index("> 🚨 Listening: crisis signal")
    assert lines[quote + 1] == ""
    assert lines[quote + 2] == "No post or social variant changed."
