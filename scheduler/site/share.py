"""Share links: each network's public share/intent URL, no third-party script involved."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

SHARE_URLS: dict[str, tuple[str, str]] = {
    # network: (label, URL template with {query} built from the parameters below)
    "x": ("X", "https://x.com/intent/post?{query}"),
    "mastodon": ("Mastodon", "https://{instance}/share?{query}"),
    "bluesky": ("Bluesky", "https://bsky.app/intent/compose?{query}"),
    "threads": ("Threads", "https://www.threads.com/intent/post?{query}"),
    "linkedin": ("LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?{query}"),
    "facebook": ("Facebook", "https://www.facebook.com/sharer/sharer.php?{query}"),
    "telegram": ("Telegram", "https://t.me/share/url?{query}"),
}
"""Instagram has no web share URL: posts go there from the app, so it gets no link."""


@dataclass(frozen=True)
class ShareLink:
    """A link that opens a network's composer with the post's title and URL."""

    network: str
    label: str
    href: str


def share_link(
    network: str, url: str, title: str, *, mastodon_instance: str = "mastodon.social"
) -> ShareLink | None:
    """The share link for one network, or ``None`` when the network has no share URL."""
    if network not in SHARE_URLS:
        return None
    label, template = SHARE_URLS[network]
    params: dict[str, str]
    if network in {"linkedin"}:
        params = {"url": url}
    elif network == "facebook":
        params = {"u": url}
    elif network in {"x", "telegram"}:
        params = {"text": title, "url": url}
    else:  # composers that take one text: title and link together
        params = {"text": f"{title} {url}"}
    href = template.format(query=urlencode(params), instance=mastodon_instance)
    return ShareLink(network, label, href)


def share_links(
    networks: tuple[str, ...], url: str, title: str, *, mastodon_instance: str = "mastodon.social"
) -> tuple[ShareLink, ...]:
    """Share links for a post's channels, in the order the post lists them."""
    found = (share_link(n, url, title, mastodon_instance=mastodon_instance) for n in networks)
    return tuple(link for link in found if link is not None)
