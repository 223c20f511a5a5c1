"""Bluesky's count reads the shortened text without moving facets (issue 16), the same text.

``richtext.shortened_text`` replaces each link by its display at once; the reference is
``shorten_links``, the port of the app's edits that the differential test checks against
``@atproto/api`` and the app. Every text of that corpus, and the byte order marks, lone
surrogates and non-ASCII displays the shortcut leaves to it, give the same text.
"""

from __future__ import annotations

import pytest
from differential.bluesky_corpus import corpus
from hypothesis import given, settings
from hypothesis import strategies as st

from portavoz.scheduler.networks.richtext import shorten_links, shortened_text

EDGES = [
    "mira https://ejemplo.es/ruta\ufeff y https://b.es/x",  # a byte order mark after a link
    "\ufeffhttps://ejemplo.es/ruta-muy-larga-de-verdad",
    "https://日本.jp/パス (https://münchen.de/straße)",
    "https://[::1 y https://ejemplo.es/ruta-muy-larga-de-verdad",  # shown as written
    "texto sin enlaces, #etiqueta y @ana.bsky.social",
    "https://ejemplo.es/a(@ana.bsky.social) y ejemplo.com/ruta/larga/de/verdad.",
]


@pytest.mark.parametrize("text", [*corpus(seed=13, size=3000), *EDGES])
def test_shortened_text_is_the_text_shorten_links_makes(text: str) -> None:
    try:
        expected = shorten_links(text).text
    except UnicodeEncodeError:  # a lone surrogate: the app's port refuses it, so must this
        with pytest.raises(UnicodeEncodeError):
            shortened_text(text)
        return
    assert shortened_text(text) == expected


PIECE = st.sampled_from(
    [
        *("hola", "año", " ", "\n", "(", ")", ".", "#tag", "@ana.bsky.social", "\ufeff"),
        *("https://ejemplo.es/una/ruta/larga?utm_source=bluesky", "ejemplo.com/x", "日本.jp"),
        *("https://münchen.de/straße", "https://[::1", "http://a.es:80/", "🚲", "e\u0301"),
    ]
)


@settings(max_examples=500, deadline=None)
@given(text=st.lists(PIECE, max_size=14).map("".join))
def test_shortened_text_of_joined_pieces(text: str) -> None:
    assert shortened_text(text) == shorten_links(text).text
