"""Every network's counter takes any text: it measures, it never raises."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from props_strategies import ANY_TEXT, SOCIAL_TEXT

from portavoz.scheduler.networks import Count, get_network, network_names

TEXTS = st.one_of(ANY_TEXT, SOCIAL_TEXT, st.tuples(ANY_TEXT, SOCIAL_TEXT).map("".join))


@pytest.mark.parametrize("name", network_names())
@settings(max_examples=60, deadline=None)
@given(text=TEXTS, warning=st.one_of(st.just(""), ANY_TEXT))
def test_counter_measures_any_text(name: str, text: str, warning: str) -> None:
    network = get_network(name)

    count = network.count(text, content_warning=warning)

    assert isinstance(count, Count)
    assert count.network == name
    assert count.length >= 0
    assert count.limit == network.limit
    assert all(isinstance(p, str) and p for p in count.problems)
    assert network.count(text, content_warning=warning) == count  # no hidden state
    # An empty text measures nothing; whether it may be posted is the network's rule (Mastodon's
    # server and twitter-text refuse it, issue 13).
    assert network.count("").length == 0
