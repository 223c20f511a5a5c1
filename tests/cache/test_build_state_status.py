"""The build state works each post's status out once a build, and only for that very post
(issue 16: the plugins ask on every page)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from portavoz.scheduler.content.repository import load_posts
from portavoz.scheduler.content.window import Status, Window
from portavoz.scheduler.project import load_project
from portavoz.scheduler.usecases.state import BuildState

NOW = dt.datetime(2026, 11, 20, 12, tzinfo=dt.UTC)


def test_each_post_has_the_windows_status_and_another_object_its_own(
    example_site: Path,
) -> None:
    settings = load_project(example_site / "mkdocs.yml").settings
    posts = load_posts(example_site, settings).posts
    window = Window(NOW)
    state = BuildState(settings, window).with_posts(posts)

    assert [state.status(p) for p in posts] == [window.status(p, settings) for p in posts]
    assert {state.status(p) for p in posts} >= {Status.LIVE, Status.SCHEDULED}
    live = next(p for p in posts if state.status(p) is Status.LIVE)
    drafted = replace(live, draft=True)  # the same page, another post (a rebuild's read)
    assert state.status(drafted) is Status.DRAFT and state.status(live) is Status.LIVE
    assert state.live_posts() == [p for p in posts if window.is_live(p, settings)]
