"""A cache file keeps each entry's JSON text: a write encodes only what its run computed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from portavoz.scheduler.usecases.caching import CacheFile, CacheKind

A, B, C = ("a" * 64, "b" * 64, "c" * 64)


class Counted:
    """A cache kind of strings (stored as one-item lists) that counts its encodings."""

    def __init__(self) -> None:
        self.encoded: list[str] = []
        self.kind: CacheKind[str] = CacheKind(
            "t.json", "test/1", self.encode, self.decode, lambda: 2**20, 100
        )

    def encode(self, entry: str) -> object:
        self.encoded.append(entry)
        return [entry]

    @staticmethod
    def decode(row: object) -> str:
        if not isinstance(row, list) or len(row) != 1 or not isinstance(row[0], str):
            raise ValueError("not a one-string list")
        return row[0]


def _fresh(folder: Path, tmp_path: Path) -> Path:
    """A copy of ``folder`` at a new place: read from disk, not from this process's memory."""
    copy = tmp_path / f"copy-{len(list(tmp_path.iterdir()))}"
    shutil.copytree(folder, copy)
    return copy


def test_a_write_encodes_only_the_entries_its_run_computed(tmp_path: Path) -> None:
    counted = Counted()
    first = CacheFile.open(counted.kind, tmp_path / "c", "c")
    first.put(A, "one")
    first.put(B, "two")
    first.save()
    folder = _fresh(tmp_path / "c", tmp_path)
    counted.encoded.clear()

    second = CacheFile.open(counted.kind, folder, "c")
    assert second.get(A) == "one"
    second.put(C, "three")
    second.save()

    assert counted.encoded == ["three"]
    third = CacheFile.open(counted.kind, _fresh(folder, tmp_path), "c")
    assert [third.get(k) for k in (A, B, C)] == ["one", "two", "three"]
    assert third.warning is None


def test_an_entry_computed_again_under_a_stored_key_replaces_the_stored_text(
    tmp_path: Path,
) -> None:
    counted = Counted()
    first = CacheFile.open(counted.kind, tmp_path / "c", "c")
    first.put(A, "old")
    first.save()
    folder = _fresh(tmp_path / "c", tmp_path)

    second = CacheFile.open(counted.kind, folder, "c")
    assert second.get(A) == "old"
    second.put(A, "new")
    second.save()

    assert CacheFile.open(counted.kind, _fresh(folder, tmp_path), "c").get(A) == "new"


def test_the_file_is_one_json_document_and_any_layout_of_it_reads_alike(tmp_path: Path) -> None:
    counted = Counted()
    first = CacheFile.open(counted.kind, tmp_path / "c", "c")
    first.put(A, 'line\nbreak "quoted" \u2028 ñ')
    first.put(B, "")
    first.save()
    path = tmp_path / "c" / "t.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document == {"schema": "test/1", "entries": {A: [first.get(A)], B: [""]}}
    elsewhere = tmp_path / "d"
    elsewhere.mkdir()
    (elsewhere / "t.json").write_text(json.dumps(document, indent=2), encoding="utf-8")

    read = CacheFile.open(counted.kind, elsewhere, "d")

    assert (read.get(A), read.get(B), read.warning) == (first.get(A), "", None)


@pytest.mark.parametrize("text", [b'1,"x":["y"]', b"", b'["y"', b"[1]"])
def test_an_entry_line_that_is_not_one_entry_is_refused_when_asked_for(
    tmp_path: Path, text: bytes
) -> None:
    counted = Counted()
    first = CacheFile.open(counted.kind, tmp_path / "c", "c")
    first.put(A, "a")
    first.put(B, "b")
    first.save()
    folder = _fresh(tmp_path / "c", tmp_path)
    path = folder / "t.json"
    path.write_bytes(path.read_bytes().replace(b'["a"]', text, 1))

    read = CacheFile.open(counted.kind, folder, "c")

    assert read.get(A) is None
    assert read.warning is not None and "unusable cache" in read.warning.message
    assert read.get(B) is None  # nothing of that file is trusted any further


def test_a_cache_of_one_run_drops_what_this_run_did_not_use_even_with_nothing_new(
    tmp_path: Path,
) -> None:
    # The feed documents' kind: a run that only read (a feed gone, the others unchanged) must
    # still leave the file holding that run's entries alone.
    import dataclasses

    kind = dataclasses.replace(Counted().kind, keep_older=False)
    first = CacheFile.open(kind, tmp_path / "c", "c")
    first.put(A, "one")
    first.put(B, "two")
    first.save()
    folder = _fresh(tmp_path / "c", tmp_path)

    second = CacheFile.open(kind, folder, "c")
    assert second.get(A) == "one"
    second.save()

    third = CacheFile.open(kind, _fresh(folder, tmp_path), "c")
    assert [third.get(k) for k in (A, B)] == ["one", None]
    fourth = CacheFile.open(kind, folder, "c")  # nothing unused left: not written again
    fourth.get(A)
    before = (folder / "t.json").stat()
    fourth.save()
    after = (folder / "t.json").stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
