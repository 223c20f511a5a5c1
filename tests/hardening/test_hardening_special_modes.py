"""The special-file refusal tells files apart by their type from the directory entries
(issue 16: ``mkdocs serve`` checks the content folder on every rebuild, and an ``lstat`` of
each regular file was most of it). It refuses exactly what the ``lstat`` of every file under
the folders refuses, with the same messages: links to files, to folders and to nothing, a
FIFO, a socket, a link on the way to a folder, and nothing else (regular files of any mode,
hidden ones, deep ones)."""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest

from portavoz.scheduler.base.files import refusal, special_files, walk
from portavoz.scheduler.base.problems import Problem


def _reference(root: Path, folders: list[str]) -> list[Problem]:
    """The refusals as made from the ``lstat`` of every file (before this change)."""
    problems: dict[str, Problem] = {}
    for folder in filter(None, folders):
        for shown, found in walk(root, folder):
            if refusal(found.st_mode):
                problems.setdefault(shown, Problem(shown, None, "", refusal(found.st_mode)))
    return sorted(problems.values())


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    deep = root / "content" / "a" / "b" / "c"
    deep.mkdir(parents=True)
    (deep / "post.md").write_text("hola\n", encoding="utf-8")
    (root / "content" / ".hidden.md").write_text("x\n", encoding="utf-8")
    script = root / "content" / "run.sh"
    script.write_text("#!/bin/sh\n", encoding="utf-8")
    script.chmod(0o4755)  # another mode, still a regular file
    (root / "content" / "to-file.md").symlink_to(deep / "post.md")
    (root / "content" / "to-folder").symlink_to(deep, target_is_directory=True)
    (root / "content" / "a" / "nowhere.md").symlink_to(root / "missing.md")
    os.mkfifo(root / "content" / "a" / "pipe")
    listening = socket.socket(socket.AF_UNIX)
    try:
        listening.bind(str(root / "content" / "a" / "b" / "sock"))
    finally:
        listening.close()
    (root / "theme").symlink_to(root / "content" / "a", target_is_directory=True)
    (root / "templates").mkdir()
    (root / "templates" / "x.txt.j2").write_text("{{ text }}\n", encoding="utf-8")
    return root


def test_the_refusals_are_those_of_every_files_lstat(tree: Path) -> None:
    folders = ["content", "theme", "templates", "missing", ""]
    found = special_files(tree, folders)

    assert found == _reference(tree, folders)
    refused = {p.path: p.message for p in found}
    assert set(refused) == {
        "content/to-file.md",
        "content/to-folder",
        "content/a/nowhere.md",
        "content/a/pipe",
        "content/a/b/sock",
        "theme",
    }
    assert all("not a regular file" in m or "never follows links" in m for m in refused.values())
    assert stat.S_ISREG((tree / "content" / "run.sh").lstat().st_mode)


def test_a_tree_of_regular_files_is_refused_nothing(tree: Path) -> None:
    assert special_files(tree, ["templates", "content/a/b/c"]) == []
