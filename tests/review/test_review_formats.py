"""The Markdown report's framing, on a hand-made review (no git needed)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from review_readers import annotations, fenced_blocks, read_block

from portavoz.scheduler.base.problems import Problem
from portavoz.scheduler.content.window import Pause, Window
from portavoz.scheduler.networks import Count, Unit
from portavoz.scheduler.review.formats import MARKER, to_github, to_json, to_markdown
from portavoz.scheduler.review.review import (
    Detail,
    PostChange,
    PostReview,
    Review,
    VariantChange,
    VariantReview,
)

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


HOSTILE = "``` <!-- portavoz-review --> @equipo\n::error file=x::forged ##[warning]y"
"""A value with a fence, the marker, a mention, a line break and two workflow commands."""


def _hostile_review() -> Review:
    details = tuple((d, HOSTILE.replace("\n", " ")) for d in Detail if d is not Detail.AT)
    problem = Problem("content/blog/posts/p.md", 4, "image_alt", f"found {HOSTILE!r}")
    variant = VariantReview(
        "mastodon", "Mastodon", VariantChange.CHANGED, parts=(HOSTILE,),
        counts=(Count("mastodon", 10, 500, Unit.GRAPHEME),), previous="`" * 7, problems=(problem,),
        details=details, was=details[:2], image_link="https://blog.example/<!--x-->.jpg",
    )  # fmt: skip
    post = PostReview(
        PostChange.MODIFIED, "content/blog/posts/p.md", None, "T", None, NOW, (), (variant,)
    )
    return Review(
        "main", "HEAD", Window(NOW), "Europe/Madrid", (post,), site_url="https://blog.example/"
    )


def test_hostile_details_stay_text_in_markdown_and_annotations() -> None:
    report = _hostile_review()
    markdown = to_markdown(report)
    assert markdown.count("<!--") == 1 and markdown.startswith(MARKER)
    lines = markdown.split("\n")
    assert not [line for line in lines if line.lstrip().startswith("::") or "##[" in line]
    assert "](" not in markdown  # the image address is not a plain link: shown as code
    (block,) = fenced_blocks(markdown)  # the diff: its fence outruns the seven backticks
    kind, (before, after) = read_block(block)  # type: ignore[misc]
    assert kind == "diff" and before == "`" * 7
    assert after.replace("\u2060", "") == HOSTILE
    found = annotations(to_github(report))
    assert [a.message for a in found] == [p.format() for p in report.problems]
    assert json.loads(to_json(report).replace("#\\u0023[", "##["))["errors"] == 1
