"""A plain ``mkdocs build`` lets go of the posts' Markdown bodies and key lines once they are
composed and linted; ``mkdocs serve`` keeps them for its rebuilds. Nothing else of a post
changes."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from cache_plans import build_in_process

from portavoz.scheduler.content.model import Post
from portavoz.scheduler.usecases.state import STATE_KEY, BuildState


def _build(root: Path, command: str, monkeypatch: pytest.MonkeyPatch) -> BuildState:
    config = build_in_process(root, command, monkeypatch)
    state = config[STATE_KEY]
    assert isinstance(state, BuildState)
    return state


def _without_body(post: Post) -> dict[str, object]:
    released = {"body", "lines"}
    return {
        f.name: getattr(post, f.name) for f in dataclasses.fields(post) if f.name not in released
    }


def test_a_plain_build_ends_without_the_posts_bodies_and_lines(
    example_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    posts = _build(example_site, "build", monkeypatch).read_posts()

    assert posts and all(post.body == "" and not post.lines for post in posts)
    assert all(post.line_of("title") is None for post in posts)


def test_serve_keeps_every_posts_body_and_lines(
    example_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    posts = _build(example_site, "serve", monkeypatch).read_posts()

    for post in posts:
        text = (example_site / post.path).read_text(encoding="utf-8")
        assert post.body.strip() and post.body.strip() in text
        line = post.line_of("date")
        assert line is not None and text.splitlines()[line - 1].startswith("date:")


def test_releasing_the_bodies_changes_nothing_else_of_a_post(
    example_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    served = _build(example_site, "serve", monkeypatch)
    # Copies: serve's own posts stay kept for a next rebuild in this process.
    state = served.with_posts(dataclasses.replace(post) for post in served.read_posts())
    before = [_without_body(post) for post in state.read_posts()]

    state.release_sources()

    assert [_without_body(post) for post in state.read_posts()] == before
    assert all(post.body == "" and not post.lines for post in state.read_posts())
