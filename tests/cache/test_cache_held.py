"""A cache file opened with ``hold`` (``mkdocs serve``) is saved in the process, not written:
the folder stays as it was, every later open in the process takes the held entries, and
``write_held`` writes each held file once, the bytes a save without ``hold`` would have written.

Each case is a sequence of runs (entries put, entries asked for); the reference is the same
runs saved without ``hold`` in another folder.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from portavoz.scheduler.usecases import caching
from portavoz.scheduler.usecases.caching import CacheFile, CacheKind, CachePlace, write_held

A, B, C = ("a" * 64, "b" * 64, "c" * 64)


def _decode(row: object) -> str:
    if not isinstance(row, list) or len(row) != 1 or not isinstance(row[0], str):
        raise ValueError("not a one-string list")
    return row[0]


KIND: CacheKind[str] = CacheKind("t.json", "test/1", lambda e: [e], _decode, lambda: 2**20, 100)
"""A cache of strings, each stored as a one-item list."""

Run = tuple[dict[str, str], list[str]]
"""One run: the entries it puts, then the keys it asks for."""

CASES: dict[str, tuple[dict[str, str], list[Run]]] = {
    "one-run": ({}, [({A: "one", B: "two"}, [])]),
    "a-later-run-adds": ({}, [({A: "one"}, []), ({B: "two"}, [A])]),
    "a-later-run-replaces": ({}, [({A: "one"}, []), ({A: "uno"}, [A])]),
    "a-run-that-computes-nothing": ({}, [({A: "one"}, []), ({}, [A, B])]),
    "over-an-earlier-file": ({C: "old"}, [({A: "one"}, [C]), ({B: "two"}, [A, C])]),
}
"""The entries on disk before (written by a run without ``hold``), then the runs."""


@pytest.fixture(autouse=True)
def _nothing_held(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(caching, "_HELD", {})
    yield


def _runs(folder: Path, runs: list[Run], *, hold: bool) -> list[list[str | None]]:
    """The runs on the cache in ``folder``; what each asked for got."""
    seen = []
    for put, asked in runs:
        file = CacheFile.open(KIND, folder, "c", hold=hold)
        seen.append([file.get(key) for key in asked])
        for key, entry in put.items():
            file.put(key, entry)
        file.save()
    return seen


def _state(path: Path) -> tuple[bytes, int] | None:
    return (path.read_bytes(), path.stat().st_mtime_ns) if path.exists() else None


@pytest.mark.parametrize(("old", "runs"), CASES.values(), ids=CASES.keys())
def test_held_runs_write_nothing_then_once_what_plain_runs_write(
    tmp_path: Path, old: dict[str, str], runs: list[Run]
) -> None:
    plain, held = tmp_path / "plain", tmp_path / "held"
    for folder in (plain, held):
        _runs(folder, [(old, [])] if old else [], hold=False)
    before = _state(held / KIND.file)

    got_plain = _runs(plain, runs, hold=False)
    got_held = _runs(held, runs, hold=True)

    assert got_held == got_plain  # the held entries served as the written ones
    assert _state(held / KIND.file) == before  # nothing written while held
    write_held(CachePlace(held, "c"))
    assert (held / KIND.file).read_bytes() == (plain / KIND.file).read_bytes()
    assert caching._HELD == {}
    caching.forget_files()  # a new process reads the file it wrote
    last = CacheFile.open(KIND, held, "c")
    expected = {**old, **{k: v for put, _ in runs for k, v in put.items()}}
    assert {k: last.get(k) for k in expected} == expected


def test_a_held_file_is_served_instead_of_the_file_on_disk_and_written_over_it(
    tmp_path: Path,
) -> None:
    _runs(tmp_path, [({A: "one"}, [])], hold=True)
    (tmp_path / KIND.file).write_text("not a cache\n", encoding="utf-8")  # by someone else

    again = CacheFile.open(KIND, tmp_path, "c", hold=True)

    assert again.get(A) == "one" and again.warning is None
    write_held(CachePlace(tmp_path, "c"))
    caching.forget_files()
    assert CacheFile.open(KIND, tmp_path, "c").get(A) == "one"


def test_a_refused_file_is_no_longer_held(tmp_path: Path) -> None:
    _runs(tmp_path, [({A: "one"}, [])], hold=True)
    file = CacheFile.open(KIND, tmp_path, "c", hold=True)

    file.refuse(ValueError("malformed"))

    assert caching._HELD == {}
    assert CacheFile.open(KIND, tmp_path, "c").get(A) is None  # nothing was written


@pytest.mark.parametrize("place", ["another-folder", None])
def test_held_files_of_another_folder_are_let_go_of_not_written(
    tmp_path: Path, place: str | None
) -> None:
    left = tmp_path / "left"  # an output_dir's caches, held, then the build moved elsewhere
    _runs(left, [({A: "one"}, [])], hold=True)

    write_held(None if place is None else CachePlace(tmp_path / place, "c"))

    assert not (left / KIND.file).exists()
    assert caching._HELD == {}
