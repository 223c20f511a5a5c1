"""``mkdocs serve`` with one post saved, rebuilt and timed: ``python -m bench.serve``.

``python -m bench.serve --post FILE --rebuilds N [--profile OUT] -- -f mkdocs.yml`` runs
MkDocs' own ``mkdocs serve`` command line in this process, so everything serve does happens
as it does for a writer: the config is loaded once and ``on_startup(command='serve')`` runs
on its plugins; the first build; ``on_serve``; then, for each rebuild, ``builder()`` — which
loads the config again (plugins with ``on_startup`` are kept from the first load, the others
made anew), sets the serve URL and runs a full (not ``--dirty``, serve's default) build. Only
the waiting is left out: ``LiveReloadServer.serve`` is replaced by a loop that saves FILE
(a new sentence appended, different each time), calls the server's own ``builder`` as the
watcher's loop does after a change, and times it. Nothing is bound to a port, no watcher
thread runs, so ``time.process_time`` is the rebuild's alone. FILE's bytes are put back at
the end.

Prints ``BENCH-SERVE {json}`` to stderr: the first build (process start to serving) and each
rebuild's CPU and wall seconds, every plugin's handler time (see :mod:`bench.hooks`) and the
time spent validating portavoz's plugins' options when the config is loaded again. With
``--profile OUT``, one more rebuild runs with portavoz's handlers under pyinstrument and the
excerpt goes to OUT (that rebuild is not among the timed ones).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mkdocs.__main__ import cli
from mkdocs.config.config_options import Plugins
from mkdocs.livereload import LiveReloadServer

from bench import hooks

MARK = "BENCH-SERVE "
CONFIG_SPENT = [0.0]
"""CPU seconds in loading (and validating the options of) portavoz's plugins."""


def _timed_load_plugin(original: Any) -> Any:
    def load_plugin(self: Plugins, name: str, config: Any) -> Any:
        cpu = time.process_time()
        try:
            return original(self, name, config)
        finally:
            if name.startswith(hooks.PORTAVOZ):
                CONFIG_SPENT[0] += time.process_time() - cpu

    return load_plugin


def _rebuild(server: LiveReloadServer) -> dict[str, Any]:
    hooks.reset()
    CONFIG_SPENT[0] = 0.0
    wall, cpu = time.perf_counter(), time.process_time()
    server.builder()
    return {
        "cpu": time.process_time() - cpu,
        "wall": time.perf_counter() - wall,
        "plugins": hooks.plugin_times(),
        "events": hooks.event_times(),
        "config": CONFIG_SPENT[0],
    }


def _rounds(post: Path, rebuilds: int, profile: Path | None, report: dict[str, Any]) -> Any:
    """The replacement of ``LiveReloadServer.serve``: save, rebuild, time; then return."""
    original = post.read_bytes()

    def serve(self: LiveReloadServer, *, open_in_browser: bool = False) -> None:
        report["initial"] = {
            "cpu": time.process_time(),
            "wall": time.perf_counter() - report.pop("started"),
            "plugins": hooks.plugin_times(),
        }
        try:
            for i in range(rebuilds + (profile is not None)):
                post.write_bytes(original + f"\nGuardado número {i}.\n".encode())
                if i == rebuilds and profile is not None:
                    hooks.profile_portavoz()
                    _rebuild(self)
                    hooks.write_profile(profile)
                else:
                    report["rebuilds"].append(_rebuild(self))
        finally:
            post.write_bytes(original)

    return serve


def main(argv: Sequence[str]) -> int:
    """Run ``mkdocs serve ARGS…`` with timed rebuilds after saving one post."""
    parser = argparse.ArgumentParser(prog="python -m bench.serve", description=__doc__)
    parser.add_argument("--post", type=Path, required=True, help="the post saved each time")
    parser.add_argument("--rebuilds", type=int, default=3)
    parser.add_argument("--profile", type=Path, help="file for portavoz's handlers' profile")
    parser.add_argument("mkdocs", nargs="*", help="after --: mkdocs serve's own arguments")
    args = parser.parse_args(argv)
    report: dict[str, Any] = {"started": time.perf_counter(), "rebuilds": []}
    hooks.install()
    Plugins.load_plugin = _timed_load_plugin(Plugins.load_plugin)  # type: ignore[method-assign]
    serve = _rounds(args.post.resolve(), max(1, args.rebuilds), args.profile, report)
    LiveReloadServer.serve = serve  # type: ignore[method-assign]
    try:
        cli.main(args=["serve", *args.mkdocs], prog_name="mkdocs", standalone_mode=False)
    finally:
        print(MARK + json.dumps(report), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
