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
