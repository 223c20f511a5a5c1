"""The preview panel's meter names the network's unit in the site's language (issue 12)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import cast

import pytest

from portavoz.scheduler.compose.plan import Planned
from portavoz.scheduler.compose.variant import Variant
from portavoz.scheduler.content.window import Status
from portavoz.scheduler.i18n import messages
from portavoz.scheduler.networks import get_network
from portavoz.scheduler.site.preview import social_panel

ZONE = dt.timezone(dt.timedelta(hours=1))


def _counts_shown(language: str, network: str, text: str) -> str:
    count = get_network(network).count(text)
    variant = Variant(network=network, parts=(text,), counts=(count,), link="https://a.es/")
    # The panel reads only these three fields of a planned post.
    post = SimpleNamespace(date=dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC))
    item = cast(Planned, SimpleNamespace(post=post, status=Status.LIVE, variants=(variant,)))
    panel = social_panel(item, (), messages(language), zone=ZONE, labels={})
    return panel.cards[0].parts[0].count


@pytest.mark.parametrize(
    ("language", "network", "expected"),
    [
        ("es", "x", "4 / 280 caracteres ponderados"),
        ("es", "mastodon", "4 / 500 grafemas"),
        ("es", "linkedin", "4 / 3.000 unidades de código UTF-16"),
        ("es", "threads", "4 / 500 caracteres"),
        ("en", "x", "4 / 280 weighted characters"),
        ("en", "bluesky", "4 / 300 graphemes"),
        ("en", "facebook", "4 / 63,206 UTF-16 code units"),
        ("en", "threads", "4 / 500 characters"),
    ],
)
def test_the_meter_names_the_unit_in_the_sites_language(
    language: str, network: str, expected: str
) -> None:
    assert _counts_shown(language, network, "Hola") == expected
