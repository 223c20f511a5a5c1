"""The Markdown report's framing, on a hand-made review (no git needed)."""

from __future__ import annotations

import datetime as dt

import pytest

from portavoz.scheduler.content.window import Pause, Window
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


def _framing(language: str) -> list[str]:
    report = Review(
        base="main",
        head="HEAD",
        window=Window(NOW, Pause("incidencia", NOW)),
        timezone="Europe/Madrid",
        posts=(),
        global_changes=("mkdocs.yml",),
        language=language,
    )
    return to_markdown(report).split("\n")


@pytest.mark.parametrize(
    ("language", "heading", "pause", "empty"),
    [
        (
            "es",
            "## revisión de portavoz · 0 publicaciones · 0 errores · 0 avisos",
            "> ⏸️ **Pausa por crisis**: incidencia",
            "No cambió ninguna publicación ni variante social.",
        ),
        (
            "en",
            "## portavoz review · 0 posts · 0 errors · 0 warnings",
            "> ⏸️ **Crisis pause**: incidencia",
            "No post or social variant changed.",
        ),
        (  # a language without a catalog: English
            "pt-BR",
            "## portavoz review · 0 posts · 0 errors · 0 warnings",
            "> ⏸️ **Crisis pause**: incidencia",
            "No post or social variant changed.",
        ),
    ],
)
def test_the_framing_is_in_the_site_language(
    language: str, heading: str, pause: str, empty: str
) -> None:
    lines = _framing(language)
    assert lines[1] == heading
    assert pause in lines
    assert lines[-2] == empty
