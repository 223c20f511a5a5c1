"""Share links: each network's public share/intent URL, no third-party script involved."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from portavoz.scheduler.networks import Network, get_network
from portavoz.scheduler.networks.base import share_query


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


# Stand-ins for the URL and the title, asked of a network once a build: letters only, which
# a query quotes as they are, so they come back in its share URL where the quoted texts go.
_URL, _TITLE = "PORTAVOZzSHAREzURL", "PORTAVOZzSHAREzTITLE"
_FIELDS = re.compile(f"({_URL}|{_TITLE})")
# What a network's form is checked with, each pair as the form fills it and as the network
# makes it: a URL and a title with characters a query quotes (reserved, non-ASCII, the space,
# "+" and "%"); both empty (a network may leave an empty field out); and long ones padded
# with spaces (a network may cut or strip them). A form that differs on any is not used.
_PROBES = (
    ("https://example.org/a b/ñ?x=1&y=2#z%41+~", "Título & <b>\"'+%20 ~_.-/ 🚲"),
    ("", ""),
    (f"  https://example.org/{'l' * 3000}  ", f"  {'Título largo ' * 300}  "),
)


class _Form(NamedTuple):
    """How a build makes a network's share links.

    Attributes:
        network: The network.
        pieces: Its share URL with the quoted URL and title to go in: the text before the
            first, then each one's place (``0`` the URL, ``1`` the title) with the text after
            it; ``None`` when the network's URL is not its text with them in it, and is asked
            for each post.
    """

    network: Network
    pieces: _Pieces | None


_Pieces = tuple[str, tuple[tuple[int, str], ...]]


def _quoted(text: str) -> str:
    """``text`` as a share URL's query quotes it (:func:`share_query`'s own quoting)."""
    return share_query({"": text})[1:]


def _fill(pieces: _Pieces, url: str, title: str) -> str:
    """The share URL of ``pieces`` for the already quoted ``url`` and ``title``."""
    head, rest = pieces
    fields = (url, title)
    return head + "".join([fields[field] + text for field, text in rest])


def _form(network: Network, server: str) -> _Form:
    """The network's share URL as pieces, when its URL for the stand-ins is exactly where
    the quoted URL and title go (checked with :data:`_PROBES`); else asked for each post."""
    made = network.share_url(_URL, _TITLE, server=server)
    if made is None:
        return _Form(network, None)
    head, *split = _FIELDS.split(made)  # text, then each field and the text after it
    fields = [int(field == _TITLE) for field in split[::2]]
    pieces = head, tuple(zip(fields, split[1::2], strict=True))
    for url, title in _PROBES:
        if _fill(pieces, _quoted(url), _quoted(title)) != network.share_url(
            url, title, server=server
        ):
            return _Form(network, None)
    return _Form(network, pieces)


class Sharing:
    """:func:`share_links` for the posts of one build: each network is looked up once.

    A network's lookup reads its worded defaults from the translations and checks its
    options, which cost more than the link itself on every post of a site. Its share URL is
    asked once too, with stand-ins for the URL and title, which each post's quoted URL and
    title then replace: a post's URL and title are quoted once, not once a network.
    """

    def __init__(self, mastodon_instance: str = "mastodon.social") -> None:
        self.mastodon_instance = mastodon_instance
        self._forms: dict[str, _Form] = {}

    def link(self, network: str, url: str, title: str) -> ShareLink | None:
        """As :func:`share_link`."""
        found = self.links((network,), url, title)
        return found[0] if found else None

    def links(self, networks: tuple[str, ...], url: str, title: str) -> tuple[ShareLink, ...]:
        """As :func:`share_links`."""
        quoted: tuple[str, str] | None = None
        links = []
        for name in networks:
            form = self._forms.get(name)
            if form is None:
                form = self._forms[name] = _form(get_network(name), self.mastodon_instance)
            network, pieces = form
            if pieces is None:
                href = network.share_url(url, title, server=self.mastodon_instance)
                if href is None:
                    continue
            else:
                if quoted is None:
                    quoted = _quoted(url), _quoted(title)
                href = _fill(pieces, *quoted)
            links.append(ShareLink(name, network.label, href))
        return tuple(links)
