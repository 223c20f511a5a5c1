"""What the built example shows around posts: audience hub pages, social meta, share links.

The site is built once at a fixed clock; the HTML is read with BeautifulSoup and compared with
the posts as the content model loads them (load_posts + Window at that clock).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from site_reading import SITE_URL, soup

from portavoz.scheduler.content.model import Post
from portavoz.scheduler.content.repository import load_posts
from portavoz.scheduler.content.settings import SiteSettings
from portavoz.scheduler.content.urls import post_url
from portavoz.scheduler.content.window import Window
from portavoz.scheduler.project import load_project
from portavoz.scheduler.site.share import share_links

CLOCK = "2026-11-23T12:00:00+01:00"


@dataclass(frozen=True)
class Built:
    """The build, and the posts that should be live in it."""

    site_dir: Path
    settings: SiteSettings
    live: list[Post]
    hidden: list[Post]

    def page(self, url: str) -> BeautifulSoup:
        """The HTML of an absolute URL of the site."""
        assert url.startswith(SITE_URL), url
        path = url[len(SITE_URL) :]
        file = self.site_dir / path
        return soup(file / "index.html" if not path or path.endswith("/") else file)


@pytest.fixture(scope="module")
def built(built_at: Callable[[str], Any]) -> Built:
    result = built_at(CLOCK)
    project = load_project(result.root / "mkdocs.yml")
    loaded = load_posts(project.root, project.settings)
    assert not loaded.problems
    window = Window(dt.datetime.fromisoformat(CLOCK))
    live = [p for p in loaded.posts if window.is_live(p, project.settings)]
    hidden = [p for p in loaded.posts if not window.is_live(p, project.settings)]
    assert project.settings.site_url == SITE_URL
    return Built(result.site_dir, project.settings, live, hidden)


def _hub_url(built: Built, audience: str = "") -> str:
    return f"{SITE_URL}{built.settings.hub_dir}/" + (f"{audience}/" if audience else "")


# --- audience hub pages ------------------------------------------------------------------


def test_each_public_audience_page_lists_its_live_posts_newest_first(built: Built) -> None:
    for audience in built.settings.public_audiences:
        url = _hub_url(built, audience.id)
        items = built.page(url).select("article li")
        expected = sorted(
            (p for p in built.live if audience.id in p.audiences),
            key=lambda p: p.date,
            reverse=True,
        )

        found = [
            (urljoin(url, li.a["href"]), dt.datetime.fromisoformat(li.time["datetime"]))
            for li in items
        ]

        assert found == [(post_url(p, built.settings), p.date) for p in expected], audience.id
        for li, post in zip(items, expected, strict=True):
            assert " ".join(li.a.get_text().split()) == post.title
            assert post.summary in " ".join(li.get_text().split())


def test_audience_pages_link_only_to_pages_that_exist(built: Built) -> None:
    for audience in built.settings.public_audiences:
        url = _hub_url(built, audience.id)
        for a in built.page(url).select("article li a"):
            target = urljoin(url, a["href"])
            assert (built.site_dir / target[len(SITE_URL) :] / "index.html").is_file(), target


def test_internal_audience_has_no_page(built: Built) -> None:
    internal = [a.id for a in built.settings.audiences.values() if not a.public]
    assert internal == ["equipo"]
    hub = built.site_dir / built.settings.hub_dir

    assert not (hub / "equipo").exists()
    assert not list(hub.rglob("equipo*"))
    links = built.page(_hub_url(built)).select("article li a")
    # The index also lists the feeds (a[type]): none of them is the internal audience's either.
    linked = {urljoin(_hub_url(built), a["href"]) for a in links if not a.get("type")}
    assert linked == {_hub_url(built, a.id) for a in built.settings.public_audiences}
    assert not [a["href"] for a in links if "equipo" in a["href"]]


def test_hub_index_counts_live_posts_per_audience(built: Built) -> None:
    rows = {
        urljoin(_hub_url(built), li.a["href"]): " ".join(li.get_text().split())
        for li in built.page(_hub_url(built)).select("article li")
    }
    for audience in built.settings.public_audiences:
        count = sum(audience.id in p.audiences for p in built.live)
        assert f"{audience.label} ({count})" in rows[_hub_url(built, audience.id)]


# --- Open Graph and Twitter Card -----------------------------------------------------------


def _meta(doc: BeautifulSoup) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for tag in doc.select("head meta[property], head meta[name]"):
        key = str(tag.get("property") or tag.get("name"))
        found.setdefault(key, []).append(str(tag.get("content")))
    return found


def _one(meta: dict[str, list[str]], key: str) -> str:
    assert len(meta.get(key, [])) == 1, (key, meta.get(key))
    return meta[key][0]


def _canonical(doc: BeautifulSoup) -> str:
    link = doc.select_one('head link[rel="canonical"]')
    assert link is not None
    return str(link["href"])


def _assert_common(built: Built, doc: BeautifulSoup, url: str, og_type: str) -> dict[str, Any]:
    meta = _meta(doc)
    assert _one(meta, "og:type") == og_type
    assert _one(meta, "og:url") == url == _canonical(doc)
    assert _one(meta, "og:title")
    assert _one(meta, "og:description")
    for key in ("og:url", "og:image"):
        for value in meta.get(key, []):
            assert value.startswith(SITE_URL), (key, value)
    image = meta.get("og:image", [])
    assert _one(meta, "twitter:card") == ("summary_large_image" if image else "summary")
    for value in image:
        assert (built.site_dir / value[len(SITE_URL) :]).is_file(), value
    return meta


def test_home_page_meta(built: Built) -> None:
    doc = built.page(SITE_URL)

    meta = _assert_common(built, doc, SITE_URL, "website")

    assert "article:published_time" not in meta


def test_audience_page_meta(built: Built) -> None:
    audience = built.settings.public_audiences[0]
    url = _hub_url(built, audience.id)

    meta = _assert_common(built, built.page(url), url, "website")

    assert _one(meta, "og:title") == audience.label


DEFAULT_CARD = str(
    load_project(Path(__file__).resolve().parents[2] / "mkdocs.yml").options("portavoz/site")[
        "image"
    ]
)
"""The example site's default social card (``portavoz/site`` option ``image``)."""


