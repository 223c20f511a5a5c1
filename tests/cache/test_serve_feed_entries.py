"""``mkdocs serve`` takes a feed entry from the last build in the process for the same inputs
(issue 16): the same post object, its variants' key, its URL, its authors' names, the network
and the site's settings. A build after each input changed once gives the feeds a build with
nothing kept gives, and they differ from the last build's where that input shows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from cache_plans import plan

from portavoz.scheduler.base.kept import LastBuild
from portavoz.scheduler.compose.plan import Plan, Planned, Variants
from portavoz.scheduler.compose.settings import FeedOptions
from portavoz.scheduler.outputs import feedset
from portavoz.scheduler.outputs.feedset import Feed, site_feeds

OPTIONS = FeedOptions(per_audience=True, per_category=True, per_network=True)
Author = Callable[[str], str]


def _feeds(made: Plan, author: Author = str) -> list[Feed]:
    """A serve build's feeds (entries kept for the next build and taken from the last)."""
    return site_feeds(made, "Rueda Libre", OPTIONS, author=author, keep=True)


def _fresh(made: Plan, author: Author = str) -> list[Feed]:
    """The reference: nothing kept from an earlier build."""
    saved, feedset._ENTRIES = feedset._ENTRIES, LastBuild()
    try:
        return site_feeds(made, "Rueda Libre", OPTIONS, author=author, keep=False)
    finally:
        feedset._ENTRIES = saved


def _changed(made: Plan, change: Callable[[Planned], Planned]) -> Plan:
    """``made`` with every live item changed by ``change``."""
    return replace(made, items=tuple(change(i) for i in made.items))


def _new_post(item: Planned) -> Planned:
    return replace(item, post=replace(item.post, title=item.post.title + " (2)"))


def _new_variants(item: Planned) -> Planned:
    variants = [replace(v, parts=(v.parts[0] + " ¡Nuevo!", *v.parts[1:])) for v in item.variants]
    return replace(item, composed=Variants.of(variants), key=item.key[::-1])


def _new_url(item: Planned) -> Planned:
    return replace(item, url=item.url.rstrip("/") + "-2/")


@pytest.fixture
def made(example_site: Path, monkeypatch: pytest.MonkeyPatch) -> Plan:
    monkeypatch.setattr(feedset, "_ENTRIES", LastBuild())
    made = plan(example_site)[0]
    assert all(i.key for i in made.items)  # through the cache: every entry can be kept
    return made


@pytest.mark.parametrize("change", [_new_post, _new_variants, _new_url])
def test_an_items_input_changed_makes_its_entries_again(
    made: Plan, change: Callable[[Planned], Planned]
) -> None:
    first = _feeds(made)
    assert first == _fresh(made)
    assert _feeds(made) == first  # taken from the last build

    changed = _changed(made, change)
    again = _feeds(changed)

    assert again == _fresh(changed) and again != first


def test_the_authors_names_and_the_sites_settings_make_entries_again(made: Plan) -> None:
    first = _feeds(made)
    renamed = _feeds(made, author=lambda a: f"{a} (equipo)")
    assert _feeds(made) == first
    moved = replace(made, site=replace(made.site, site_url="https://otra.example/"))
    elsewhere = _feeds(moved)  # right after a build of the same items at the other site

    assert renamed == _fresh(made, author=lambda a: f"{a} (equipo)") and renamed != first
    assert elsewhere == _fresh(moved) and elsewhere != first
    ids = {e.id for f in elsewhere for e in f.entries}
    assert ids.isdisjoint({e.id for f in first for e in f.entries})
