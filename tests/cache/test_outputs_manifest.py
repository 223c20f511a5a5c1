"""The internal outputs' manifest (``<output_dir>/cache/outputs.json``): a second write leaves
unchanged variant files unread and takes unchanged records back from them, and still writes
exactly what a plain write (no manifest) writes after every kind of change, hand edits included."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from cache_plans import AT, outputs_tree, plan, scheduling_of

from portavoz.scheduler.base import atomic
from portavoz.scheduler.base.problems import Problem
from portavoz.scheduler.outputs import internal
from portavoz.scheduler.outputs.internal import write_internal
from portavoz.scheduler.usecases.scheduling import write_outputs

LATER = "2026-07-01T00:00+02:00"  # the post of 2026-06-16 is live by then
MANIFEST = Path(".portavoz/cache/outputs.json")


def _write(root: Path, *, at: str = AT, warnings: list[Problem] | None = None) -> dict[str, bytes]:
    """A build's write (with the manifest); returns the outputs."""
    scheduling = scheduling_of(root)
    made, _ = plan(root, at=at)
    warn = warnings.append if warnings is not None else None
    write_outputs(made, scheduling, warn=warn)
    return outputs_tree(scheduling.output_dir)


def _reference(root: Path, tmp_path: Path, *, at: str = AT) -> dict[str, bytes]:
    """What a plain write of the same plan (no manifest) writes over the outputs as the last
    write left them (:func:`_keep`; the calendar counts its events' revisions)."""
    made, _ = plan(root, at=at)
    folder = tmp_path / "reference"
    write_internal(made, folder, scheduling_of(root).settings.calendar_days)
    return outputs_tree(folder)


def _keep(root: Path, tmp_path: Path) -> None:
    """Copy the outputs (without the caches) for :func:`_reference`, before a change."""
    shutil.copytree(
        root / ".portavoz", tmp_path / "reference", ignore=shutil.ignore_patterns("cache")
    )


