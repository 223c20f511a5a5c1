"""`mkdocs serve` previews: the dev server's address never leaks into links and social posts."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config

from portavoz.scheduler.project import load_project
from portavoz.scheduler.usecases.state import received


def test_serve_keeps_the_published_site_url(example_site: Path) -> None:
    config = load_config(str(example_site / "mkdocs.yml"))
    published = load_project(example_site / "mkdocs.yml").settings.site_url
    config.site_url = "http://127.0.0.1:8000/"  # what `mkdocs serve` does before building
    plugin = config.plugins["portavoz/site"]
    plugin.on_startup(command="serve", dirty=False)

    config = config.plugins.on_config(config)

    assert published.startswith("https://")
    # What the other plugins are handed: social posts and feeds link the published site.
    assert received(config, "a test").settings.site_url == published


def test_build_uses_the_configured_site_url(example_site: Path) -> None:
    config = load_config(str(example_site / "mkdocs.yml"), site_url="https://other.example.org/")
    plugin = config.plugins["portavoz/site"]
    plugin.on_startup(command="build", dirty=False)

    config = config.plugins.on_config(config)

    assert received(config, "a test").settings.site_url == "https://other.example.org/"
