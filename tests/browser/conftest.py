"""The example site built once per session, served on 127.0.0.1, and Chromium to open it.

The example is built as it is (its ``theme.font: false`` keeps Material from loading Roboto
from fonts.googleapis.com), and every page a test opens is watched from before it loads: when
the test ends, any request it made to a host other than the local server fails it.
"""

from __future__ import annotations

import http.server
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest
from browser_harness import (
    CHROMIUM,
    SCREENSHOTS,
    PageWatch,
    assert_first_party,
    close_contexts,
    launch,
)
from browser_serving import NOW, SITE_URL, Served, serve
from playwright.sync_api import Browser, Page, sync_playwright

TESTS = Path(__file__).resolve().parents[1]
_STARTED = time.time()


def _root_conftest(config: pytest.Config) -> ModuleType:
    # tests/conftest.py owns how the example is copied and built (see tests/site/conftest.py).
    module = config.pluginmanager.get_plugin(str(TESTS / "conftest.py"))
    assert module is not None, "tests/conftest.py is not loaded"
    return module


@pytest.fixture(scope="session")
def serve_example(
    pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[..., Served]]:
    """``serve_example(name, prepare=None, source=copy_example)``: the site ``source(folder)``
    writes (the example by default), changed by ``prepare(root)``, built strictly at :data:`NOW`
    and served (each name once per session)."""
    root_conftest = _root_conftest(pytestconfig)
    sites: dict[str, Served] = {}
    servers: list[http.server.ThreadingHTTPServer] = []

    def make(
        name: str,
        prepare: Callable[[Path], None] | None = None,
        source: Callable[[Path], Path] | None = None,
    ) -> Served:
        if name not in sites:
            root = (source or root_conftest.copy_example)(tmp_path_factory.mktemp(name))
            if prepare is not None:
                prepare(root)
            result = root_conftest.run_build(root, {"PORTAVOZ_NOW": NOW})
            assert result.returncode == 0, result.output
            server, base = serve(result.site_dir)
            servers.append(server)
            sites[name] = Served(root, base)
        return sites[name]

    yield make
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def example(serve_example: Callable[..., Served]) -> Served:
    """The example site as it is, built and served."""
    return serve_example("example")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).is_file():
        # On CI a missing browser is a broken machine, not a reason to skip the tests.
        message = f"{CHROMIUM} is missing: apt-get install chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser: Browser) -> Iterator[Callable[..., tuple[Page, PageWatch]]]:
    """``open_page(origin, url, mirror=SITE_URL)``: a fresh context and page, watched from
    before it loads; requests to ``mirror`` are answered from ``origin``. A request of any of
    them to another host fails the test when it ends (:func:`assert_first_party`)."""
    contexts = []
    watches: list[PageWatch] = []

    def open_(origin: str, url: str, mirror: str = SITE_URL) -> tuple[Page, PageWatch]:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        watch = PageWatch(origin, mirror)
        watch.attach(context, page)
        watches.append(watch)
        page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        return page, watch

    yield open_
    close_contexts(contexts)
    assert_first_party(watches)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    # Under xdist the workers' prints are swallowed; the controller names the folder.
    taken = [p for p in SCREENSHOTS.glob("*.png") if p.stat().st_mtime >= _STARTED]
    if taken:
        terminalreporter.write_line(f"browser screenshots ({len(taken)}): {SCREENSHOTS}")
