"""Share URLs' queries quote each text once a post (issue 16: a post page's share links
quoted its URL and title again for every network): the same query as urlencode gives."""

from __future__ import annotations

from urllib.parse import urlencode

from hypothesis import given, settings
from hypothesis import strategies as st

from portavoz.scheduler.networks import get_network, network_names
from portavoz.scheduler.networks.base import share_query

TEXT = st.text(st.characters(codec="utf-8"), max_size=40)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(TEXT, TEXT, max_size=3), st.integers(min_value=1, max_value=3))
def test_a_query_is_urlencode_s_also_when_asked_again(fields: dict[str, str], times: int) -> None:
    for _ in range(times):  # the quoted texts kept from the first time
        assert share_query(fields) == urlencode(fields)


def test_each_network_s_share_url_quotes_as_urlencode() -> None:
    url, title = "https://blog.example.es/a b/?x=1&y=ñ", "Título & <b>más</b> #1 +2"
    found = {n: get_network(n).share_url(url, title, server="m.example") for n in network_names()}
    expected = {
        "bluesky": "https://bsky.app/intent/compose?" + urlencode({"text": f"{title} {url}"}),
        "facebook": "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}),
        "linkedin": "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url}),
        "mastodon": "https://m.example/share?" + urlencode({"text": f"{title} {url}"}),
        "telegram": "https://t.me/share/url?" + urlencode({"text": title, "url": url}),
        "threads": "https://www.threads.com/intent/post?" + urlencode({"text": f"{title} {url}"}),
        "x": "https://x.com/intent/post?" + urlencode({"text": title, "url": url}),
    }
    assert {n: u for n, u in found.items() if u is not None} == expected


def test_every_character_is_quoted_as_urlencode_quotes_it() -> None:
    # share_query quotes through its own table of bytes (issue 16): each character of the
    # Basic Multilingual Plane but the surrogates, and some astral ones, alone and in a run.
    characters = [chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000]
    characters += ["😀", "𝕏", chr(0x10FFFF)]
    for character in characters:
        fields = {"text": character, character: f"a{character}b {character}"}
        assert share_query(fields) == urlencode(fields), repr(character)
