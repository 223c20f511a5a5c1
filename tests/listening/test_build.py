"""Real ``mkdocs build`` runs in tmp_path with the plugin fetching from the local server."""

from __future__ import annotations

import json
import logging
import re
from datetime import datetime
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from feedserver import ETAG, FeedServer
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from portavoz.scheduler.listening.crisis import load_signal

FORBIDDEN_ELEMENTS = {"script", "iframe", "object", "embed", "svg", "math", "form", "img"}
UNSAFE_URL = re.compile(r"^\s*(javascript|data|vbscript):", re.IGNORECASE)


def _site(tmp_path: Path, server: FeedServer, language: str = "es", **extra: object) -> Path:
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "docs" / "index.md").write_text("# Inicio\n", encoding="utf-8")
    options = {
        "sources": [
            {"name": "Blog hostil", "url": server.url("/hostile.xml"), "kind": "community"},
            {"name": "Pedaleando", "url": server.url("/rss2.xml"), "kind": "community"},
            {"name": "Bici y ciudad", "url": server.url("/atom.xml"), "kind": "community"},
            {"name": "Foro", "url": server.url("/rdf.xml"), "kind": "forum"},
        ],
        "timeout": 2,
        "allow_private": [server.host_port],
        "departments": ["facturación", "prensa"],
        "rules": [
            {"label": "marca", "keywords": ["Rueda Libre"]},
            {
                "label": "facturación",
                "keywords": ["facturacion", "cobrado dos veces"],
                "patterns": [r"cobros? duplicados?"],
                "departments": ["facturación"],
            },
        ],
        "people": [
            {"name": "Lucía Ferrer", "handles": {"mastodon": "@lucia@mastodon.social"}},
        ],
        "voices": {"public": True},
        **extra,
    }
    config = {
        "site_name": "Prueba",
        "site_url": "https://example.org/",
        "theme": {"name": "material", "language": language},
        "markdown_extensions": ["attr_list", "md_in_html"],
        "plugins": [{"portavoz/listening": options}],
    }
    path = tmp_path / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def _build(config_file: Path, strict: bool = False) -> None:
    build(load_config(str(config_file), strict=strict))


@pytest.fixture(autouse=True)
def clock(monkeypatch: pytest.MonkeyPatch, now: datetime) -> None:
    monkeypatch.setenv("PORTAVOZ_NOW", now.isoformat())


def _assert_inert(html: str, block: str = "div.portavoz-planet") -> None:
    soup = BeautifulSoup(html, "html.parser")
    planet = soup.select_one(block)
    assert planet is not None
    assert not planet.find_all(FORBIDDEN_ELEMENTS)
    for element in soup.find_all(True):
        assert not [a for a in element.attrs if a.lower().startswith("on")], element
        for attribute in ("href", "src", "action", "formaction", "data"):
            value = element.get(attribute)
            assert not (isinstance(value, str) and UNSAFE_URL.match(value)), element
    for script in soup.find_all("script"):
        assert "alert(" not in script.get_text()
    for link in planet.find_all("a"):
        assert link["href"].startswith(("http://", "https://"))
        assert link["rel"] == ["nofollow", "noopener", "ugc"]


def test_hub_pages_are_inert(tmp_path: Path, feed_server: FeedServer) -> None:
    _build(_site(tmp_path, feed_server))
    page = (tmp_path / "site" / "comunidad" / "index.html").read_text(encoding="utf-8")
    _assert_inert(page)
    planet = BeautifulSoup(page, "html.parser").select_one("div.portavoz-planet")
    assert planet is not None
    text = planet.get_text(" ")
    # The payloads are shown as text, harmlessly: escaped once, never run.
    assert '<script>alert("title")</script>Hola' in text
    assert "**Rueda Libre** mola" in text
    titles = [h.get_text() for h in planet.find_all("h2")]
    assert "Mi primera semana con Rueda Libre" in titles
    assert "¿Alguien más con cobros duplicados en Rueda Libre?" not in titles  # a forum
    links = {a.get_text(): a["href"] for a in planet.find_all("a")}
    assert links["Entrada normal con enlace limpio"] == "https://hostil.example/normal?id=3"
    voices = (tmp_path / "site" / "comunidad" / "voces" / "index.html").read_text("utf-8")
    _assert_inert(voices, "table.portavoz-voices")
    assert "Lucía Ferrer" in voices


# portavoz's own words on an English site's pages and reports, and their Spanish counterparts.
SPANISH_WORDS = ("Voz", "Entradas", "Última", "Escucha", "Generado", "Fuente", "Etiquetas")
ENGLISH_WORDS = ("Voice", "Entries", "Latest", "Listening:", "Generated", "Source:", "Labels:")


