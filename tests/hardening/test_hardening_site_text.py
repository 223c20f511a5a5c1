"""Configuration text, categories and subtitles reach Material's pages as text (issue 10, 2.2).

Material writes ``site_name``, ``site_description`` and ``site_author`` into the header, the
navigation, ``<title>`` and ``<meta>`` unescaped; it makes each category's page from the
Markdown ``# <category>`` and writes categories and a page's ``subtitle`` unescaped too. The
cases are files under ``corpus/site-text/``, each with its ``# Expect:`` line: a config with
hostile text (``mkdocs.yml``), a post with hostile categories (``posts/``) and a page with a
hostile subtitle (``pages/``). They are valid, so ``portavoz check`` and ``portavoz review``
pass; ``mkdocs build --strict`` builds them, and BeautifulSoup and feedparser read back every
value exactly as written, at the URLs Material gave the categories before they were escaped.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from pathlib import Path

import feedparser
import frontmatter
import pytest
from bs4 import BeautifulSoup
from hardening_corpus import (
    CORPUS,
    POSTS,
    Run,
    assert_runs_nothing_foreign,
    build,
    check,
    expect_of,
    make_project,
    page_scripts,
    review,
)

REPO = CORPUS.parents[2]
SITE_TEXT = CORPUS / "site-text"
CONFIG = SITE_TEXT / "mkdocs.yml"
POST = SITE_TEXT / "posts" / "2026-03-09-hostile-categories.md"
PAGE = SITE_TEXT / "pages" / "pagina.md"
CASE_FILES = [CONFIG, POST, PAGE]

# As written in corpus/site-text/mkdocs.yml and pages/pagina.md (YAML single quotes: verbatim).
SITE_NAME = 'Rueda & Co "hola" </title><script>alert(1)</script> &amp;'
SITE_DESCRIPTION = 'Noticias "><img src=x onerror=alert(1)> & más &lt;b&gt;'
SITE_AUTHOR = 'Equipo <b>Rueda</b> & "Co" {: onclick="alert(1)" }'
SUBTITLE = 'Guía "><img src=x onerror=alert(1)> & más {: onclick="alert(1)" }'

# The folder Material's blog gave each category before categories were escaped, written out
# here: an escaped name that changed a slug ("&amp;" read as "amp") would move the page.
CATEGORY_SLUGS = {
    "Rutas & Eventos": "rutas--eventos",
    "<script>alert(1)</script>": "alert1",
    'Rutas {: onclick="alert(1)" }': "rutas--onclickalert1-",
    "Bicis &amp; ciudad": "bicis-amp-ciudad",
    "**negrita** [x](javascript:alert(1))": "negrita-xjavascriptalert1",
}


def project_files() -> dict[str, bytes]:
    return {
        "mkdocs.yml": CONFIG.read_bytes(),
        f"{POSTS}/{POST.name}": POST.read_bytes(),
        "content/pagina.md": PAGE.read_bytes(),
    }


def make_site_text_project(root: Path, files: Mapping[str, bytes] = {}) -> Path:
    make_project(root, files)
    # The example's custom_dir (mkdocs.yml names it); the partials that write the meta, feed
    # links and post footer come from the package, found after it.
    shutil.copytree(REPO / "theme", root / "theme")
    return root


class Site:
    """A strict build of the site-text project, read with BeautifulSoup and feedparser."""

    def __init__(self, run: Run, root: Path) -> None:
        self.run = run
        self.site = root / "site"

    def page(self, path: str) -> BeautifulSoup:
        file = self.site / path / "index.html" if path else self.site / "index.html"
        return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")

    def every_page(self) -> list[BeautifulSoup]:
        files = sorted(self.site.rglob("*.html"))
        return [BeautifulSoup(f.read_text(encoding="utf-8"), "html.parser") for f in files]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = make_site_text_project(tmp_path_factory.mktemp("site-text") / "p", project_files())
    built = Site(build(root), root)
    assert built.run.code == 0, built.run.output
    return built


@pytest.mark.parametrize("leg", ["check", "review"])
def test_the_values_are_valid(leg: str, tmp_path: Path) -> None:
    assert all(expect_of(case) for case in CASE_FILES)
    if leg == "check":
        run = check(make_site_text_project(tmp_path / "p", project_files()))
    else:
        run = review(make_site_text_project(tmp_path / "p"), project_files())
    assert (run.code, run.exception) == (0, None), run.output
    assert "Traceback" not in run.output


def _words(text: str) -> str:
    return " ".join(text.split())


def _meta(doc: BeautifulSoup) -> dict[str, str]:
    return {
        str(t.get("property") or t.get("name")): str(t.get("content"))
        for t in doc.select("head meta[property], head meta[name]")
    }


def _title(doc: BeautifulSoup) -> str:
    assert doc.title is not None
    return doc.title.get_text()


PAGES = ["", "blog", "blog/hostile-categories", "pagina", "blog/category/alert1"]


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p or "home")
def test_site_name_is_text_in_header_navigation_and_title(path: str, site: Site) -> None:
    doc = site.page(path)
    topic = doc.select_one(".md-header__topic .md-ellipsis")
    assert topic is not None and topic.get_text().strip() == SITE_NAME
    logos = doc.select("a.md-logo")
    assert len(logos) == 2  # the header's and the navigation drawer's
    assert all((a["title"], a["aria-label"]) == (SITE_NAME, SITE_NAME) for a in logos)
    drawer = doc.select_one("label.md-nav__title")
    assert drawer is not None and _words(drawer.get_text()) == _words(SITE_NAME)
    title = _title(doc)
    assert title == SITE_NAME or title.endswith(f" - {SITE_NAME}")


def test_description_and_author_are_text_in_meta(site: Site) -> None:
    assert expect_of(CONFIG)
    meta = _meta(site.page(""))
    assert (meta["description"], meta["author"]) == (SITE_DESCRIPTION, SITE_AUTHOR)
    assert meta["og:description"] == SITE_DESCRIPTION


def test_site_name_is_text_in_feeds(site: Site) -> None:
    links = site.page("").select('head link[rel="alternate"]')
    assert {str(link["title"]) for link in links} == {SITE_NAME}
    for name in ("feed.rss.xml", "feed.atom.xml"):
        feed = feedparser.parse((site.site / name).read_bytes())
        assert not feed.bozo, feed.bozo_exception
        assert feed.feed.title == SITE_NAME
    titles = set()
    feeds = (site.site / "feeds" / "categories").glob("*.xml")
    for path in sorted(p for p in feeds if p.name != "sitemap.xml"):  # sitemap: for Material
        feed = feedparser.parse(path.read_bytes())
        assert not feed.bozo, feed.bozo_exception
        titles.add(feed.feed.title)
    assert titles == {f"{SITE_NAME}: {name}" for name in CATEGORY_SLUGS}


def test_the_post_has_the_categories_of_the_table() -> None:
    assert expect_of(POST)
    assert frontmatter.load(str(POST))["categories"] == list(CATEGORY_SLUGS)


@pytest.mark.parametrize("name", CATEGORY_SLUGS)
def test_category_page_is_text_at_its_url(name: str, site: Site) -> None:
    doc = site.page(f"blog/category/{CATEGORY_SLUGS[name]}")
    heading = doc.select_one(".md-content h1")
    assert heading is not None and heading.get_text().removesuffix("¶") == name
    assert set(heading.attrs) == {"id"}
    assert _title(doc) == f"{name} - {SITE_NAME}"
    assert _meta(doc)["og:title"] == name


@pytest.mark.parametrize("path", ["blog", "blog/hostile-categories"])
def test_category_links_are_text(path: str, site: Site) -> None:
    doc = site.page(path)
    for name, slug in CATEGORY_SLUGS.items():
        links = [a for a in doc.find_all("a") if str(a.get("href")).endswith(f"/{slug}/")]
        # Under the post (or its excerpt) and in the navigation's category section.
        assert len(links) >= 2, name
        assert {_words(a.get_text()) for a in links} == {_words(name)}, name


def test_subtitle_is_text_in_navigation(site: Site) -> None:
    assert expect_of(PAGE)
    subtitles = site.page("").select(".md-nav small")
    assert [s.get_text() for s in subtitles] == [SUBTITLE]
    assert subtitles[0].attrs == {}
    assert subtitles[0].parent is not None and "onclick" not in subtitles[0].parent.attrs


def test_no_page_runs_anything_material_did_not_write(site: Site) -> None:
    material = page_scripts(site.page("pagina"))
    pages = site.every_page()
    assert len(pages) > len(CATEGORY_SLUGS)
    for doc in pages:
        assert_runs_nothing_foreign(doc, material)
        assert doc.find("b") is None
