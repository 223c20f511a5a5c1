"""A real ``mkdocs build`` that also times every plugin's event handlers.

``python -m bench.hooks build -q -f mkdocs.yml -d out`` runs MkDocs' own command line with
``PluginCollection.run_event`` wrapped, and prints ``BENCH-HOOKS {json}`` to stderr: the
CPU and wall seconds spent in each plugin's handlers and in the whole build. CPU time is
what the comparison uses: another job on the machine slows the wall clock, not the CPU count.
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from mkdocs.__main__ import cli
from mkdocs.plugins import PluginCollection

MARK = "BENCH-HOOKS "
SPENT: defaultdict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])


def _timed_run_event(self: PluginCollection, name: str, item: Any = None, **kwargs: Any) -> Any:
    pass_item = item is not None
    for method in self.events[name]:
        origin = self._event_origins.get(method, "<unknown>")
        self._current_plugin = origin
        wall, cpu = time.perf_counter(), time.process_time()
        result = method(item, **kwargs) if pass_item else method(**kwargs)
        spent = SPENT[origin]
        spent[0] += time.process_time() - cpu
        spent[1] += time.perf_counter() - wall
        if result is not None:
            item = result
    self._current_plugin = None
    return item


def main(argv: list[str]) -> int:
    """Run ``mkdocs ARGV…`` with timed plugin events."""
    PluginCollection.run_event = _timed_run_event  # type: ignore[method-assign]
    wall, cpu = time.perf_counter(), time.process_time()
    run: Callable[..., object] = cli.main
    try:
        run(args=argv, prog_name="mkdocs", standalone_mode=False)
    finally:
        total = {"cpu": time.process_time() - cpu, "wall": time.perf_counter() - wall}
        plugins = {k: {"cpu": v[0], "wall": v[1]} for k, v in SPENT.items()}
        print(MARK + json.dumps({"total": total, "plugins": plugins}), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
