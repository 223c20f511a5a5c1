"""``mkdocs serve``'s writes trust what the process's own last write left (issue 16): a post
whose outputs' inputs are unchanged, with its variant files as that write left them, is not made
again; every input ``_PostWrite.serves`` (in outputs/internal.py) compares changed once, and
every kind of change by someone else between writes, still writes what a plain write writes."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from cache_plans import AT, outputs_tree, plan, scheduling_of

from portavoz.scheduler.compose.plan import Plan, Planned
from portavoz.scheduler.outputs import internal, schedule
from portavoz.scheduler.outputs.internal import write_internal
from portavoz.scheduler.outputs.schedule import RecordText
from portavoz.scheduler.usecases import records, written
from portavoz.scheduler.usecases.scheduling import write_outputs

LATER = "2026-07-01T00:00+02:00"  # the post of 2026-06-16 is live by then
POSTS = Path("content/blog/posts")
Change = Callable[[Path, pytest.MonkeyPatch], None]


@pytest.fixture(autouse=True)
def _own_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(records, "_WRITES", {})  # no other test's writes
    monkeypatch.delenv("PORTAVOZ_PAUSE", raising=False)


def _serve_write(root: Path, at: str = AT) -> dict[str, bytes]:
    """A write as ``mkdocs serve`` makes it (the process's memory kept)."""
    scheduling = scheduling_of(root)
    write_outputs(plan(root, at=at)[0], scheduling, reuse=True)
    return outputs_tree(scheduling.output_dir)


def _reference(root: Path, tmp_path: Path, at: str = AT) -> dict[str, bytes]:
    """A plain write of the same plan into the outputs as they were before the last change
    (the calendar counts its events' revisions), with no memory of any write."""
    folder = tmp_path / "reference"
    write_internal(plan(root, at=at)[0], folder, scheduling_of(root).settings.calendar_days)
    return outputs_tree(folder)


class Made:
    """Counts the posts whose piece of ``schedule.json`` is made (not kept)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.posts: list[str] = []
        made = schedule.post_piece

        def counted(item: Planned, plan: Plan, text_of: RecordText) -> bytes:
            self.posts.append(item.post.path)
            return made(item, plan, text_of)

        monkeypatch.setattr(internal, "post_piece", counted)


def test_a_second_write_makes_no_post_and_writes_the_same_bytes(
    example_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _serve_write(example_site)
    made = Made(monkeypatch)

    second = _serve_write(example_site)

    assert made.posts == []
    assert second == first == _reference(example_site, tmp_path)


def _keep(root: Path, tmp_path: Path) -> None:
    shutil.copytree(
        root / ".portavoz", tmp_path / "reference", ignore=shutil.ignore_patterns("cache")
    )


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _post(root: Path) -> Path:
    return sorted((root / POSTS).glob("*reservas*.md"))[0]


def _summary(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _edit(_post(root), 'summary: "', 'summary: "Nuevo dato. ')  # its key; the same slug


def _slug(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _edit(_post(root), "title: ", "slug: reservas-nuevas\ntitle: ")  # its URL and files


def _timezone(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _edit(root / "mkdocs.yml", "Europe/Madrid", "America/Bogota")


def _pause(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORTAVOZ_PAUSE", "Duelo oficial")


def _removed(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _post(root).unlink()


CHANGES = [_summary, _slug, _timezone, _pause, _removed]


@pytest.mark.parametrize("change", CHANGES, ids=lambda c: c.__name__.strip("_"))
def test_each_input_changed_writes_what_a_plain_write_writes(
    example_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: Change
) -> None:
    before = _serve_write(example_site)
    _keep(example_site, tmp_path)
    change(example_site, monkeypatch)

    after = _serve_write(example_site)

    assert after == _reference(example_site, tmp_path)
    assert after != before


def test_a_later_clock_writes_what_a_plain_write_writes(
    example_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _serve_write(example_site)
    _keep(example_site, tmp_path)
    made = Made(monkeypatch)

    later = _serve_write(example_site, at=LATER)

    assert later == _reference(example_site, tmp_path, at=LATER)
    assert later["schedule.json"] != before["schedule.json"]
    assert any("reservas" in path for path in made.posts)  # scheduled, then live


def test_a_variant_s_own_moment_passed_writes_what_a_plain_write_writes(
    example_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The post stays live at both clocks; only its x variant's own time (at: +2d) is passed
    # by the second: its status is the one input that moves.
    _edit(_post(example_site), "channels: [telegram, mastodon, x]",
          "channels: {telegram: {}, mastodon: {}, x: {at: +2d}}")  # fmt: skip
    before = _serve_write(example_site, at="2026-06-17T00:00+02:00")
    _keep(example_site, tmp_path)
    made = Made(monkeypatch)

    after = _serve_write(example_site, at="2026-06-19T00:00+02:00")

    assert after == _reference(example_site, tmp_path, at="2026-06-19T00:00+02:00")
    x = next(name for name in after if "reservas" in name and name.endswith("/x.json"))
    assert b'"status": "scheduled"' in before[x] and b'"status": "live"' in after[x]
    assert [path for path in made.posts if "reservas" in path] != []


def _variant(root: Path, suffix: str) -> Path:
    return sorted((root / ".portavoz" / "variants").rglob(f"*{suffix}"))[-1]


def _edited_in_place(root: Path) -> None:
    path = _variant(root, ".txt")
    before = path.stat()
    with path.open("r+b") as handle:  # the same size, and its folder's times do not move
        handle.write(b"X")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def _deleted(root: Path) -> None:
    _variant(root, ".json").unlink()


def _replaced(root: Path) -> None:
    path = _variant(root, ".json")
    other = path.with_name("other")
    other.write_bytes(path.read_bytes().replace(b"e", b"X"))
    other.replace(path)


def _left_in_a_post_folder(root: Path) -> None:
    _variant(root, ".json").with_name("tiktok.json").write_text("{}\n", encoding="utf-8")


def _left_in_the_variants_folder(root: Path) -> None:
    (root / ".portavoz" / "variants" / "suelto" / "x.txt").parent.mkdir()
    (root / ".portavoz" / "variants" / "suelto" / "x.txt").write_text("x\n", encoding="utf-8")


def _schedule_edited(root: Path) -> None:
    path = root / ".portavoz" / "schedule.json"
    before = path.stat()
    path.write_bytes(path.read_bytes().replace(b"e", b"X"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


BY_HAND = [
    _edited_in_place,
    _deleted,
    _replaced,
    _left_in_a_post_folder,
    _left_in_the_variants_folder,
    _schedule_edited,
]


@pytest.mark.parametrize("change", BY_HAND, ids=lambda c: c.__name__.strip("_"))
def test_outputs_changed_by_someone_else_are_written_again(
    example_site: Path, change: Callable[[Path], None]
) -> None:
    first = _serve_write(example_site)
    change(example_site)

    assert _serve_write(example_site) == first


def test_another_process_s_manifest_trusts_nothing_of_the_last_write(
    example_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _serve_write(example_site)
    manifest = example_site / ".portavoz" / "cache" / "outputs.json"
    rows = written.parse(manifest.read_bytes())
    manifest.write_bytes(b"".join(written._pieces(dict(reversed(rows.items())))))
    made = Made(monkeypatch)

    again = _serve_write(example_site)

    assert again == first
    assert len(made.posts) == len(plan(example_site)[0].items)  # none kept


def test_another_pause_reason_writes_what_a_plain_write_writes(
    example_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PORTAVOZ_PAUSE", "Duelo oficial")
    _serve_write(example_site)
    _keep(example_site, tmp_path)
    monkeypatch.setenv("PORTAVOZ_PAUSE", "Otro motivo")  # the same posts held, for another

    after = _serve_write(example_site)

    assert after == _reference(example_site, tmp_path)
    assert b"Otro motivo" in after["schedule.json"]


def test_a_manifest_edited_in_place_is_read_again_and_trusts_nothing(
    example_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _serve_write(example_site)
    manifest = example_site / ".portavoz" / "cache" / "outputs.json"
    before = manifest.stat()
    data = manifest.read_bytes()
    at = data.rindex(b'"]') - 1  # the last row's last hex digit
    with manifest.open("r+b") as handle:  # the same size, and its times put back
        handle.seek(at)
        handle.write(b"0" if data[at : at + 1] != b"0" else b"1")
    os.utime(manifest, ns=(before.st_atime_ns, before.st_mtime_ns))
    made = Made(monkeypatch)

    again = _serve_write(example_site)

    assert again == first
    assert len(made.posts) == len(plan(example_site)[0].items)  # none kept
