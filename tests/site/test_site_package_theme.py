"""Everything portavoz/site needs ships in the package (issue 12): a brand site with no
``custom_dir`` and no Markdown extensions gets the head meta, feed links, audiences and share
links, the stylesheet and the preview banner, in its own language; a ``custom_dir`` partial of
the same name still wins. Pages are read back with BeautifulSoup, the CLI through CliRunner.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from site_reading import soup

from portavoz.scheduler.cli.main import main

CLOCK = "2026-11-23T12:00:00+00:00"
SITE_URL = "https://brand.example.org/"
POST_URL = "blog/2026/03/01/hello-world"  # Material's default post_url_format
LATER_URL = "blog/2027/01/05/later"
CONFIG = textwrap.dedent(
    f"""\
    site_name: Brand
    site_url: {SITE_URL}
    theme:
      name: material
      language: LANGUAGE
    plugins:
      - material/blog
      - portavoz/site:
          timezone: America/New_York
          audiences:
            riders: {{label: Riders}}
      - portavoz/scheduler
    """
)
POSTS = {
    "2026-03-01-hello-world.md": """\
        ---
        title: Hello world
        date: 2026-03-01 23:30:00
        summary: The first post of the brand.
        audience: [riders]
        channels: [x, mastodon, bluesky]
        ---

        The first post.
        """,
    "2027-01-05-later.md": """\
        ---
        title: Later
        date: 2027-01-05 10:00:00
        summary: A post for next year.
        channels: [mastodon]
        ---

        Not yet.
        """,
}
SPANISH = ("Para:", "Compartir", "Audiencias", "audiencias", "Programado", "vista previa")
"""portavoz's own Spanish texts, none of which an English site may show."""


