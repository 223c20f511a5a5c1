"""A network's feed is the newest due variants of the live posts going there (issue 16, serve
rebuild): made in one pass over the live posts, a post whose every variant stands where it
does (Plan.alike) not asked each variant's status, and the newest picked without sorting them
all. Each network feed equals the reference (the live posts going there, filtered by each
variant's status, sorted newest first, cut to size) at clocks putting channels' own moments
before and after, with equal moments and for every size."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from cache_plans import plan

from portavoz.scheduler.compose.plan import Plan, Planned, live_posts
from portavoz.scheduler.compose.settings import FeedOptions
from portavoz.scheduler.content.window import Status
from portavoz.scheduler.outputs.feedset import FeedRole, site_feeds

OPEN_DAY = "content/blog/posts/2026-11-03-puertas-abiertas-empresas.md"
"""Live from 09:45 on 2026-11-03; given X two hours later, Telegram the evening before."""


def _reference(made: Plan, network: str, size: int) -> list[str]:
    """The network feed's posts (their URLs) as the feed was made before this change."""
    going = [i for i in live_posts(made) if network in {v.network for v in i.variants}]
    due = sorted(
        (i for i in going if made.status_on(i, network) is Status.LIVE),
        key=lambda i: i.post.moment_on(network),
        reverse=True,
    )
    return [i.url for i in due[:size]]


def _network_feeds(made: Plan, size: int) -> dict[str, list[str]]:
    options = FeedOptions(per_network=True, size=size)
    feeds = site_feeds(made, "Rueda Libre", options, keep=False)
    return {f.subject: [e.url for e in f.entries] for f in feeds if f.role is FeedRole.NETWORK}


def _same_date(made: Plan) -> Plan:
    """``made`` with every post on one date: each network's moments tie."""
    day = made.items[0].post.date

    def moved(item: Planned) -> Planned:
        return replace(item, post=replace(item.post, date=day))

    return Plan(made.window, made.site, tuple(moved(i) for i in made.items))


@pytest.fixture
def own_moments(example_site: Path) -> Path:
    path = example_site / OPEN_DAY
    text = path.read_text(encoding="utf-8")
    old = "channels: [linkedin, x, telegram]\n"
    assert text.count(old) == 1
    new = "channels:\n  linkedin: {}\n  x: {at: +2h}\n  telegram: {at: 2026-11-02 18:00:00}\n"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return example_site


@pytest.mark.parametrize(
    "at",
    [
        "2026-06-01T00:00+02:00",
        "2026-11-03T10:00+01:00",  # the post live, its X variant still to come
        "2026-11-03T12:00+01:00",  # and come
        "2027-06-01T00:00+02:00",
    ],
)
def test_each_network_feed_is_the_newest_due_variants(own_moments: Path, at: str) -> None:
    made = plan(own_moments, cache=False, at=at)[0]
    assert live_posts(made)
    for size in (1, 2, 3, 20):
        for ties in (made, _same_date(made)):
            found = _network_feeds(ties, size)
            assert found, at
            for network, urls in found.items():
                assert urls == _reference(ties, network, size), (at, size, network)


def test_a_variant_still_to_come_waits_outside_its_network_feed(own_moments: Path) -> None:
    before = plan(own_moments, cache=False, at="2026-11-03T10:00+01:00")[0]
    after = plan(own_moments, cache=False, at="2026-11-03T12:00+01:00")[0]
    url = next(i.url for i in before.items if i.post.path == OPEN_DAY)

    assert url not in _network_feeds(before, 20)["x"]
    assert url in _network_feeds(after, 20)["x"]
    assert url in _network_feeds(before, 20)["telegram"]
    assert dt.datetime.fromisoformat("2026-11-03T12:00+01:00") > before.window.now
