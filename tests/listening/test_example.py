"""The example's seeded cache is current, and the example block builds strictly offline."""

from __future__ import annotations

import importlib.util
import json
from datetime import datetime
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config

EXAMPLE = Path(__file__).parents[2] / "examples" / "listening"


def _seed_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("listening_seed", EXAMPLE / "seed.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_seeded_cache_is_current(tmp_path: Path) -> None:
    seed = _seed_module()
    seed.seed(tmp_path)
    assert seed.differences(EXAMPLE / "cache", tmp_path) == []


def test_example_block_builds_strictly_offline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, now: datetime
) -> None:
    monkeypatch.setenv("PORTAVOZ_NOW", now.isoformat())
    block = yaml.safe_load((EXAMPLE / "listening.yml").read_text(encoding="utf-8"))
    block[0]["portavoz/listening"]["cache_dir"] = str(EXAMPLE / "cache")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Rueda Libre\n", encoding="utf-8")
    # The example brand is Spanish: its pages take Spanish defaults (comunidad/).
    theme = {"name": "material", "language": "es"}
    config = {"site_name": "Rueda Libre", "theme": theme, "plugins": block}
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    state = (EXAMPLE / "cache" / "state.json").read_bytes()

    build(load_config(str(tmp_path / "mkdocs.yml"), strict=True))

    assert (EXAMPLE / "cache" / "state.json").read_bytes() == state
    page = (tmp_path / "site" / "comunidad" / "index.html").read_text(encoding="utf-8")
    planet = BeautifulSoup(page, "html.parser").select_one("div.portavoz-planet")
    assert planet is not None
    sources = {p.get_text().split(" · ")[0] for p in planet.select("p.portavoz-meta")}
    assert sources == {
        "Pedaleando por Valencia",
        "Bici y ciudad",
        "Ciclistas de Russafa",
        "Nerea en bici",
    }
    internal = tmp_path / ".portavoz" / "listening"
    billing = json.loads((internal / "digests" / "facturacion.json").read_text("utf-8"))
    assert billing["count"] >= 2
    voices = json.loads((internal / "influencers.json").read_text("utf-8"))["voices"]
    assert voices[0]["kind"] == "person"
