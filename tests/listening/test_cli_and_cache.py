"""``portavoz listen`` end to end, and the cache's atomic writes."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from feedserver import FeedServer

from portavoz.scheduler.cli.main import main
from portavoz.scheduler.listening import atomic


def _project(tmp_path: Path, server: FeedServer) -> Path:
    options = {
        "timeout": 0.5,
        "allow_private": [server.host_port],
        "sources": [
            {"name": "Pedaleando", "url": server.url("/rss2.xml")},
            {"name": "Caído", "url": server.url("/error.xml")},
            {"name": "Mudado", "url": server.url("/moved.xml")},
        ],
        "departments": ["facturación"],
        "rules": [
            {"label": "facturación", "keywords": ["facturación"], "departments": ["facturación"]}
        ],
    }
    config = {"site_name": "t", "docs_dir": "docs", "plugins": [{"portavoz/listening": options}]}
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    (tmp_path / "docs").mkdir()
    return tmp_path / "mkdocs.yml"


def test_listen_reports_each_feed(tmp_path: Path, feed_server: FeedServer, now: datetime) -> None:
    config_file = _project(tmp_path, feed_server)
    args = ["listen", "-f", str(config_file), "--at", now.isoformat()]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    lines = first.stdout.splitlines()
    assert any(
        line.startswith("Pedaleando") and "new" in line and "2 new" in line for line in lines
    )
    assert any(
        line.startswith("Caído") and "failed" in line and "HTTP 500" in line for line in lines
    )
    assert any(line.startswith("Mudado") and "moved permanently" in line for line in lines)
    assert "[3/3]" in first.stderr
    assert "warning" in first.stderr
    assert (tmp_path / ".portavoz" / "listening" / "digests" / "facturacion.md").is_file()

    second = CliRunner().invoke(main, [*args, "--strict"])
    assert second.exit_code == 1  # the 500 is still a warning
    assert any(
        line.startswith("Pedaleando") and "not modified" in line
        for line in second.stdout.splitlines()
    )


def test_listen_offline_makes_no_request(
    tmp_path: Path, feed_server: FeedServer, now: datetime
) -> None:
    config_file = _project(tmp_path, feed_server)
    result = CliRunner().invoke(main, ["listen", "-f", str(config_file), "--offline"])
    assert result.exit_code == 0, result.output
    assert feed_server.requests == []
    assert "no cached copy" in result.stderr


def test_listen_without_the_plugin_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["listen", "-f", str(tmp_path / "mkdocs.yml")])
    assert result.exit_code == 1
    assert "no 'portavoz/listening' under plugins" in result.stderr


def test_interrupted_write_keeps_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "state.json"
    atomic.write_text(target, "complete\n")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic.write_text(target, "half")
    assert target.read_text(encoding="utf-8") == "complete\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["state.json"]
