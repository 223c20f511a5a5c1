"""Ranges and the edges of time: cases the post corpus cannot hold.

The corpus (``corpus/posts/date-year-*``, ``dst-gap``, ``*-long-slug``, ``slug-too-long``,
``nested-duplicate-keys``) covers what must fail everywhere. This module covers the rest, each
case saying what it checks in its docstring:

- a local time that happens twice is only a *warning*: ``check`` and ``review`` pass and say
  which offset was chosen, ``mkdocs build`` passes and publishes that offset, and
  ``mkdocs build --strict`` fails, as it does for every warning (MkDocs' rule);
- a simulated clock (``--at``, ``PORTAVOZ_NOW``) outside 1900–9000 is a message, not an
  ``OverflowError``, and the edges themselves build;
- a full disk while writing internal outputs or listening files is one line naming the file,
  with the previous files intact;
- spelling skips tokens too long to be words (a 10,000-character one is never handed to the
  speller; a megabyte-long one does not hang ``check``).
"""

from __future__ import annotations

import errno
import json
import logging
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hardening_corpus import AT, POSTS, Run, check, git, invoke, make_project, review
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from portavoz.scheduler.lint import spelling

TWICE = "2026-10-25 02:30:00"
"""Europe/Madrid goes back from 03:00 to 02:00 that night: 02:30 happens at +02:00, then +01:00."""
TWICE_WARNING = (
    f"content/blog/posts/twice.md:3: date: '{TWICE}' happens twice in Europe/Madrid (clocks go "
    "back from 03:00 to 02:00); read as +02:00, the first of the two; write "
    "2026-10-25T02:30:00+01:00 for the second"
)
HANG_GUARD = 120
"""Seconds after which a run counts as hung (a guard, not a timing assertion)."""


def post(title: str, date: str, extra: str = "", body: str = "Texto.") -> bytes:
    return f'---\ntitle: "{title}"\ndate: {date}\n{extra}---\n\n{body}\n'.encode()


