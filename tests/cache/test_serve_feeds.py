"""``mkdocs serve``'s feeds: a rebuild takes the last build's document of a feed only for the
same feed and entries (issue 16); every document equals :func:`render_feed`'s own."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from cache_plans import plan

from portavoz.scheduler.base.kept import LastBuild
from portavoz.scheduler.compose.plan import Plan, live_posts
from portavoz.scheduler.compose.settings import FeedOptions
from portavoz.scheduler.outputs import feedset
from portavoz.scheduler.outputs.feeds import FEED_FORMATS, feed_files, render_feed
from portavoz.scheduler.outputs.feedset import Feed, site_feeds

LATER = "2026-12-01T00:00+01:00"
SITE = "feed.atom.xml"  # the site-wide feed (site_feed: feed), one of its formats
OPTIONS = FeedOptions(per_audience=True, per_category=True, per_network=True)


class Rendered:
    """``render_feed``, counting the documents it renders (by path)."""

    def __init__(self) -> None:
        self.made: list[str] = []

    def __call__(self, fmt: str, info: feedset.FeedInfo, entries: object) -> str:
        self.made.append(feed_files(info)[fmt])  # type: ignore[index]
        return render_feed(fmt, info, entries)  # type: ignore[arg-type]


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> Rendered:
    counted = Rendered()
    monkeypatch.setattr(feedset, "render_feed", counted)
    monkeypatch.setattr(feedset, "_RENDERED", LastBuild())  # no other test's documents
    return counted


def _documents(made: Plan, name: str = "Rueda Libre") -> dict[str, str]:
    feeds = site_feeds(made, name, OPTIONS, description="Bicis en Valencia.")
    documents = {path: doc for feed in feeds for path, doc in feed.files().items()}
    assert documents == _reference(feeds)
    return documents


def _reference(feeds: list[Feed]) -> dict[str, str]:
    """Every document rendered directly."""
    paths = {f: feed_files(f.info) for f in feeds}
    return {paths[f][m]: render_feed(m, f.info, f.entries) for f in feeds for m in FEED_FORMATS}


def test_the_next_build_renders_no_feed_again(example_site: Path, rendered: Rendered) -> None:
    made = plan(example_site, cache=False, at=LATER)[0]
    first = _documents(made)
    assert len(rendered.made) == len(first) > 20
    rendered.made.clear()

    assert _documents(made) == first
    assert rendered.made == []


def test_an_edited_post_renders_its_feeds_again(example_site: Path, rendered: Rendered) -> None:
    made = plan(example_site, cache=False, at=LATER)[0]
    first = _documents(made)
    item = live_posts(made)[0]  # the newest live post: in every feed it belongs to
    edited = replace(item, post=replace(item.post, title="Otro título"))
    rendered.made.clear()

    again = _documents(replace(made, items=tuple(edited if i is item else i for i in made.items)))

    changed = {path for path, doc in again.items() if doc != first[path]}
    assert set(rendered.made) == changed and "Otro título" in again[SITE]


def test_another_moment_or_site_name_renders_feeds_again(
    example_site: Path, rendered: Rendered
) -> None:
    first = _documents(plan(example_site, cache=False, at=LATER)[0])
    rendered.made.clear()

    earlier = _documents(plan(example_site, cache=False)[0])  # fewer posts are live
    renamed = _documents(plan(example_site, cache=False, at=LATER)[0], "Rueda")

    assert earlier[SITE] != first[SITE] != renamed[SITE]
    assert len(rendered.made) == len(earlier) + len(renamed)
