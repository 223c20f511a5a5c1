"""Hostile feeds on the community page: shown as text, never run.

The example's listening cache is seeded (as ``examples/listening/seed.py`` does, with the
cache's own functions) so that one community source's last good copy is
``fixtures/xss-feed.xml``: script tags, ``on*`` handlers, ``javascript:`` and ``data:`` links,
SVG ``onload``, entity-encoded tags and schemes, attribute break-outs. Each payload sets
``window.__pwned`` or opens a dialog if it ever runs.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest
from browser_harness import PageWatch, assert_no_injection, screenshot
from browser_serving import Served
from playwright.sync_api import Page

from portavoz.scheduler.listening import cache

pytestmark = pytest.mark.browser

HOSTILE = Path(__file__).resolve().parent / "fixtures" / "xss-feed.xml"
SOURCE = "Pedaleando por Valencia"
"""A community source of the example whose cached copy the hostile feed replaces."""


def seed_hostile_feed(root: Path) -> None:
    folder = root / "examples" / "listening" / "cache"
    states = cache.load_states(folder)
    body = cache.store_body(folder, HOSTILE.read_bytes())
    states[SOURCE] = dataclasses.replace(
        states[SOURCE], body=body, content_type="application/rss+xml; charset=utf-8"
    )
    cache.save_states(folder, states)


@pytest.fixture(scope="session")
def hostile(serve_example: Callable[..., Served]) -> Served:
    return serve_example("hostile", seed_hostile_feed)


def test_community_page_shows_hostile_entries_as_inert_text(
    hostile: Served, open_page: Callable[..., tuple[Page, PageWatch]]
) -> None:
    page, watch = open_page(hostile.base, hostile.url("comunidad/"))
    page.mouse.move(200, 300)  # hover handlers, had any survived, would fire now
    screenshot(page, "hostile-community")

    assert_no_injection(page, watch)
    watch.assert_clean(page.url)
    assert watch.external == []
    planet = page.locator(".portavoz-planet").inner_text()
    # The hostile entries are there (as text), next to the example's own community posts.
    assert "Enlace con atributo roto" in planet
    assert "Bici y ciudad" in planet
    hrefs = [a.get_attribute("href") or "" for a in page.locator(".portavoz-planet a").all()]
    assert all(h.startswith(("https://", "http://")) for h in hrefs), hrefs
