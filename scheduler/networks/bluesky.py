"""Bluesky: 300 graphemes and 3000 UTF-8 bytes, links as facets with byte offsets.

Links get no discount: what counts is the displayed text. Bluesky's app shows long links
shortened (``example.com/blog/una-ent...``) while the link facet keeps the full address, so a
composer can display :func:`shorten_for_display` of a link and pass the pair to
:func:`link_facets`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

import regex

from portavoz.scheduler.networks.base import Count, Defaults, Facet, with_warning
from portavoz.scheduler.networks.units import grapheme_length, utf8_length
from portavoz.scheduler.networks.urls import known_tlds

BYTE_LIMIT = 3000
_DISPLAY_PATH_LENGTH = 15
_DISPLAY_PATH_KEPT = 13
# The app's rule for spotting links: a scheme link, or a bare domain with a known TLD, at the
# start of the text or after a space or "(".
_LINK = regex.compile(
    r"(?:^|(?<=[\s(]))(?:https?://\S+|(?P<domain>[a-z][a-z0-9]*(?:\.[a-z0-9]+)+)\S*)",
    regex.IGNORECASE,
)
_TRAILING_PUNCTUATION = regex.compile(r"[.,;:!?]$")


def shorten_for_display(url: str) -> str:
    """Shorten a link as Bluesky's app displays it: no scheme, path cut to 13 characters + "...".

    Args:
        url: A full ``http(s)`` address; anything else is returned unchanged.

    Returns:
        ``host`` plus the path, query and fragment, cut when they pass 15 characters.
    """
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return url
    host = parts.hostname + (f":{parts.port}" if parts.port is not None else "")
    path = "" if parts.path == "/" else parts.path
    path += (f"?{parts.query}" if parts.query else "") + (
        f"#{parts.fragment}" if parts.fragment else ""
    )
    if len(path) > _DISPLAY_PATH_LENGTH:
        return f"{host}{path[:_DISPLAY_PATH_KEPT]}..."
    return host + path


def link_facets(text: str, links: Mapping[str, str] | None = None) -> tuple[Facet, ...]:
    """Link facets for ``text``, with UTF-8 byte offsets.

    Args:
        text: The post as displayed.
        links: Displayed text → full address, for links shown shortened or as words; every
            occurrence of a displayed text becomes a link to its address.

    Returns:
        The facets in text order: the given links first claim their spans, then the links the
        app would detect in the rest of the text.
    """
    spans: list[tuple[int, int, str]] = []
    for shown, uri in (links or {}).items():
        spans += [(m.start(), m.end(), uri) for m in regex.finditer(regex.escape(shown), text)]
    for start, end, uri in detect_links(text):
        if not any(start < taken_end and taken_start < end for taken_start, taken_end, _ in spans):
            spans.append((start, end, uri))
    return tuple(
        Facet(utf8_length(text[:start]), utf8_length(text[:end]), uri)
        for start, end, uri in sorted(spans)
    )


def detect_links(text: str) -> tuple[tuple[int, int, str], ...]:
    """Links Bluesky's app turns into facets: ``(start, end, uri)`` in code points."""
    found: list[tuple[int, int, str]] = []
    for match in _LINK.finditer(text):
        domain = match.group("domain")
        if domain and domain.rsplit(".", 1)[-1].lower() not in known_tlds():
            continue
        shown = _trim(match.group())
        uri = f"https://{shown}" if domain else shown
        found.append((match.start(), match.start() + len(shown), uri))
    return tuple(found)


def _trim(link: str) -> str:
    link = _TRAILING_PUNCTUATION.sub("", link)
    if link.endswith(")") and "(" not in link:
        link = link[:-1]
    return link


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
        """Graphemes of the displayed text; the byte limit is reported as a problem."""
        full = with_warning(text, content_warning)
        size = utf8_length(full)
        problems: tuple[str, ...] = ()
        if size > self.byte_limit:
            problems = (f"{size} UTF-8 bytes, over Bluesky's limit of {self.byte_limit}",)
        return Count(self.name, grapheme_length(full), self.limit, "graphemes", problems)

    def display_link(self, url: str) -> str:
        """Shortened as the app shows links; the facet keeps the full address."""
        return shorten_for_display(url)

    def facets(
        self, parts: Sequence[str], links: Mapping[str, str]
    ) -> tuple[tuple[Facet, ...], ...]:
        """Link facets of each part: the record carries links as byte spans, not as text."""
        return tuple(link_facets(part, links) for part in parts)

    def share_url(self, url: str, title: str, *, server: str) -> str | None:
        """The composer intent with title and link as one text."""
        return f"https://bsky.app/intent/compose?{urlencode({'text': f'{title} {url}'})}"
