"""Bluesky facets and display links, LinkedIn escaping: cases/bluesky-*.yml, linkedin-escape.yml."""

from __future__ import annotations

from typing import Any

import pytest
from networks_cases import cases

from portavoz.scheduler.networks.bluesky import link_facets, shorten_for_display
from portavoz.scheduler.networks.linkedin import escape_little


@pytest.mark.parametrize("case", cases("bluesky-facets"))
def test_link_facets(case: dict[str, Any]) -> None:
    text: str = case["text"]
    facets = link_facets(text, case.get("links"))
    encoded = text.encode("utf-8")
    # Slicing the encoded text is what a Bluesky client does with the offsets.
    assert [
        {
            "byteStart": facet.byte_start,
            "byteEnd": facet.byte_end,
            "shown": encoded[facet.byte_start : facet.byte_end].decode("utf-8"),
            "uri": facet.uri,
        }
        for facet in facets
    ] == case["facets"]


def test_facet_record_shape() -> None:
    (facet,) = link_facets("ver https://a.es")
    assert facet.as_record() == {
        "index": {"byteStart": 4, "byteEnd": 16},
        "features": [{"$type": "app.bsky.richtext.facet#link", "uri": "https://a.es"}],
    }


@pytest.mark.parametrize("case", cases("bluesky-display"))
def test_shorten_for_display(case: dict[str, Any]) -> None:
    assert shorten_for_display(case["url"]) == case["shown"]


@pytest.mark.parametrize("case", cases("linkedin-escape"))
def test_escape_little(case: dict[str, Any]) -> None:
    escaped = escape_little(case["text"], keep_hashtags=case.get("keep_hashtags", False))
    assert escaped == case["escaped"]
