"""Hostile front matter and configuration in a real Chromium: shown as text, never run.

The example gets a post whose title, summary and image alt text, an audience whose label, and
an author whose name carry payloads that set ``window.__pwned`` or open a dialog if they ever
run: attribute break-outs, ``</title>``, ``<script>``, ``<img onerror>`` and Markdown attribute
lists. Every page that shows one of them is opened, hovered, and scanned.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from browser_harness import PageWatch, assert_no_injection, screenshot
from browser_serving import Served
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

TITLE = '</title><script>window.__pwned="title"</script> {: onclick="window.__pwned=1" }'
SUMMARY = 'Dijo "adiós"><script>alert("summary")</script> {: onmouseover="alert(2)" }'
ALT = "Foto \"><img src=x onerror=window.__pwned='alt'>"
LABEL = 'Ciclistas "><script>alert("label")</script> {: onmouseover="alert(3)" }'
AUTHOR = 'Lucía "><img src=x onerror=alert("author")> {: onclick="alert(4)" }'
PAGES = {
    "post": "blog/hostil/",
    "audience": "audiencias/ciclistas/",
    "hub": "audiencias/",
    "blog": "blog/",
    "author": "blog/author/lucia/",
}


def add_hostile_values(root: Path) -> None:
    meta = {"title": TITLE, "slug": "hostil", "summary": SUMMARY, "image_alt": ALT}
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()]
    lines += ["date: 2026-11-20 10:00:00", "authors: [lucia]", "audience: [ciclistas]"]
    lines += ["image: https://blog.ruedalibre-demo.es/assets/images/estacion.png"]
    post = "\n".join(["---", *lines, "channels: [x]", "---", "", "Texto.", ""])
    (root / "content/blog/posts/2026-11-20-hostil.md").write_text(post, encoding="utf-8")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert text.count("label: Comunidad ciclista\n") == 1
    label = json.dumps(LABEL, ensure_ascii=False)
    config.write_text(text.replace("label: Comunidad ciclista\n", f"label: {label}\n"), "utf-8")
    authors = root / "content/blog/.authors.yml"
    text = authors.read_text(encoding="utf-8")
    assert text.count("name: Lucía Ferrer\n") == 1
    author = json.dumps(AUTHOR, ensure_ascii=False)
    authors.write_text(text.replace("name: Lucía Ferrer\n", f"name: {author}\n"), "utf-8")


@pytest.fixture(scope="session")
def hostile_front_matter(serve_example: Callable[..., Served]) -> Served:
    return serve_example("hostile-front-matter", add_hostile_values)


@pytest.mark.parametrize("name", list(PAGES))
def test_hostile_values_are_inert_text(
    name: str, hostile_front_matter: Served, open_page: Callable[..., tuple[Page, PageWatch]]
) -> None:
    page, watch = open_page(hostile_front_matter.base, hostile_front_matter.url(PAGES[name]))
    page.mouse.move(200, 300)  # hover handlers, had any survived, would fire now
    page.mouse.click(200, 300)
    screenshot(page, f"hostile-front-matter-{name}")

    assert_no_injection(page, watch)
    watch.assert_clean(page.url)
    text = page.locator("body").inner_text()
    shown = {"post": TITLE, "audience": LABEL, "hub": LABEL, "blog": TITLE, "author": AUTHOR}
    assert shown[name] in " ".join(text.split())


def test_post_meta_carry_the_values_whole(
    hostile_front_matter: Served, open_page: Callable[..., tuple[Page, PageWatch]]
) -> None:
    page, _ = open_page(hostile_front_matter.base, hostile_front_matter.url(PAGES["post"]))

    def meta(selector: str) -> str | None:
        return page.locator(f"head meta[{selector}]").get_attribute("content")

    assert meta("property='og:title'") == TITLE
    assert meta("property='og:description'") == meta("name='description'") == SUMMARY
    assert meta("property='og:image:alt'") == ALT
    assert page.title() == f"{TITLE} - Rueda Libre · Blog y comunidad"
