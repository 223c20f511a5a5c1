from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

# pytest puts this folder (it has no __init__.py) on sys.path, so the helper imports plainly.
from feedserver import FeedServer, serve
from mkdocs.config.defaults import MkDocsConfig

#: The fixed clock of every listening test.
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _fresh_plugins() -> None:
    """No plugin instance of an earlier test: MkDocs keeps one instance of each plugin with
    ``on_startup`` per process (``mkdocs serve`` reuses them), so a test elsewhere that ran
    ``mkdocs serve``'s first build in-process would hand its listening plugin, already
    fetched once and serving offline, to these builds."""
    MkDocsConfig.plugins.plugin_cache.clear()


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    yield from serve()


@pytest.fixture
def now() -> datetime:
    return NOW
