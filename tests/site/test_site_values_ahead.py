"""A plain build: portavoz/site makes every page's values in one loop in ``on_env``, before
the first page is rendered (issue 16); each page's ``on_page_context`` takes its own while the
page's key is what it was then. A plugin that changes a page after ``on_env`` (its
``on_page_context`` runs before portavoz/site's) changes what the page shows: each input of
the key changed once.

Expect: each changed page's meta, JSON-LD or footer shows its change.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.utils import get_relative_url
from site_reading import soup

POST = "blog/posts/2026-05-05-presentamos-la-e-brisa.md"  # its canonical URL changed
MOVED = "blog/posts/2026-01-26-cinco-rutas-cortas.md"  # its URL changed (one folder deeper)
TITLED = "audiencias/index.md"  # its title changed
DESCRIBED = "index.md"  # its description changed
ELSEWHERE = "https://elsewhere.example/e-brisa/"

HOOK = f"""
from mkdocs.plugins import event_priority


@event_priority(50)  # before portavoz/site's (0), after its on_env
def on_page_context(context, page, config, nav):
    src_uri = page.file.src_uri
    if src_uri == {POST!r}:
        page.canonical_url = {ELSEWHERE!r}
    elif src_uri == {MOVED!r}:
        page.file.url = "blog/deeper/" + page.file.url.removeprefix("blog/")
    elif src_uri == {TITLED!r}:
        page.title = "Otro título"
    elif src_uri == {DESCRIBED!r}:
        page.meta["description"] = "Otra descripción"
    return context
"""


def _meta(path: Path, name: str) -> str:
    tag = soup(path).find("meta", attrs={"property": name})
    assert tag is not None, (path, name)
    return str(tag["content"])


def test_a_page_changed_after_on_env_shows_the_change(example_site: Path, build: Any) -> None:
    env = {"PORTAVOZ_NOW": "2026-12-01T00:00+01:00"}
    site = example_site / "site"
    (example_site / "changes.py").write_text(HOOK, encoding="utf-8")
    config = example_site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nhooks:\n  - changes.py\n")

    done = build(example_site, env)

    assert done.returncode == 0, done.output
    post = site / "blog/presentamos-la-e-brisa-nuestra-bici-electrica-mas-ligera/index.html"
    assert _meta(post, "og:url") == ELSEWHERE
    jsonld = soup(post).find("script", attrs={"type": "application/ld+json"})
    assert jsonld is not None and f'"url": "{ELSEWHERE}"' in jsonld.get_text()
    assert _meta(site / "audiencias/index.html", "og:title") == "Otro título"
    assert _meta(site / "index.html", "og:description") == "Otra descripción"
    moved = site / "blog/cinco-rutas-cortas-para-estrenar-tu-bici-electrica/index.html"
    links = [a["href"] for a in soup(moved).select("a.portavoz-audience")]
    # The page is written where it was; its links are relative to the URL it was given.
    here = "blog/deeper/cinco-rutas-cortas-para-estrenar-tu-bici-electrica/"
    assert links == [get_relative_url("audiencias/ciclistas/", here)]
    assert links != [get_relative_url("audiencias/ciclistas/", here.replace("deeper/", ""))]
