"""Hostile-looking but valid text in posts and configuration is shown as text on the site.

Issue 10, items 2.2 (Open Graph meta were written unescaped) and 2.3 (hub pages turned an
attribute list in a summary into ``<li onmouseover=…>``). Each case is a file under
``corpus/escaping/`` whose ``# Expect:`` line says what it checks: posts in ``posts/``, a config
with a hostile audience (``mkdocs.yml``), an authors file with a hostile author (``authors.yml``),
and the issue's own multi-line summary (``newline/``). The preview banner's pause reason is a
table row below. Every file goes through ``portavoz check`` and ``portavoz review`` (which must
pass: the values are valid) and ``mkdocs build --strict``, whose pages BeautifulSoup reads back:
every value exactly as written, no script Material did not write, no event-handler attribute.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import frontmatter
import pytest
from bs4 import BeautifulSoup, Tag
from hardening_corpus import (
    AT,
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
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

REPO = CORPUS.parents[2]
ESCAPING = CORPUS / "escaping"
POST_FILES = sorted((ESCAPING / "posts").glob("*.md"))
NEWLINE = ESCAPING / "newline" / "2026-03-08-summary-attr-list-newline.md"
AUTHORS = "content/blog/.authors.yml"
SITE_NAME = "Corpus"


@dataclass(frozen=True)
class Site:
    """A strict build of the escaping project: its pages, read with BeautifulSoup."""

    run: Run
    root: Path

    def page(self, path: str) -> BeautifulSoup:
        file = self.root / "site" / path / "index.html"
        return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")

    def pages(self) -> list[BeautifulSoup]:
        files = sorted((self.root / "site").rglob("*.html"))
        return [BeautifulSoup(f.read_text(encoding="utf-8"), "html.parser") for f in files]


def project_files(posts: list[Path]) -> dict[str, bytes]:
    """The escaping project's files on top of the corpus project (the theme is copied apart)."""
    files = {f"{POSTS}/{p.name}": p.read_bytes() for p in posts}
    files["mkdocs.yml"] = (ESCAPING / "mkdocs.yml").read_bytes()
    files[AUTHORS] = (ESCAPING / "authors.yml").read_bytes()
    return files


def make_escaping_project(root: Path, files: Mapping[str, bytes] = {}) -> Path:
    make_project(root, files)
    # The example's custom_dir (mkdocs.yml names it); the partials that write the meta, feed
    # links and post footer come from the package, found after it.
    shutil.copytree(REPO / "theme", root / "theme")
    return root


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = make_escaping_project(
        tmp_path_factory.mktemp("escaping") / "p", project_files(POST_FILES)
    )
    return Site(build(root), root)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    base = tmp_path_factory.mktemp("escaping-cli")
    files = project_files(POST_FILES)
    return {
        "check": check(make_escaping_project(base / "check", files)),
        "review": review(make_escaping_project(base / "review"), files),
    }


def _meta(doc: BeautifulSoup) -> dict[str, str]:
    return {
        str(t.get("property") or t.get("name")): str(t.get("content"))
        for t in doc.select("head meta[property], head meta[name]")
    }


def _text(tag: Tag | None) -> str:
    assert tag is not None
    return tag.get_text().removesuffix("¶")  # the toc extension's permalink


def _title(doc: BeautifulSoup) -> str:
    assert doc.title is not None
    return doc.title.get_text()


CASE_FILES = [*POST_FILES, ESCAPING / "mkdocs.yml", ESCAPING / "authors.yml"]


@pytest.mark.parametrize("leg", ["check", "review"])
@pytest.mark.parametrize("case", CASE_FILES, ids=lambda p: p.name)
def test_valid_hostile_values_pass(case: Path, leg: str, runs: dict[str, Run]) -> None:
    assert expect_of(case)
    run = runs[leg]
    assert (run.code, run.exception) == (0, None), run.output
    assert "Traceback" not in run.output


@pytest.mark.parametrize("case", POST_FILES, ids=lambda p: p.name)
def test_post_values_read_back_exactly(case: Path, site: Site) -> None:
    assert expect_of(case)
    assert site.run.code == 0, site.run.output
    post = frontmatter.load(str(case))  # an independent reader of what the writer wrote
    title, summary = str(post["title"]), str(post["summary"])
    doc = site.page(f"blog/{post['slug']}")
    meta = _meta(doc)

    assert (meta["og:title"], meta["og:description"], meta["description"]) == (
        title,
        summary,
        summary,
    )
    assert meta.get("og:image:alt") == post.get("image_alt")
    assert _title(doc) == f"{title} - {SITE_NAME}"
    assert _text(doc.select_one(".md-content h1")) == title


@pytest.mark.parametrize("case", POST_FILES, ids=lambda p: p.name)
def test_hub_entries_are_text(case: Path, site: Site) -> None:
    post = frontmatter.load(str(case))
    title, summary = str(post["title"]), str(post["summary"])
    audiences = post["audience"]
    assert isinstance(audiences, list)
    public = [a for a in audiences if a != "equipo"]
    assert public
    for audience in public:
        entries = [
            li
            for li in site.page(f"audiencias/{audience}").select(".md-content li")
            if li.a is not None and li.a["href"] == f"../../blog/{post['slug']}/"
        ]
        assert len(entries) == 1, audience
        (entry,) = entries
        assert entry.attrs == {}
        assert entry.a is not None and set(entry.a.attrs) == {"href"}
        assert entry.a.get_text() == title
        assert entry.get_text().endswith(f" {summary}")


