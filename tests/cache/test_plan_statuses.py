"""A plan works out each variant's status once (issue 16): the records, feeds, calendar and CSV
all ask for it; the answer is the publish window's own for the post and network, at each
moment, also for a network the post does not go to."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from cache_plans import plan

from portavoz.scheduler.networks import network_names


@pytest.mark.parametrize("at", ["2026-06-01T00:00+02:00", "2026-07-01T00:00+02:00"])
def test_each_variant_status_is_the_window_s(example_site: Path, at: str) -> None:
    made, _ = plan(example_site, cache=False, at=at)
    for _ in range(2):  # asked again: the same answers
        for item in made.items:
            for network in network_names():
                expected = made.window.status_on(item.post, network, made.site)
                assert made.status_on(item, network) is expected


def test_another_item_is_asked_for_its_own(example_site: Path) -> None:
    made, _ = plan(example_site, cache=False)
    live = next(i for i in made.items if i.status.value == "live" and i.variants)
    network = live.variants[0].network
    assert made.status_on(live, network).value == "live"
    later = replace(live, post=replace(live.post, date=made.window.now.replace(year=2099)))
    assert made.status_on(later, network).value == "scheduled"


CLOCKS = ["2026-06-16T13:00+02:00", "2026-06-17T12:00+02:00", "2026-06-19T00:00+02:00"]


@pytest.mark.parametrize("at", CLOCKS)
@pytest.mark.parametrize("since", [None, "2026-06-17T00:00+02:00", "2026-06-20T00:00+02:00"])
def test_a_live_post_s_variants_with_their_own_moments_are_the_window_s(
    example_site: Path, monkeypatch: pytest.MonkeyPatch, at: str, since: str | None
) -> None:
    # Live at each clock, and never held as a whole (its date is before each pause): only
    # its channels' own moments (one later, one earlier) tell its variants apart.
    post = next((example_site / "content/blog/posts").glob("*reservas*.md"))
    text = post.read_text(encoding="utf-8")
    old = "channels: [telegram, mastodon, x]"
    assert old in text
    moments = "channels: {telegram: {}, mastodon: {at: -1h}, x: {at: +2d}}"
    post.write_text(text.replace(old, moments), encoding="utf-8")
    if since is not None:
        monkeypatch.setenv("PORTAVOZ_PAUSE", "Duelo oficial")
        monkeypatch.setenv("PORTAVOZ_PAUSE_SINCE", since)
    made, _ = plan(example_site, cache=False, at=at)
    item = next(i for i in made.items if "reservas" in i.post.path)
    assert item.status.value == "live"
    for each in made.items:
        for network in network_names():
            expected = made.window.status_on(each.post, network, made.site)
            assert made.status_on(each, network) is expected