def write_site(root: Path, language: str = "en", custom_dir: str = "") -> Path:
    """A brand site of its own: Material, its blog, portavoz; no custom_dir unless given."""
    config = CONFIG.replace("LANGUAGE", language)
    if custom_dir:
        config = config.replace(
            "  name: material\n", f"  name: material\n  custom_dir: {custom_dir}\n"
        )
    files = {
        "mkdocs.yml": config,
        "docs/index.md": "# Home\n",
        "docs/blog/index.md": "# Blog\n",
        **{f"docs/blog/posts/{name}": textwrap.dedent(text) for name, text in POSTS.items()},
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def page(result: Any, path: str) -> BeautifulSoup:
    return soup(result.site_dir / path / "index.html")


@pytest.fixture(scope="module")
def english(tmp_path_factory: pytest.TempPathFactory, session_build: Callable[..., Any]) -> Any:
    result = session_build(write_site(tmp_path_factory.mktemp("english")), {"PORTAVOZ_NOW": CLOCK})
    assert result.returncode == 0, result.output
    assert "WARNING" not in result.output, result.output
    return result


def test_post_page_has_social_meta_without_custom_dir(english: Any) -> None:
    head = page(english, POST_URL).head
    assert head is not None

    meta = {
        str(t.get("property") or t.get("name")): str(t["content"])
        for t in head.select("meta[content]")
    }

    assert meta["og:title"] == "Hello world"
    assert meta["og:url"] == f"{SITE_URL}{POST_URL}/"
    assert meta["og:description"] == "The first post of the brand."
    assert meta["og:locale"] == "en_US"  # Open Graph's language_TERRITORY form
    assert meta["twitter:card"] == "summary"


def test_post_page_links_the_feeds_and_the_stylesheet(english: Any) -> None:
    head = page(english, POST_URL).head
    assert head is not None

    feeds = head.select('link[rel="alternate"][type]')
    sheets = [str(link["href"]) for link in head.select('link[rel="stylesheet"]')]

    assert feeds and all(str(f["href"]).startswith(SITE_URL) for f in feeds)
    assert {str(f["type"]) for f in feeds} >= {"application/rss+xml"}
    (css,) = [href for href in sheets if href.endswith("portavoz.css")]
    target = (english.site_dir / POST_URL / css).resolve()
    assert target.is_file() and ".portavoz-post" in target.read_text(encoding="utf-8")


def test_post_footer_has_audiences_and_share_links_in_english(english: Any) -> None:
    footer = page(english, POST_URL).select_one("footer.portavoz-post")
    assert footer is not None

    labels = [" ".join(s.get_text().split()) for s in footer.select(".portavoz-label")]
    audience = footer.select_one("a.portavoz-audience")
    share = footer.select_one("nav.portavoz-share")

    assert labels == ["For:", "Share on:"]
    assert audience is not None and audience.get_text() == "Riders"
    assert str(audience["href"]).rstrip("/").endswith("audiences/riders")
    assert share is not None and share["aria-label"] == "Share"
    networks = [a["data-network"] for a in share.select("a.portavoz-share__link")]
    assert networks == ["x", "mastodon", "bluesky"]


def test_hub_is_english(english: Any) -> None:
    index = page(english, "audiences")
    riders = page(english, "audiences/riders")

    assert index.h1 is not None and index.h1.get_text().removesuffix("¶") == "Audiences"
    # 23:30 in New York on 1 March is 2 March in UTC: the date is the site's timezone's.
    assert [t.get_text() for t in riders.select("article time")] == ["March 1, 2026"]


def test_no_page_shows_portavoz_spanish(english: Any) -> None:
    shown = {
        path.relative_to(english.site_dir).as_posix(): path.read_text(encoding="utf-8")
        for path in english.site_dir.rglob("*.html")
    }

    found = {path: [s for s in SPANISH if s in text] for path, text in shown.items()}

    assert len(shown) > 3
    assert {path: words for path, words in found.items() if words} == {}


def test_custom_dir_partial_overrides_the_packaged_one(
    tmp_path: Path, build: Callable[..., Any]
) -> None:
    root = write_site(tmp_path, custom_dir="overrides")
    partial = root / "overrides" / "partials" / "portavoz-post-footer.html"
    partial.parent.mkdir(parents=True)
    partial.write_text('<p id="brand-footer">{{ portavoz_labels.share | e }}</p>\n', "utf-8")

    result = build(root, {"PORTAVOZ_NOW": CLOCK})
    doc = page(result, POST_URL)

    assert result.returncode == 0, result.output
    ours = doc.select_one("#brand-footer")
    assert ours is not None and ours.get_text() == "Share on:"
    assert doc.select_one("footer.portavoz-post") is None
    # The other packaged templates stay: the head meta still comes from the package.
    assert doc.select_one('head meta[property="og:title"]') is not None


def test_preview_banner_is_html_without_admonition(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_site(tmp_path)
    monkeypatch.setenv("PORTAVOZ_NOW", CLOCK)
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    assert "admonition" not in config.markdown_extensions
    config.plugins.on_startup(command="serve", dirty=False)  # what `mkdocs serve` does first
    mkdocs_build(config, serve_url="http://127.0.0.1:8000/")

    html = (root / "site" / LATER_URL / "index.html").read_text(encoding="utf-8")
    banner = BeautifulSoup(html, "html.parser").select_one(".portavoz-banner")

    assert "!!!" not in html
    assert banner is not None and banner["role"] == "note"
    text = " ".join(banner.get_text().split())
    # The date and time it goes live, in the site's timezone and language (the split above
    # turns Babel's narrow no-break space before "AM" into a space).
    assert text == (
        "Scheduled: to be published on January 5, 2027, 10:00 AM. Visible only in the preview."
    )


def test_unknown_language_falls_back_to_english_with_one_warning(
    tmp_path: Path, build: Callable[..., Any]
) -> None:
    root = write_site(tmp_path, language="pt-BR")
    warning = "theme.language 'pt-BR': portavoz has no texts in this language"

    result = build(root, {"PORTAVOZ_NOW": CLOCK}, strict=False)
    checked = CliRunner().invoke(main, ["check", str(root), "--at", CLOCK])
    footer = page(result, POST_URL).select_one("footer.portavoz-post")

    assert result.returncode == 0, result.output
    assert result.output.count(warning) == 1, result.output
    assert f"mkdocs.yml: {warning}" in result.output
    assert footer is not None
    assert [s.get_text() for s in footer.select(".portavoz-label")] == ["For:", "Share on:"]
    assert (result.site_dir / "audiences" / "index.html").is_file()
    assert checked.exit_code == 0, checked.output
    assert checked.output.count(warning) == 1, checked.output
    assert "0 errors, 1 warnings" in checked.output
