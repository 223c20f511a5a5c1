"""Adopting portavoz: a plain Material blog (only Material's own front-matter keys) builds
strictly with portavoz/site and portavoz/scheduler added, and keeps the same post pages.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from site_reading import listed_titles, listing_pages, soup

CLOCK = {"PORTAVOZ_NOW": "2026-01-01T00:00:00+00:00"}

PLAIN_CONFIG = """\
site_name: Un blog cualquiera
site_url: https://example.org/blog-cualquiera/
theme:
  name: material
plugins:
  - search
  - blog
"""
PORTAVOZ_PLUGINS = "  - portavoz/site\n  - portavoz/scheduler\n"

PLAIN_BLOG = {
    "docs/index.md": "# Inicio\n\nUn blog hecho con Material, sin nada más.\n",
    "docs/blog/index.md": "# Blog\n",
    "docs/blog/.authors.yml": (
        "authors:\n"
        "  ana:\n"
        "    name: Ana Ruiz\n"
        "    description: Autora\n"
        "    avatar: https://example.org/ana.png\n"
    ),
    "docs/blog/posts/primera.md": (
        "---\n"
        "date: 2025-03-01\n"
        "categories: [Noticias]\n"
        "tags: [inicio]\n"
        "authors: [ana]\n"
        "---\n\n"
        "# Primera entrada\n\nHola a todo el mundo.\n\n<!-- more -->\n\nY algo más.\n"
    ),
    "docs/blog/posts/segunda.md": (
        "---\n"
        "date:\n"
        "  created: 2025-04-02\n"
        "  updated: 2025-04-05\n"
        "categories: [Noticias, Guías]\n"
        "authors: [ana]\n"
        "---\n\n"
        "# Segunda entrada\n\nUna guía corta.\n"
    ),
    "docs/blog/posts/borrador.md": (
        "---\n"
        "date: 2025-05-03\n"
        "draft: true\n"
        "tags: [pendiente]\n"
        "---\n\n"
        "# Un borrador\n\nTodavía no.\n"
    ),
}
LIVE_TITLES = ["Segunda entrada", "Primera entrada"]


def _write_blog(root: Path, *, with_portavoz: bool, site_url: bool = True) -> Path:
    config = PLAIN_CONFIG + (PORTAVOZ_PLUGINS if with_portavoz else "")
    if not site_url:
        config = config.replace("site_url: https://example.org/blog-cualquiera/\n", "")
    for name, text in {"mkdocs.yml": config, **PLAIN_BLOG}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def _post_pages(site_dir: Path) -> set[str]:
    """Pages laid out as blog posts (Material's post sidebar), as site paths."""
    return {
        page.relative_to(site_dir).as_posix()
        for page in site_dir.rglob("index.html")
        if soup(page).select_one(".md-sidebar .md-post__back")
    }


def _blog_pages(site_dir: Path) -> set[str]:
    return {p.relative_to(site_dir).as_posix() for p in (site_dir / "blog").rglob("*.html")}


@pytest.fixture(scope="module")
def both_builds(
    tmp_path_factory: pytest.TempPathFactory, session_build: Callable[..., Any]
) -> tuple[Any, Any]:
    """The plain blog built as it is, and with portavoz added."""
    root = tmp_path_factory.mktemp("adoption")
    plain = session_build(_write_blog(root / "plain", with_portavoz=False), CLOCK)
    adopted = session_build(_write_blog(root / "adopted", with_portavoz=True), CLOCK)
    assert plain.returncode == 0, plain.output
    assert adopted.returncode == 0, adopted.output
    return plain, adopted


def test_adopting_portavoz_keeps_the_same_post_pages(both_builds: tuple[Any, Any]) -> None:
    plain, adopted = both_builds

    assert _post_pages(adopted.site_dir) == _post_pages(plain.site_dir)
    assert len(_post_pages(plain.site_dir)) == len(LIVE_TITLES)
    assert _blog_pages(adopted.site_dir) == _blog_pages(plain.site_dir)
    for result in both_builds:
        assert listed_titles(listing_pages(result.site_dir, "index")) == LIVE_TITLES


def test_adopted_blog_builds_without_warnings(both_builds: tuple[Any, Any]) -> None:
    _, adopted = both_builds

    assert "WARNING" not in adopted.output
    assert "ERROR" not in adopted.output


def test_posts_without_audience_go_to_the_default_one(both_builds: tuple[Any, Any]) -> None:
    _, adopted = both_builds
    # No theme.language: Material's and portavoz's English, so the hub is `audiences/`.
    hub = adopted.site_dir / "audiences" / "public" / "index.html"

    links = [" ".join(a.get_text().split()) for a in soup(hub).select("article li a")]

    assert links == LIVE_TITLES
    assert sorted(p.name for p in (adopted.site_dir / "audiences").iterdir()) == [
        "index.html",
        "public",
    ]


def test_blog_without_site_url_gets_a_clear_message(
    tmp_path: Path, build: Callable[..., Any]
) -> None:
    result = build(_write_blog(tmp_path, with_portavoz=True, site_url=False), CLOCK)

    assert "Traceback" not in result.output
    assert result.returncode != 0
    assert "portavoz/scheduler: set site_url in mkdocs.yml" in result.output
