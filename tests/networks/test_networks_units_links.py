"""Units of measure and link finding, against cases/units.yml and cases/links.yml."""

from __future__ import annotations

from typing import Any

import pytest
from networks_cases import cases

from portavoz.scheduler.networks.units import grapheme_length, utf8_length, utf16_length
from portavoz.scheduler.networks.urls import find_links


@pytest.mark.parametrize("case", cases("units"))
def test_units(case: dict[str, Any]) -> None:
    text = case["text"]
    assert grapheme_length(text) == case["graphemes"]
    assert utf16_length(text) == case["utf16"] == len(text.encode("utf-16-le")) // 2
    assert utf8_length(text) == case["utf8"]


@pytest.mark.parametrize("case", cases("links"))
def test_links(case: dict[str, Any]) -> None:
    text = case["text"]
    links = find_links(text, require_scheme=case.get("require_scheme", False))
    assert [link.url for link in links] == case["links"]
    assert all(text[link.start : link.end] == link.url for link in links)
