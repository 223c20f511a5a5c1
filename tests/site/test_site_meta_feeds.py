"""Page meta, JSON-LD, robots.txt and the feeds' texts of the built example, read back with
BeautifulSoup, json, feedparser and a PNG header read here (never through portavoz).
"""

from __future__ import annotations

import json
import struct
from collections.abc import Callable
from pathlib import Path
from typing import Any

import feedparser
import pytest
import yaml
from bs4 import BeautifulSoup
from site_reading import REPO, SITE_URL, soup

CLOCK = "2026-11-23T12:00:00+01:00"  # test_site_pages' clock: the same shared build
CONFIG = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8").split("\ntheme:")[0])
AUTHORS = yaml.safe_load((REPO / "content/blog/.authors.yml").read_text(encoding="utf-8"))
POST = "blog/presentamos-la-e-brisa-nuestra-bici-electrica-mas-ligera/index.html"


@pytest.fixture(scope="module")
def site(built_at: Callable[[str], Any]) -> Path:
    return Path(built_at(CLOCK).site_dir)


def meta(doc: BeautifulSoup) -> dict[str, str]:
    found = {}
    for tag in doc.select("head meta[property], head meta[name]"):
        found[str(tag.get("property") or tag.get("name"))] = str(tag.get("content"))
    return found


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_post_meta(site: Path) -> None:
    found = meta(soup(site / POST))

    assert found["og:site_name"] == CONFIG["site_name"]
    assert found["og:locale"] == "es_ES"
    assert found["description"] == found["og:description"] != CONFIG["site_description"]
    image = site / found["og:image"].removeprefix(SITE_URL)
    assert (int(found["og:image:width"]), int(found["og:image:height"])) == png_size(image)
    assert found["og:image:alt"]


def test_home_card_is_the_site_s(site: Path) -> None:
    found = meta(soup(site / "index.html"))

    assert found["og:title"] == found["og:site_name"] == CONFIG["site_name"]
    assert found["og:locale"] == "es_ES"
    image = site / found["og:image"].removeprefix(SITE_URL)
    assert (int(found["og:image:width"]), int(found["og:image:height"])) == png_size(image)


def test_posts_carry_blog_posting_json_ld(site: Path) -> None:
    doc = soup(site / POST)
    (script,) = doc.select('script[type="application/ld+json"]')
    data = json.loads(script.get_text())
    found = meta(doc)

    assert data["@type"] == "BlogPosting"
    assert data["headline"] == found["og:title"]
    assert data["url"] == found["og:url"]
    assert data["author"] == [{"@type": "Person", "name": AUTHORS["authors"]["marc"]["name"]}]
    assert not soup(site / "index.html").select('script[type="application/ld+json"]')


def test_robots_txt_points_at_the_sitemap(site: Path) -> None:
    lines = (site / "robots.txt").read_text(encoding="utf-8").splitlines()

    assert f"Sitemap: {SITE_URL}sitemap.xml" in lines
    assert (site / "sitemap.xml").is_file()


def test_feeds_name_authors_and_describe_the_site(site: Path) -> None:
    parsed = feedparser.parse((site / "feed.rss.xml").read_bytes())
    names = {author["name"] for author in AUTHORS["authors"].values()}

    assert not parsed.bozo
    assert parsed.feed.subtitle == CONFIG["site_description"]
    creators = {e.author for e in parsed.entries if "author" in e}
    assert creators and creators <= names