def test_every_live_post_has_article_meta(built: Built) -> None:
    assert any(p.image for p in built.live) and any(not p.image for p in built.live)
    for post in built.live:
        url = post_url(post, built.settings)
        doc = built.page(url)

        meta = _assert_common(built, doc, url, "article")

        assert _one(meta, "og:title") == post.title
        assert _one(meta, "og:description") == post.summary
        published = dt.datetime.fromisoformat(_one(meta, "article:published_time"))
        assert published == post.date and published.tzinfo is not None
        # A post's own image, or the site's default card (portavoz/site `image`).
        image = Path(post.image).name if post.image else Path(DEFAULT_CARD).name
        assert Path(urlsplit(_one(meta, "og:image")).path).name == image, post.path
        if post.image:
            assert _one(meta, "og:image:alt") == post.image_alt
        assert meta.get("article:tag", []) == list(post.tags)


# --- share links and audiences under each post --------------------------------------------

SHARE = {
    # network: (host, path, {parameter: what it holds}) as each network documents its intent URL
    "x": ("x.com", "/intent/post", {"text": "title", "url": "url"}),
    "mastodon": ("mastodon.social", "/share", {"text": "title url"}),
    "bluesky": ("bsky.app", "/intent/compose", {"text": "title url"}),
    "threads": ("www.threads.com", "/intent/post", {"text": "title url"}),
    "linkedin": ("www.linkedin.com", "/sharing/share-offsite/", {"url": "url"}),
    "facebook": ("www.facebook.com", "/sharer/sharer.php", {"u": "url"}),
    "telegram": ("t.me", "/share/url", {"text": "title", "url": "url"}),
}


def _expected_share(post: Post, url: str) -> list[tuple[str, str, str, dict[str, list[str]]]]:
    values = {"title": post.title, "url": url, "title url": f"{post.title} {url}"}
    return [
        (c.network, *SHARE[c.network][:2], {k: [values[v]] for k, v in SHARE[c.network][2].items()})
        for c in post.channels
        if c.network != "instagram"
    ]


def _split(network: str, href: str) -> tuple[str, str, str, dict[str, list[str]]]:
    parts = urlsplit(href)
    assert parts.scheme == "https", href
    return network, parts.netloc, parts.path, parse_qs(parts.query, strict_parsing=True)


def test_share_urls_carry_the_canonical_url(built: Built) -> None:
    """The core's share links, read back with urllib (no theme involved)."""
    assert any(c.network == "instagram" for p in built.live for c in p.channels)
    for post in built.live:
        url = post_url(post, built.settings)
        links = share_links(tuple(c.network for c in post.channels), url, post.title)

        assert [_split(link.network, link.href) for link in links] == _expected_share(post, url)


def test_each_post_page_has_one_share_link_per_channel(built: Built) -> None:
    for post in built.live:
        url = post_url(post, built.settings)
        links = built.page(url).select("nav.portavoz-share a")

        found = [_split(str(a["data-network"]), str(a["href"])) for a in links]

        assert found == _expected_share(post, url), post.path
        for a in links:
            assert a["target"] == "_blank"
            assert {"noopener", "noreferrer"} <= set(a["rel"])


def test_each_post_page_shows_its_public_audiences(built: Built) -> None:
    for post in built.live:
        url = post_url(post, built.settings)
        links = built.page(url).select(".portavoz-audiences a")

        found = [(" ".join(a.get_text().split()), urljoin(url, a["href"])) for a in links]

        audiences = built.settings.audiences
        assert found == [
            (audiences[a].label, _hub_url(built, a)) for a in post.audiences if audiences[a].public
        ], post.path
