"""The serve panel finds a page's problems by the page's file named from the project root: each
folder is resolved once a build, and the names are those of each file resolved alone."""

from __future__ import annotations

from pathlib import Path

from portavoz.plugins.scheduler import _project_path


def _alone(path: Path, root: Path) -> str:
    """The name of the file resolved on its own (``""`` outside the project)."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return ""


def test_names_equal_each_file_resolved_alone(tmp_path: Path) -> None:
    root = tmp_path / "site"
    posts = root / "content" / "blog" / "posts"
    (posts / "deep").mkdir(parents=True)
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "x.md").write_text("x")
    (posts / "a.md").write_text("a")
    (posts / "linked-file.md").symlink_to(posts / "deep" / "b.md")
    (posts / "link-out.md").symlink_to(tmp_path / "outside" / "x.md")
    (posts / "linked-folder").symlink_to(posts / "deep", target_is_directory=True)
    (posts / "folder-out").symlink_to(tmp_path / "outside", target_is_directory=True)
    (root / "alias").symlink_to(root, target_is_directory=True)
    files = [
        posts / "a.md",
        posts / "deep" / "b.md",
        posts / "linked-file.md",
        posts / "link-out.md",
        posts / "linked-folder" / "b.md",
        posts / "folder-out" / "x.md",
        root / "alias" / "content" / "c.md",
        root / "mkdocs.yml",
        tmp_path / "outside" / "x.md",
    ]
    folders: dict[str, str | None] = {}

    for round_ in range(2):  # the second round from the folders named in the first
        for path in files:
            assert _project_path(str(path), root, folders) == _alone(path, root), (round_, path)
    assert _project_path(None, root, folders) == ""
