"""X's counter against cases/x-twitter-text.yml: what twitter-text 3.1.0 says, without Node.

The expectations come from npm twitter-text; tests/networks/differential/ checks them against
it again on every run, beside a generated corpus.
"""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest
from networks_cases import case_text, cases

from portavoz.scheduler.networks import get_network
from portavoz.scheduler.networks.twitter_text import extract_urls_with_indices
from portavoz.scheduler.networks.x import parse_tweet


@pytest.mark.parametrize("case", cases("x-twitter-text"))
def test_x_measures_as_twitter_text(case: dict[str, Any]) -> None:
    text = case_text(case)
    parsed = parse_tweet(text)
    urls = extract_urls_with_indices(unicodedata.normalize("NFC", text))
    assert {
        "weighted_length": parsed.weighted_length,
        "valid": parsed.valid,
        "permillage": parsed.permillage,
        "valid_range_end": parsed.valid_range_end,
        "urls": [[url.url, url.start, url.end] for url in urls],
    } == {
        key: case[key]
        for key in ("weighted_length", "valid", "permillage", "valid_range_end", "urls")
    }


@pytest.mark.parametrize("case", cases("x-twitter-text"))
def test_x_count_fits_when_twitter_text_says_valid(case: dict[str, Any]) -> None:
    count = get_network("x").count(case_text(case))
    assert count.length == case["weighted_length"]
    assert count.fits is case["valid"]
