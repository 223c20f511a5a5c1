"""``mkdocs serve`` writes portavoz's internal outputs and caches once, when it stops (issue 16).

While it serves, no build writes in the internal folder (``serve_driver`` checks every build);
``on_shutdown`` then writes the outputs of the last build that had no errors, wherever a later
one failed, as a plain build of the same files writes them (with none, the outputs stay as they
were before serve started, and the log says so), and that build's folder's cache files. A
write that fails then is one line in the log, never a traceback; the caches written let a later
plain build compose, lint and read nothing again.

MkDocs' own serve command runs in this process (:mod:`serve_driver`).
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from serve_driver import (
    INTERNAL,
    Change,
    forget,
    output_files,
    plain_build,
    serve_rounds,
    tree_state,
)

from portavoz.scheduler.compose.variant import Composer
from portavoz.scheduler.content import repository
from portavoz.scheduler.i18n import Text, messages
from portavoz.scheduler.usecases import checking

NOW = "2026-11-20T12:00+01:00"
POSTS = Path("content/blog/posts")
OTONO = POSTS / "2026-10-20-pedalear-en-otono.md"
IMAGE = Path("content/assets/images/primavera-en-pedales.jpg")  # a post's own image


def _edit(root: Path) -> None:
    """A post's summary, a sentence longer each time: its variants change."""
    post = root / OTONO
    text = post.read_text(encoding="utf-8")
    post.write_text(text.replace('summary: "', 'summary: "Ojo. ', 1), encoding="utf-8")


def _break(root: Path) -> None:
    """A post's image removed: an error in that post."""
    (root / IMAGE).unlink()


def _mend(root: Path) -> None:
    """The image back: no error."""
    shutil.copy2(Path(__file__).parents[2] / IMAGE, root / IMAGE)


def _variants_a_file(root: Path) -> None:
    """Where the variants' folder should be, a file (the caches' folder stays writable)."""
    shutil.rmtree(root / INTERNAL / "variants")
    (root / INTERNAL / "variants").write_text("no\n", encoding="utf-8")


def _bad_site_option(root: Path) -> None:
    """The post edited again, and a portavoz/site option refused: the config does not load
    (no plugin's ``on_config`` runs), so this rebuild ends before any build event."""
    _edit(root)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "timezone: Europe/Madrid" in text
    config.write_text(text.replace("timezone: Europe/Madrid", "timezone: Nowhere/Else", 1), "utf-8")


def _scheduler_off(root: Path) -> None:
    """The post edited again, and portavoz/scheduler turned off."""
    _edit(root)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    off = "  - portavoz/scheduler:\n      enabled: false\n"
    config.write_text(text.replace("  - portavoz/scheduler:\n", off, 1), encoding="utf-8")


def _moved(root: Path) -> None:
    """The post edited again, and the internal folder moved to ``.internal``."""
    _edit(root)
    shutil.move(root / INTERNAL, root / ".internal")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace(f"output_dir: {INTERNAL}", "output_dir: .internal", 1), "utf-8")


def _schedule_a_folder(root: Path) -> None:
    """Where ``schedule.json`` should be, a folder holding a file."""
    (root / INTERNAL / "schedule.json").unlink()
    (root / INTERNAL / "schedule.json").mkdir()
    (root / INTERNAL / "schedule.json" / "mine.txt").write_text("mine\n", encoding="utf-8")


class Records(logging.Handler):
    """The records the ``mkdocs`` logger (MkDocs' and every plugin's) passes on."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def lines(self, level: int = logging.DEBUG) -> list[str]:
        return [r.getMessage() for r in self.records if r.levelno >= level]


@pytest.fixture
def log() -> Iterator[Records]:
    records = Records()
    logger = logging.getLogger("mkdocs")  # conftest restores its level and handlers
    logger.addHandler(records)
    yield records
    logger.removeHandler(records)


@pytest.fixture
def site(example_site: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The example with the brand-voice rules on, built once (the outputs a serve starts
    from), at a fixed clock, with nothing kept from the build."""
    config = example_site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    lint = "output_dir: .portavoz\n      lint:\n        dictionary: content/dictionary.txt\n"
    config.write_text(text.replace("output_dir: .portavoz\n", lint, 1), encoding="utf-8")
    monkeypatch.setenv("PORTAVOZ_NOW", NOW)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.delenv("PORTAVOZ_PAUSE", raising=False)
    monkeypatch.setattr(repository, "SETTLED_NS", 0)  # the copied posts' reads are kept
    plain_build(example_site, monkeypatch)
    forget(monkeypatch)
    return example_site


def _outputs_state(root: Path) -> dict[str, tuple[bytes, int] | None]:
    """The internal outputs (bytes and modification times), the caches left out."""
    state = tree_state(root / INTERNAL)
    return {n: v for n, v in state.items() if n != "cache" and not n.startswith("cache/")}


