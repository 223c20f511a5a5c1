"""Writers' and configuration text reaches the site's HTML as text, hostile or not.

One real build of the example with, for every value of the table, a post whose title, summary
and image alt text are that value, an audience whose label and description are that value and an
author whose name and description are that value (and a page whose description is that value).
BeautifulSoup reads back each place the value is shown: it must be exactly the value, and no
page may carry a script or an event-handler attribute that Material did not write.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from site_reading import SITE_URL, soup

CLOCK = "2026-11-23T12:00:00+01:00"
SITE_NAME = "Rueda Libre · Blog y comunidad"

VALUES = {
    # hostile: each would end an attribute, a <title>, or become markup or an attribute list
    "quote-breakout": 'Dijo "adiós"><script>alert(1)</script>',
    "single-quotes": "It's 'quoted' ' onmouseover='alert(1)",
    "escaped-already": "&amp; &lt;b&gt;no es negrita&lt;/b&gt; &#60;",
    "title-breakout": "</title><script>alert(1)</script>",
    "script-breakout": "</script><script>alert(1)</script><!-- & fin",
    "attr-list": 'Rutas {: onmouseover="alert(1)" }',
    "attr-list-bare": "Rutas {: onclick=alert(1) }",
    "markdown": "**negrita** _cursiva_ [enlace](javascript:alert(1)) ![img](x.png) `code`",
    "raw-html": '<img src=x onerror="alert(1)"><b>negrita</b>',
    # ordinary: must show as written, not as entities and not cut at the quote
    "honest-quotes": 'Dijo "hola" y se fue',
    "accents": "Pedalear en otoño: guía rápida",
    "ampersand": "Bicis & ciudad",
    "heart": "Valencia <3 bicis",
    "emoji": "Nueva e-Brisa 🚲✨",
}
CASES = list(VALUES)


def _post(index: int, value: str) -> str:
    meta = {
        "title": value,
        "slug": f"caso-{index}",
        "authors": [f"autor{index}"],
        "summary": value,
        "image": "https://blog.ruedalibre-demo.es/assets/images/estaciones-benimaclet-cabanyal.png",
        "image_alt": value,
        "audience": [f"caso{index}"],
        "channels": ["x", "mastodon"],
    }
    # JSON is YAML: every value is quoted exactly, whatever it holds.
    lines = [f"{key}: {json.dumps(item, ensure_ascii=False)}" for key, item in meta.items()]
    lines.append("date: 2026-10-01 10:00:00")
    return "\n".join(["---", *lines, "---", "", "Texto de la entrada.", ""])


def _site(root: Path) -> None:
    posts = root / "content" / "blog" / "posts"
    audiences = []
    authors = []
    for index, value in enumerate(VALUES.values()):
        (posts / f"2026-10-01-caso-{index}.md").write_text(_post(index, value), encoding="utf-8")
        text = json.dumps(value, ensure_ascii=False)
        audiences += [f"        caso{index}:", f"          label: {text}"]
        audiences += [f"          description: {text}"]
        authors += [f"  autor{index}:", f"    name: {text}", f"    description: {text}"]
        authors += ["    avatar: https://blog.ruedalibre-demo.es/assets/avatars/lucia.svg"]
        page = f"---\ndescription: {text}\n---\n\n# Página {index}\n\nTexto.\n"
        (root / "content" / f"pagina-{index}.md").write_text(page, encoding="utf-8")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert text.count("      audiences:\n") == 1
    text = text.replace("      audiences:\n", "      audiences:\n" + "\n".join(audiences) + "\n")
    config.write_text(text, encoding="utf-8")
    authors_file = root / "content" / "blog" / ".authors.yml"
    with authors_file.open("a", encoding="utf-8") as out:
        out.write("\n".join(authors) + "\n")


@pytest.fixture(scope="module")
def site(
    tmp_path_factory: pytest.TempPathFactory,
    pytestconfig: pytest.Config,
) -> Path:
    root_conftest: Any = pytestconfig.pluginmanager.get_plugin(
        str(Path(__file__).resolve().parents[1] / "conftest.py")
    )
    root: Path = root_conftest.copy_example(tmp_path_factory.mktemp("escaping") / "example")
    _site(root)
    result = root_conftest.run_build(root, {"PORTAVOZ_NOW": CLOCK})
    assert result.returncode == 0, result.output
    return root / "site"


def _page(site: Path, path: str) -> BeautifulSoup:
    return soup(site / path / "index.html")


def _text(tag: Tag | None) -> str:
    assert tag is not None
    return tag.get_text().removesuffix("¶")  # the toc extension's permalink


def _meta(doc: BeautifulSoup) -> dict[str, str]:
    found = {}
    for tag in doc.select("head meta[property], head meta[name]"):
        found[str(tag.get("property") or tag.get("name"))] = str(tag.get("content"))
    return found


@pytest.mark.parametrize("case", CASES)
def test_post_meta_read_back_exactly(site: Path, case: str) -> None:
    value = VALUES[case]
    doc = _page(site, f"blog/caso-{CASES.index(case)}")
    meta = _meta(doc)

    assert meta["og:title"] == value
    assert meta["og:description"] == value
    assert meta["og:image:alt"] == value
    assert meta["description"] == value
    assert meta["twitter:card"] == "summary_large_image"
    assert doc.title is not None and doc.title.get_text() == f"{value} - {SITE_NAME}"


@pytest.mark.parametrize("case", CASES)
def test_post_json_ld_read_back_exactly(site: Path, case: str) -> None:
    value = VALUES[case]
    (script,) = _page(site, f"blog/caso-{CASES.index(case)}").select(
        'script[type="application/ld+json"]'
    )
    data = json.loads(script.get_text())

    assert (data["headline"], data["description"]) == (value, value)
    assert data["author"] == [{"@type": "Person", "name": value}]
    assert "<" not in script.get_text()  # nothing can end the element or open a comment


@pytest.mark.parametrize("case", CASES)
def test_post_page_shows_the_values_as_text(site: Path, case: str) -> None:
    value = VALUES[case]
    doc = _page(site, f"blog/caso-{CASES.index(case)}")

    assert _text(doc.select_one("article h1")) == value
    assert [a.get_text() for a in doc.select(".portavoz-audiences a")] == [value]
    authors = doc.select_one(".md-post__authors")
    assert authors is not None
    assert " ".join(value.split()) in " ".join(authors.get_text().split())
    assert [img["alt"] for img in authors.select("img")] == [value]
    for link in doc.select(".portavoz-share a"):
        query = parse_qs(urlsplit(str(link["href"])).query)
        assert value in (query.get("text") or [""])[0], link


@pytest.mark.parametrize("case", CASES)
def test_hub_entries_are_text_without_attributes(site: Path, case: str) -> None:
    value = VALUES[case]
    index = CASES.index(case)
    url = f"{SITE_URL}audiencias/caso{index}/"
    doc = _page(site, f"audiencias/caso{index}")

    assert _text(doc.select_one("article h1")) == value
    assert doc.title is not None and doc.title.get_text() == f"{value} - {SITE_NAME}"
    assert _meta(doc)["og:title"] == value
    (item,) = doc.select("article li")
    assert item.attrs == {}
    assert item.a is not None and item.a.get_text() == value
    assert urljoin(url, str(item.a["href"])) == f"{SITE_URL}blog/caso-{index}/"
    assert item.get_text().endswith(f" {value}")
    (description,) = [p for p in doc.select("article p") if p.get_text() == value]
    assert description.attrs == {}


def test_hub_index_rows_are_text_without_attributes(site: Path) -> None:
    rows = _page(site, "audiencias").select("article li")
    for index, value in enumerate(VALUES.values()):
        (row,) = [r for r in rows if r.a is not None and r.a["href"] == f"caso{index}/"]
        assert row.attrs == {}
        assert row.get_text() == f"{value} (1): {value}"


@pytest.mark.parametrize("case", CASES)
def test_author_profile_and_excerpt_are_text(site: Path, case: str) -> None:
    value = VALUES[case]
    doc = _page(site, f"blog/author/autor{CASES.index(case)}")

    assert _text(doc.select_one(".md-content h1")) == value
    assert doc.title is not None and doc.title.get_text() == f"{value} - {SITE_NAME}"
    headings = [_text(h) for h in doc.select(".md-content h2")]
    assert headings == [value]


@pytest.mark.parametrize("case", CASES)
def test_page_description_read_back_exactly(site: Path, case: str) -> None:
    meta = _meta(_page(site, f"pagina-{CASES.index(case)}"))
    assert meta["description"] == meta["og:description"] == VALUES[case]


def _runnable(doc: BeautifulSoup) -> list[Tag]:
    # A post's JSON-LD is a data block, never run (test_post_json_ld_read_back_exactly reads it).
    return [s for s in doc.find_all("script") if s.get("type") != "application/ld+json"]


def _scripts(doc: BeautifulSoup) -> list[str]:
    # Relative paths differ with the page's depth; the file name is what identifies the script.
    return [str(s.get("src") or "inline").rsplit("/", 1)[-1] for s in _runnable(doc)]


def test_no_page_runs_anything_material_did_not_write(site: Path) -> None:
    # An untouched page of the example is the yardstick: Material's own scripts, nothing else.
    material = _scripts(_page(site, "blog/consejos-para-pedalear-en-otono-con-seguridad"))
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 3 * len(VALUES)
    for path in pages:
        doc = soup(path)
        assert _scripts(doc) == material, path
        assert all("alert" not in s.get_text() for s in _runnable(doc)), path
        handlers = [(t.name, a) for t in doc.find_all(True) for a in t.attrs if a.startswith("on")]
        assert handlers == [], path
        assert doc.find("img", src="x") is None, path