def build(root: Path, now: str = AT, *, strict: bool = True) -> Run:
    """``mkdocs build`` in a subprocess with ``PORTAVOZ_NOW`` set to ``now``."""
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml")]
    env = {**os.environ, "PORTAVOZ_NOW": now, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PORTAVOZ_PAUSE", None)
    done = subprocess.run(
        [*command, *(["--strict"] if strict else [])],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return Run(done.returncode, done.stdout + done.stderr)


def assert_clean(run: Run, leg: str) -> None:
    assert run.exception is None, f"{leg} raised {run.exception!r}\n{run.output}"
    assert "Traceback" not in run.output, f"{leg}:\n{run.output}"


# --- A local time that happens twice ------------------------------------------------------


def test_time_that_happens_twice_is_a_warning_naming_the_offset(tmp_path: Path) -> None:
    """check and review pass with one warning naming +02:00 as the choice and the other form."""
    files = {f"{POSTS}/twice.md": post("Dos veces", TWICE)}
    checked = check(make_project(tmp_path / "check", files))
    reviewed = review(make_project(tmp_path / "review"), files)
    for leg, run in (("check", checked), ("review", reviewed)):
        assert_clean(run, leg)
        assert run.code == 0, f"{leg}:\n{run.output}"
        assert TWICE_WARNING.replace("_", "\\_") in run.output.replace("_", "\\_"), run.output
    assert "0 errors, 1 warnings" in checked.output


def test_time_that_happens_twice_builds_at_the_first_offset(tmp_path: Path) -> None:
    """A plain build passes and schedules the post at 00:30 UTC (+02:00); --strict fails on
    the warning; the explicit second form is 01:30 UTC and warns about nothing."""
    second = post("La segunda", "2026-10-25T02:30:00+01:00")
    files = {f"{POSTS}/twice.md": post("Dos veces", TWICE), f"{POSTS}/second.md": second}
    root = make_project(tmp_path / "p", files)
    plain = build(root, strict=False)
    assert_clean(plain, "build")
    assert plain.code == 0, plain.output
    assert TWICE_WARNING in plain.output
    assert "second.md" not in plain.output  # an explicit offset is never ambiguous
    schedule = json.loads((root / ".portavoz" / "schedule.json").read_text(encoding="utf-8"))
    at = {Path(p["post"]).name: p["publish_at_utc"] for p in schedule["posts"]}
    assert at["twice.md"] == "2026-10-25T00:30:00Z"
    assert at["second.md"] == "2026-10-25T01:30:00Z"
    strict = build(root)
    assert_clean(strict, "build --strict")
    assert strict.code != 0
    assert TWICE_WARNING in strict.output
    assert "Aborted with 1 warnings in strict mode!" in strict.output


# --- The simulated clock ------------------------------------------------------------------

OUT_OF_RANGE = [
    ("9999-12-31T23:59:00-12:00", "year 9999 is outside 1900–9000"),  # 10000 in UTC
    ("1899-12-31T23:00:00+00:00", "year 1899 is outside 1900–9000"),
    ("0001-01-01T00:00:00", "year 1 is outside 1900–9000"),
    ("10000-01-01T00:00:00", "year 10000 is outside 1900–9000"),  # not even ISO 8601
]


@pytest.mark.parametrize(("at", "message"), OUT_OF_RANGE, ids=[a for a, _ in OUT_OF_RANGE])
def test_clock_out_of_range_is_refused_by_check_and_review(
    tmp_path: Path, at: str, message: str
) -> None:
    """--at outside 1900–9000 is a one-line error naming the option, in check and review."""
    root = make_project(tmp_path / "p")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    runs = {
        "check": invoke("check", str(root), "--at", at),
        "review": invoke(
            "review", "--base", "HEAD", "--head", "HEAD", "--project", str(root), "--at", at
        ),
    }
    for leg, run in runs.items():
        assert_clean(run, leg)
        assert run.code != 0, f"{leg}:\n{run.output}"
        assert f"--at: {message}; write a year in that range" in run.output, run.output


def test_clock_out_of_range_is_refused_by_the_build(tmp_path: Path) -> None:
    """PORTAVOZ_NOW in year 9999 (10000 in UTC, where feeds overflow) stops the build cleanly."""
    run = build(make_project(tmp_path / "p"), "9999-12-31T23:59:00-12:00")
    assert_clean(run, "build")
    assert run.code != 0
    assert "PORTAVOZ_NOW: year 9999 is outside 1900–9000; write a year in that range" in (
        run.output
    )


def test_the_edges_of_the_range_build(tmp_path: Path) -> None:
    """Dates and clocks at 1900-01-01 and 9000-12-31, in the offsets furthest from UTC, pass
    check and build --strict (feeds, calendar and URLs have room on both sides)."""
    files = {
        f"{POSTS}/first.md": post("Año 1900", "1900-01-01", "expires: 9000-12-31 23:59:59\n"),
        f"{POSTS}/last.md": post("Año 9000", "9000-12-31 23:59:59"),
    }
    for now in ("9000-12-31T23:59:59-12:00", "1900-01-01T00:00:00+14:00"):
        root = make_project(tmp_path / now[:4], files)
        checked = invoke("check", str(root), "--at", now)
        built = build(root, now)
        assert (checked.code, checked.exception) == (0, None), checked.output
        assert built.code == 0, built.output


# --- A full disk --------------------------------------------------------------------------

NO_SPACE = "No space left on device"


def full_disk_under(folder: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make every rename into ``folder`` fail as a full disk does; returns the refused paths."""
    real, refused = os.replace, []

    def replace(src: object, dst: object, *args: object, **kwargs: object) -> None:
        if str(dst).startswith(f"{folder}{os.sep}"):
            refused.append(str(dst))
            raise OSError(errno.ENOSPC, NO_SPACE, str(dst))
        real(src, dst, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", replace)  # Path.replace calls os.replace
    return refused


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def build_in_process(
    root: Path, now: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> Abort | None:
    """Run MkDocs' own build (as ``mkdocs build`` does) and return its Abort, if any."""
    monkeypatch.setenv("PORTAVOZ_NOW", now)
    monkeypatch.delenv("PORTAVOZ_PAUSE", raising=False)
    monkeypatch.chdir(root)
    caplog.set_level(logging.INFO, logger="mkdocs")
    try:
        mkdocs_build(load_config(str(root / "mkdocs.yml")))
    except Abort as exc:
        return exc
    return None


def test_full_disk_during_a_build_is_a_message_and_keeps_the_old_outputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """ENOSPC while writing .portavoz/ aborts the build with 'cannot write <path>: … (errno
    28); free space and build again' (path relative to the project); old files unchanged."""
    files = {f"{POSTS}/soon.md": post("Pronto", "2026-12-01 10:00:00")}
    root = make_project(tmp_path / "p", files)
    assert build_in_process(root, AT, monkeypatch, caplog) is None, caplog.text
    before = snapshot(root / ".portavoz")
    refused = full_disk_under(root / ".portavoz", monkeypatch)
    caplog.clear()
    # A week later the post is live: schedule.json and the calendar must be rewritten.
    aborted = build_in_process(root, "2026-12-08T12:00:00+01:00", monkeypatch, caplog)
    assert aborted is not None, "the build passed on a full disk"
    first = Path(refused[0]).relative_to(root).as_posix()
    expected = f"cannot write {first}: {NO_SPACE} (errno 28); free space and build again"
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert any(expected in message for message in errors), caplog.text
    assert "Traceback" not in caplog.text
    monkeypatch.undo()
    assert snapshot(root / ".portavoz") == before


LISTENING = """\
site_name: t
docs_dir: docs
plugins:
  - portavoz/listening:
      offline: true
      sources:
        - {name: Pedaleando, url: "https://feeds.example.org/rss.xml"}
      departments: [prensa]
      rules:
        - {label: marca, keywords: [Rueda Libre], departments: [prensa]}
"""


@pytest.fixture
def listening_project(tmp_path: Path) -> Iterator[Path]:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Inicio\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(LISTENING, encoding="utf-8")
    yield tmp_path


def test_full_disk_during_listen_is_a_message_and_keeps_the_old_files(
    listening_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ENOSPC while `portavoz listen` writes its digests: exit 1, one line, old files kept."""
    root, config = listening_project, str(listening_project / "mkdocs.yml")
    first = invoke("listen", "-f", config, "--at", AT)
    assert (first.code, first.exception) == (0, None), first.output
    before = snapshot(root / ".portavoz")
    assert before, "listen wrote nothing to compare with"
    refused = full_disk_under(root / ".portavoz", monkeypatch)
    run = invoke("listen", "-f", config, "--at", "2026-12-08T12:00:00+01:00")
    monkeypatch.undo()
    assert_clean(run, "listen")
    assert run.code == 1
    shown = Path(refused[0]).relative_to(root).as_posix()
    assert f"cannot write {shown}: {NO_SPACE} (errno 28); free space and build again" in (
        run.output
    )
    assert snapshot(root / ".portavoz") == before


def test_full_disk_during_a_listening_build_is_a_message(
    listening_project: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The listening plugin's writes in a build (digests, cache) fail the same clean way."""
    root = listening_project
    refused = full_disk_under(root / ".portavoz", monkeypatch)
    aborted = build_in_process(root, AT, monkeypatch, caplog)
    assert aborted is not None, "the build passed on a full disk"
    shown = Path(refused[0]).relative_to(root).as_posix()
    errors = " ".join(r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR)
    assert f"portavoz/listening: cannot write {shown}: {NO_SPACE} (errno 28)" in errors
    assert "Traceback" not in caplog.text


# --- Spelling and words too long to be words ----------------------------------------------


@pytest.fixture
def speller_inputs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every word the speller is asked about (dictionary look-up or neighbour search)."""
    asked: list[str] = []
    for name in ("_known", "_suggest"):
        real: Callable[..., object] = getattr(spelling, name)

        def spy(word: str, *args: object, _real: Callable[..., object] = real) -> object:
            asked.append(word)
            return _real(word, *args)

        monkeypatch.setattr(spelling, name, spy)
    return asked


def test_a_token_too_long_to_be_a_word_is_not_given_to_the_speller(
    speller_inputs: list[str],
) -> None:
    """A 10,000-letter token and a 65-character hyphenated one holding a typo ('estacion')
    give no finding and never reach the speller; the same typo alone is still reported."""
    long_word = "pedaleo" * 1430  # 10,010 letters
    hyphenated = "estacion-" + "-".join(["bici"] * 14)  # 78 characters
    assert len(hyphenated) > spelling.MAX_LENGTH
    found = spelling.find_typos([long_word, hyphenated, "estacion"], "es", frozenset())
    assert list(found) == ["estacion"]
    assert found["estacion"].suggestion == "estación"
    assert [w for w in speller_inputs if len(w) > spelling.MAX_LENGTH] == []


def test_check_with_a_megabyte_word_finishes(tmp_path: Path) -> None:
    """A post whose body is one 1,000,000-letter word: check finishes (hang guard only) and
    still reports the short typo beside it."""
    body = "La estacion de " + "a" * 1_000_000 + " bicicletas."
    root = make_project(
        tmp_path / "p", {f"{POSTS}/larga.md": post("Larga", "2026-03-01", "lang: es\n", body)}
    )
    command = [sys.executable, "-m", "portavoz.scheduler.cli.main", "check", str(root), "--at", AT]
    done = subprocess.run(command, capture_output=True, text=True, timeout=HANG_GUARD, check=False)
    output = done.stdout + done.stderr
    assert "Traceback" not in output
    assert "'estacion' is not in the Spanish dictionary (did you mean 'estación'?)" in output
    assert "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" not in output