def _reference(site: Path, rounds: list[Change], monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of ``site`` (built, as it was before serve) with ``rounds`` applied, built again
    as a plain build: the outputs a serve of those rounds must leave when it stops."""
    copy = site.parent / "reference"
    shutil.copytree(site, copy)
    for change in rounds:
        change(copy)
    plain_build(copy, monkeypatch)
    return copy


CASES = {
    "error-in-the-last-build": ([_edit, _break], 1),
    "error-fixed-by-the-last-build": ([_break, _edit, _mend], 3),
    "error-in-the-only-build": ([_break], None),
    "errors-after-a-good-build": ([_break, _mend, _edit, _break], 3),
    "config-refused-in-the-last-build": ([_edit, _bad_site_option], 1),
    "no-error": ([_edit, _edit], 2),
}
"""Changes before serve's first build (the first) and before each rebuild (the others), and
how many of them the last build without errors had seen (``None``: there was none)."""


@pytest.mark.parametrize(("rounds", "good"), CASES.values(), ids=CASES.keys())
def test_the_outputs_written_at_the_end_are_the_last_build_without_errors(
    site: Path,
    rounds: list[Change],
    good: int | None,
    monkeypatch: pytest.MonkeyPatch,
    log: Records,
) -> None:
    pristine = site.parent / "pristine"
    shutil.copytree(site, pristine)
    before = _outputs_state(site)
    rounds[0](site)  # before serve starts: its first build's files

    serve_rounds(site, rounds[1:], monkeypatch, lambda served: {}, quiet=False)

    texts = messages("es")  # the example's language
    told = texts(Text.SERVE_OUTPUTS_AT_STOP, folder=INTERNAL)
    held_back = texts(Text.SERVE_OUTPUTS_NOT_WRITTEN, folder=INTERNAL)
    lines = log.lines()
    assert sum(told in line for line in lines) == 1  # once, at the first build
    if good is not None:
        # The posts as the last good build read them (a refused config's own change aside:
        # the reference is built from its files).
        reference = _reference(pristine, rounds[:good], monkeypatch)
        assert output_files(site / INTERNAL, "") == output_files(reference / INTERNAL, "")
        assert _outputs_state(site) != before
        assert not any(held_back in line for line in lines)
    else:
        assert _outputs_state(site) == before  # not one byte, not one modification time
        assert sum(held_back in line for line in lines) == 1


FAILURES = {
    "variants-folder-a-file": (_variants_a_file, ".portavoz/variants"),
    "schedule-a-folder": (_schedule_a_folder, ".portavoz/schedule.json"),
}
"""A round's change that makes the outputs' write fail, and the path its log line names."""


@pytest.mark.parametrize(("change", "named"), FAILURES.values(), ids=FAILURES.keys())
def test_a_write_that_fails_when_serve_stops_is_one_line_and_no_traceback(
    site: Path, change: Change, named: str, monkeypatch: pytest.MonkeyPatch, log: Records
) -> None:
    serve_rounds(site, [_edit, change], monkeypatch, lambda served: {})

    errors = [r for r in log.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1, [r.getMessage() for r in errors]
    (error,) = errors
    assert error.exc_info is None and "Traceback" not in error.getMessage()
    assert f"cannot write {named}" in error.getMessage()
    assert error.getMessage().startswith("portavoz: portavoz/scheduler: ")


def test_an_output_dir_left_during_serve_is_not_made_again(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pristine = site.parent / "pristine"
    shutil.copytree(site, pristine)
    serve_rounds(site, [_edit, _moved], monkeypatch, lambda served: {})

    assert not (site / INTERNAL / "cache").exists()  # its held caches were let go of
    reference = _reference(pristine, [_edit, _moved], monkeypatch)
    assert output_files(site / ".internal", "") == output_files(reference / ".internal", "")
    assert sorted(p.name for p in (site / ".internal" / "cache").iterdir()) == sorted(
        p.name for p in (reference / ".internal" / "cache").iterdir()
    )


def test_turned_off_in_the_last_build_serve_writes_nothing_when_it_stops(
    site: Path, monkeypatch: pytest.MonkeyPatch, log: Records
) -> None:
    before = tree_state(site / INTERNAL)
    serve_rounds(site, [_edit, _scheduler_off], monkeypatch, lambda served: {}, quiet=False)

    assert tree_state(site / INTERNAL) == before  # outputs and caches: not one byte
    held_back = messages("es")(Text.SERVE_OUTPUTS_NOT_WRITTEN, folder=INTERNAL)
    assert not any(held_back in line for line in log.lines())


def test_a_plain_build_after_serve_stopped_composes_lints_and_reads_nothing_again(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serve_rounds(site, [_edit], monkeypatch, lambda served: {})
    served = output_files(site / INTERNAL, "")

    def refuse(*args: object, **kwargs: object) -> object:
        raise AssertionError("made again, not taken from the caches serve wrote")

    monkeypatch.setattr(Composer, "compose", refuse)
    monkeypatch.setattr(checking, "lint_post", refuse)
    monkeypatch.setattr(repository, "read_post", refuse)
    assert plain_build(site, monkeypatch) == served
