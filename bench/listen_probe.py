"""``portavoz listen`` counting ``feedparser.parse`` calls: ``python -m bench.listen_probe ARGS``.

The count is printed to stderr as ``BENCH-PARSES <n>`` when the command ends, so a benchmark
can run the real command in a fresh process and still see how much it parsed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import feedparser

from portavoz.scheduler.cli.main import main as portavoz

PARSES = [0]


def _counting(parse: Callable[..., object]) -> Callable[..., object]:
    def wrapper(*args: object, **kwargs: object) -> object:
        PARSES[0] += 1
        return parse(*args, **kwargs)

    return wrapper


def main() -> int:
    """Run ``portavoz listen ARGS…`` and report the parses."""
    feedparser.parse = _counting(feedparser.parse)
    try:
        portavoz(["listen", *sys.argv[1:]], standalone_mode=False)
    finally:
        print(f"BENCH-PARSES {PARSES[0]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
