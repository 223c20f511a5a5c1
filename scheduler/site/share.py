"""Share links: each network's public share/intent URL, no third-party script involved."""

from __future__ import annotations

from dataclasses import dataclass

from portavoz.scheduler.networks import Network, get_network


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
    return Sharing(mastodon_instance).link(network, url, title)


def share_links(
    networks: tuple[str, ...], url: str, title: str, *, mastodon_instance: str = "mastodon.social"
) -> tuple[ShareLink, ...]:
    """Share links for a post's channels, in the order the post lists them."""
    return Sharing(mastodon_instance).links(networks, url, title)


class Sharing:
    """:func:`share_links` for the posts of one build: each network is looked up once.

    A network's lookup reads its worded defaults from the translations and checks its
    options, which cost more than the link itself on every post of a site.
    """

    def __init__(self, mastodon_instance: str = "mastodon.social") -> None:
        self.mastodon_instance = mastodon_instance
        self._networks: dict[str, Network] = {}

    def link(self, network: str, url: str, title: str) -> ShareLink | None:
        """As :func:`share_link`."""
        found = self._networks.get(network)
        if found is None:
            found = self._networks[network] = get_network(network)
        href = found.share_url(url, title, server=self.mastodon_instance)
        return None if href is None else ShareLink(network, found.label, href)

    def links(self, networks: tuple[str, ...], url: str, title: str) -> tuple[ShareLink, ...]:
        """As :func:`share_links`."""
        found = (self.link(n, url, title) for n in networks)
        return tuple(link for link in found if link is not None)
