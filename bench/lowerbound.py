"""The lower bound of ``portavoz check``: read every post and parse its front matter, nothing else.

``python -m bench.lowerbound FOLDER [--c]``: ``yaml.safe_load`` (pure Python, the bound the
targets are stated against) or, with ``--c``, libyaml's ``CSafeLoader`` (a tighter bound).
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from frontmatter.default_handlers import YAMLHandler


def read_all(folder: Path, *, c_loader: bool = False) -> int:
    """Read and parse the front matter of every ``*.md`` under ``folder``; return how many."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader) if c_loader else yaml.SafeLoader
    handler = YAMLHandler()
    count = 0
    for path in sorted(folder.rglob("*.md")):
        text = path.read_bytes().decode("utf-8-sig")
        if handler.detect(text):
            front, _ = handler.split(text)
            yaml.load(front, Loader=loader)  # a safe loader either way
        count += 1
    return count


def main(argv: list[str]) -> int:
    """Command line: FOLDER [--c]."""
    folder = Path(next(a for a in argv if not a.startswith("--")))
    print(f"read {read_all(folder, c_loader='--c' in argv)} posts")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
