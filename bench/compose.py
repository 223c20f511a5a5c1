"""Every variant of every post, in a fresh process: ``python -m bench.compose ROOT``.

``python -m bench.compose ROOT [--rounds N] [--profile]`` loads the site's posts
(``load_posts``, timed apart), then composes every variant of every post ``N`` times, each
round with a new ``Composer`` and template environment as each build makes one. The first
round is the cold one — the first in the process, with every pattern still to compile — and
the one the target is about; later rounds show what is left once those one-off costs are paid.
Prints ``BENCH-COMPOSE {json}`` to stderr. With ``--profile`` the first round runs under
pyinstrument and its excerpt is in the JSON (its times are then the profiler's, not for
comparing: run once without it for the numbers).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench.measure import timed

MARK = "BENCH-COMPOSE "


def _composer(root: Path) -> tuple[Callable[[], int], Callable[[], object], dict[str, int]]:
    """The round (returns the number of variants), the parse step and the site's sizes."""
    from portavoz.scheduler.compose.settings import scheduler_settings
    from portavoz.scheduler.compose.templates import environment
    from portavoz.scheduler.compose.variant import Composer
    from portavoz.scheduler.content.repository import load_posts
    from portavoz.scheduler.content.urls import post_url
    from portavoz.scheduler.project import load_project

    project = load_project(root / "mkdocs.yml")
    settings = scheduler_settings(project.options("portavoz/scheduler"))
    loaded = load_posts(root, project.settings)

    def compose_all() -> int:
        composer = Composer(
            project.settings,
            settings,
            environment(root / settings.templates_dir),
            lambda post: post_url(post, project.settings),
        )
        return sum(len(composer.compose(post)[0]) for post in loaded.posts)

    networks = len({c.network for p in loaded.posts for c in p.channels})
    sizes = {"posts": len(loaded.posts), "networks": networks}
    return compose_all, lambda: load_posts(root, project.settings), sizes


def measure(root: Path, rounds: int, profile: bool) -> dict[str, Any]:
    """Parse once more (timed), then ``rounds`` compose rounds; the first may be profiled."""
    from bench.report import profile_excerpt

    compose_all, parse, found = _composer(root)
    result: dict[str, Any] = {**found, "parse": timed(parse), "rounds": []}
    variants = [0]

    def round_() -> None:
        variants[0] = compose_all()

    if profile:
        result["profile"] = profile_excerpt(round_)
    for _ in range(rounds):
        result["rounds"].append(timed(round_))
    result["variants"] = variants[0]
    return result


def main(argv: Sequence[str]) -> int:
    """Command line: ROOT [--rounds N] [--profile]."""
    parser = argparse.ArgumentParser(prog="python -m bench.compose", description=__doc__)
    parser.add_argument("root", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)
    result = measure(args.root.resolve(), max(1, args.rounds), args.profile)
    print(MARK + json.dumps(result), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