def test_blog_excerpt_heading_is_text(site: Site) -> None:
    post = frontmatter.load(str(ESCAPING / "posts" / "2026-03-05-title-attr-list.md"))
    headings = site.page("blog").select(".md-content h2")
    (heading,) = [h for h in headings if h.a is not None and "title-attr-list" in h.a["href"]]
    assert _text(heading) == post["title"]
    assert set(heading.attrs) == {"id"}


def test_audience_label_and_description_are_text(site: Site) -> None:
    assert expect_of(ESCAPING / "mkdocs.yml")
    label = 'Ciclistas "></title><script>alert(1)</script> {: onclick="alert(1)" }'
    description = 'Para quien pedalea "><img src=x onerror=alert(1)> {: onclick="alert(1)" }'
    hub = site.page("audiencias/ciclistas")
    assert (_text(hub.select_one(".md-content h1")), _title(hub)) == (label, f"{label} - Corpus")
    assert description in [p.get_text() for p in hub.select(".md-content p") if p.attrs == {}]
    index = site.page("audiencias")
    (row,) = [li for li in index.select(".md-content li") if li.a and li.a["href"] == "ciclistas/"]
    assert (row.attrs, row.get_text()) == ({}, f"{label} (3): {description}")
    footer = site.page("blog/og-breakout").select(".portavoz-audiences a")
    assert [a.get_text() for a in footer] == ["Público general", label]


def test_author_name_and_description_are_text(site: Site) -> None:
    assert expect_of(ESCAPING / "authors.yml")
    name = 'Lucía "><script>alert(1)</script> {: onclick="alert(1)" }'
    description = "Community manager <img src=x onerror=alert(1)>"
    authors = site.page("blog/og-breakout").select_one(".md-post__authors")
    assert authors is not None
    assert [img["alt"] for img in authors.select("img")] == [name]
    assert " ".join(authors.get_text().split()) == f"{name} {description}"
    profile = site.page("blog/author/lucia")
    assert _text(profile.select_one(".md-content h1")) == name
    assert _title(profile) == f"{name} - Corpus"


def test_no_page_runs_anything_material_did_not_write(site: Site) -> None:
    material = page_scripts(site.page("blog/una-entrada-correcta"))
    pages = site.pages()
    assert len(pages) > len(POST_FILES)
    for doc in pages:
        assert_runs_nothing_foreign(doc, material)


def test_multiline_attribute_list_is_refused_or_shown_as_text(tmp_path: Path) -> None:
    assert expect_of(NEWLINE)
    files = {**project_files([]), f"{POSTS}/{NEWLINE.name}": NEWLINE.read_bytes()}
    checked = check(make_escaping_project(tmp_path / "check", files))
    assert checked.exception is None and "Traceback" not in checked.output
    built = Site(build(make_escaping_project(tmp_path / "build", files)), tmp_path / "build")
    if checked.code != 0:  # one-line fields refuse line breaks: a located message is enough
        assert f"{POSTS}/{NEWLINE.name}" in checked.output and "summary" in checked.output
        assert built.run.code != 0 and f"{POSTS}/{NEWLINE.name}" in built.run.output
        return
    assert built.run.code == 0, built.run.output
    (entry,) = [
        li
        for li in built.page("audiencias/ciclistas").select(".md-content li")
        if li.a is not None and "summary-attr-list-newline" in str(li.a["href"])
    ]
    assert entry.attrs == {}
    assert " ".join(entry.get_text().split()).endswith('x {: onmouseover="alert(1)" }')


BANNER_CASES = [
    {
        "expect": "a pause reason with markup and an attribute list is shown as text in the "
        "preview banner of a held post, which gets no attributes from it",
        "reason": 'Crisis "><script>alert(1)</script> {: onclick="alert(1)" } **ya**',
    },
]


@pytest.mark.parametrize("case", BANNER_CASES, ids=["pause-reason"])
def test_preview_banner_is_text(
    case: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert case["expect"]
    root = make_escaping_project(tmp_path / "p", project_files([POST_FILES[0]]))
    monkeypatch.setenv("PORTAVOZ_NOW", AT)
    monkeypatch.setenv("PORTAVOZ_PAUSE", case["reason"])
    monkeypatch.setenv("PORTAVOZ_PAUSE_SINCE", "2026-01-01T00:00:00+01:00")
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    config.plugins.on_startup(command="serve", dirty=False)  # what `mkdocs serve` does first
    mkdocs_build(config, serve_url="http://127.0.0.1:8000/")
    banner = Site(Run(0, ""), root).page("blog/og-breakout").select_one(".portavoz-banner")
    assert banner is not None
    assert banner.attrs == {"class": ["portavoz-banner", "portavoz-banner--held"], "role": "note"}
    assert case["reason"] in banner.get_text()
    assert banner.find(["script", "strong"]) is None
