"""The writer's preview: a real ``mkdocs serve`` of the example, opened in Chromium.

Each post's page shows its "Social posts" panel with the count the network would show; saving
the file reloads the page with the new count; a post with an error shows it on its page (and
in the log) while the server keeps serving every other page. A built site carries no panel.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from browser_harness import PageWatch, assert_first_party, close_contexts
from browser_serving import NOW, SITE_URL, Served
from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

POSTS = Path("content/blog/posts")
START_TIMEOUT = 240.0
"""Seconds `mkdocs serve` may take for its first build on a busy machine (a bound, not a
measurement: the test fails if it is passed, and never asserts how fast it went)."""
RELOAD_TIMEOUT_MS = 180_000

# X counts every link as 23 and each ASCII character as 1 (its counting documentation):
# "Hola " (5) + link (23) + " #bici" (6) = 34; "Hola de nuevo " (14) + 23 + 6 = 43.
FIRST_TEXT = "Hola https://example.org/ #bici"
FIRST_COUNT = 34
SAVED_TEXT = "Hola de nuevo https://example.org/ #bici"
SAVED_COUNT = 43
HOSTILE = "<b>sin negrita</b>"
TOO_LONG = " ".join(["larga"] * 60)  # 60 × 5 + 59 spaces = 359 characters, over X's 280


def _post(slug: str, x_text: str) -> str:
    return f"""---
title: "Vista previa {slug}"
date: 2026-11-01 10:00:00
authors: [lucia]
categories: [Comunidad]
tags: [bici]
summary: "Una entrada para la vista previa."
audience: [ciclistas]
channels:
  x:
    text: "{x_text}"
  mastodon:
    content_warning: "{HOSTILE}"
---

Texto de la entrada.
"""


@dataclass(frozen=True)
class LiveServer:
    """A running ``mkdocs serve``: its project, address and log file."""

    root: Path
    base: str
    log: Path

    def url(self, slug: str) -> str:
        return f"{self.base}blog/vista-previa-{slug}/"

    def write(self, slug: str, x_text: str) -> None:
        (self.root / POSTS / f"2026-11-01-{slug}.md").write_text(_post(slug, x_text), "utf-8")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code


def _wait_until_serving(process: subprocess.Popen[bytes], base: str, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"mkdocs serve exited ({process.returncode}):\n{log.read_text()}")
        try:
            if _status(base) == 200:
                return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"mkdocs serve did not answer in {START_TIMEOUT}s:\n{log.read_text()}")


@pytest.fixture(scope="module")
def live(
    pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    """The example with three extra posts, served by ``mkdocs serve`` on 127.0.0.1.

    ``reload`` is the one whose X text is edited, ``rota`` is over X's limit from the start
    (today's `mkdocs serve` exits on it), ``rompe`` is broken while the server runs.
    """
    conftest = pytestconfig.pluginmanager.get_plugin(str(Path(__file__).parents[1] / "conftest.py"))
    assert conftest is not None
    root = conftest.copy_example(tmp_path_factory.mktemp("serve"))
    port = _free_port()
    server = LiveServer(root, f"http://127.0.0.1:{port}/", root / "serve.log")
    server.write("reload", FIRST_TEXT)
    server.write("rota", TOO_LONG)
    server.write("rompe", FIRST_TEXT)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PORTAVOZ_NOW": NOW}
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(root / "mkdocs.yml")]
    with server.log.open("wb") as log:
        process = subprocess.Popen(
            [*command, "-a", f"127.0.0.1:{port}"], cwd=root, env=env, stdout=log, stderr=log
        )
    try:
        _wait_until_serving(process, server.base, server.log)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)


Opener = Callable[[str], Page]


@pytest.fixture
def open_live(browser: Browser, live: LiveServer) -> Iterator[Opener]:
    """``open_live(url)``: a page of the live server, watched as ``open_page`` watches.

    Loaded, not "network idle": MkDocs' live-reload script keeps one request open for as long
    as the page is shown (it is how the page learns of a rebuild).
    """
    contexts, watches = [], []

    def open_(url: str) -> Page:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        watch = PageWatch(live.base, SITE_URL)
        watch.attach(context, page)
        watches.append(watch)
        page.goto(url, wait_until="load")
        return page

    yield open_
    close_contexts(contexts)
    assert_first_party(watches)


def _count(page: Page, network: str) -> int:
    text = page.locator(f".portavoz-social__card--{network} .portavoz-social__count-text")
    return int(text.get_attribute("data-length") or "-1")


def test_panel_shows_the_count_and_follows_live_reload(live: LiveServer, open_live: Opener) -> None:
    page = open_live(live.url("reload"))

    panel = page.locator("section.portavoz-social")
    assert panel.locator("h2").inner_text() == "Publicaciones sociales"
    assert _count(page, "x") == FIRST_COUNT
    x_text = panel.locator(".portavoz-social__card--x .portavoz-social__text")
    assert x_text.locator("a.portavoz-social__link").get_attribute("href") == (
        "https://example.org/"
    )
    assert x_text.locator(".portavoz-social__tag").inner_text() == "#bici"
    meter = panel.locator(".portavoz-social__card--x meter")
    assert (meter.get_attribute("value"), meter.get_attribute("max")) == ("34", "280")
    # The content warning is text: the markup in it is shown, never applied.
    warning = panel.locator(".portavoz-social__card--mastodon .portavoz-social__cw")
    assert HOSTILE in warning.inner_text()
    assert warning.locator("b").count() == 0

    live.write("reload", SAVED_TEXT)

    page.wait_for_selector(
        f'.portavoz-social__card--x .portavoz-social__count-text[data-length="{SAVED_COUNT}"]',
        timeout=RELOAD_TIMEOUT_MS,
    )
    assert _count(page, "x") == SAVED_COUNT


def test_a_post_broken_at_start_shows_its_error_and_the_rest_is_served(
    live: LiveServer, open_live: Opener
) -> None:
    page = open_live(live.url("rota"))

    findings = page.locator(".portavoz-social__finding--error").all_inner_texts()
    assert any("x: 359 weighted characters, over the limit of 280" in f for f in findings), findings
    assert _count(page, "x") == 359
    assert "over the limit of 280" in live.log.read_text()
    other = open_live(live.url("reload"))
    assert other.locator("section.portavoz-social").count() == 1
    assert _status(live.base) == 200


def test_a_post_broken_while_serving_shows_its_error_and_the_server_answers(
    live: LiveServer, open_live: Opener
) -> None:
    page = open_live(live.url("rompe"))
    assert page.locator(".portavoz-social__finding--error").count() == 0

    live.write("rompe", TOO_LONG)

    page.wait_for_selector(".portavoz-social__finding--error", timeout=RELOAD_TIMEOUT_MS)
    assert "over the limit of 280" in page.locator(".portavoz-social__findings").inner_text()
    assert _status(live.base) == 200
    assert _status(live.url("reload")) == 200


class _PanelFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        classes = (names.get("class") or "").split()
        if "data-portavoz-panel" in names or any(c.startswith("portavoz-social") for c in classes):
            self.found.append(f"<{tag} {attrs}>")


def test_a_built_site_has_no_panel(example: Served) -> None:
    pages = sorted((example.root / "site").rglob("*.html"))
    assert len(pages) > 10
    for html in pages:
        finder = _PanelFinder()
        finder.feed(html.read_text("utf-8"))
        assert finder.found == [], html
