"""The example site in a real Chromium: pages load clean, carry their social meta and feed
links, share links open each network's composer, and search never reveals a future post."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import frontmatter
import pytest
from browser_harness import PageWatch, screenshot
from browser_serving import SITE_URL, Served
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

POST = "blog/presentamos-la-e-brisa-nuestra-bici-electrica-mas-ligera/"
POST_SOURCE = Path("content/blog/posts/2026-05-05-presentamos-la-e-brisa.md")
FUTURE_SOURCE = Path("content/blog/posts/2027-02-15-ruta-de-las-alquerias.md")
PAGES = {
    "home": "",
    "post": POST,
    "audience": "audiencias/ciclistas/",
    "community": "comunidad/",
    "archive": "blog/archive/2026/",
}
FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/feed+json"}

# Each network's public share endpoint and the parameter carrying the post's URL, written
# from the networks' documentation rather than from scheduler/site/share.py.
SHARE_ENDPOINTS = {
    "x": ("x.com", "/intent/post", "url"),
    "mastodon": ("mastodon.social", "/share", "text"),
    "bluesky": ("bsky.app", "/intent/compose", "text"),
    "threads": ("www.threads.com", "/intent/post", "text"),
    "linkedin": ("www.linkedin.com", "/sharing/share-offsite/", "url"),
    "facebook": ("www.facebook.com", "/sharer/sharer.php", "u"),
    "telegram": ("t.me", "/share/url", "url"),
}

Opener = Callable[..., tuple[Page, PageWatch]]


@pytest.mark.parametrize("name", list(PAGES))
def test_page_loads_clean_with_meta_and_feeds(
    name: str, example: Served, open_page: Opener
) -> None:
    page, watch = open_page(example.base, example.url(PAGES[name]))
    screenshot(page, f"example-{name}")

    watch.assert_clean(page.url)
    assert watch.external == [], "the page asked a third party for something"
    og = {
        el.get_attribute("property"): el.get_attribute("content")
        for el in page.locator("meta[property^='og:']").all()
    }
    assert {"og:title", "og:url", "og:type"} <= og.keys(), og
    assert all(og[k] for k in ("og:title", "og:url", "og:type")), og
    # The example sets no default card image, so only pages with an image carry one.
    assert str(og.get("og:image", SITE_URL)).startswith(SITE_URL)
    assert og["og:url"] == SITE_URL + PAGES[name]
    feeds = page.locator("link[rel=alternate]").all()
    assert {f.get_attribute("type") for f in feeds} >= FEED_TYPES
    for feed in feeds:
        local = example.url(urlsplit(str(feed.get_attribute("href"))).path.lstrip("/"))
        assert page.request.get(local).status == 200, local


def test_post_is_an_article_with_its_dates(example: Served, open_page: Opener) -> None:
    page, _ = open_page(example.base, example.url(POST))

    assert page.locator("meta[property='og:type']").get_attribute("content") == "article"
    published = page.locator("meta[property='article:published_time']").get_attribute("content")
    assert str(published).startswith("2026-05-05")
    image = page.locator("meta[property='og:image']").get_attribute("content")
    assert image == SITE_URL + "assets/images/e-brisa.png"
    assert page.request.get(example.url("assets/images/e-brisa.png")).status == 200
    assert page.locator("meta[name='twitter:card']").get_attribute("content") == (
        "summary_large_image"
    )


def test_share_links_open_each_network_with_the_canonical_url(
    example: Served, open_page: Opener
) -> None:
    page, watch = open_page(example.base, example.url(POST))
    channels = frontmatter.load(example.root / POST_SOURCE)["channels"]

    canonical = page.locator("link[rel=canonical]").get_attribute("href")
    assert canonical == SITE_URL + POST
    links = page.locator("a.portavoz-share__link").all()
    shared = {}
    for link in links:
        href = urlsplit(str(link.get_attribute("href")))
        network = str(link.get_attribute("data-network"))
        host, path, parameter = SHARE_ENDPOINTS[network]
        assert (href.scheme, href.netloc, href.path) == ("https", host, path)
        value = parse_qs(href.query)[parameter][0]
        assert value == canonical if parameter in {"url", "u"} else canonical in value.split()
        assert "noopener" in str(link.get_attribute("rel"))
        shared[network] = value
    # Instagram has no web share URL; every other channel of the post gets one link.
    assert sorted(shared) == sorted(set(channels) - {"instagram"})
    watch.assert_clean(page.url)


def search(page: Page, query: str) -> None:
    # Narrow screens show a search label in the header; wide ones the input itself.
    label = page.locator("label.md-header__button[for='__search']")
    (label if label.is_visible() else page.locator(".md-search__input")).click()
    field = page.locator(".md-search__input")
    field.fill("")
    field.press_sequentially(query)  # Material searches on key events, which fill() skips


def result_titles(page: Page) -> list[str]:
    return [t.inner_text() for t in page.locator(".md-search-result__item h1").all()]


def test_search_finds_live_posts_and_never_future_ones(example: Served, open_page: Opener) -> None:
    page, watch = open_page(example.base, example.url())
    future = frontmatter.load(example.root / FUTURE_SOURCE)
    assert "alquerías" in future["title"]

    search(page, "otoño")
    page.wait_for_selector(".md-search-result__item")
    assert "Consejos para pedalear en otoño con seguridad" in result_titles(page)
    screenshot(page, "example-search-live")

    search(page, "alquerías")
    # The live results were on screen: their disappearance shows the new query ran.
    page.wait_for_function("!document.querySelector('.md-search-result__item')")
    page.wait_for_timeout(300)
    assert result_titles(page) == []
    index = page.request.get(example.url("search/search_index.json")).text()
    assert "alquer" not in index.lower()
    assert future["title"] not in index
    watch.assert_clean(page.url)
