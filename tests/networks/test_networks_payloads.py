"""Bluesky facets, display links and shortened texts, LinkedIn escaping: cases/bluesky-*.yml,
linkedin-escape.yml."""

from __future__ import annotations

from typing import Any

import pytest
from networks_cases import cases

from portavoz.scheduler.networks import get_network
from portavoz.scheduler.networks.base import Facet, FacetKind
from portavoz.scheduler.networks.linkedin import escape_little
from portavoz.scheduler.networks.richtext import detect_facets, shorten_links
from portavoz.scheduler.networks.short_url import shorten_for_display


@pytest.mark.parametrize("case", cases("bluesky-facets"))
def test_detect_facets(case: dict[str, Any]) -> None:
    text: str = case["text"]
    encoded = text.encode("utf-8")
    # Slicing the encoded text is what a Bluesky client does with the offsets.
    assert [
        {
            "kind": facet.kind.value,
            "byteStart": facet.byte_start,
            "byteEnd": facet.byte_end,
            "shown": encoded[facet.byte_start : facet.byte_end].decode("utf-8"),
            "value": facet.value,
        }
        for facet in detect_facets(text)
    ] == case["facets"]


@pytest.mark.parametrize(
    ("facet", "feature"),
    [
        (FacetKind.LINK, {"$type": "app.bsky.richtext.facet#link", "uri": "https://a.es"}),
        (FacetKind.TAG, {"$type": "app.bsky.richtext.facet#tag", "tag": "https://a.es"}),
        (FacetKind.MENTION, {"$type": "app.bsky.richtext.facet#mention", "handle": "https://a.es"}),
    ],
)
def test_facet_record_shape(facet: FacetKind, feature: dict[str, str]) -> None:
    assert Facet(4, 16, facet, "https://a.es").as_record() == {
        "index": {"byteStart": 4, "byteEnd": 16},
        "features": [feature],
    }


@pytest.mark.parametrize("case", cases("bluesky-display"))
def test_shorten_for_display(case: dict[str, Any]) -> None:
    assert shorten_for_display(case["url"]) == case["shown"]


@pytest.mark.parametrize("case", cases("bluesky-shortened"))
def test_shortened_as_posted(case: dict[str, Any]) -> None:
    bluesky = get_network("bluesky")
    shortened = shorten_links(case["text"])
    assert shortened.text == bluesky.api_text(case["text"]) == case["api_text"]
    rows = [[f.kind.value, f.byte_start, f.byte_end, f.value] for f in shortened.facets]
    assert rows == case["facets"]
    assert bluesky.facets([case["text"]]) == (shortened.facets,)
    assert bluesky.count(case["text"]).length == case["length"]


@pytest.mark.parametrize("case", cases("linkedin-escape"))
def test_escape_little(case: dict[str, Any]) -> None:
    escaped = escape_little(case["text"], keep_hashtags=case.get("keep_hashtags", False))
    assert escaped == case["escaped"]
