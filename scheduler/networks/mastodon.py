"""Mastodon: grapheme clusters of content warning plus text, as the server validates them.

Every ``http(s)://`` link counts 23 characters, whatever its length, and a remote mention
``@usuaria@instancia.social`` counts as ``@usuaria``. The limit is the server's (500 by default).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

import regex

from portavoz.scheduler.networks.base import Count, Defaults
from portavoz.scheduler.networks.units import grapheme_length
from portavoz.scheduler.networks.urls import find_links

LINK_LENGTH = 23
_REMOTE_MENTION = regex.compile(
    r"(?<![=/\w])@([a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)@\w+(?:[.-]+\w+)*", regex.IGNORECASE
)


def countable_text(text: str) -> str:
    """The text as the server measures it: links as 23 ``x``, remote mentions local."""
    pieces: list[str] = []
    position = 0
    for link in find_links(text, require_scheme=True):
        pieces += [text[position : link.start], "x" * LINK_LENGTH]
        position = link.end
    pieces.append(text[position:])
    return _REMOTE_MENTION.sub(r"@\1", "".join(pieces))


@dataclass(frozen=True)
class Mastodon(Defaults):
    """Mastodon's rules.

    Attributes:
        limit: The server's character limit (500 unless the server changed it).
    """

    limit: int = 500
    name: str = field(default="mastodon", init=False)
    label: str = field(default="Mastodon", init=False)
    default_hashtags: int = field(default=4, init=False)
    threadable: bool = field(default=True, init=False)

    def count(self, text: str, *, content_warning: str = "") -> Count:
        """Graphemes of the content warning plus those of the countable text."""
        length = grapheme_length(content_warning) + grapheme_length(countable_text(text))
        return Count(self.name, length, self.limit, "graphemes")

    def share_url(self, url: str, title: str, *, server: str) -> str | None:
        """The share page of the reader's server, with title and link as one text."""
        return f"https://{server}/share?{urlencode({'text': f'{title} {url}'})}"
