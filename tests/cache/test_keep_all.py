"""TreeWriter.keep_all, the second build's check that every variant file is as the last write
left it, answers as TreeWriter.keep asked of each file (kept here as the reference) answers:
for untouched files, a file touched, removed or replaced, a tag that differs, a name the
manifest does not hold, no tag, and a name outside the folder."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from cache_plans import plan, scheduling_of

from portavoz.scheduler.base.atomic import TreeWriter
from portavoz.scheduler.outputs.internal import VARIANTS
from portavoz.scheduler.usecases.scheduling import write_outputs
from portavoz.scheduler.usecases.written import WrittenFiles

Files = tuple[list[str], list[str]]


def _writer(root: Path) -> TreeWriter:
    folder = scheduling_of(root).output_dir
    return TreeWriter(folder, VARIANTS, WrittenFiles.open(root, folder))


def _written(root: Path) -> Files:
    """Every variant file written, and the tag its stamp holds."""
    scheduling = scheduling_of(root)
    write_outputs(plan(root)[0], scheduling)
    folder = scheduling.output_dir
    stamps = WrittenFiles.open(root, folder)
    names = sorted(
        p.relative_to(folder).as_posix() for p in (folder / VARIANTS).rglob("*") if p.is_file()
    )
    tags = []
    for name in names:
        stamp = stamps.get(name)
        assert stamp is not None and stamp.tag
        tags.append(stamp.tag)
    return names, tags


def _touch(root: Path, files: Files) -> Files:
    path = scheduling_of(root).output_dir / files[0][3]
    os.utime(path, ns=(1, 1))
    return files


def _remove(root: Path, files: Files) -> Files:
    (scheduling_of(root).output_dir / files[0][-1]).unlink()
    return files


def _replace(root: Path, files: Files) -> Files:
    path = scheduling_of(root).output_dir / files[0][0]
    data = path.read_bytes()
    path.unlink()
    path.write_bytes(data)  # the same bytes: another inode
    return files


def _other_tag(root: Path, files: Files) -> Files:
    names, tags = files
    return names, [*tags[:-1], "0" * len(tags[-1])]


def _unknown(root: Path, files: Files) -> Files:
    names, tags = files
    return [*names, f"{VARIANTS}/no-such-post/x.txt"], [*tags, tags[0]]


def _no_tag(root: Path, files: Files) -> Files:
    names, tags = files
    return names, ["", *tags[1:]]


Change = Callable[[Path, Files], Files]


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda root, files: files, id="untouched"),
        pytest.param(_touch, id="touched"),
        pytest.param(_remove, id="removed"),
        pytest.param(_replace, id="replaced"),
        pytest.param(_other_tag, id="other-tag"),
        pytest.param(_unknown, id="unknown-name"),
        pytest.param(_no_tag, id="no-tag"),
    ],
)
def test_keep_all_answers_as_keep_asked_of_each_file(example_site: Path, change: Change) -> None:
    files = _written(example_site)
    assert len(files[0]) > 10
    names, tags = change(example_site, files)
    reference = _writer(example_site)
    expected = all(reference.keep(n, t) for n, t in zip(names, tags, strict=True))

    writer = _writer(example_site)
    kept = writer.keep_all(names, tags)

    assert kept == expected
    assert kept == (change.__name__ == "<lambda>")
    if kept:
        assert writer.given == set(names) == reference.given


def test_keep_all_refuses_a_name_outside_the_folder(example_site: Path) -> None:
    names, tags = _written(example_site)

    with pytest.raises(ValueError, match="not a relative path"):
        _writer(example_site).keep_all([*names, f"{VARIANTS}/../../fuera.txt"], [*tags, tags[0]])
