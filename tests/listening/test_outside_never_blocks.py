"""Nothing from outside blocks publishing (issue 14): real strict ``mkdocs build`` runs where
the listening feeds fail (offline with no cache, a 404) pass, the failure told at info level,
while a mistake in the site itself still fails them."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from feedserver import FeedServer
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

LOGGER = "mkdocs.plugins.portavoz.listening"


def _site(tmp_path: Path, url: str, host: str, *, offline: bool, nav: bool = False) -> Path:
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "docs" / "index.md").write_text("# Inicio\n", encoding="utf-8")
    listening = {
        "sources": [{"name": "Pedaleando", "url": url, "kind": "community"}],
        "offline": offline,
        "timeout": 2,
        "allow_private": [host],
        "rules": [{"label": "marca", "keywords": ["Rueda Libre"]}],
    }
    config: dict[str, object] = {
        "site_name": "Prueba",
        "site_url": "https://example.org/",
        "theme": {"name": "material", "language": "es"},
        "markdown_extensions": ["attr_list", "md_in_html"],
        "plugins": [{"portavoz/listening": listening}],
    }
    if nav:  # a page the site names and does not have: the site's own mistake
        config["nav"] = [{"Inicio": "index.md"}, {"Falta": "no-existe.md"}]
    path = tmp_path / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def _strict_build(config_file: Path, caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    with caplog.at_level(logging.INFO, logger=LOGGER):
        build(load_config(str(config_file), strict=True))
    return [r for r in caplog.records if r.name == LOGGER and "Pedaleando" in r.getMessage()]


def test_offline_without_a_cache_is_told_and_the_strict_build_passes(
    tmp_path: Path, feed_server: FeedServer, caplog: pytest.LogCaptureFixture
) -> None:
    config = _site(tmp_path, feed_server.url("/rss2.xml"), feed_server.host_port, offline=True)
    told = _strict_build(config, caplog)
    assert told and {r.levelno for r in told} == {logging.INFO}
    assert (tmp_path / "site" / "index.html").is_file()
    assert feed_server.headers_for("/rss2.xml") == []  # offline: nothing was fetched


def test_a_feed_answering_404_is_told_and_the_strict_build_passes(
    tmp_path: Path, feed_server: FeedServer, caplog: pytest.LogCaptureFixture
) -> None:
    url = feed_server.url("/no-such-feed.xml")
    told = _strict_build(_site(tmp_path, url, feed_server.host_port, offline=False), caplog)
    assert told and {r.levelno for r in told} == {logging.INFO}
    assert any("404" in r.getMessage() for r in told), [r.getMessage() for r in told]
    assert (tmp_path / "site" / "index.html").is_file()


def test_the_sites_own_mistake_still_fails_the_strict_build(
    tmp_path: Path, feed_server: FeedServer, caplog: pytest.LogCaptureFixture
) -> None:
    url = feed_server.url("/no-such-feed.xml")
    config = _site(tmp_path, url, feed_server.host_port, offline=False, nav=True)
    with pytest.raises(Abort):
        _strict_build(config, caplog)


def _root_conftest(config: pytest.Config) -> ModuleType:
    module = config.pluginmanager.get_plugin(
        str(Path(__file__).resolve().parents[1] / "conftest.py")
    )
    assert module is not None, "tests/conftest.py is not loaded"
    return module  # type: ignore[no-any-return]


@pytest.mark.parametrize("broken_post", [False, True], ids=["as-is", "with-a-broken-post"])
def test_a_fresh_ci_build_of_the_example_fails_only_on_its_content(
    pytestconfig: pytest.Config, tmp_path: Path, broken_post: bool
) -> None:
    """The example builds offline from a snapshot: without it (a fresh CI checkout whose cache
    was never filled) the strict build still passes; a broken post still fails it."""
    conftest = _root_conftest(pytestconfig)
    root = conftest.copy_example(tmp_path / "example")
    shutil.rmtree(root / "examples" / "listening" / "cache")
    if broken_post:
        post = root / "content" / "blog" / "posts" / "2026-12-01-rota.md"
        post.write_text("---\ntitle: Rota\ndate: el martes\n---\n\nTexto.\n", encoding="utf-8")
    result = conftest.run_build(root, {"PORTAVOZ_NOW": "2026-11-23T12:00:00+01:00"})
    assert (result.returncode != 0) is broken_post, result.output
    if broken_post:
        assert "2026-12-01-rota.md:3: date:" in result.output
    else:  # every source without its copy, told at info level
        told = [line for line in result.output.splitlines() if "Pedaleando por Valencia" in line]
        assert told and all(line.startswith("INFO") for line in told), result.output
