"""portavoz's code version (the caches' key of its own code and data) is the hash it always
was: one walk that skips ``__pycache__`` gives the files, in the order, of sorted ``rglob``."""

from __future__ import annotations

import hashlib
from importlib.metadata import version
from pathlib import Path

import pytest

from portavoz.scheduler.usecases import caching


def _reference(package: Path) -> str:
    """:func:`caching.code_version` as it was before (every path listed, then filtered)."""
    digest = hashlib.blake2b(version("portavoz").encode(), digest_size=16)
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _tree(root: Path) -> None:
    for name, data in {
        "a.py": b"1",
        "a-b.txt": b"2",
        "a/z.py": b"3",
        "a/__pycache__/z.cpython-311.pyc": b"x",
        "a.b/c.txt": b"4",
        "b/data/words.txt": b"5",
        "stale.pyc": b"y",
        "__pycache__/a.cpython-311.pyc": b"z",
    }.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)


def test_the_package_hashes_as_before() -> None:
    caching.code_version.cache_clear()

    assert caching.code_version() == _reference(caching._PACKAGE)


def test_names_that_sort_apart_as_paths_and_as_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tree(tmp_path)  # "a-b.txt" < "a.b/…" < "a.py" < "a/z.py" as text; paths sort by parts
    monkeypatch.setattr(caching, "_PACKAGE", tmp_path)
    caching.code_version.cache_clear()
    try:
        assert caching.code_version() == _reference(tmp_path)
        (tmp_path / "a" / "z.py").write_bytes(b"changed")
        caching.code_version.cache_clear()
        assert caching.code_version() == _reference(tmp_path)
    finally:
        caching.code_version.cache_clear()
