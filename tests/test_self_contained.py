"""The suite runs on a clone of this repository alone: no test reads beside the repository.

The workplace keeps reference material in a sibling folder of the repository; CI has it too, so a
test that reads it would pass there and fail on anyone else's clone. This scans the test sources
for ways of reaching out of the repository.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
# `REPO.parent`, `parents[2].parent`, a "../" path to the sibling folder, a `/ "<sibling>"` join:
# each climbs out of the repository.
OUTSIDE = re.compile(
    r"""\.\./shared|["']shared["']\s*/|/\s*["']shared["']|parents\[\d\]\.parent|REPO\.parent"""
)


def sources() -> list[Path]:
    return sorted(p for p in TESTS.rglob("*.py") if p.resolve() != Path(__file__).resolve())


@pytest.mark.parametrize("path", sources(), ids=lambda p: str(p.relative_to(TESTS)))
def test_source_stays_in_the_repository(path: Path) -> None:
    found = [
        f"{n}: {line.strip()}"
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if OUTSIDE.search(line)
    ]
    assert found == []


def test_the_scan_finds_an_escape() -> None:
    sibling = "shar" + "ed"  # spelt in two pieces so the scan of this file's own text stays clean
    assert OUTSIDE.search(f'CONFORMANCE = ROOT.parents[2].parent / "{sibling}" / "conformance"')
    assert OUTSIDE.search(f"open('../{sibling}/conformance/v3.json')")
    assert not OUTSIDE.search('DATA = Path(__file__).resolve().parents[1] / "data"')


def test_conformance_data_carries_its_license() -> None:
    data = TESTS / "data" / "twitter-text"
    assert {"LICENSE", "README.md", "validate.yml", "v3.json"} <= {p.name for p in data.iterdir()}
    assert "Apache License" in (data / "LICENSE").read_text("utf-8")
