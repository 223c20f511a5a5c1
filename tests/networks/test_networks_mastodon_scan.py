"""The Mastodon counter's link scan skips only positions where no link can start.

``_url_matches`` must find exactly the matches ``_url_pattern().finditer`` finds (the scan as
it was, kept here as the reference): same spans and groups, on generated dotted runs glued to
schemes and on every text of cases/mastodon-validator.yml.
"""

from __future__ import annotations

from typing import Any

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st
from networks_cases import cases
from test_networks_mastodon import _text

from portavoz.scheduler.networks.mastodon import _url_matches, _url_pattern

PIECES = (
    *("a", "x", "b2", "é", "ſ", "\u212a", "😀", "com", "co", "org", "xn--p1ai", "https"),
    *(".", ".", "_", "-", "/", ":", "@", "#", "?", "(", ")", "+", "1", "\n", " ", "\u200e"),
    *("https://", "http://", "HTTPS://", "dat://", "gemini://", "://", "t.co/", "a.", "com."),
)
"""Labels, TLDs (whole and cut), schemes and the characters that end or join them."""


def _spans(matches: Any) -> list[tuple[object, ...]]:
    """Each match's span and the spans of the groups the counter reads."""
    return [(m.span(), m.span("url"), m.span("scheme"), m.span("domain")) for m in matches]


def _reference(text: str, start: int, end: int) -> list[tuple[object, ...]]:
    """The scan as it was: the pattern tried at every position."""
    return _spans(_url_pattern().finditer(text, start, end))


def _same(text: str, start: int = 0, end: int | None = None) -> None:
    end = len(text) if end is None else end
    assert _spans(_url_matches(text, start, end)) == _reference(text, start, end)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=24).map("".join), st.data())
def test_scan_finds_what_the_pattern_finds(text: str, data: st.DataObject) -> None:
    _same(text)
    start = data.draw(st.integers(0, len(text)))
    _same(text, start, data.draw(st.integers(start, len(text))))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES[:12]), min_size=1, max_size=12), st.data())
def test_scan_on_dotted_runs_glued_to_a_link(labels: list[str], data: st.DataObject) -> None:
    glue = data.draw(st.sampled_from([".", "_.", "-.", "..", ""]))
    link = data.draw(st.sampled_from(["https://x.com", "http://a.b.org/p", "ssb://x.co", "://y"]))
    _same(".".join(labels) + glue + link)


@pytest.mark.parametrize("case", cases("mastodon-validator"))
def test_scan_on_the_validator_cases(case: dict[str, Any]) -> None:
    for text in (_text(case["text"]), _text(case.get("content_warning", ""))):
        for run in regex.finditer(r"[^\t-\r \x85]+", text):
            _same(text, max(run.start() - 1, 0), run.end())
