"""Bluesky's facets and count agree with @atproto/api on a seeded corpus of adversarial texts.

The reference is npm @atproto/api 0.21.0 (package.json), run once through Node on the whole
corpus (differential/atproto_oracle.mjs), with the app's link shortening as the composer does
it. Every class of disagreement found this way is also a case in cases/bluesky-*.yml and
cases/units.yml, so the fast tests keep it without Node; those cases run here too.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
from case_tables import load_yaml
from differential.bluesky_corpus import corpus
from networks_cases import CASES
from node_json import node_json

from portavoz.scheduler.networks.richtext import detect_facets, shorten_links
from portavoz.scheduler.networks.units import grapheme_length

ORACLE = Path(__file__).resolve().parent / "differential" / "atproto_oracle.mjs"
SIZE = 6000


def _case_texts() -> list[str]:
    """The texts and links of the fixture cases, so the fixtures are the library's truth too."""
    texts = [
        str(case["text"])
        for name in ("bluesky-facets", "bluesky-shortened", "units")
        for case in load_yaml(CASES / f"{name}.yml")
    ]
    return [*texts, *(str(case["url"]) for case in load_yaml(CASES / "bluesky-display.yml"))]


@cache
def _texts() -> tuple[str, ...]:
    return (*corpus(seed=13, size=SIZE), *_case_texts())


@cache
def _reference() -> tuple[dict[str, Any], ...]:
    return tuple(node_json(ORACLE, "@atproto/api", stdin=list(_texts()), timeout=600))


def _portavoz(text: str) -> dict[str, Any]:
    def rows(facets: Any) -> list[list[object]]:
        return [[f.kind.value, f.byte_start, f.byte_end, f.value] for f in facets]

    shortened = shorten_links(text)
    return {
        "facets": rows(detect_facets(text)),
        "graphemes": grapheme_length(text),
        "shortText": shortened.text,
        "shortFacets": rows(shortened.facets),
        "shortGraphemes": grapheme_length(shortened.text),
    }


def test_corpus_is_large_and_varied() -> None:
    texts = _texts()
    assert len(texts) >= 5000
    facets = [row for result in _reference() for row in result["facets"]]
    assert {row[0] for row in facets} == {"link", "tag", "mention"}
    assert sum(1 for t in texts if len(t) >= 280) > 100  # texts at and over the limit


@pytest.mark.parametrize(
    "key", ["facets", "graphemes", "shortText", "shortFacets", "shortGraphemes"]
)
def test_agrees_with_atproto(key: str) -> None:
    disagreements = [
        (text, mine[key], reference[key])
        for text, reference in zip(_texts(), _reference(), strict=True)
        if (mine := _portavoz(text))[key] != reference[key]
    ]
    assert disagreements[:5] == [], f"{len(disagreements)} of {len(_texts())} texts disagree"
