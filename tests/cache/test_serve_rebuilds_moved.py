"""``mkdocs serve``'s rebuilds after what the kept outputs and feeds must notice beyond a saved
post (issue 16): a post renamed, a post's variant folder deleted and a variant file replaced
by hand between two rebuilds, the feeds' size and the calendar's days changed in mkdocs.yml,
the site's language changed, and the clock set back (live posts scheduled again). Each rebuild
serves what a first build of the same files serves, and leaves the internal folder alone;
when serve stops, it holds what a plain build of the last round's files writes.

MkDocs' own serve command runs in this process (:mod:`serve_driver`); the reference of each
round is a first build of a copy with the same changes, with nothing kept from earlier builds.
"""

from __future__ import annotations

import itertools
import os
import shutil
from pathlib import Path

import pytest
from serve_driver import Change, forget, plain_build, serve_outputs

from portavoz.scheduler.content import repository

POSTS = Path("content/blog/posts")
NOW = "2026-11-20T12:00+01:00"
BEFORE = "2026-10-10T12:00+02:00"  # the posts from 2026-10-20 on are scheduled again
OLD_NAME = "2026-03-01-primavera-en-pedales.md"
NEW_NAME = "2026-03-01-primavera-sobre-ruedas.md"
SLUG = "rueda-libre-supera-el-millon-de-trayectos-en-valencia"  # deleted by hand


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _moved(root: Path) -> None:
    """A post's file renamed; by hand, between the rebuilds: a post's whole variant folder
    deleted, and a variant file replaced by another of the same size with its modification
    time put back (its change time and inode tell)."""
    (root / POSTS / OLD_NAME).rename(root / POSTS / NEW_NAME)
    variants = root / ".portavoz" / "variants"
    if not variants.is_dir():  # the reference's copy: a first build, nothing to change
        return
    shutil.rmtree(variants / SLUG)
    replaced = sorted(variants.rglob("*.txt"))[0]
    before, data = replaced.stat(), replaced.read_bytes()
    fresh = replaced.with_name("nuevo.tmp")
    fresh.write_bytes(b"Y" * len(data))
    fresh.replace(replaced)
    os.utime(replaced, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert replaced.stat().st_size == before.st_size


def _options(root: Path) -> None:
    """The feeds' size and the calendar's days, in portavoz/scheduler's options."""
    _edit(
        root / "mkdocs.yml",
        "      output_dir: .portavoz\n",
        "      output_dir: .portavoz\n      calendar_days: 30\n      feeds:\n        size: 2\n",
    )


def _language(root: Path) -> None:
    """The site's language: every text portavoz writes in the site's language changes."""
    _edit(root / "mkdocs.yml", "  language: es\n", "  language: en\n")


def _clock_back(root: Path) -> None:
    """Only the clock, set back: posts live a rebuild ago are scheduled again."""
    os.environ["PORTAVOZ_NOW"] = BEFORE


@pytest.fixture(autouse=True)
def _clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORTAVOZ_NOW", NOW)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    # Just copied: its posts count as settled, so the rebuilds trust the kept reads.
    monkeypatch.setattr(repository, "SETTLED_NS", 0)


def _copy(site: Path, changes: list[Change], name: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of ``site`` (its internal folder left out) with ``changes``, at the clock."""
    copy = site.parent / f"{name}-{len(changes)}"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns(".portavoz"))
    monkeypatch.setenv("PORTAVOZ_NOW", NOW)
    for change in changes:
        change(copy)
    return copy


def _fresh(site: Path, changes: list[Change], monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """What serve's first build of a copy of ``site`` with ``changes`` serves."""
    copy = _copy(site, changes, "fresh", monkeypatch)
    forget(monkeypatch)
    return serve_outputs(copy, [], monkeypatch)[0][0]


def _plain(site: Path, changes: list[Change], monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """The internal outputs a plain build of a copy of ``site`` with ``changes`` writes."""
    return plain_build(_copy(site, changes, "plain", monkeypatch), monkeypatch)


def test_rebuilds_after_moves_options_language_and_clock_serve_a_first_builds_files(
    example_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pristine = example_site.parent / "pristine"
    shutil.copytree(example_site, pristine)
    # Built before it is served: the outputs a serve starts from, changed by hand in a round.
    before = plain_build(example_site, monkeypatch)
    monkeypatch.setenv("PORTAVOZ_NOW", NOW)
    forget(monkeypatch)

    rounds = [_moved, _options, _language, _clock_back]
    seen, outputs = serve_outputs(example_site, rounds, monkeypatch)
    _, moved, options, language, back = seen

    # Each round but the first changed what is served (a post renamed keeps its pages; the
    # outputs it changes, and those changed by hand, are written when serve stops).
    assert all(a != b for a, b in itertools.pairwise(seen[1:]))
    assert moved == _fresh(pristine, rounds[:1], monkeypatch)
    assert options == _fresh(pristine, rounds[:2], monkeypatch)
    network_feed = "site/feeds/networks/mastodon.rss.xml"
    assert moved[network_feed].count(b"<item>") > 2 == options[network_feed].count(b"<item>")
    assert language == _fresh(pristine, rounds[:3], monkeypatch)
    assert b'lang="en"' in language["site/index.html"]
    assert back == _fresh(pristine, rounds, monkeypatch)
    # Written when serve stopped: what a plain build of the last round's files writes, the
    # outputs deleted and replaced by hand while it served made again.
    assert outputs == _plain(pristine, rounds, monkeypatch)
    assert any(SLUG in name for name in outputs if name.startswith("variants/"))
    renamed = f"content/blog/posts/{NEW_NAME}".encode()
    assert renamed in outputs["schedule.json"] and renamed not in before["schedule.json"]
    scheduled = b'"scheduled"'
    assert outputs["schedule.json"].count(scheduled) > before["schedule.json"].count(scheduled)
