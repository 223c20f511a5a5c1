"""The plugins find the files under a folder with each folder of files resolved once
(``base.files.resolves_inside``; issue 16, build time): the same paths as resolving every
file, links included (portavoz/scheduler's templates folder, portavoz/site's category pages)."""

from __future__ import annotations

from pathlib import Path

import pytest

from portavoz.scheduler.base.files import resolves_inside


@pytest.mark.parametrize("under", ["real", "real/sub", "linked", "elsewhere"])
def test_inside_is_under_the_resolved_path(tmp_path: Path, under: str) -> None:
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
    folder = (tmp_path / under).resolve()
    folders: dict[str, bool] = {}
    found = [resolves_inside(str(path), folder, folders) for path in paths]
    assert found == [folder in path.resolve().parents for path in paths]
    assert any(found) is (under != "elsewhere")
    # Links are resolved whole; every other file through its folder's one resolution.
    linked = tmp_path / "linked"
    assert set(folders) == {str(real / "sub"), str(linked / "sub"), str(real), str(linked)}


def test_category_pages_in_the_content_folder_are_told_as_each_resolved_alone(
    tmp_path: Path,
) -> None:
    content = tmp_path / "content"
    (content / "blog").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "linked").symlink_to(content / "blog", target_is_directory=True)
    (tmp_path / "elsewhere" / "in.md").symlink_to(content / "blog" / "page.md")
    paths = [
        content / "blog" / "page.md",
        tmp_path / "linked" / "page.md",  # through a linked folder
        tmp_path / "elsewhere" / "in.md",  # a link into the content folder
        tmp_path / "elsewhere" / "out.md",
    ]
    folders: dict[str, bool] = {}
    found = [resolves_inside(str(path), content, folders) for path in paths]
    assert found == [path.resolve().is_relative_to(content) for path in paths]
    assert found == [True, True, True, False]
