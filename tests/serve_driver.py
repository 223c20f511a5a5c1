"""``mkdocs serve`` driven in this process, for tests of what its rebuilds serve.

MkDocs' own serve command runs (config loaded once, ``on_startup(command='serve')``, the first
build, then the server's own builder for each rebuild, as after a save, and ``on_shutdown``
when the server stops); only the waiting is replaced, as in ``bench/serve.py``. While it
serves, the internal folder (``.portavoz``) must be left as it was: every build is checked
for that (bytes and modification times). :func:`forget` drops what portavoz keeps between
builds of one process, so a first build after it is the reference path; :func:`plain_build`
is the reference of the internal outputs serve writes when it stops.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.__main__ import cli
from mkdocs.exceptions import Abort
from mkdocs.livereload import LiveReloadServer

from portavoz.plugins import site as site_plugin
from portavoz.scheduler.base.kept import LastBuild
from portavoz.scheduler.content import repository
from portavoz.scheduler.outputs import feedset
from portavoz.scheduler.site import hub, partials
from portavoz.scheduler.usecases import caching, previewing

Change = Callable[[Path], None]
"""One round's edit of the project before serve rebuilds it."""


def forget(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing kept from an earlier build in this process: the reference path."""
    monkeypatch.setattr(repository, "_KEPT", repository._KeptReads())
    monkeypatch.setattr(previewing, "_PANELS", LastBuild())
    monkeypatch.setattr(feedset, "_RENDERED", LastBuild())
    monkeypatch.setattr(feedset, "_ENTRIES", LastBuild())
    monkeypatch.setattr(partials, "_PAGES", partials.ByPage())
    monkeypatch.setattr(site_plugin, "_POST_PAGES", partials.ByPage())
    monkeypatch.setattr(hub, "_ROWS", LastBuild())
    # The cache files as a new process finds them: on disk only (none held, none remembered).
    monkeypatch.setattr(caching, "_HELD", {})
    monkeypatch.setattr(caching, "_MEMO", {})
    monkeypatch.setattr(caching, "_STATES", {})


INTERNAL = ".portavoz"
"""The example's internal folder (portavoz/scheduler's output_dir)."""

LISTENING = "listening/"
"""portavoz/listening's own folder inside it (its ``internal_dir``): that plugin writes its
digests on every build, serve's too, and is not portavoz/scheduler's to hold back."""


def serve_rounds(
    root: Path,
    rounds: list[Change],
    monkeypatch: pytest.MonkeyPatch,
    snapshot: Callable[[Path], dict[str, bytes]],
    *,
    quiet: bool = True,
) -> list[dict[str, bytes]]:
    """``snapshot`` of the served folder after serve's first build of ``root`` and after each
    round's change and rebuild; serve then stops (``on_shutdown``).

    Raises:
        AssertionError: A build changed anything in the internal folder (a round's own
            change of it, made before its rebuild, is that rebuild's starting point).
    """
    seen: list[dict[str, bytes]] = []
    before = [tree_state(root / INTERNAL)]  # before the first build

    def serve(self: LiveReloadServer, *, open_in_browser: bool = False) -> None:
        for change in [None, *rounds]:
            if change is not None:
                change(root)
                before[0] = tree_state(root / INTERNAL)
                with contextlib.suppress(Abort):  # as serve's loop: logged, it waits on
                    self.builder()
            after = tree_state(root / INTERNAL)
            moved = sorted(n for n in {*after, *before[0]} if after.get(n) != before[0].get(n))
            assert not moved, f"a serve build changed the internal folder: {moved[:5]}"
            seen.append(snapshot(Path(self.root)))

    monkeypatch.setattr(LiveReloadServer, "serve", serve)
    args = ["serve", *(["-q"] if quiet else []), "-f", str(root / "mkdocs.yml")]
    cli.main(args=args, prog_name="mkdocs", standalone_mode=False)
    return seen


def tree_state(folder: Path) -> dict[str, tuple[bytes, int] | None]:
    """Every entry under ``folder`` but :data:`LISTENING`'s: a file's bytes and modification
    time, a folder as ``None`` (nothing: an empty mapping)."""
    found: dict[str, tuple[bytes, int] | None] = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if not f"{name}/".startswith(LISTENING):
            found[name] = (path.read_bytes(), path.stat().st_mtime_ns) if path.is_file() else None
    return found


def plain_build(root: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """The internal outputs (:func:`output_files`) a plain ``mkdocs build`` of ``root`` in this
    process writes, with nothing kept from earlier builds (its site goes to ``root/site``)."""
    forget(monkeypatch)
    args = ["build", "-q", "-f", str(root / "mkdocs.yml"), "-d", str(root / "site")]
    cli.main(args=args, prog_name="mkdocs", standalone_mode=False)
    return output_files(root / INTERNAL, "")


def output_files(folder: Path, prefix: str) -> dict[str, bytes]:
    """Every file under ``folder`` but its caches, by ``prefix`` + relative path (the
    calendar without its revision lines, carried from the last calendar.ics by design)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_file() and not name.startswith("cache/"):
            data = path.read_bytes()
            if name == "calendar.ics":
                data = re.sub(rb"(?m)^(SEQUENCE|LAST-MODIFIED):.*\r?\n", b"", data)
            found[prefix + name] = data
    return found


def serve_outputs(
    root: Path, rounds: list[Change], monkeypatch: pytest.MonkeyPatch
) -> tuple[list[dict[str, bytes]], dict[str, bytes]]:
    """:func:`serve_rounds` seeing the files served (``site/…``) after the first build and after
    each round, and the internal outputs in ``root/.portavoz`` once serve stopped."""

    def snapshot(served: Path) -> dict[str, bytes]:
        return output_files(served, "site/")

    seen = serve_rounds(root, rounds, monkeypatch, snapshot)
    return seen, output_files(root / INTERNAL, "")
