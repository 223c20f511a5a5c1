"""Audience, category and network feeds offered by their hub and category pages, read back
with BeautifulSoup and feedparser: autodiscovery links in <head>, a visible "Subscribe" line,
every link a feed that exists in the built site; none where the feed is turned off.

The Spanish example's shared build, and an English ``portavoz new`` site built twice (small:
a build takes seconds), with every feed and with the audience, category and network ones off.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin

import feedparser
import pytest
from bs4 import BeautifulSoup, Tag
from click.testing import CliRunner
from site_reading import SITE_URL, soup

from portavoz.scheduler.cli.main import main

CLOCK = "2026-11-23T12:00:00+01:00"  # test_site_pages' clock: the same shared build
NEW_URL = "https://www.my-brand-demo.com/"
FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/feed+json"}
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def example(built_at: Callable[[str], Any]) -> Path:
    return Path(built_at(CLOCK).site_dir)


def scaffold(folder: Path, build: Callable[..., Any], feeds: str = "") -> Path:
    """``portavoz new --lang en`` in ``folder``, with ``feeds`` options, built strictly."""
    root = folder / "site-en"
    args = ["new", str(root), "--lang", "en", "--url", NEW_URL]
    done = CliRunner().invoke(main, args, env={"PORTAVOZ_NOW": CLOCK})  # its posts' dates
    assert done.exit_code == 0, done.output
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    where = "      output_dir: .portavoz\n"
    assert where in text
    config.write_text(text.replace(where, where + feeds), encoding="utf-8")
    result = build(root, {"PORTAVOZ_NOW": CLOCK})
    assert result.returncode == 0, result.output
    return Path(result.site_dir)


def page_url(site: Path, page: Path, base: str) -> str:
    """The public URL of a built page (``x/index.html`` → ``base + x/``)."""
    path = page.relative_to(site).as_posix()
    return base + path.removesuffix("index.html")


def site_file(site: Path, url: str, base: str) -> Path:
    """The built file an absolute URL of the site names."""
    assert url.startswith(base), url
    return site / unquote(url.removeprefix(base))


def head_feeds(doc: BeautifulSoup) -> list[Tag]:
    return [
        link for link in doc.select('head link[rel="alternate"]') if link.get("type") in FEED_TYPES
    ]


def subscribe_lines(doc: BeautifulSoup) -> list[Tag]:
    return doc.select("article .portavoz-subscribe, .md-content .portavoz-subscribe")


def feed_title(path: Path) -> str:
    """The title of the feed at ``path``: RSS and Atom read by feedparser (6.0 reads no JSON
    Feed), JSON Feed by json, checked to be version 1.1."""
    assert path.is_file(), path
    if path.suffix == ".json":
        document = json.loads(path.read_text(encoding="utf-8"))
        assert document["version"] == "https://jsonfeed.org/version/1.1"
        return str(document["title"])
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, (path, feed.get("bozo_exception"))
    return str(feed.feed.title)


def page_offers(site: Path, page: Path, base: str) -> tuple[list[str], list[str]]:
    """The titles of the feeds a page offers in <head> (the site's first) and those its
    visible line links, each link checked: a file of the site that feedparser reads."""
    doc = soup(page)
    head = [str(link["title"]) for link in head_feeds(doc)]
    for link in head_feeds(doc):
        assert feed_title(site_file(site, str(link["href"]), base)) == link["title"]
        # Material probes sitemap.xml beside every alternate link: it is there, a sitemap.
        probe = site_file(site, urljoin(str(link["href"]), "sitemap.xml"), base)
        assert ET.parse(probe).getroot().tag == f"{SITEMAP}urlset", probe
    here = page_url(site, page, base)
    shown = []
    for line in subscribe_lines(doc):
        links = line.select("a[href]")
        assert [a.get_text() for a in links] == ["RSS", "Atom", "JSON"]
        for a in links:
            assert a["type"] in FEED_TYPES
            shown.append(feed_title(site_file(site, urljoin(here, str(a["href"])), base)))
    return head, shown


def test_an_audience_page_offers_its_audience_s_feeds(example: Path) -> None:
    page = example / "audiencias" / "ciclistas" / "index.html"
    head, shown = page_offers(example, page, SITE_URL)
    site_title = head[0]

    assert head == [site_title] * 3 + [f"{site_title}: Comunidad ciclista"] * 3
    assert shown == [f"{site_title}: Comunidad ciclista"] * 3
    (line,) = subscribe_lines(soup(page))
    assert line.get_text(" ", strip=True).startswith("Suscribirse: RSS")


def test_a_category_page_offers_its_category_s_feed(example: Path) -> None:
    page = example / "blog" / "category" / "rutas" / "index.html"
    head, shown = page_offers(example, page, SITE_URL)

    assert head[3:] == [f"{head[0]}: Rutas"] * 3
    assert shown == head[3:]


def test_the_hub_index_lists_every_audience_s_and_network_s_feeds(example: Path) -> None:
    page = example / "audiencias" / "index.html"
    doc = soup(page)
    head, _ = page_offers(example, page, SITE_URL)
    (heading,) = [h for h in doc.select(".md-content h2") if h.get_text().startswith("Fuentes")]
    listing = heading.find_next_sibling("ul")
    assert isinstance(listing, Tag)
    rows = listing.select("li")
    here = page_url(example, page, SITE_URL)
    titles = [
        feed_title(site_file(example, urljoin(here, str(row.a["href"])), SITE_URL))
        for row in rows
        if row.a is not None
    ]

    labels = [row.get_text().split(":")[0] for row in rows]
    assert labels[:4] == [
        "Público general",
        "Comunidad ciclista",
        "Empresas y flotas",
        "Sala de prensa",
    ]
    assert {"Mastodon", "Bluesky", "Instagram"} <= set(labels[4:])
    assert titles == sorted(set(head[3:]), key=head.index)  # the head offers the same, in order


def test_english_labels_and_a_category_page_of_a_new_site(
    tmp_path: Path, build: Callable[..., Any]
) -> None:
    site = scaffold(tmp_path, build)
    audience = soup(site / "audiences" / "customers" / "index.html")
    (line,) = subscribe_lines(audience)
    hub = soup(site / "audiences" / "index.html")
    head, shown = page_offers(site, site / "blog" / "category" / "news" / "index.html", NEW_URL)

    assert line.get_text(" ", strip=True) == "Subscribe: RSS · Atom · JSON"
    assert [h.get_text(strip=True) for h in hub.select(".md-content h2")][-1].startswith("Feeds")
    assert shown == head[3:] and len(shown) == 3


def test_feeds_turned_off_are_offered_nowhere(tmp_path: Path, build: Callable[..., Any]) -> None:
    off = "      feeds:\n        per_audience: false\n        per_category: false\n"
    site = scaffold(tmp_path, build, off + "        per_network: false\n")
    pages = [
        site / "audiences" / "index.html",
        site / "audiences" / "customers" / "index.html",
        site / "blog" / "category" / "news" / "index.html",
    ]

    for page in pages:
        head, shown = page_offers(site, page, NEW_URL)
        assert len(head) == 3 and len(set(head)) == 1, page  # the site-wide feed only
        assert shown == [], page
    assert not (site / "feeds").exists()
    assert "Feeds" not in soup(pages[0]).get_text()