class Spy:
    """Counts the records rendered and the variant files compared by reading them."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.rendered = 0
        self.compared: list[str] = []
        render, compare = internal.record_text, atomic.write_atomic

        def counted_render(*args: object) -> str:
            self.rendered += 1
            return render(*args)  # type: ignore[arg-type]

        def counted_compare(path: Path, data: str | bytes, **kw: bool) -> bool:
            if "variants" in path.parts:
                self.compared.append(path.name)
            return compare(path, data, **kw)

        monkeypatch.setattr(internal, "record_text", counted_render)
        monkeypatch.setattr(atomic, "write_atomic", counted_compare)


def test_a_second_write_reads_and_renders_nothing_and_writes_the_same_bytes(
    example_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _write(example_site)
    assert (example_site / MANIFEST).is_file()
    spy = Spy(monkeypatch)

    second = _write(example_site)

    assert spy.rendered == 0 and spy.compared == []
    assert second == first == _reference(example_site, tmp_path)
    assert any(name.startswith("variants/") for name in second)


def _variant(root: Path, suffix: str) -> Path:
    return sorted((root / ".portavoz" / "variants").rglob(f"*{suffix}"))[0]


@pytest.mark.parametrize("suffix", [".json", ".txt"])
def test_a_file_edited_by_hand_is_written_again_even_with_its_old_size_and_time(
    example_site: Path, tmp_path: Path, suffix: str
) -> None:
    _write(example_site)
    edited = _variant(example_site, suffix)
    old = edited.read_bytes()
    before = edited.stat()
    edited.write_bytes(old.replace(b"e", b"X"))  # the same size
    os.utime(edited, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the same time

    written = _write(example_site)

    assert edited.read_bytes() == old
    assert written == _reference(example_site, tmp_path)  # schedule.json too


def test_a_file_deleted_by_hand_is_written_again(example_site: Path, tmp_path: Path) -> None:
    _write(example_site)
    deleted = _variant(example_site, ".json")
    old = deleted.read_bytes()
    deleted.unlink()

    written = _write(example_site)

    assert deleted.read_bytes() == old
    assert written == _reference(example_site, tmp_path)


def test_a_file_replaced_by_hand_is_compared_again(example_site: Path, tmp_path: Path) -> None:
    _write(example_site)
    replaced = _variant(example_site, ".json")
    old = replaced.read_bytes()
    before = replaced.stat()
    other = replaced.with_name("other")
    other.write_bytes(old.replace(b"e", b"X"))
    os.utime(other, ns=(before.st_atime_ns, before.st_mtime_ns))
    other.replace(replaced)  # a new file (inode) of the same size and time

    written = _write(example_site)

    assert replaced.read_bytes() == old
    assert written == _reference(example_site, tmp_path)


def test_a_later_clock_writes_what_a_plain_write_writes(example_site: Path, tmp_path: Path) -> None:
    before = _write(example_site)
    _keep(example_site, tmp_path)

    later = _write(example_site, at=LATER)

    assert later == _reference(example_site, tmp_path, at=LATER)
    assert later["schedule.json"] != before["schedule.json"]


def test_an_edited_post_writes_what_a_plain_write_writes(
    example_site: Path, tmp_path: Path
) -> None:
    _write(example_site)
    _keep(example_site, tmp_path)
    post = sorted((example_site / "content/blog/posts").glob("*reservas*.md"))[0]
    text = post.read_text(encoding="utf-8")
    # The summary, not the title: the same slug, so the same variant files.
    post.write_text(text.replace('summary: "', 'summary: "Nuevo dato. ', 1), encoding="utf-8")

    written = _write(example_site)

    assert written == _reference(example_site, tmp_path)
    assert any(b"Nuevo dato. " in v for k, v in written.items() if k.startswith("variants/"))


def test_changed_settings_write_what_a_plain_write_writes(
    example_site: Path, tmp_path: Path
) -> None:
    before = _write(example_site)
    _keep(example_site, tmp_path)
    config = example_site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("Europe/Madrid", "America/Bogota", 1), encoding="utf-8")

    written = _write(example_site)

    assert written == _reference(example_site, tmp_path)
    assert written["schedule.json"] != before["schedule.json"]


@pytest.mark.parametrize(
    "content", [b"{not json", b'{"schema":"portavoz/outputs-manifest/1","entries":{"x":1}}']
)
def test_a_corrupt_manifest_is_ignored_with_one_warning_and_written_again(
    example_site: Path, tmp_path: Path, content: bytes
) -> None:
    _write(example_site)
    (example_site / MANIFEST).write_bytes(content)
    warnings: list[Problem] = []

    written = _write(example_site, warnings=warnings)

    assert [(w.path, w.severity.name) for w in warnings] == [(MANIFEST.as_posix(), "WARNING")]
    assert "unusable cache" in warnings[0].message
    assert written == _reference(example_site, tmp_path)
    again: list[Problem] = []
    _write(example_site, warnings=again)
    assert again == []


def test_schedule_json_edited_by_hand_is_written_again(example_site: Path, tmp_path: Path) -> None:
    first = _write(example_site)
    schedule = example_site / ".portavoz" / "schedule.json"
    before = schedule.stat()
    schedule.write_bytes(first["schedule.json"].replace(b"e", b"X"))
    os.utime(schedule, ns=(before.st_atime_ns, before.st_mtime_ns))

    written = _write(example_site)

    assert written == first == _reference(example_site, tmp_path)


def test_a_file_left_in_the_variants_folder_is_removed(example_site: Path) -> None:
    first = _write(example_site)
    stray = _variant(example_site, ".json").with_name("tiktok.json")
    stray.write_text("{}\n", encoding="utf-8")

    assert _write(example_site) == first
    assert not stray.exists()


def test_a_minute_later_schedule_json_says_so(example_site: Path, tmp_path: Path) -> None:
    # No status changes in a minute: only the moment schedule.json was made for.
    _write(example_site)
    _keep(example_site, tmp_path)
    minute = "2026-06-01T00:01+02:00"

    written = _write(example_site, at=minute)

    assert written == _reference(example_site, tmp_path, at=minute)
    assert b'"generated_for": "2026-05-31T22:01:00Z"' in written["schedule.json"]
