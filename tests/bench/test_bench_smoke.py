"""The benchmark scripts run end to end on a tiny site, so they cannot rot (no timing asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SECTIONS = (
    "## Verdicts",
    "## 1. `mkdocs build`",
    "## 2. `portavoz check` and `portavoz review`",
    "## 3. Composing and counting every variant",
    "## 4. `portavoz listen`",
)


@pytest.mark.slow
def test_bench_run_quick_writes_every_table(tmp_path: Path) -> None:
    output = tmp_path / "RESULTS.md"
    command = [
        sys.executable, "-m", "bench.run", "--quick", "--posts", "5", "--feeds", "3",
        "--repeat", "1", "--delay", "0.05", "0.1",
        "--output", str(output), "--work", str(tmp_path / "work"),
    ]  # fmt: skip
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    text = output.read_text(encoding="utf-8")
    for heading in SECTIONS:
        assert heading in text
    # Behaviour, not speed: feeds that all answer 304 are not parsed again.
    assert "feedparser.parse calls in the second round: 0" in text
    assert "(1 post reviewed)" in text


def test_bench_generate_is_deterministic_and_valid(tmp_path: Path) -> None:
    from bench.generate import generate_site
    from portavoz.scheduler.content.repository import load_posts
    from portavoz.scheduler.project import load_project

    first = generate_site(tmp_path / "a", 4, seed=3).parent
    second = generate_site(tmp_path / "b", 4, seed=3).parent
    posts = sorted((first / "content/blog/posts").glob("*.md"))
    assert [p.read_bytes() for p in posts] == [
        p.read_bytes() for p in sorted((second / "content/blog/posts").glob("*.md"))
    ]
    loaded = load_posts(first, load_project(first / "mkdocs.yml").settings)
    assert len(loaded.posts) == 4
    assert not loaded.problems
