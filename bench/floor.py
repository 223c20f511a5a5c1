"""The least a cold build must do for portavoz's own work: ``python -m bench.floor ROOT OUTPUTS``.

A fresh process measures, in CPU seconds, three steps no cold build of portavoz can skip, each
done here the cheapest way this repository knows:

1. **read**: every post read, parsed and validated (``load_posts``, the first call in the
   process, as a build's first read is; with loading the project's settings, but not
   importing portavoz's modules, imported first, untimed);
2. **compose**: every variant of every post composed once (the first round, as
   :mod:`bench.compose` composes it);
3. **write**: the bytes of every internal output file a build left in ``OUTPUTS`` (its
   ``cache/`` folder excluded) written again, each with one plain ``open``/``write`` into an
   empty temporary folder: no comparison, no atomic rename, no manifest. The bytes are read
   into memory first, untimed; the least of :data:`WRITES` rounds counts. Most of it is the
   kernel's (system CPU, reported apart), which on a shared machine varies several-fold from
   one round to the next with what else the disk is doing.

The sum is a floor, not an estimate: a build also lints (brand voice), makes the feeds and the
hub pages and their partials, which are left out. Prints ``BENCH-FLOOR {json}`` to stderr.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.compose import _composer

MARK = "BENCH-FLOOR "
WRITES = 3

_MODULES = (
    "portavoz.scheduler.compose.settings",
    "portavoz.scheduler.compose.templates",
    "portavoz.scheduler.compose.variant",
    "portavoz.scheduler.content.repository",
    "portavoz.scheduler.content.urls",
    "portavoz.scheduler.project",
)
"""What :func:`bench.compose._composer` imports."""


def _outputs(folder: Path) -> dict[str, bytes]:
    """Each regular output file's bytes by its path under ``folder``, ``cache/`` excluded."""
    found: dict[str, bytes] = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if relative.parts[0] == "cache" or path.is_symlink() or not path.is_file():
            continue
        found[relative.as_posix()] = path.read_bytes()
    return found


def _write_all(files: dict[str, bytes], target: str) -> None:
    """Every file written once, its folders made as needed (each folder once).

    Plain strings and ``os`` calls, not ``Path``: a floor is the cheapest way to write.
    """
    made: set[str] = set()
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    for name, data in files.items():
        parent = name.rpartition("/")[0]
        if parent and parent not in made:
            os.makedirs(f"{target}/{parent}", exist_ok=True)  # noqa: PTH103 (see above)
            made.add(parent)
        handle = os.open(f"{target}/{name}", flags, 0o644)
        try:
            os.write(handle, data)
        finally:
            os.close(handle)


def measure(root: Path, outputs: Path) -> dict[str, Any]:
    """The three steps' CPU seconds, and the sizes they worked on."""
    for module in _MODULES:  # imported untimed: a floor of the work, not of start-up
        importlib.import_module(module)
    cpu = time.process_time()
    compose_all, _, sizes = _composer(root)
    read = time.process_time() - cpu
    cpu = time.process_time()
    variants = compose_all()
    compose = time.process_time() - cpu
    files = _outputs(outputs)
    writes = []  # (user, system) CPU seconds of each round
    for _ in range(WRITES):
        with tempfile.TemporaryDirectory(prefix="bench-floor-") as scratch:
            before = os.times()
            _write_all(files, scratch)
            after = os.times()
            writes.append((after.user - before.user, after.system - before.system))
    user, system = min(writes, key=sum)
    write = user + system
    return {
        **sizes,
        "variants": variants,
        "files": len(files),
        "bytes": sum(len(b) for b in files.values()),
        "read": read,
        "compose": compose,
        "write": write,
        "write_user": user,
        "write_system": system,
        "writes": [sum(w) for w in writes],
        "total": read + compose + write,
    }


def main(argv: Sequence[str]) -> int:
    """Command line: ROOT OUTPUTS."""
    parser = argparse.ArgumentParser(prog="python -m bench.floor", description=__doc__)
    parser.add_argument("root", type=Path, help="the site (its mkdocs.yml and posts)")
    parser.add_argument("outputs", type=Path, help="the internal outputs a build left")
    args = parser.parse_args(argv)
    if not any(args.outputs.glob("*")):
        parser.error(f"{args.outputs}: no outputs to write again (build the site first)")
    print(MARK + json.dumps(measure(args.root.resolve(), args.outputs)), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
