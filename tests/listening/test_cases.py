"""Data-driven cases: ``cases/<capability>/<name>.input.*`` beside ``<name>.expected.*``.

A new case is a new file pair; the input states what it checks (an ``"expect"`` field, or an
``<!-- Expect: … -->`` comment in XML). ``PORTAVOZ_UPDATE_GOLDENS=1`` rewrites the expected
files from the current code (see tests/goldens.py; review the diff before committing it).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from goldens import check_json

from portavoz.scheduler.listening import crisis, digests, influencers, pipeline
from portavoz.scheduler.listening.links import canonical_url
from portavoz.scheduler.listening.normalise import Entry, parse_feed
from portavoz.scheduler.listening.settings import Settings, Source, load_settings

CASES = Path(__file__).parent / "cases"


def _entry(data: dict[str, object], settings: Settings) -> Entry:
    kinds = {s.name: s.kind for s in settings.sources}
    source, title = str(data["source"]), str(data.get("title", ""))
    excerpt = str(data.get("excerpt", ""))
    return Entry(
        id=str(data["id"]),
        source=source,
        kind=kinds.get(source, "community"),
        tags=(),
        title=title,
        link=canonical_url(str(data["link"])) if data.get("link") else None,
        author=str(data.get("author", "")),
        published=datetime.fromisoformat(str(data["published"])),
        excerpt=excerpt,
        text=f"{title} {excerpt}",
    )


def _load(path: Path) -> tuple[pipeline.Analysis, Settings, datetime]:
    data = json.loads(path.read_text(encoding="utf-8"))
    # "language" is the site's theme.language (the texts of digests and reports).
    settings = load_settings(data.get("settings", {}), language=data.get("language"))
    now = datetime.fromisoformat(data["now"])
    entries = [_entry(e, settings) for e in data["entries"]]
    return pipeline.analyse(entries, settings, now), settings, now


def _dedup(path: Path, out: Path) -> object:
    analysis, _, _ = _load(path)
    return [{"id": e.id, "source": e.source, "link": e.link} for e in analysis.entries]


def _rules(path: Path, out: Path) -> object:
    analysis, _, _ = _load(path)
    return [
        {"id": m.entry.id, "labels": list(m.labels), "departments": list(m.departments)}
        for m in analysis.matches
    ]


def _crisis(path: Path, out: Path) -> object:
    analysis, _, _ = _load(path)
    return None if analysis.crisis is None else crisis.to_json(analysis.crisis)


def _influencers(path: Path, out: Path) -> object:
    analysis, _, _ = _load(path)
    return [influencers.voice_json(v) for v in analysis.voices]


def _digests(path: Path, out: Path) -> object:
    analysis, settings, now = _load(path)
    digests.write_digests(out, analysis.digests, now, settings.window_days, settings.messages)
    folder = out / digests.FOLDER
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())}


def _normalise(path: Path, out: Path) -> object:
    source = Source("Fixture", "https://feeds.example/feed.xml", "community")
    fetched_at = datetime(2026, 11, 23, 12, tzinfo=UTC)
    parsed = parse_feed(
        path.read_bytes(), source=source, content_type="application/xml", fetched_at=fetched_at
    )
    entries = [
        {**e.__dict__, "published": e.published.isoformat(), "tags": list(e.tags)}
        for e in parsed.entries
    ]
    return {"broken": parsed.broken, "entries": entries}


RUNNERS: dict[str, Callable[[Path, Path], object]] = {
    "dedup": _dedup,
    "rules": _rules,
    "crisis": _crisis,
    "influencers": _influencers,
    "digests": _digests,
    "normalise": _normalise,
}


def _expected_path(input_path: Path) -> Path:
    name = input_path.name.split(".input.")[0]
    return input_path.with_name(f"{name}.expected.json")


@pytest.mark.parametrize(
    "input_path",
    sorted(CASES.glob("*/*.input.*")),
    ids=lambda p: f"{p.parent.name}/{p.name.split('.input.')[0]}",
)
def test_case(input_path: Path, tmp_path: Path) -> None:
    actual = RUNNERS[input_path.parent.name](input_path, tmp_path)
    check_json(_expected_path(input_path), actual)


def test_every_case_has_a_runner() -> None:
    assert {p.name for p in CASES.iterdir() if p.is_dir()} == set(RUNNERS)
