"""The X counter against twitter-text's own conformance cases (validate.yml and v3.json)."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest
from case_tables import load_yaml
from networks_cases import CONFORMANCE

from portavoz.scheduler.networks.x import V3, WeightConfig, parse_tweet, weighted_length

TWITTER_TEXT = CONFORMANCE / "twitter-text"
V3_CONFIG = WeightConfig.from_mapping(json.loads((TWITTER_TEXT / "v3.json").read_text("utf-8")))
# v2 has v3's ranges and weights, without emoji parsing.
CONFIGS = {
    "WeightedTweetsCounterTest": dataclasses.replace(V3_CONFIG, emoji_parsing=False),
    "WeightedTweetsWithDiscountedEmojiCounterTest": V3_CONFIG,
    "UnicodeDirectionalMarkerCounterTest": V3_CONFIG,
}
SECTIONS = load_yaml(TWITTER_TEXT / "validate.yml")["tests"]
CASES = [
    pytest.param(section, case, id=f"{section}: {case['description']}")
    for section in CONFIGS
    for case in SECTIONS[section]
]


def test_every_weighted_section_is_loaded() -> None:
    assert set(CONFIGS) <= set(SECTIONS)
    assert len(CASES) == sum(len(SECTIONS[section]) for section in CONFIGS)


def test_built_in_config_is_v3() -> None:
    assert V3 == V3_CONFIG


@pytest.mark.parametrize(("section", "case"), CASES)
def test_weighted_counter(section: str, case: dict[str, Any]) -> None:
    parsed = parse_tweet(case["text"], CONFIGS[section])
    assert {
        "weightedLength": parsed.weighted_length,
        "valid": parsed.valid,
        "permillage": parsed.permillage,
        "displayRangeStart": parsed.display_range_start,
        "displayRangeEnd": parsed.display_range_end,
        "validRangeStart": parsed.valid_range_start,
        "validRangeEnd": parsed.valid_range_end,
    } == case["expected"]
    # The counter's shortcut (no ranges) gives the same length.
    assert weighted_length(case["text"], CONFIGS[section]) == case["expected"]["weightedLength"]