def test_an_english_site_gets_english_pages_and_reports(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    _build(_site(tmp_path, feed_server, language="en"))
    assert not (tmp_path / "site" / "comunidad").exists()
    page = (tmp_path / "site" / "community" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    assert soup.select_one("h1").get_text() == "Community"  # type: ignore[union-attr]
    assert "November 22, 2026" in [t.get_text() for t in soup.find_all("time")]
    voices = (tmp_path / "site" / "community" / "voices" / "index.html").read_text("utf-8")
    heads = [th.get_text() for th in BeautifulSoup(voices, "html.parser").find_all("th")]
    assert heads == ["Voice", "Entries", "Latest"]
    internal = tmp_path / ".portavoz" / "listening"
    reports = [internal / "influencers.md", *sorted((internal / "digests").glob("*.md"))]
    text = "\n".join(p.read_text(encoding="utf-8") for p in reports)
    assert [word for word in ENGLISH_WORDS if word in text] == list(ENGLISH_WORDS)
    assert [word for word in SPANISH_WORDS if word in text + voices] == []


def test_internal_outputs_stay_out_of_the_site(tmp_path: Path, feed_server: FeedServer) -> None:
    _build(_site(tmp_path, feed_server))
    internal = tmp_path / ".portavoz" / "listening"
    assert sorted(p.name for p in (internal / "digests").iterdir()) == [
        "facturacion.json",
        "facturacion.md",
        "prensa.json",
        "prensa.md",
    ]
    billing = json.loads((internal / "digests" / "facturacion.json").read_text("utf-8"))
    assert [e["source"] for e in billing["entries"]] == ["Foro", "Pedaleando"]
    assert (internal / "influencers.json").is_file()
    site_files = {p.name for p in (tmp_path / "site").rglob("*")}
    assert not site_files & {"facturacion.md", "facturacion.json", "influencers.json"}
    assert load_signal(internal) is None


def test_second_build_sends_conditional_requests(tmp_path: Path, feed_server: FeedServer) -> None:
    config_file = _site(tmp_path, feed_server)
    _build(config_file)
    _build(config_file)
    first, second = feed_server.headers_for("/rss2.xml")
    assert "if-none-match" not in first
    assert second["if-none-match"] == ETAG
    assert (
        second["user-agent"].startswith("portavoz/")
        and "(+https://example.org/)" in second["user-agent"]
    )
    page = (tmp_path / "site" / "comunidad" / "index.html").read_text(encoding="utf-8")
    assert "Mi primera semana con Rueda Libre" in page


def test_crisis_is_told_and_a_strict_build_still_passes(
    tmp_path: Path, feed_server: FeedServer, caplog: pytest.LogCaptureFixture
) -> None:
    """Issue 14: the crisis signal must not stop the deploy a statement may need."""
    crisis = {"label": "facturación", "threshold": 1, "hours": 24}
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.portavoz.listening"):
        _build(_site(tmp_path, feed_server, crisis=crisis), strict=True)
    told = [r for r in caplog.records if "facturación" in r.getMessage()]
    assert told and all(r.levelno == logging.INFO for r in told)
    signal = load_signal(tmp_path / ".portavoz" / "listening")
    assert signal is not None
    assert [i.source for i in signal.items] == ["Foro"]


def test_internal_dir_inside_docs_is_refused(
    tmp_path: Path, feed_server: FeedServer, caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.raises(Abort):
        _build(_site(tmp_path, feed_server, internal_dir="docs/interno"))
    assert "internal_dir: 'docs/interno' is inside docs_dir 'docs'" in caplog.text
    assert not (tmp_path / "docs" / "interno").exists()


def test_a_moved_feed_is_told(
    tmp_path: Path, feed_server: FeedServer, caplog: pytest.LogCaptureFixture
) -> None:
    """A permanent move is logged for the writer (info); feeds that simply worked are not."""
    sources = [
        {"name": "Mudado", "url": feed_server.url("/moved.xml")},
        {"name": "Pedaleando", "url": feed_server.url("/rss2.xml")},
    ]
    with caplog.at_level(logging.DEBUG, logger="mkdocs.plugins.portavoz.listening"):
        _build(_site(tmp_path, feed_server, sources=sources))
    told = [r.getMessage() for r in caplog.records if r.levelno == logging.INFO]
    moved = f"portavoz: Mudado: new moved permanently to {feed_server.url('/atom-moved.xml')}"
    assert [m for m in told if "Mudado" in m or "Pedaleando" in m] == [moved]
