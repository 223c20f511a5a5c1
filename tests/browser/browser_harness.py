"""What the browser tests watch on a page, and the checks that fail loudly when it goes wrong.

:class:`PageWatch` records, from the moment it is attached, every console error, uncaught
exception, failed or ≥ 400 same-origin request, dialog (``alert``…) and every request, of the
page or any frame, popup or worker of its context. A request to any host but the local server
(and the site's own ``site_url``, answered from it) is a finding: the site must ask no third
party for anything. It is aborted, never sent, and :func:`assert_first_party`, which the
``open_page`` fixture runs on every page it opened, fails the test on it.
:func:`injection_findings` looks for the traces a successful script injection leaves in the
DOM. All raise :class:`PageProblems` (also through :meth:`PageWatch.assert_clean` and
:func:`assert_no_injection`), and ``test_browser_harness.py`` shows that they do on pages built
to fail.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Dialog,
    Page,
    Playwright,
    Request,
    Response,
    Route,
)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(
    os.environ.get("PORTAVOZ_SCREENSHOTS")
    or Path(tempfile.gettempdir()) / "portavoz-browser-screenshots"
)
"""Where page screenshots go (listed at the end of the pytest run)."""


INJECTION_SCAN = """() => {
  const found = [];
  const urlAttributes = ["href", "src", "action", "formaction", "xlink:href", "data", "poster"];
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      const value = attr.value.replace(/[\\u0000-\\u0020]/g, "").toLowerCase();
      if (name.startsWith("on")) found.push(`<${el.localName} ${name}="${attr.value}">`);
      if (urlAttributes.includes(name) && /^(javascript|vbscript|data:text\\/html)/.test(value))
        found.push(`<${el.localName} ${name}="${attr.value}">`);
    }
  }
  if (typeof window.__pwned !== "undefined") found.push(`window.__pwned = ${window.__pwned}`);
  return found;
}"""
"""Every ``on*`` attribute, script-bearing URL attribute, and the payloads' ``window.__pwned``."""


class PageProblems(AssertionError):
    """A page did something the tests forbid; the message lists every finding."""

    def __init__(self, where: str, findings: list[str]) -> None:
        self.findings = findings
        super().__init__(f"{where}:\n  " + "\n  ".join(findings))


def launch(playwright: Playwright) -> Browser:
    """Debian's Chromium, headless; Playwright gives each launch a fresh temporary profile."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


@dataclass
class PageWatch:
    """Everything a page did that a clean page does not do (see the module docstring).

    Attributes:
        origin: The local server (``http://127.0.0.1:port/``).
        mirror: The site's own ``site_url``: absolute links to it (avatars, feeds) are answered
            from the local build, so they are checked as first-party requests.
    """

    origin: str
    mirror: str = ""
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)

    def attach(self, context: BrowserContext, page: Page) -> None:
        """Start recording on ``page`` and keep ``context`` from reaching the network."""
        context.route("**/*", self._route)
        # On the context, not the page: popups, frames and workers are the site's requests too.
        context.on("request", self._request)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        page.on("requestfailed", self._request_failed)
        page.on("response", self._response)
        page.on("dialog", self._dialog)

    def _is_local(self, url: str) -> bool:
        own = (self.origin, self.mirror) if self.mirror else (self.origin,)
        return url.startswith((*own, "data:", "blob:"))

    def _request(self, request: Request) -> None:
        self.requests.append(request.url)
        if not self._is_local(request.url):
            self.external.append(request.url)

    def _route(self, route: Route) -> None:
        url = route.request.url
        if self.mirror and url.startswith(self.mirror):
            local = self.origin + url[len(self.mirror) :]
            route.fulfill(response=route.fetch(url=local))
        elif self._is_local(url):
            route.continue_()
        else:  # fonts, CDNs, trackers: never sent (_request has recorded it as a finding)
            route.abort("blockedbyclient")

    def _console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        text = message.text
        # Chromium logs every aborted or 404 request as a console error too; those are
        # judged by URL in _request_failed / _response, not twice here.
        if text.startswith("Failed to load resource"):
            return
        self.console_errors.append(text)

    def _request_failed(self, request: Request) -> None:
        if self._is_local(request.url):
            self.failed.append(f"{request.url}: {request.failure}")

    def _response(self, response: Response) -> None:
        if response.status < 400 or not self._is_local(response.url):
            return
        self.failed.append(f"{response.url}: HTTP {response.status}")

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def findings(self) -> list[str]:
        """Every recorded problem, labelled."""
        return (
            [f"request to another host: {u}" for u in self.external]
            + [f"console error: {t}" for t in self.console_errors]
            + [f"uncaught exception: {t}" for t in self.page_errors]
            + [f"failed request: {t}" for t in self.failed]
            + [f"dialog opened: {t}" for t in self.dialogs]
        )

    def assert_clean(self, where: str) -> None:
        """Raise :class:`PageProblems` if anything was recorded."""
        found = self.findings()
        if found:
            raise PageProblems(where, found)


def close_contexts(contexts: Iterable[BrowserContext]) -> None:
    """Close the contexts a test opened, their routes removed first.

    A request still in flight when the test is done (a late image, a live-reload poll) has
    its mirror handler fetching: closing under it made ``route.fulfill`` raise "Fetch response
    has been disposed" in the teardown, now and then. ``unroute_all(behavior="ignoreErrors")``
    is Playwright's way to end the routing of a context that is closing.
    """
    for context in contexts:
        context.unroute_all(behavior="ignoreErrors")
        context.close()


def assert_first_party(watches: Iterable[PageWatch]) -> None:
    """Raise :class:`PageProblems` listing every request any of ``watches`` made to a host other
    than the local server (``data:`` and ``blob:`` addresses never leave the page)."""
    found = [f"request to another host: {url}" for w in watches for url in w.external]
    if found:
        raise PageProblems("pages asked a third party for something", found)


def injection_findings(page: Page) -> list[str]:
    """Traces of script injection in the current DOM (see :data:`INJECTION_SCAN`)."""
    found: list[str] = page.evaluate(INJECTION_SCAN)
    return found


def assert_no_injection(page: Page, watch: PageWatch) -> None:
    """Raise :class:`PageProblems` if a payload ran or left an executable attribute."""
    found = injection_findings(page) + [f"dialog opened: {d}" for d in watch.dialogs]
    if found:
        raise PageProblems(page.url, found)


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page screenshot under :data:`SCREENSHOTS` and return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    print(f"screenshot: {path}")
    return path
