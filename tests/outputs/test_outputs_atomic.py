"""Atomic writes: the old file or the new one, never half, and no rewrite of equal content."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from portavoz.scheduler.base.atomic import TreeChanges, WriteError, write_atomic, write_tree

OLD_MTIME = 1_700_000_000


def leftovers(folder: Path) -> list[str]:
    """Temporary files a write left in ``folder``."""
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".tmp"))


@pytest.mark.parametrize(
    ("data", "expected"),
    [("año 🎉\r\n", "año 🎉\r\n".encode()), (b"\x00\xffbinary", b"\x00\xffbinary")],
    ids=["text", "bytes"],
)
def test_writes_new_file_and_parents(tmp_path: Path, data: str | bytes, expected: bytes) -> None:
    target = tmp_path / "a" / "b" / "feed.xml"
    assert write_atomic(target, data) is True
    assert target.read_bytes() == expected
    assert leftovers(target.parent) == []


@pytest.mark.parametrize(
    ("new", "written"),
    [("igual", False), (b"igual", False), ("distinto", True)],
    ids=["same-text", "same-bytes", "changed"],
)
def test_identical_content_is_not_rewritten(
    tmp_path: Path, new: str | bytes, written: bool
) -> None:
    target = tmp_path / "feed.xml"
    target.write_bytes(b"igual")
    os.utime(target, (OLD_MTIME, OLD_MTIME))
    assert write_atomic(target, new) is written
    assert (target.stat().st_mtime == OLD_MTIME) is not written


def fail(*args: object, **kwargs: object) -> None:
    raise OSError("disco lleno")


@pytest.mark.parametrize("step", ["os.fsync", "pathlib.Path.replace"])
def test_failure_keeps_old_file_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    target = tmp_path / "feed.xml"
    target.write_text("viejo", encoding="utf-8")
    monkeypatch.setattr(step, fail)
    with pytest.raises(OSError, match="disco lleno"):
        write_atomic(target, "nuevo")
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "viejo"
    assert leftovers(tmp_path) == []


def test_an_old_file_that_cannot_be_read_is_a_write_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.txt"
    target.write_bytes(b"old!")  # the new content's size: the old bytes are read to compare
    denied = OSError(13, "Permission denied")

    def read_bytes(self: Path) -> bytes:
        raise denied

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    with pytest.raises(WriteError) as raised:
        write_atomic(target, b"new!")
    assert raised.value.__cause__ is denied
    monkeypatch.undo()
    assert target.read_bytes() == b"old!"


def test_write_tree_writes_and_prunes_stale_variants(tmp_path: Path) -> None:
    (tmp_path / "social" / "viejo").mkdir(parents=True)
    (tmp_path / "social" / "viejo" / "x.txt").write_text("borrado", encoding="utf-8")
    (tmp_path / "social" / "igual.txt").write_text("igual", encoding="utf-8")
    (tmp_path / "social" / "notas.md").write_text("no coincide", encoding="utf-8")
    files: dict[str, str | bytes] = {
        "social/igual.txt": "igual",
        "social/nuevo/x.txt": "hola",
        "feeds/all.json": b"{}",
    }

    changes = write_tree(tmp_path, files, prune_glob="social/**/*.txt")

    assert changes == TreeChanges(
        written=("feeds/all.json", "social/nuevo/x.txt"), removed=("social/viejo/x.txt",)
    )
    assert (tmp_path / "social" / "notas.md").exists()
    assert write_tree(tmp_path, files, prune_glob="social/**/*.txt") == TreeChanges()


def test_write_tree_without_pattern_removes_nothing(tmp_path: Path) -> None:
    (tmp_path / "otro.txt").write_text("queda", encoding="utf-8")
    assert write_tree(tmp_path, {"a.txt": "a"}) == TreeChanges(written=("a.txt",))
    assert (tmp_path / "otro.txt").exists()


@pytest.mark.parametrize("name", ["../fuera.txt", "/abs/ruta.txt", "a/../../b.txt", ""])
def test_write_tree_refuses_paths_outside_the_folder(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError, match="not a relative path"):
        write_tree(tmp_path / "out", {name: "x"})
    assert not (tmp_path / "fuera.txt").exists()
