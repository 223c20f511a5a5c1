"""portavoz/site and portavoz/scheduler hand each other one build state, never each other's
attributes: their order in mkdocs.yml does not matter, and the scheduler alone says what it
needs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import feedparser
import pytest
from test_site_adoption import PLAIN_BLOG, PLAIN_CONFIG

# A fixed build date, so that sitemap.xml (and its .gz) are the same in both builds.
ENV = {"PORTAVOZ_NOW": "2026-01-01T00:00:00+00:00", "SOURCE_DATE_EPOCH": "1767225600"}
ORDERS = {
    "site-first": ["portavoz/site", "portavoz/scheduler"],
    "scheduler-first": ["portavoz/scheduler", "portavoz/site"],
}


def _write_blog(root: Path, plugins: list[str]) -> Path:
    config = PLAIN_CONFIG + "".join(f"  - {name}\n" for name in plugins)
    for name, text in {"mkdocs.yml": config, **PLAIN_BLOG}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


# The outputs' manifest records each file's stat (times, inode) as this file system left it:
# two builds never share those. What it is for is tested in tests/cache.
_MACHINE_STATE = {"cache/outputs.json"}


def _tree(folder: Path) -> dict[str, bytes]:
    files = (p for p in folder.rglob("*") if p.is_file())
    return {
        name: p.read_bytes()
        for p in files
        if (name := p.relative_to(folder).as_posix()) not in _MACHINE_STATE
    }


@pytest.fixture(scope="module")
def builds(
    tmp_path_factory: pytest.TempPathFactory, session_build: Callable[..., Any]
) -> dict[str, Any]:
    """The plain blog with both portavoz plugins, built once in each order."""
    root = tmp_path_factory.mktemp("order")
    done = {name: session_build(_write_blog(root / name, p), ENV) for name, p in ORDERS.items()}
    for result in done.values():
        assert result.returncode == 0, result.output
    return done


def test_either_order_builds_the_same_site(builds: dict[str, Any]) -> None:
    first, second = (_tree(builds[name].site_dir) for name in ORDERS)

    assert sorted(first) == sorted(second)
    assert [path for path in first if first[path] != second[path]] == []


def test_either_order_writes_the_same_internal_outputs(builds: dict[str, Any]) -> None:
    first, second = (_tree(builds[name].internal_dir) for name in ORDERS)

    assert "schedule.json" in first
    assert first == second


@pytest.mark.parametrize("order", ORDERS)
def test_the_site_feed_has_the_live_posts_in_either_order(
    builds: dict[str, Any], order: str
) -> None:
    feed = feedparser.parse((builds[order].site_dir / "feed.rss.xml").read_bytes())

    assert not feed.bozo
    assert feed.feed.title == "Un blog cualquiera"
    assert [entry.title for entry in feed.entries] == ["Segunda entrada", "Primera entrada"]


def test_scheduler_without_site_says_what_it_needs(
    tmp_path: Path, build: Callable[..., Any]
) -> None:
    result = build(_write_blog(tmp_path, ["portavoz/scheduler"]), ENV)

    assert result.returncode != 0
    assert "Traceback" not in result.output
    assert "portavoz/scheduler needs the portavoz/site plugin" in result.output


def test_scheduler_with_site_turned_off_says_what_it_needs(
    tmp_path: Path, build: Callable[..., Any]
) -> None:
    root = _write_blog(tmp_path, ["portavoz/scheduler"])
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + "  - portavoz/site:\n      enabled: false\n",
        encoding="utf-8",
    )

    result = build(root, ENV)

    assert result.returncode != 0
    assert "Traceback" not in result.output
    assert "portavoz/scheduler needs the portavoz/site plugin" in result.output
