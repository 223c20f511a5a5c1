"""The browser checks catch what they are meant to catch: a page built to fail, fails them.

Without this, a watcher that never fires (a listener on the wrong event, a scan that misses
attributes) would make every other browser test pass for the wrong reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from browser_harness import PageProblems, PageWatch, assert_first_party, assert_no_injection
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
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACwAAAAAAQABAAA=" alt="data: stays on the page">
<img id="blob" alt="so does blob:">
<script>
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>';
  document.getElementById("blob").src =
    URL.createObjectURL(new Blob([svg], {type: "image/svg+xml"}));
</script>
</body></html>
"""
# Material's default font, as its base.html asks for it, and an image from the same host.
THIRD_PARTY = """<!doctype html><html><head><title>fonts</title>
<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">
</head><body>
<img src="https://fonts.googleapis.com/x.png" alt="">
<a href="https://fonts.google.com/">a link is not a request</a>
</body></html>
"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder: Path = tmp_path_factory.mktemp("harness")
    (folder / "injected.html").write_text(INJECTED, encoding="utf-8")
    (folder / "clean.html").write_text(CLEAN, encoding="utf-8")
    (folder / "third-party.html").write_text(THIRD_PARTY, encoding="utf-8")
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
    watch.external.clear()  # the page's fetch is test_page_watch_raises_…'s business


def test_page_watch_raises_on_errors_and_failed_requests(pages: str, open_page: Opener) -> None:
    page, watch = open_page(pages, pages + "injected.html", "")

    with pytest.raises(PageProblems) as raised:
        watch.assert_clean(page.url)

    found = "\n".join(raised.value.findings)
    assert "console error: broken script" in found
    assert "uncaught exception:" in found and "undefinedFunction" in found
    assert "missing.png: HTTP 404" in found
    assert "request to another host: https://third-party.invalid/track.js" in found
    assert watch.external == ["https://third-party.invalid/track.js"]
    watch.external.clear()  # seen; the fixture would otherwise fail this test on it


def test_every_request_to_another_host_is_reported(pages: str, open_page: Opener) -> None:
    page, watch = open_page(pages, pages + "third-party.html", "")

    with pytest.raises(PageProblems) as raised:
        assert_first_party([watch])

    assert sorted(raised.value.findings) == [
        "request to another host: https://fonts.googleapis.com/css?family=Roboto",
        "request to another host: https://fonts.googleapis.com/x.png",
    ]
    assert pages + "third-party.html" in watch.requests
    with pytest.raises(PageProblems, match=r"fonts\.googleapis\.com"):
        watch.assert_clean(page.url)
    watch.external.clear()  # seen; the fixture would otherwise fail this test on it


def test_clean_page_passes_both_checks(pages: str, open_page: Opener) -> None:
    page, watch = open_page(pages, pages + "clean.html", "")
    page.wait_for_function("document.getElementById('blob').complete")

    assert_no_injection(page, watch)
    watch.assert_clean(page.url)
    assert_first_party([watch])
    assert str(page.locator("#blob").get_attribute("src")).startswith("blob:")
