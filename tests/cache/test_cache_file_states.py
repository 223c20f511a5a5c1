"""A cache file this process wrote is taken back from its memory, unread, while the file still
has the numbers the write left it with; edited, replaced or removed, it is read again."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from test_cache_file import A, B, Counted

from portavoz.scheduler.usecases import caching
from portavoz.scheduler.usecases.caching import CacheFile


class Reads:
    """Counts the cache files read from disk."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        read = caching.read_cache

        def counted(*args: object) -> tuple[bytes | None, object]:
            self.count += 1
            return read(*args)  # type: ignore[arg-type]

        monkeypatch.setattr(caching, "read_cache", counted)


def _written(folder: Path) -> Path:
    kind = Counted().kind
    cache = CacheFile.open(kind, folder, "c")
    cache.put(A, "uno")
    cache.put(B, "dos")
    cache.save()
    return folder / kind.file


def test_the_file_this_process_wrote_is_not_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _written(tmp_path)
    reads = Reads(monkeypatch)

    again = CacheFile.open(Counted().kind, tmp_path, "c")

    assert (again.get(A), again.get(B), reads.count) == ("uno", "dos", 0)


def _in_place(path: Path) -> None:
    before = path.stat()
    data = path.read_bytes()
    with path.open("r+b") as handle:  # "uno" -> "unu": the same size, times put back
        handle.write(data.replace(b'["uno"]', b'["unu"]'))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def _replaced(path: Path) -> None:
    other = path.with_name("other")
    other.write_bytes(path.read_bytes().replace(b'["uno"]', b'["unu"]'))
    other.replace(path)


@pytest.mark.parametrize("change", [_in_place, _replaced], ids=["in-place", "replaced"])
def test_a_file_changed_since_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: Callable[[Path], None]
) -> None:
    change(_written(tmp_path))
    reads = Reads(monkeypatch)

    again = CacheFile.open(Counted().kind, tmp_path, "c")

    assert (again.get(A), again.get(B), reads.count) == ("unu", "dos", 1)


def test_a_removed_file_is_an_empty_cache(tmp_path: Path) -> None:
    _written(tmp_path).unlink()

    again = CacheFile.open(Counted().kind, tmp_path, "c")

    assert (again.get(A), again.warning) == (None, None)


def test_forgotten_files_are_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _written(tmp_path)
    caching.forget_files()
    reads = Reads(monkeypatch)

    assert CacheFile.open(Counted().kind, tmp_path, "c").get(A) == "uno"
    assert reads.count == 1


def test_a_file_this_process_read_is_taken_back_until_it_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _written(tmp_path)
    caching.forget_files()
    CacheFile.open(Counted().kind, tmp_path, "c")  # read from disk, known by its numbers
    reads = Reads(monkeypatch)

    again = CacheFile.open(Counted().kind, tmp_path, "c")
    assert (again.get(A), reads.count) == ("uno", 0)

    same = path.read_bytes()
    _replaced(path)
    assert CacheFile.open(Counted().kind, tmp_path, "c").get(A) == "unu"
    path.with_name("same").write_bytes(same)
    path.with_name("same").replace(path)  # the first bytes again, with new numbers
    assert (CacheFile.open(Counted().kind, tmp_path, "c").get(A), reads.count) == ("uno", 2)
