"""The one handoff between plugins (the build state on the build's config) and the site feed
chosen by its role, not by its place in the list."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from portavoz.scheduler.compose.settings import FeedOptions, scheduler_settings
from portavoz.scheduler.content.repository import discover, load_posts
from portavoz.scheduler.content.window import Window
from portavoz.scheduler.outputs.feedset import FeedRole, site_feeds
from portavoz.scheduler.project import load_project
from portavoz.scheduler.usecases.scheduling import feed_links, plan_posts
from portavoz.scheduler.usecases.state import BuildState, BuildStateError, hand_over, received

REPO = Path(__file__).resolve().parents[2]
NOW = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def example() -> BuildState:
    """The example's posts, read as portavoz/site reads them, at a fixed moment."""
    project = load_project(REPO / "mkdocs.yml")
    loaded = load_posts(project.root, project.settings, discover(project.root, project.settings))
    return BuildState(project.settings, Window(NOW)).with_posts(loaded.posts)


def test_the_state_handed_over_is_the_state_received(example: BuildState) -> None:
    config: dict[str, object] = {"site_name": "x"}

    hand_over(config, example)

    assert received(config, "portavoz/scheduler") is example
    assert received(config, "portavoz/scheduler").read_posts() == example.read_posts()


@pytest.mark.parametrize("config", [{}, {"portavoz_build": "something else"}])
def test_no_state_names_the_plugin_that_is_missing(config: dict[str, object]) -> None:
    with pytest.raises(BuildStateError, match=r"^portavoz/scheduler needs the portavoz/site"):
        received(config, "portavoz/scheduler")


def test_posts_are_not_there_before_they_are_read(example: BuildState) -> None:
    before = BuildState(example.settings, example.window)

    assert before.post(example.read_posts()[0].src_uri) is None
    with pytest.raises(BuildStateError, match="on_files"):
        before.read_posts()


def test_live_posts_are_the_window_s(example: BuildState) -> None:
    posts = example.read_posts()
    live = [p for p in posts if example.window.is_live(p, example.settings)]

    assert example.live_posts() == live
    assert 0 < len(live) < len(posts)


def test_the_site_feed_is_chosen_by_its_role_wherever_it_is(example: BuildState) -> None:
    project = load_project(REPO / "mkdocs.yml")
    settings = scheduler_settings(project.options("portavoz/scheduler"))
    plan, _ = plan_posts(example.read_posts(), example.window, example.settings, settings, None)
    feeds = site_feeds(plan, "Rueda Libre", FeedOptions())
    site_url = example.settings.site_url

    links = feed_links(reversed(feeds))

    assert [f.role for f in feeds].count(FeedRole.SITE) == 1
    assert feeds[-1].role is not FeedRole.SITE
    assert [link["url"] for link in links] == [
        f"{site_url}feed.rss.xml",
        f"{site_url}feed.atom.xml",
        f"{site_url}feed.json",
    ]
    assert {link["title"] for link in links} == {"Rueda Libre"}
    assert feed_links([f for f in feeds if f.role is not FeedRole.SITE]) == []
