"""A cold write of the variant files: each new post folder is filled in a hidden staging folder
beside it and renamed into place whole. It writes what the old write (every file through
``write_atomic``, one by one; kept here as the reference) writes, with the same modes and
stamps a second write trusts; an interrupted write leaves no half folder and the next one
recovers; a link planted in the variants folder, or under a staging name, is never followed."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from cache_plans import AT, outputs_tree, plan, scheduling_of
from test_outputs_manifest import MANIFEST, Spy

from portavoz.scheduler.base import atomic
from portavoz.scheduler.base.atomic import STAGING, WriteError, write_atomic, write_tree
from portavoz.scheduler.compose.plan import Plan, Planned
from portavoz.scheduler.compose.variant import Variant
from portavoz.scheduler.outputs import internal
from portavoz.scheduler.outputs.exports import FOLDER as EXPORTS
from portavoz.scheduler.outputs.exports import export_files
from portavoz.scheduler.outputs.internal import VARIANTS, internal_files, write_internal
from portavoz.scheduler.outputs.paste import paste_text
from portavoz.scheduler.outputs.schedule import bulk_rows, record_text
from portavoz.scheduler.usecases.scheduling import write_outputs


def _per_file(made: Plan, folder: Path, days: int) -> None:
    """The write as it was before staging folders: every file through ``write_atomic``."""
    for item in made.items:
        for variant in item.variants:
            stem = folder / VARIANTS / item.post.slug / variant.network
            write_atomic(stem.with_suffix(".txt"), paste_text(variant), durable=False)
            text = record_text(item, variant, made) + "\n"
            write_atomic(stem.with_suffix(".json"), text, durable=False)
    for name, data in internal_files(made, days).items():
        write_atomic(folder / name, data)
    rows = bulk_rows(made)
    write_tree(folder, export_files(rows, made.site.timezone, language=made.site.language))


def _modes(folder: Path) -> dict[str, int]:
    """The permission bits of every file and folder under ``folder/variants``."""
    return {
        p.relative_to(folder).as_posix(): stat.S_IMODE(p.lstat().st_mode)
        for p in sorted((folder / VARIANTS).rglob("*"))
    }


def _hidden(folder: Path) -> list[str]:
    """Entries of ``folder/variants`` that are not a post's folder (no slug starts with a dot)."""
    return sorted(p.name for p in (folder / VARIANTS).iterdir() if p.name.startswith("."))


def _posts(made: Plan) -> list[Planned]:
    return [item for item in made.items if item.variants]


def test_a_cold_write_writes_what_the_write_file_by_file_writes(
    example_site: Path, tmp_path: Path
) -> None:
    scheduling = scheduling_of(example_site)
    made, _ = plan(example_site)
    reference = tmp_path / "reference"
    _per_file(made, reference, scheduling.settings.calendar_days)

    write_outputs(made, scheduling)

    output = scheduling.output_dir
    assert outputs_tree(output) == outputs_tree(reference)
    assert len([n for n in outputs_tree(output) if n.startswith(f"{VARIANTS}/")]) > 10
    assert _modes(output) == _modes(reference)
    assert _hidden(output) == []
    assert (output / EXPORTS).is_dir()


