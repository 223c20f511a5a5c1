"""``mkdocs serve``'s rebuilds take a post file's last read only when reading it again would
give the same: same bytes, names, site settings, authors and images (issue 16).

A kept read is recognised by identity (the very ``Post`` object of the last load); every
result is also compared with a load that keeps nothing, the reference path.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from portavoz.scheduler.content import repository
from portavoz.scheduler.content.repository import Loaded, load_posts
from portavoz.scheduler.content.settings import SiteSettings
from portavoz.scheduler.project import load_project

POSTS = "content/blog/posts"
EDITED = "2026-10-20-pedalear-en-otono.md"
PICTURED = "2026-03-01-primavera-en-pedales.md"  # its image: IMAGE
IMAGE = "content/assets/images/primavera-en-pedales.jpg"


@pytest.fixture(autouse=True)
def _no_kept_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(repository, "_KEPT", repository._KeptReads())  # no other test's reads


def _settings(root: Path) -> SiteSettings:
    return load_project(root / "mkdocs.yml").settings


def _load(root: Path, settings: SiteSettings | None = None, *, keep: bool = True) -> Loaded:
    return load_posts(root, settings or _settings(root), keep=keep)


def _by_path(loaded: Loaded) -> dict[str, object]:
    return {p.path: p for p in (*loaded.posts, *loaded.rejected)}


def _kept(before: Loaded, after: Loaded) -> set[str]:
    """The posts of ``after`` that are the very objects of ``before`` (reads taken)."""
    old = _by_path(before)
    return {path for path, post in _by_path(after).items() if old.get(path) is post}


def test_a_second_load_takes_every_unchanged_read_and_equals_a_plain_load(
    example_site: Path,
) -> None:
    first = _load(example_site)

    second = _load(example_site)

    assert _kept(first, second) == set(_by_path(first)) and len(second.posts) > 10
    assert second == first == _load(example_site, keep=False)


def test_a_plain_load_keeps_nothing(example_site: Path) -> None:
    first = _load(example_site, keep=False)

    assert _kept(first, _load(example_site)) == set()


def test_a_saved_post_is_read_again(example_site: Path) -> None:
    first = _load(example_site)
    post = example_site / POSTS / EDITED
    post.write_text(post.read_text().replace('title: "', 'title: "Nuevo: ', 1))

    second = _load(example_site)

    assert _kept(first, second) == set(_by_path(first)) - {f"{POSTS}/{EDITED}"}
    assert _by_path(second)[f"{POSTS}/{EDITED}"].title.startswith("Nuevo: ")  # type: ignore[attr-defined]
    assert second == _load(example_site, keep=False)


def test_other_site_settings_read_every_post_again(example_site: Path) -> None:
    settings = _settings(example_site)
    first = _load(example_site, settings)
    canary = replace(settings, timezone=ZoneInfo("Atlantic/Canary"))

    second = _load(example_site, canary)

    assert _kept(first, second) == set()
    assert second == _load(example_site, canary, keep=False) != first


def test_other_authors_read_every_post_again(example_site: Path) -> None:
    first = _load(example_site)
    authors = example_site / "content/blog/.authors.yml"
    authors.write_text(authors.read_text().replace("  marc:", "  marcos:", 1))

    second = _load(example_site)

    assert _kept(first, second) == set()
    assert any("marc" in p.message for p in second.problems if p.key == "authors")
    assert second == _load(example_site, keep=False)


@pytest.mark.parametrize("settle", [False, True], ids=["just-read", "settled"])
def test_a_removed_image_reads_its_post_again(
    example_site: Path, request: pytest.FixtureRequest, settle: bool
) -> None:
    if settle:  # a settled post's file is not read again: its image still is asked
        request.getfixturevalue("settled")
    first = _load(example_site)
    (example_site / IMAGE).unlink()

    second = _load(example_site)

    assert _kept(first, second) == set(_by_path(first)) - {f"{POSTS}/{PICTURED}"}
    assert [p.key for p in second.problems if p.path == f"{POSTS}/{PICTURED}"] == ["image"]
    assert second == _load(example_site, keep=False)


def test_a_moved_post_is_read_under_its_new_name(example_site: Path) -> None:
    first = _load(example_site)
    (example_site / POSTS / EDITED).rename(example_site / POSTS / f"nuevo-{EDITED}")

    second = _load(example_site)

    assert f"{POSTS}/nuevo-{EDITED}" in _by_path(second)
    assert _kept(first, second) == set(_by_path(first)) - {f"{POSTS}/{EDITED}"}
    assert second == _load(example_site, keep=False)


def test_names_are_those_of_each_file_resolved_alone(tmp_path: Path) -> None:
    root = tmp_path / "site"
    posts = root / "content" / "blog" / "posts"
    (posts / "deep").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    (posts / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    files = [
        posts / "a.md",
        posts / "deep" / "b.md",
        posts / "linked" / "c.md",  # its folder resolves outside the project
        root / "content" / "d.md",
        root / "e.md",
        posts / "deep" / ".." / "f.md",
    ]
    settings = SiteSettings()
    reading = repository._Reading(root, settings, None, {})
    content = root / settings.docs_dir

    for path in files:
        folder = path.parent.resolve()
        expected = (
            repository._relative_in(path, folder, root.resolve()),
            repository._relative_in(path, folder, content.resolve()),
        )
        assert reading._names(path) == expected, path


# --- files trusted by their numbers: not read again while they have them ---------------------


class _Reads:
    """The post files read (``read_regular`` in the repository; the authors file aside)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.names: list[str] = []
        original = repository.read_regular

        def read_regular(path: Path, shown: str, **kwargs: object) -> bytes:
            if shown.startswith(POSTS):
                self.names.append(shown)
            return original(path, shown, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(repository, "read_regular", read_regular)


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> _Reads:
    """Files count as settled however recently they changed (the example was just copied):
    only their numbers tell an edit, as for a file changed long before it was read."""
    monkeypatch.setattr(repository, "SETTLED_NS", 0)
    return _Reads(monkeypatch)


def test_a_settled_unchanged_file_is_not_read_again(example_site: Path, settled: _Reads) -> None:
    first = _load(example_site)
    read_first = len(settled.names)

    second = _load(example_site)

    assert read_first == len(_by_path(first)) and len(settled.names) == read_first
    assert _kept(first, second) == set(_by_path(first))
    assert second == _load(example_site, keep=False)


def test_a_same_size_edit_with_a_new_time_is_read_again(
    example_site: Path, settled: _Reads
) -> None:
    first = _load(example_site)
    post = example_site / POSTS / EDITED
    before = post.stat()
    text = post.read_text(encoding="utf-8")
    assert 'title: "C' in text
    post.write_text(text.replace('title: "C', 'title: "K', 1), encoding="utf-8")
    os.utime(post, ns=(before.st_atime_ns, before.st_mtime_ns + 10**9))
    assert post.stat().st_size == before.st_size

    second = _reload_after_edit(example_site, settled, first)

    assert _by_path(second)[f"{POSTS}/{EDITED}"].title.startswith("K")  # type: ignore[attr-defined]


def test_a_replaced_file_with_the_same_size_and_times_is_read_again(
    example_site: Path, settled: _Reads
) -> None:
    first = _load(example_site)
    post = example_site / POSTS / EDITED
    before = post.stat()
    other = post.with_suffix(".nuevo")
    other.write_text(post.read_text().replace('title: "C', 'title: "K', 1), encoding="utf-8")
    os.utime(other, ns=(before.st_atime_ns, before.st_mtime_ns))
    other.replace(post)  # a new inode: its change time may even match within a clock tick

    _reload_after_edit(example_site, settled, first)


def _reload_after_edit(example_site: Path, settled: _Reads, first: Loaded) -> Loaded:
    """Load again after EDITED changed: it alone is read, the rest kept, as a fresh load."""
    settled.names.clear()

    second = _load(example_site)

    assert settled.names == [f"{POSTS}/{EDITED}"]
    assert _kept(first, second) == set(_by_path(first)) - {f"{POSTS}/{EDITED}"}
    assert second == _load(example_site, keep=False)
    return second


def test_a_file_changed_shortly_before_its_read_is_read_again(
    example_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Within SETTLED_NS of its reading a file's times cannot tell an edit made in the same
    tick of the file system's clock, so it is read again (the window is made wider than the
    time since the copy, however slow the machine)."""
    monkeypatch.setattr(repository, "SETTLED_NS", 10**18)
    reads = _Reads(monkeypatch)
    first = _load(example_site)
    reads.names.clear()

    second = _load(example_site)

    assert sorted(reads.names) == sorted(_by_path(first))
    assert _kept(first, second) == set(_by_path(first))  # the same bytes: the same reads
