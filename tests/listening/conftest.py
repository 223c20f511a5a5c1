from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

# pytest puts this folder (it has no __init__.py) on sys.path, so the helper imports plainly.
from feedserver import FeedServer, serve

#: The fixed clock of every listening test.
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    yield from serve()


@pytest.fixture
def now() -> datetime:
    return NOW
