"""The fitter: what it accepts counts within the limit, and it cuts only between tokens.

Titles, summaries and hashtags are built from whole tokens (words in many scripts, emoji
sequences, URLs, hashtags, mentions), so every token of a fitted text must be one of them,
or — once, at the end of a shortened summary — a summary word followed by "…".
"""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st
from props_strategies import HASHTAG, SOCIAL_TEXT, TOKEN, URL

from portavoz.scheduler.compose.fit import fit
from portavoz.scheduler.compose.text import ELLIPSIS
from portavoz.scheduler.networks import get_network, network_names

PUNCTUATION = ",;:.—-"
"""What the shortener may strip from the last kept word before its ellipsis."""
WHOLE = ("http://", "https://", "#", "@")
"""Tokens that must never change at all: a link, hashtag or mention with a character less is
another link, hashtag or mention."""


def graphemes(text: str) -> set[str]:
    return set(regex.findall(r"\X", text))


@settings(max_examples=60, deadline=None)
@given(
    name=st.sampled_from(network_names()),
    limit=st.integers(20, 320),
    title=st.lists(TOKEN, min_size=1, max_size=6).map(" ".join),
    summary=SOCIAL_TEXT,
    link=URL,
    hashtags=st.lists(HASHTAG, max_size=6, unique=True).map(tuple),
)
def test_fitted_text_counts_within_limit_and_keeps_tokens_whole(
    name: str, limit: int, title: str, summary: str, link: str, hashtags: tuple[str, ...]
) -> None:
    network = get_network(name, limit=limit)

    def render(summary: str, tags: tuple[str, ...]) -> str:
        return "\n\n".join(p for p in (title, summary, link, " ".join(tags)) if p)

    fitted = fit(render, network.count, summary, hashtags)

    recount = get_network(name, limit=limit).count(fitted.text)
    assert fitted.count == recount
    if fitted.count.fits:
        assert recount.length <= limit
    full = render(summary, hashtags)
    tokens = set(full.split())
    summary_words = summary.split()
    for token in fitted.text.split():
        if token in tokens:
            continue
        assert token.endswith(ELLIPSIS), f"{token!r} is not a token of {full!r}"
        base = token.removesuffix(ELLIPSIS)
        sources = [w for w in summary_words if w.rstrip(PUNCTUATION) == base or w == base]
        assert sources, f"{token!r} is not a shortened summary word"
        assert any(w == base or not w.startswith(WHOLE) for w in sources), (
            f"{token!r} changed a link, hashtag or mention"
        )
    assert graphemes(fitted.text) <= graphemes(full) | {ELLIPSIS}
