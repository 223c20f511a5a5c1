"""Bluesky: 300 graphemes and 3000 UTF-8 bytes, counted as the app's composer counts them.

The text to paste carries links in full: the app finds links, mentions and hashtags itself
(``@atproto/api``'s ``detectFacets``) and shows each link shortened
(``example.com/blog/una-ent...``), so the count is the graphemes of that shortened text.
The API payload is what the app posts: the shortened text (:meth:`Bluesky.api_text`) and its
facets (:meth:`Bluesky.facets`), whose links keep the full address. See
:mod:`~portavoz.scheduler.networks.richtext`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from portavoz.scheduler.networks.base import Count, Defaults, Facet, share_query, with_warning
from portavoz.scheduler.networks.richtext import shorten_links, shortened_text
from portavoz.scheduler.networks.units import (
    ONE_PER_CHARACTER,
    Unit,
    grapheme_length,
    utf8_length,
)

BYTE_LIMIT = 3000


@dataclass(frozen=True)
class Bluesky(Defaults):
    """Bluesky's rules.

    Attributes:
        limit: Most graphemes (300).
        byte_limit: Most UTF-8 bytes (3000).
    """

    limit: int = 300
    byte_limit: int = BYTE_LIMIT
    name: str = field(default="bluesky", init=False)
    label: str = field(default="Bluesky", init=False)
    default_hashtags: int = field(default=3, init=False)
    threadable: bool = field(default=True, init=False)

    def count(self, text: str, *, content_warning: str = "") -> Count:
        """Graphemes of the text once the app has shortened its links; bytes as posted."""
        posted = shortened_text(with_warning(text, content_warning))
        size = utf8_length(posted)
        problems: tuple[str, ...] = ()
        if size > self.byte_limit:
            problems = (f"{size} UTF-8 bytes, over Bluesky's limit of {self.byte_limit}",)
        return Count(self.name, grapheme_length(posted), self.limit, Unit.GRAPHEME, problems)

    def surely_over(self, text: str, *, content_warning: str = "") -> bool:
        """Over when a Latin text is, even with every word that may be a link left out.

        In such a text each character is a grapheme, and a link (which holds a ``.`` or a
        ``:`` and no white space) is shown shorter or as written, in ASCII: the graphemes are
        at least those of the other words and the white space.
        """
        full = with_warning(text, content_warning)
        if not ONE_PER_CHARACTER.fullmatch(full):
            return False
        linked = sum(len(word) for word in full.split() if "." in word or ":" in word)
        return len(full) - linked > self.limit

    def facets(self, parts: Sequence[str]) -> tuple[tuple[Facet, ...], ...]:
        """Each part's links, mentions and tags, as byte spans of its :meth:`api_text`."""
        return tuple(shorten_links(part).facets for part in parts)

    def api_text(self, text: str) -> str:
        """The text as the app posts it: links shortened (the facets keep them in full)."""
        return shorten_links(text).text

    def share_url(self, url: str, title: str, *, server: str) -> str | None:
        """The composer intent with title and link as one text."""
        return f"https://bsky.app/intent/compose?{share_query({'text': f'{title} {url}'})}"
