"""Variants of the example site's ``mkdocs.yml`` for the benchmarks.

The file is edited as text, not through YAML: it carries a ``!!python/object/apply`` tag for
Material's slug function that a round trip through PyYAML would lose.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

PORTAVOZ_PLUGINS = (
    "portavoz/site",
    "portavoz/scheduler",
    "portavoz/listening",
    "portavoz/publish",
)
"""Every plugin portavoz registers (pyproject's mkdocs.plugins entry points): none is in the
Material-alone config."""
GENERATED_PAGES = ("audiencias/index.md", "comunidad/index.md")


def material_alone(text: str) -> str:
    """The same site with Material's blog alone: no portavoz plugins, no generated nav pages."""
    return "\n".join(_drop_nav(_drop_plugins(text.splitlines(), PORTAVOZ_PLUGINS))) + "\n"


def _drop_plugins(lines: Sequence[str], names: Sequence[str]) -> list[str]:
    """Remove ``  - <name>:`` entries (and their indented options) from the plugins list."""
    out: list[str] = []
    skipping = False
    for line in lines:
        if line.startswith("  - ") or (line and not line.startswith(" ")):
            entry = line[4:].split(":", 1)[0].strip()
            skipping = line.startswith("  - ") and entry in names
        if not skipping:
            out.append(line)
    return out


def _drop_nav(lines: Sequence[str]) -> list[str]:
    return [line for line in lines if not any(page in line for page in GENERATED_PAGES)]


def listening_block(urls: Sequence[str], concurrency: int | None = None) -> str:
    """A ``portavoz/listening`` plugin entry fetching ``urls`` (online, cache in the site)."""
    fetch = f"\n      concurrency: {concurrency}" if concurrency else ""
    # The synthetic feeds are served on 127.0.0.1, which listening refuses unless listed.
    hosts = sorted({url.split("/")[2] for url in urls})
    if hosts:
        fetch += f"\n      allow_private: [{', '.join(repr(h) for h in hosts)}]"
    sources = "".join(
        f"\n        - name: Fuente {i:02d}\n          url: {url}\n          kind: community"
        for i, url in enumerate(urls)
    )
    return (
        "  - portavoz/listening:\n"
        "      offline: false\n"
        "      cache_dir: .portavoz/cache/listening\n"
        "      internal_dir: .portavoz/listening\n"
        f"      window_days: 36500{fetch}\n"
        "      rules:\n"
        "        - label: marca\n"
        "          keywords: [Rueda Libre, ruedalibre]\n"
        f"      sources:{sources}\n"
    )


def with_listening(text: str, block: str) -> str:
    """Replace the site's ``portavoz/listening`` entry with ``block``."""
    lines = _drop_plugins(text.splitlines(), ("portavoz/listening",))
    at = next(i for i, line in enumerate(lines) if line.startswith("nav:"))
    return "\n".join([*lines[:at], *block.rstrip("\n").splitlines(), *lines[at:]]) + "\n"


def write_variant(config: Path, name: str, text: str) -> Path:
    """Write a config variant beside ``config`` (same folder, so relative paths still hold)."""
    target = config.with_name(name)
    target.write_text(text, encoding="utf-8")
    return target
