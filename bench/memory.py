"""Where a build's memory goes: ``python -m bench.memory [--frames N] [--top N] -- MKDOCS-ARGS…``.

Runs MkDocs' own command line in this process under :mod:`tracemalloc` and, for each event
named in ``--at`` (default ``post_build``: by then every page has been rendered), snapshots the
traced memory just before that event's handlers run. It prints the current and peak traced
sizes after every event, then the largest allocation sites of each snapshot grouped by
traceback (``--frames`` deep), so two builds of one site (``mkdocs.yml`` and
``mkdocs.material.yml``) can be compared. Run it from the site's folder with
``PORTAVOZ_NOW=2030-01-01`` as ``bench.run`` does. tracemalloc slows the build down several
times: this is for finding what holds memory, not for timing.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from mkdocs.__main__ import cli
from mkdocs.plugins import PluginCollection

MIB = 1024 * 1024
PACKAGE = tuple(
    str(Path(__file__).resolve().parents[1] / f) + os.sep for f in ("scheduler", "plugins")
)
"""Frames in these folders are portavoz's."""


def main(argv: Sequence[str]) -> int:
    """Build under tracemalloc and print the memory held at the chosen events."""
    args = _arguments(argv)
    snapshots: dict[str, tracemalloc.Snapshot] = {}
    _trace_events(frozenset(args.at.split(",")), snapshots)
    if not args.rss:
        tracemalloc.start(args.frames)
    run: Callable[..., object] = cli.main
    run(args=args.mkdocs, prog_name="mkdocs", standalone_mode=False)
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"end: traced {current / MIB:.1f} MiB, peak {peak / MIB:.1f} MiB, peak RSS {rss:.0f} MiB")
    for name, snapshot in snapshots.items():
        _print_top(name, snapshot, args.top)
    return 0


def _arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.memory", description=__doc__)
    parser.add_argument("--frames", type=int, default=8, help="traceback depth kept")
    parser.add_argument("--top", type=int, default=25, help="allocation sites shown")
    parser.add_argument("--at", default="post_build", help="comma-separated event names")
    parser.add_argument("--rss", action="store_true", help="no tracing: peak RSS per event")
    parser.add_argument("mkdocs", nargs=argparse.REMAINDER, help="mkdocs arguments after --")
    args = parser.parse_args(argv)
    args.mkdocs = [a for a in args.mkdocs if a != "--"] or ["build", "-q"]
    return args


def _trace_events(at: frozenset[str], snapshots: dict[str, tracemalloc.Snapshot]) -> None:
    """Wrap ``run_event``: a line of traced sizes per event, a snapshot before those in ``at``."""
    original = PluginCollection.run_event

    def run_event(self: PluginCollection, name: str, item: Any = None, **kwargs: Any) -> Any:
        if name in at:
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"before {name}: peak RSS {rss:.0f} MiB")
        if name in at and name not in snapshots and tracemalloc.is_tracing():
            snapshots[name] = tracemalloc.take_snapshot()
        result = original(self, name, item, **kwargs)
        if not name.startswith(("pre_page", "page_", "post_page")):  # one line per page: too many
            current, peak = tracemalloc.get_traced_memory()
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(
                f"after {name}: traced {current / MIB:.1f} MiB, peak {peak / MIB:.1f} MiB, "
                f"peak RSS {rss:.0f} MiB"
            )
        return result

    PluginCollection.run_event = run_event  # type: ignore[method-assign]


def _print_top(name: str, snapshot: tracemalloc.Snapshot, top: int) -> None:
    ignored = (tracemalloc.Filter(False, tracemalloc.__file__),)
    stats = snapshot.filter_traces(ignored).statistics("traceback")
    total = sum(s.size for s in stats)
    print(f"\n== before {name}: {total / MIB:.1f} MiB traced; by portavoz's newest frame:")
    for place, size in _by_portavoz_frame(stats)[:top]:
        print(f"{size / MIB:7.2f} MiB  {place}")
    print(f"\n== before {name}: largest sites:")
    for stat in stats[:top]:
        print(f"\n{stat.size / MIB:7.2f} MiB in {stat.count} blocks")
        for line in stat.traceback.format(limit=8, most_recent_first=True):
            print("   " + line)


def _by_portavoz_frame(stats: list[tracemalloc.Statistic]) -> list[tuple[str, int]]:
    """Sizes grouped by the newest frame in portavoz's code (what holds them, if portavoz)."""
    sizes: dict[str, int] = {}
    for stat in stats:
        frames = [f for f in reversed(stat.traceback) if f.filename.startswith(PACKAGE)]
        place = f"{frames[0].filename}:{frames[0].lineno}" if frames else "(no portavoz frame)"
        sizes[place] = sizes.get(place, 0) + stat.size
    return sorted(sizes.items(), key=lambda pair: -pair[1])


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
