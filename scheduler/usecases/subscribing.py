"""Which feeds a page offers: in its ``<head>`` for feed readers, and as a line readers see.

Every page links the site-wide feed. An audience's hub page also offers its audience's feeds,
a blog category's page its category's, and the hub index every audience's and network's. The
feeds are the ones :func:`~portavoz.scheduler.outputs.feedset.site_feeds` wrote, so a feed
turned off (``per_audience: false``…) is offered nowhere.

Material probes ``sitemap.xml`` beside every ``<link rel="alternate">`` of a page (its
language switch), so each folder of offered feeds gets a small sitemap of its own feeds:
a probe answered, never a 404.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from urllib.parse import quote

from portavoz.scheduler.content.material_blog import relative_url
from portavoz.scheduler.content.settings import SiteSettings
from portavoz.scheduler.i18n import Messages, Text
from portavoz.scheduler.networks import get_network
from portavoz.scheduler.outputs.feeds import FeedFormat, feed_files, feed_url, media_type
from portavoz.scheduler.outputs.feedset import Feed, FeedRole
from portavoz.scheduler.site.hub import audience_page, index_page
from portavoz.scheduler.site.text import html_text

FORMAT_NAMES = {FeedFormat.RSS: "RSS", FeedFormat.ATOM: "Atom", FeedFormat.JSON: "JSON"}
"""How a format is named in the visible links (its own name, in every language)."""

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


@dataclass(frozen=True)
class Offer:
    """A feed as a page offers it: what it is called there, and the feed."""

    label: str
    feed: Feed


@dataclass(frozen=True)
class Subscriptions:
    """The feeds each page offers besides the site-wide one.

    Attributes:
        pages: A hub page (``src_uri``) → its audience's feed, or, on the hub index, every
            audience's and network's.
        categories: A blog category (its name) → its feed.
        index: The hub index's ``src_uri``.
    """

    pages: Mapping[str, tuple[Offer, ...]] = field(default_factory=dict)
    categories: Mapping[str, Offer] = field(default_factory=dict)
    index: str = ""

    def offers(self, src_uri: str, category: str | None = None) -> tuple[Offer, ...]:
        """What the page at ``src_uri`` offers (``category``: it is that category's page)."""
        found = self.categories.get(category) if category is not None else None
        return (found,) if found is not None else self.pages.get(src_uri, ())

    def with_links(
        self, markdown: str, src_uri: str, here: str, texts: Messages, category: str | None = None
    ) -> str:
        """A hub or category page's Markdown with its visible feed links.

        Args:
            markdown: The page's Markdown (its heading, as the hub and the blog write it).
            src_uri: The page, relative to the content folder.
            here: The page's URL (``Page.url``), so the links are relative to it.
            texts: Labels in the site's language.
            category: The blog category whose page it is, if it is one.
        """
        offers = self.offers(src_uri, category)
        if src_uri == self.index and category is None:
            return markdown + _feed_list(offers, here, texts)
        return _after_heading(markdown, _line(offers, here, texts))


def subscriptions(feeds: Iterable[Feed], settings: SiteSettings) -> Subscriptions:
    """Which page offers which feed, from the feeds the build writes."""
    pages: dict[str, list[Offer]] = {}
    categories: dict[str, Offer] = {}
    index = index_page(settings)
    for feed in feeds:
        if feed.role is FeedRole.AUDIENCE and feed.subject in settings.audiences:
            offer = Offer(settings.audiences[feed.subject].label, feed)
            pages.setdefault(audience_page(feed.subject, settings), []).append(offer)
            pages.setdefault(index, []).append(offer)
        elif feed.role is FeedRole.NETWORK:
            pages.setdefault(index, []).append(Offer(get_network(feed.subject).label, feed))
        elif feed.role is FeedRole.CATEGORY:
            categories[feed.subject] = Offer(feed.subject, feed)
    return Subscriptions({k: tuple(v) for k, v in pages.items()}, categories, index)


def head_links(feeds: Iterable[Feed]) -> list[dict[str, str]]:
    """Autodiscovery ``<link rel="alternate">`` attributes of ``feeds``, one per format.

    The template escapes each value (``| e``); the URLs are absolute, as feed readers want.
    """
    return [
        {"media_type": media_type(fmt), "title": feed.info.title, "url": feed_url(feed.info, fmt)}
        for feed in feeds
        for fmt in feed_files(feed.info)
    ]


def feed_sitemaps(feeds: Iterable[Feed]) -> dict[str, str]:
    """``sitemap.xml`` of each folder of audience, category and network feeds → its XML."""
    folders: dict[str, list[str]] = {}
    for feed in feeds:
        if feed.role is FeedRole.SITE:  # at the root, beside MkDocs' own sitemap
            continue
        for fmt in feed_files(feed.info):
            folder = posixpath.dirname(feed_files(feed.info)[fmt])
            folders.setdefault(folder, []).append(feed_url(feed.info, fmt))
    return {f"{folder}/sitemap.xml": _sitemap(urls) for folder, urls in folders.items()}


def _sitemap(urls: Sequence[str]) -> str:
    root = ET.Element("urlset", xmlns=SITEMAP_NS)
    for url in urls:
        ET.SubElement(ET.SubElement(root, "url"), "loc").text = url
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _links(feed: Feed, here: str) -> str:
    """The feed's formats as links relative to the page at ``here``, joined by " · "."""
    paths = feed_files(feed.info)
    return " · ".join(
        f'<a href="{escape(relative_url(quote(path), here))}" type="{escape(media_type(fmt))}">'
        f"{escape(FORMAT_NAMES[fmt])}</a>"
        for fmt, path in paths.items()
    )


def _line(offers: Iterable[Offer], here: str, texts: Messages) -> str:
    """The visible "Subscribe: RSS · Atom · JSON" of a page, or ``""`` if it offers none."""
    links = [_links(offer.feed, here) for offer in offers]
    if not links:
        return ""
    return f'<p class="portavoz-subscribe">{escape(texts(Text.SUBSCRIBE))} {" · ".join(links)}</p>'


def _feed_list(offers: Sequence[Offer], here: str, texts: Messages) -> str:
    """The hub index's list of feeds: one row per audience and network."""
    if not offers:
        return ""
    rows = [f"<li>{html_text(o.label)}: {_links(o.feed, here)}</li>" for o in offers]
    # One raw HTML block (no blank line inside); its links underlined as the hub's are.
    listing = "\n".join(['<ul class="portavoz-hub">', *rows, "</ul>"])
    return f"\n\n## {html_text(texts(Text.HUB_FEEDS))}\n\n{listing}\n"


def _after_heading(markdown: str, line: str) -> str:
    """``line`` as its own block right under the page's ``# heading`` (or first)."""
    if not line:
        return markdown
    heading, _, rest = markdown.partition("\n")
    if not heading.startswith("# "):
        return f"{line}\n\n{markdown}"
    body = rest.lstrip("\n")
    return f"{heading}\n\n{line}\n\n{body}"
