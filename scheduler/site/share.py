"""Share links: each network's public share/intent URL, no third-party script involved."""

from __future__ import annotations

from dataclasses import dataclass

from portavoz.scheduler.networks import get_network


@dataclass(frozen=True)
class ShareLink:
    """A link that opens a network's composer with the post's title and URL."""

    network: str
    label: str
    href: str


def share_link(
    network: str, url: str, title: str, *, mastodon_instance: str = "mastodon.social"
) -> ShareLink | None:
    """The share link for one network, or ``None`` when the network has no share URL.

    Args:
        network: A registered network's name.
        url: The post's page.
        title: The post's title.
        mastodon_instance: The server readers share from, where each has their own.
    """
    found = get_network(network)
    href = found.share_url(url, title, server=mastodon_instance)
    return None if href is None else ShareLink(network, found.label, href)


def share_links(
    networks: tuple[str, ...], url: str, title: str, *, mastodon_instance: str = "mastodon.social"
) -> tuple[ShareLink, ...]:
    """Share links for a post's channels, in the order the post lists them."""
    found = (share_link(n, url, title, mastodon_instance=mastodon_instance) for n in networks)
    return tuple(link for link in found if link is not None)
