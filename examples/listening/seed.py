"""Seed (or check) the example's listening cache from the fixture feeds in ``feeds/``.

The example site builds with ``offline: true`` from ``cache/``, so ``mkdocs build --strict``
needs no network. This script writes that cache with portavoz's own cache code, as a fetch at
``SNAPSHOT`` would have (each copy, the state, and each copy's parse under ``entries/``), and
checks every copy parses. Run from the repository root:

    .venv/bin/python examples/listening/seed.py          # rewrite cache/
    .venv/bin/python examples/listening/seed.py --check  # exit 1 if cache/ is out of date
"""

from __future__ import annotations

import filecmp
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))  # the repository root, when run as a script

from portavoz.scheduler.listening import cache, pipeline  # noqa: E402
from portavoz.scheduler.listening.normalise import parse_feed  # noqa: E402
from portavoz.scheduler.listening.settings import Settings, load_settings  # noqa: E402

SNAPSHOT = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)
#: Fixture file and Content-Type served for each example source.
FEEDS = {
    "Pedaleando por Valencia": ("pedaleando.xml", "application/rss+xml; charset=utf-8"),
    "Bici y ciudad": ("biciyciudad.xml", "application/atom+xml; charset=utf-8"),
    "Ciclistas de Russafa": ("russafa.xml", "application/rss+xml; charset=utf-8"),
    "Nerea en bici": ("nerea.xml", "text/xml; charset=UTF-8"),
    "Alertas: Rueda Libre": ("alertas.xml", "application/atom+xml; charset=utf-8"),
    "Ciclo Express": ("cicloexpress.xml", "application/rss+xml; charset=utf-8"),
}


def example_settings() -> Settings:
    """The settings of the example's plugin block (``listening.yml``)."""
    block = yaml.safe_load((HERE / "listening.yml").read_text(encoding="utf-8"))
    return load_settings(block[0]["portavoz/listening"], where="examples/listening/listening.yml")


def seed(cache_dir: Path) -> None:
    """Write the cache of every example source into ``cache_dir``.

    Raises:
        ValueError: A source has no fixture, or a fixture does not parse.
    """
    states = {}
    for source in example_settings().sources:
        file_name, content_type = FEEDS[source.name]
        body = (HERE / "feeds" / file_name).read_bytes()
        parsed = parse_feed(body, source=source, content_type=content_type, fetched_at=SNAPSHOT)
        if parsed.broken or not parsed.entries:
            raise ValueError(f"{file_name}: {parsed.broken or 'no entries'}")
        state = cache.FeedState(
            url=source.url,
            fetch_url=source.url,
            body=cache.store_body(cache_dir, body),
            content_type=content_type,
            fetched_at=SNAPSHOT.isoformat(),
        )
        # A fetch keeps its parse beside the copy: offline builds and reviews read it.
        pipeline.keep_parse(cache_dir, source, state, parsed.entries)
        states[source.name] = state
    cache.save_states(cache_dir, states)


def differences(expected: Path, actual: Path) -> list[str]:
    """Files that differ between two cache folders (relative paths)."""
    found: list[str] = []
    compare = filecmp.dircmp(expected, actual)
    found += compare.left_only + compare.right_only + compare.diff_files
    for name, sub in compare.subdirs.items():
        found += [f"{name}/{f}" for f in sub.left_only + sub.right_only + sub.diff_files]
    return sorted(found)


def main(argv: list[str]) -> int:
    target = HERE / "cache"
    if "--check" not in argv:
        seed(target)
        return 0
    with tempfile.TemporaryDirectory() as scratch:
        seed(Path(scratch))
        stale = differences(target, Path(scratch)) if target.is_dir() else ["cache/"]
    for name in stale:
        print(f"examples/listening/cache: {name} is out of date; run seed.py", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
