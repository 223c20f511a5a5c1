"""A post's feed entry is made once a build for each network and shared by the feeds it is
in, and each entry's hash once (issue 16): every feed equals the one whose entries are made
for each feed, and the keys tell apart feeds whose entries differ in one field."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from cache_plans import plan

from portavoz.scheduler.compose.plan import Plan
from portavoz.scheduler.compose.settings import FeedOptions
from portavoz.scheduler.outputs import feedset
from portavoz.scheduler.outputs.feedset import site_feeds
from portavoz.scheduler.usecases.feed_cache import open_feed_cache

OPTIONS = FeedOptions(per_audience=True, per_category=True, per_network=True)


@pytest.fixture
def made(example_site: Path) -> Plan:
    return plan(example_site, cache=False)[0]


def test_shared_entries_make_the_feeds_entries_made_for_each_feed(
    made: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = site_feeds(made, "Rueda Libre", OPTIONS, description="Bicis.", keep=False)
    monkeypatch.setattr(
        feedset,
        "_made_entry",
        lambda item, plan, about, variant, network: feedset._entry(
            item, plan, about.author, variant, network
        ),
    )
    each = site_feeds(made, "Rueda Libre", OPTIONS, description="Bicis.", keep=False)

    assert shared == each
    entries = [e for f in shared for e in f.entries]
    assert len({id(e) for e in entries}) < len(entries)  # some entry is in several feeds


def test_feeds_whose_entries_differ_in_one_field_have_other_keys(
    example_site: Path, made: Plan
) -> None:
    feeds = site_feeds(made, "Rueda Libre", OPTIONS, keep=False)
    feed = next(f for f in feeds if len(f.entries) > 1)
    cache = open_feed_cache(example_site, example_site / ".portavoz")
    first = cache._feed_key(feed.info, feed.entries)

    for field, value in [("title", "Otro"), ("summary", "x"), ("language", "en")]:
        changed = (replace(feed.entries[0], **{field: value}), *feed.entries[1:])
        assert cache._feed_key(feed.info, changed) not in (None, first), field
    reordered = (*feed.entries[1:], feed.entries[0])
    assert cache._feed_key(feed.info, reordered) != first
    assert cache._feed_key(feed.info, feed.entries) == first
