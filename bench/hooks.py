"""A real ``mkdocs build`` that also times every plugin's event handlers.

``python -m bench.hooks build -q -f mkdocs.yml -d out`` runs MkDocs' own command line with
``PluginCollection.run_event`` wrapped, and prints ``BENCH-HOOKS {json}`` to stderr: the
CPU and wall seconds spent in each plugin's handlers and in the whole build. CPU time is
what the comparison uses: another job on the machine slows the wall clock, not the CPU count.

With ``BENCH_PROFILE=FILE`` in the environment, portavoz's own handlers (plugins named
``portavoz/…``) also run under one pyinstrument profiler, and its text excerpt is written to
FILE: the profile of portavoz's share of that build, without MkDocs' and Material's time.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.__main__ import cli
from mkdocs.plugins import PluginCollection

MARK = "BENCH-HOOKS "
PORTAVOZ = "portavoz/"
"""Prefix of portavoz's plugin names: their handlers are portavoz's share of a build."""
SPENT: defaultdict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
"""CPU and wall seconds per plugin, since the last :func:`reset`."""
EVENTS: defaultdict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
"""CPU seconds and calls per portavoz plugin and event, since the last :func:`reset`: a
serve rebuild's per-page handlers each cost too little a call to show in a profile's
excerpt, and together they are a good part of its share."""


class _State:
    """The profiler of portavoz's handlers, when one was asked for."""

    profiler: Any = None


def _call(origin: str, method: Callable[..., Any], item: Any, kwargs: dict[str, Any]) -> Any:
    profiling = _State.profiler is not None and origin.startswith(PORTAVOZ)
    if profiling:
        _State.profiler.start()
    try:
        return method(item, **kwargs) if item is not None else method(**kwargs)
    finally:
        if profiling:
            _State.profiler.stop()


def _timed_run_event(self: PluginCollection, name: str, item: Any = None, **kwargs: Any) -> Any:
    pass_item = item is not None
    for method in self.events[name]:
        origin = self._event_origins.get(method, "<unknown>")
        self._current_plugin = origin
        wall, cpu = time.perf_counter(), time.process_time()
        result = _call(origin, method, item if pass_item else None, kwargs)
        spent, used = SPENT[origin], time.process_time() - cpu
        spent[0] += used
        spent[1] += time.perf_counter() - wall
        if origin.startswith(PORTAVOZ):
            event = EVENTS[origin, name]
            event[0] += used
            event[1] += 1
        if result is not None:
            item = result
    self._current_plugin = None
    return item


def install(profile: bool = False) -> None:
    """Time every plugin event from now on (and profile portavoz's handlers if ``profile``)."""
    PluginCollection.run_event = _timed_run_event  # type: ignore[method-assign]
    if profile:
        profile_portavoz()


def profile_portavoz() -> None:
    """From now on, also profile portavoz's handlers (see :func:`write_profile`)."""
    from pyinstrument import Profiler

    _State.profiler = Profiler(interval=0.0005)


def reset() -> None:
    """Forget the handler times gathered so far (a new build starts)."""
    SPENT.clear()
    EVENTS.clear()


def plugin_times() -> dict[str, dict[str, float]]:
    """CPU and wall seconds per plugin since the last :func:`reset`."""
    return {k: {"cpu": v[0], "wall": v[1]} for k, v in SPENT.items()}


def event_times() -> dict[str, dict[str, list[float]]]:
    """Portavoz's CPU seconds and calls per plugin and event since the last :func:`reset`."""
    found: dict[str, dict[str, list[float]]] = {}
    for (origin, name), (cpu, calls) in EVENTS.items():
        found.setdefault(origin, {})[f"on_{name}"] = [cpu, calls]
    return found


def write_profile(path: Path, share: float = 0.03) -> None:
    """Write the excerpt of portavoz's handlers' profile to ``path`` (nothing if none ran)."""
    from bench.report import session_excerpt

    profiler = _State.profiler
    if profiler is None or profiler.last_session is None:
        path.write_text("(no portavoz handler ran)\n", encoding="utf-8")
        return
    path.write_text(session_excerpt(profiler, share) + "\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    """Run ``mkdocs ARGV…`` with timed plugin events."""
    profile = os.environ.get("BENCH_PROFILE")
    install(profile=bool(profile))
    wall, cpu = time.perf_counter(), time.process_time()
    run: Callable[..., object] = cli.main
    try:
        run(args=argv, prog_name="mkdocs", standalone_mode=False)
    finally:
        total = {"cpu": time.process_time() - cpu, "wall": time.perf_counter() - wall}
        print(MARK + json.dumps({"total": total, "plugins": plugin_times()}), file=sys.stderr)
        if profile:
            write_profile(Path(profile))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
