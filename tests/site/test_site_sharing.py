"""Share links of a build's posts look each network up once (issue 16, build time)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote, urlencode

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portavoz.scheduler.networks import Network, get_network, network_names
from portavoz.scheduler.site import share
from portavoz.scheduler.site.share import ShareLink, Sharing, share_links

NETWORKS = ("x", "mastodon", "bluesky", "linkedin", "facebook", "instagram")


def test_sharing_gives_the_links_share_links_gives() -> None:
    sharing = Sharing("mastodon.example")
    for title in ("Uno & dos", "Rutas 🚲 cortas"):
        url = f"https://blog.example.org/{len(title)}/"
        expected = share_links(NETWORKS, url, title, mastodon_instance="mastodon.example")
        assert sharing.links(NETWORKS, url, title) == expected
        assert {link.network for link in expected} >= {"x", "mastodon", "bluesky"}


def test_each_network_is_looked_up_once(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    real = share.get_network

    def counted(name: str) -> Network:
        asked.append(name)
        return real(name)

    monkeypatch.setattr(share, "get_network", counted)
    sharing = Sharing()
    for n in range(3):
        sharing.links(NETWORKS, f"https://blog.example.org/{n}/", f"Entrada {n}")
    assert sorted(asked) == sorted(NETWORKS)


# Issue 16: a build asks each network's share URL once with stand-ins for the URL and title,
# and fills each post's quoted URL and title in. The reference: each network asked itself.
TEXT = st.text(st.characters(codec="utf-8"), max_size=30)
STAND_INS = st.sampled_from(["PORTAVOZzSHAREzURL", "PORTAVOZzSHAREzTITLE", "", " ", "+%"])


def _asked(networks: Iterable[Network], url: str, title: str, server: str) -> list[ShareLink]:
    """Each network's own share URL for the post, as a link (the reference)."""
    made = [(n, n.share_url(url, title, server=server)) for n in networks]
    return [ShareLink(n.name, n.label, href) for n, href in made if href is not None]


@settings(max_examples=200, deadline=None)
@given(
    st.tuples(STAND_INS, TEXT, STAND_INS).map("".join),
    st.tuples(STAND_INS, TEXT, STAND_INS).map("".join),
    st.sampled_from(["mastodon.social", "m.example", "PORTAVOZzSHAREzURL.example"]),
)
def test_a_post_s_links_are_each_network_s_own_share_urls(
    url: str, title: str, server: str
) -> None:
    sharing = Sharing(server)
    names = tuple(network_names())
    for _ in range(2):  # the networks' forms made, then taken
        expected = _asked([get_network(n) for n in names], url, title, server)
        assert list(sharing.links(names, url, title)) == expected
        assert list(sharing.links(names[::-1], url, title)) == expected[::-1]


@dataclass(frozen=True)
class _Odd:
    """A network whose share URL is not its query's quoted URL and title put in place."""

    name: str
    label: str = "Odd"

    def share_url(self, url: str, title: str, *, server: str) -> str | None:
        if self.name == "cut":  # the title cut short
            return f"https://{server}/s?" + urlencode({"t": title[:12], "u": url})
        if self.name == "quote":  # quoted as a path, not a query (a space is %20)
            return f"https://{server}/s/{quote(title, safe='')}/{quote(url, safe='')}"
        if self.name == "https":  # no link for a page that is not https
            return f"https://{server}/s?" + urlencode({"u": url}) if url[:8] == "https://" else None
        # REVIEWER's three, which the first probe alone let through:
        if self.name == "cut-long":  # a title of more than 80 characters cut there
            return f"https://{server}/s?" + urlencode({"t": title[:80], "u": url})
        if self.name == "empty-left-out":  # an empty title not sent at all
            return f"https://{server}/s?" + urlencode(
                {"t": title, "u": url} if title else {"u": url}
            )
        if self.name == "stripped":  # the spaces around the title dropped
            return f"https://{server}/s?" + urlencode({"t": title.strip(), "u": url})
        return f"https://{server}/s?" + urlencode({"u": url.upper()})  # the URL changed


ODD = ["cut", "quote", "https", "upper", "cut-long", "empty-left-out", "stripped"]


@pytest.mark.parametrize("name", ODD)
def test_a_network_whose_url_is_made_otherwise_is_asked_each_post(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    odd = _Odd(name)
    monkeypatch.setattr(share, "get_network", lambda _: odd)
    sharing = Sharing("m.example")
    posts = [
        ("https://blog.example.es/a b/?x=ñ", "Título & <b>más</b> #1 +2 con algo más"),
        ("http://blog.example.es/b/", "Otro"),
        ("https://blog.example.es/c/", "PORTAVOZzSHAREzTITLE PORTAVOZzSHAREzURL"),
        ("https://blog.example.es/d/", ""),
        ("https://blog.example.es/e/", f"  {'Un título largo ' * 8}  "),
    ]
    for url, title in posts:
        assert list(sharing.links((name,), url, title)) == _asked([odd], url, title, "m.example")
