"""Share links of a build's posts look each network up once (issue 16, build time)."""

from __future__ import annotations

import pytest

from portavoz.scheduler.networks import Network
from portavoz.scheduler.site import share
from portavoz.scheduler.site.share import Sharing, share_links

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
