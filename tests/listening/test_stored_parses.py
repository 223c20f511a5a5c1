"""A stored parse is keyed by the installed version, read only when a parse is stored (issue 16).

``portavoz review`` reads committed copies, which hold no stored parses: it no longer reads the
installed version (importlib.metadata and its METADATA file, ~10 ms) for each feed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from portavoz.scheduler.listening import cache, pipeline
from portavoz.scheduler.listening.normalise import Entry
from portavoz.scheduler.listening.settings import Source

SOURCE = Source("Ejemplo", "https://ejemplo.example/feed.xml")
FETCHED = "2026-11-22T08:00:00+00:00"


def stored_entry() -> Entry:
    return Entry(
        id="tag:ejemplo,2026:1",
        source=SOURCE.name,
        kind=SOURCE.kind,
        tags=(),
        title="Guardada",
        link="https://ejemplo.example/1",
        author="",
        published=dt.datetime(2026, 11, 21, tzinfo=dt.UTC),
        excerpt="Guardada",
        text="Guardada",
        html="<p>Guardada</p>",
    )


def state_with_copy(cache_dir: Path, body: bytes) -> cache.FeedState:
    name = cache.store_body(cache_dir, body)
    return cache.FeedState(SOURCE.url, SOURCE.url, body=name, fetched_at=FETCHED)


def never(what: str) -> str:
    pytest.fail(f"asked for the key ({what}) although no parse is stored")


def test_without_a_stored_parse_the_key_is_never_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = state_with_copy(tmp_path, b"<rss/>")
    assert cache.read_parsed(tmp_path, state, lambda: never("read_parsed")) is None
    cache.save_states(tmp_path, {SOURCE.name: state})
    monkeypatch.setattr(pipeline, "package_version", lambda: never("package_version"))
    now = dt.datetime(2026, 11, 23, tzinfo=dt.UTC)
    found = pipeline.harvest([SOURCE], tmp_path, now=now, policy=None)
    assert found.entries == ()
    assert [r.status for r in found.reports] == [pipeline.FeedStatus.OFFLINE]


def test_a_stored_parse_is_used_under_its_key_only(tmp_path: Path) -> None:
    state = state_with_copy(tmp_path, b"not a feed at all")
    key = pipeline._parse_key(SOURCE, state)
    entries = [pipeline.entry_to_json(stored_entry())]
    cache.store_parsed(tmp_path, str(state.body), key, entries)

    stored = cache.read_parsed(tmp_path, state, lambda: key)
    assert pipeline.entries_from_json(stored) == (stored_entry(),)
    assert cache.read_parsed(tmp_path, state, lambda: key + "x") is None
    cache.save_states(tmp_path, {SOURCE.name: state})
    now = dt.datetime(2026, 11, 23, tzinfo=dt.UTC)
    found = pipeline.harvest([SOURCE], tmp_path, now=now, policy=None)
    # The stored parse, not the copy (which is no feed): the key made by harvest matched.
    assert found.entries == (stored_entry(),)


def test_the_version_in_the_key_is_the_installed_one() -> None:
    from importlib import metadata

    assert pipeline.package_version() == metadata.version("portavoz")
