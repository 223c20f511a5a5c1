"""The browser checks catch what they are meant to catch: a page built to fail, fails them.

Without this, a watcher that never fires (a listener on the wrong event, a scan that misses
attributes) would make every other browser test pass for the wrong reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from browser_harness import PageProblems, PageWatch, assert_no_injection
from browser_serving import serve
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

INJECTED = """<!doctype html><html><head><title>pwned</title></head><body>
<p>Injected:</p>
<img src="missing.png" onerror="window.__pwned = 1">
<a href="javascript:alert(1)">click</a>
<script>alert("injected")</script>
<script>console.error("broken script")</script>
<script>undefinedFunction()</script>
<script>fetch("https://third-party.invalid/track.js").catch(() => {})</script>
</body></html>
"""
CLEAN = """<!doctype html><html><head><title>clean</title></head><body>
<p>&lt;script&gt;window.__pwned = 1&lt;/script&gt; is text here.</p>
<a href="https://example.org/">link</a>
</body></html>
"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder: Path = tmp_path_factory.mktemp("harness")
    (folder / "injected.html").write_text(INJECTED, encoding="utf-8")
    (folder / "clean.html").write_text(CLEAN, encoding="utf-8")
    server, base = serve(folder)
    yield base
    server.shutdown()
    server.server_close()


Opener = Callable[..., tuple[Page, PageWatch]]


def test_injection_check_raises_on_a_page_that_runs_a_payload(
    pages: str, open_page: Opener
) -> None:
    page, watch = open_page(pages, pages + "injected.html", "")

    with pytest.raises(PageProblems) as raised:
        assert_no_injection(page, watch)

    found = "\n".join(raised.value.findings)
    assert "window.__pwned = 1" in found
    assert 'onerror="window.__pwned = 1"' in found
    assert 'href="javascript:alert(1)"' in found
    assert "dialog opened: alert: injected" in found


def test_page_watch_raises_on_errors_and_failed_requests(pages: str, open_page: Opener) -> None:
    page, watch = open_page(pages, pages + "injected.html", "")

    with pytest.raises(PageProblems) as raised:
        watch.assert_clean(page.url)

    found = "\n".join(raised.value.findings)
    assert "console error: broken script" in found
    assert "uncaught exception:" in found and "undefinedFunction" in found
    assert "missing.png: HTTP 404" in found
    # A third-party request is blocked and recorded, not reported as the page's failure.
    assert watch.external == ["https://third-party.invalid/track.js"]
    assert "third-party" not in found


def test_clean_page_passes_both_checks(pages: str, open_page: Opener) -> None:
    page, watch = open_page(pages, pages + "clean.html", "")

    assert_no_injection(page, watch)
    watch.assert_clean(page.url)