def test_the_stamps_of_a_cold_write_spare_the_second_write_every_read(
    example_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scheduling = scheduling_of(example_site)
    write_outputs(plan(example_site)[0], scheduling)
    first = outputs_tree(scheduling.output_dir)
    spy = Spy(monkeypatch)

    write_outputs(plan(example_site)[0], scheduling)

    assert (example_site / MANIFEST).is_file()
    assert spy.rendered == 0 and spy.compared == []
    assert outputs_tree(scheduling.output_dir) == first


class Stop(Exception):
    """Raised half way through a post's variants."""


def _stopping(post: Planned, after: int) -> Callable[[Planned, Variant, Plan], str]:
    """``record_text`` as the build calls it, raising :class:`Stop` after ``after`` variants
    of ``post`` (its staging folder then holds some of its files)."""
    seen: list[Variant] = []

    def text_of(item: Planned, variant: Variant, made: Plan) -> str:
        if item is post:
            if len(seen) == after:
                raise Stop
            seen.append(variant)
        return record_text(item, variant, made)

    return text_of


def test_an_interrupted_write_leaves_no_half_folder_and_the_next_recovers(
    example_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scheduling = scheduling_of(example_site)
    made, _ = plan(example_site)
    first, second = _posts(made)[:2]
    assert len(second.variants) >= 2
    output = scheduling.output_dir
    days = scheduling.settings.calendar_days

    with monkeypatch.context() as patched, pytest.raises(Stop):
        patched.setattr(internal, "record_text", _stopping(second, 1))
        write_internal(made, output, days)

    variants = output / VARIANTS
    assert _hidden(output) == []
    assert not (variants / second.post.slug).exists()
    assert sorted(p.name for p in (variants / first.post.slug).iterdir()) == sorted(
        f"{v.network}{suffix}" for v in first.variants for suffix in (".json", ".txt")
    )
    write_outputs(made, scheduling)
    reference = tmp_path / "reference"
    _per_file(made, reference, days)
    assert outputs_tree(output) == outputs_tree(reference)


def test_a_full_disk_half_way_through_a_folder_leaves_no_half_folder(
    example_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scheduling = scheduling_of(example_site)
    made, _ = plan(example_site)
    real = os.write
    calls = iter(range(10**6))

    def full(fd: int, data: bytes | memoryview) -> int:
        if next(calls) == 3:  # the second file of the second post's staging folder
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(fd, data)

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(WriteError, match="No space left on device"):
        write_outputs(made, scheduling)
    monkeypatch.undo()

    output = scheduling.output_dir
    second = _posts(made)[1]
    assert _hidden(output) == []
    assert not (output / VARIANTS / second.post.slug).exists()


def test_a_staging_folder_left_by_a_crash_is_removed_by_the_next_write(
    example_site: Path, tmp_path: Path
) -> None:
    scheduling = scheduling_of(example_site)
    made, _ = plan(example_site)
    output = scheduling.output_dir
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("not ours", encoding="utf-8")
    left = output / VARIANTS / f"{STAGING}0123456789abcdef"
    (left / "inner").mkdir(parents=True)
    (left / "x.json").write_text("{", encoding="utf-8")  # half written when it crashed
    (left / "inner" / "link").symlink_to(outside, target_is_directory=True)
    (output / VARIANTS / f"{STAGING}feedfacefeedface").symlink_to(outside)

    write_outputs(made, scheduling)

    assert _hidden(output) == []
    assert sorted(p.name for p in outside.iterdir()) == ["keep.txt"]
    reference = tmp_path / "reference"
    _per_file(made, reference, scheduling.settings.calendar_days)
    assert outputs_tree(output) == outputs_tree(reference)


def test_a_link_in_place_of_a_post_folder_is_refused_not_followed(
    example_site: Path, tmp_path: Path
) -> None:
    scheduling = scheduling_of(example_site)
    made, _ = plan(example_site)
    outside = tmp_path / "outside"
    outside.mkdir()
    slug = _posts(made)[1].post.slug
    (scheduling.output_dir / VARIANTS).mkdir(parents=True)
    (scheduling.output_dir / VARIANTS / slug).symlink_to(outside, target_is_directory=True)

    with pytest.raises(WriteError, match="a symbolic link") as raised:
        write_outputs(made, scheduling)

    assert raised.value.path == scheduling.output_dir / VARIANTS / slug
    assert list(outside.iterdir()) == []
    assert _hidden(scheduling.output_dir) == []


def test_the_build_refuses_a_linked_post_folder_in_one_line(
    example_site: Path, tmp_path: Path, build: Callable[..., Any]
) -> None:
    made, _ = plan(example_site)
    outside = tmp_path / "outside"
    outside.mkdir()
    folder = scheduling_of(example_site).output_dir / VARIANTS / _posts(made)[0].post.slug
    folder.parent.mkdir(parents=True)
    folder.symlink_to(outside, target_is_directory=True)

    done = build(example_site, {"PORTAVOZ_NOW": AT}, strict=False)

    shown = folder.relative_to(example_site).as_posix()
    assert done.returncode != 0
    assert f"cannot write {shown}: a symbolic link" in done.output
    assert "remove the link and build again" in done.output
    assert "Traceback" not in done.output
    assert list(outside.iterdir()) == []


def test_a_link_in_place_of_the_variants_folder_is_refused_not_followed(
    example_site: Path, tmp_path: Path
) -> None:
    scheduling = scheduling_of(example_site)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "stale.txt").write_text("not ours", encoding="utf-8")
    scheduling.output_dir.mkdir(parents=True)
    (scheduling.output_dir / VARIANTS).symlink_to(outside, target_is_directory=True)

    with pytest.raises(WriteError, match="a symbolic link"):
        write_outputs(plan(example_site)[0], scheduling)

    assert sorted(p.name for p in outside.iterdir()) == ["stale.txt"]


def test_a_link_planted_under_the_next_staging_name_is_left_alone(
    example_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scheduling = scheduling_of(example_site)
    made, _ = plan(example_site)
    outside = tmp_path / "outside"
    outside.mkdir()
    planted = scheduling.output_dir / VARIANTS / f"{STAGING}{'0' * 16}"
    planted.parent.mkdir(parents=True)
    planted.symlink_to(outside, target_is_directory=True)
    names = _drawn()
    monkeypatch.setattr(atomic.secrets, "token_hex", lambda _: next(names))

    write_outputs(made, scheduling)

    assert list(outside.iterdir()) == []  # nothing was written through the link
    assert _hidden(scheduling.output_dir) == []  # and the link itself is gone
    reference = tmp_path / "reference"
    _per_file(made, reference, scheduling.settings.calendar_days)
    assert outputs_tree(scheduling.output_dir) == outputs_tree(reference)


def _drawn() -> Iterator[str]:
    """The planted name first, then fresh ones."""
    yield "0" * 16
    number = 1
    while True:
        yield f"{number:016x}"
        number += 1
