"""portavoz/scheduler finds the files under its templates folder with each folder resolved once
(issue 16, build time): the same paths as resolving every file, links included."""

from __future__ import annotations

from pathlib import Path

from portavoz.plugins.scheduler import _resolved


def test_resolved_is_path_resolve(tmp_path: Path) -> None:
    real = tmp_path / "real"
    (real / "sub").mkdir(parents=True)
    (real / "sub" / "page.md").write_text("x", "utf-8")
    (tmp_path / "linked").symlink_to(real, target_is_directory=True)
    (real / "file-link.md").symlink_to(real / "sub" / "page.md")
    (real / "dangling.md").symlink_to(tmp_path / "nowhere.md")
    paths = [
        real / "sub" / "page.md",
        tmp_path / "linked" / "sub" / "page.md",  # a linked folder
        tmp_path / "linked" / "file-link.md",  # a linked file in a linked folder
        real / "dangling.md",
        real / "missing.md",
        tmp_path / "linked" / "missing.md",
    ]
    folders: dict[str, Path] = {}
    for path in paths:
        assert _resolved(str(path), folders) == path.resolve()
    # Links are resolved whole; every other file through its folder's one resolution.
    linked = tmp_path / "linked"
    assert set(folders) == {str(real / "sub"), str(linked / "sub"), str(real), str(linked)}
