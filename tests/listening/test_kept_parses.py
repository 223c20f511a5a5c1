"""An offline run keeps its parses of the committed copies in an internal folder (issue 16):
the next run reads them instead of running feedparser, with the same entries, and never
for other bytes, another code, or a kept file of the wrong form."""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path

import feedparser
import pytest
import yaml

from portavoz.scheduler.listening import pipeline
from portavoz.scheduler.listening.settings import Settings, load_settings

EXAMPLE = Path(__file__).parents[2] / "examples" / "listening"


@pytest.fixture
def copies(tmp_path: Path) -> Path:
    """A copy of the example's committed listening cache, without the parses committed beside
    its copies (``entries/``, as a fetch leaves them): these tests are about copies whose parse
    only an offline run keeps."""
    ignore = shutil.ignore_patterns(pipeline.cache.ENTRIES)
    return Path(shutil.copytree(EXAMPLE / "cache", tmp_path / "cache", ignore=ignore))


def _settings() -> Settings:
    block = yaml.safe_load((EXAMPLE / "listening.yml").read_text(encoding="utf-8"))
    return load_settings(block[0]["portavoz/listening"], language="es")


def _harvest(copies: Path, now: datetime, kept: pipeline.KeptParses | None) -> pipeline.Harvest:
    return pipeline.harvest(_settings().sources, copies, now=now, policy=None, kept=kept)


def _no_feedparser(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> object:
        raise AssertionError("a copy was parsed again")

    monkeypatch.setattr(feedparser, "parse", refuse)


def test_kept_parses_give_the_entries_of_a_parse(
    copies: Path, tmp_path: Path, now: datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    reference = _harvest(copies, now, None)
    assert reference.entries
    kept = pipeline.KeptParses(tmp_path / "internal" / "cache", "code-1")
    committed = sorted(p.relative_to(copies) for p in copies.rglob("*"))

    first = _harvest(copies, now, kept)
    _no_feedparser(monkeypatch)
    again = _harvest(copies, now, kept)

    assert first == again == reference
    assert list((kept.folder / "entries").glob("*.json"))
    assert sorted(p.relative_to(copies) for p in copies.rglob("*")) == committed


def test_other_code_parses_again(copies: Path, tmp_path: Path, now: datetime) -> None:
    folder = tmp_path / "internal" / "cache"
    _harvest(copies, now, pipeline.KeptParses(folder, "code-1"))
    calls: list[object] = []
    parse = feedparser.parse

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return parse(*args, **kwargs)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(feedparser, "parse", counted)
        found = _harvest(copies, now, pipeline.KeptParses(folder, "code-2"))

    assert calls and found == _harvest(copies, now, None)


def test_other_bytes_are_parsed_and_old_parses_pruned(
    copies: Path, tmp_path: Path, now: datetime
) -> None:
    kept = pipeline.KeptParses(tmp_path / "internal" / "cache", "code-1")
    _harvest(copies, now, kept)
    before = {p.name for p in (kept.folder / "entries").glob("*.json")}
    state_file = copies / "state.json"
    states = json.loads(state_file.read_text("utf-8"))
    name, feed = next(iter(states["feeds"].items()))
    old_name = feed["body"]
    body = (copies / "bodies" / old_name).read_bytes()
    head, _, tail = body.rpartition(b"</title>")  # the last entry's title
    changed = head + b" (editado)</title>" + tail
    assert changed != body
    new_name = pipeline.cache.store_body(copies, changed)
    states["feeds"][name]["body"] = new_name
    state_file.write_text(json.dumps(states), "utf-8")

    found = _harvest(copies, now, kept)

    assert found == _harvest(copies, now, None)
    assert any("(editado)" in e.title for e in found.entries)
    after = {p.name for p in (kept.folder / "entries").glob("*.json")}
    assert f"{new_name}.json" in after and f"{old_name}.json" not in after
    assert after - {f"{new_name}.json"} == before - {f"{old_name}.json"}


@pytest.mark.parametrize(
    "damage",
    [
        lambda rows: [{**rows[0], "title": 12}, *rows[1:]],
        lambda rows: [{**rows[0], "published": "2026-11-01T00:00:00"}, *rows[1:]],
        lambda rows: [{**rows[0], "tags": "valencia"}, *rows[1:]],
        lambda rows: [{**rows[0], "extra": "x"}, *rows[1:]],
        lambda rows: {"not": "a list"},
    ],
    ids=["title", "naive date", "tags", "extra key", "not a list"],
)
def test_a_kept_parse_of_the_wrong_form_is_parsed_again(
    copies: Path, tmp_path: Path, now: datetime, damage: object
) -> None:
    kept = pipeline.KeptParses(tmp_path / "internal" / "cache", "code-1")
    reference = _harvest(copies, now, kept)
    for path in (kept.folder / "entries").glob("*.json"):
        data = json.loads(path.read_text("utf-8"))
        if data["entries"]:
            data["entries"] = damage(data["entries"])  # type: ignore[operator]
            path.write_text(json.dumps(data), "utf-8")

    assert _harvest(copies, now, kept) == reference
