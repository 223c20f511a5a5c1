"""``mkdocs serve`` driven in this process, for tests of what its rebuilds serve.

MkDocs' own serve command runs (config loaded once, ``on_startup(command='serve')``, the first
build, then the server's own builder for each rebuild, as after a save); only the waiting is
replaced, as in ``bench/serve.py``. :func:`forget` drops what portavoz keeps between builds of
one process, so a first build after it is the reference path.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.__main__ import cli
from mkdocs.livereload import LiveReloadServer

from portavoz.plugins import site as site_plugin
from portavoz.scheduler.base.kept import LastBuild
from portavoz.scheduler.content import repository
from portavoz.scheduler.outputs import feedset
from portavoz.scheduler.site import hub, partials
from portavoz.scheduler.usecases import previewing, records

Change = Callable[[Path], None]
"""One round's edit of the project before serve rebuilds it."""


def forget(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing kept from an earlier build in this process: the reference path."""
    monkeypatch.setattr(repository, "_KEPT", repository._KeptReads())
    monkeypatch.setattr(previewing, "_PANELS", LastBuild())
    monkeypatch.setattr(feedset, "_RENDERED", LastBuild())
    monkeypatch.setattr(feedset, "_ENTRIES", LastBuild())
    monkeypatch.setattr(records, "_LAST", {})
    monkeypatch.setattr(records, "_WRITES", {})
    monkeypatch.setattr(partials, "_PAGES", partials.ByPage())
    monkeypatch.setattr(site_plugin, "_POST_PAGES", partials.ByPage())
    monkeypatch.setattr(hub, "_ROWS", LastBuild())


def serve_rounds(
    root: Path,
    rounds: list[Change],
    monkeypatch: pytest.MonkeyPatch,
    snapshot: Callable[[Path], dict[str, bytes]],
) -> list[dict[str, bytes]]:
    """``snapshot`` of the served folder after serve's first build of ``root`` and after each
    round's change and rebuild."""
    seen: list[dict[str, bytes]] = []

    def serve(self: LiveReloadServer, *, open_in_browser: bool = False) -> None:
        for change in [None, *rounds]:
            if change is not None:
                change(root)
                self.builder()
            seen.append(snapshot(Path(self.root)))

    monkeypatch.setattr(LiveReloadServer, "serve", serve)
    args = ["serve", "-q", "-f", str(root / "mkdocs.yml")]
    cli.main(args=args, prog_name="mkdocs", standalone_mode=False)
    return seen


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
) -> list[dict[str, bytes]]:
    """:func:`serve_rounds` seeing the files served (``site/…``) and the internal outputs in
    ``root/.portavoz`` after the first build and after each round."""

    def snapshot(served: Path) -> dict[str, bytes]:
        return {**output_files(served, "site/"), **output_files(root / ".portavoz", "")}

    return serve_rounds(root, rounds, monkeypatch, snapshot)
