"""Every golden case states the one thing it checks, and only one switch regenerates goldens.

A case is an input beside its expected output; its statement is where tests/goldens.py says
(``# Expect: …``, ``<!-- Expect: … -->`` or an ``"expect"`` field). Case tables (YAML lists)
state it per case, in ``description``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from goldens import expect_statement

TESTS = Path(__file__).resolve().parent


def _itself(case: Path) -> Path:
    return case


def _content_partner(case: Path) -> Path:
    suffix = ".expected.json" if case.name.startswith("valid-") else ".error.txt"
    return case.with_name(case.stem + suffix)


def _lint_partner(case: Path) -> Path:
    return case.with_name(case.stem + ".expected.txt")


CASES: list[tuple[str, str, Callable[[Path], Path]]] = [
    ("content/cases", "*.md", _content_partner),
    ("lint/cases", "*.md", _lint_partner),
    ("lint/config", "*.yml", _itself),
    ("listening/cases", "*/*.input.*", _itself),
    ("outputs/cases", "*/*.yml", _itself),
    ("review/scenarios", "*.yml", _itself),
    ("hardening/corpus/posts", "*.expected.txt", _itself),
    ("hardening/corpus/config", "*.expected.txt", _itself),
    ("hardening/corpus/privacy", "*.expected.txt", _itself),
]
"""Folder of cases, the glob of one case, and the file holding its statement."""

TABLES = ["compose/cases/*.yml", "networks/cases/*.yml"]
"""Case tables: one YAML list of cases, each with a ``description``."""


def _statement_files() -> Iterator[Path]:
    for folder, pattern, holder in CASES:
        found = [p for p in sorted((TESTS / folder).glob(pattern)) if ".expected." not in p.name]
        found = found or sorted((TESTS / folder).glob(pattern))  # the expectation is the case
        assert found, f"no cases in {folder}/{pattern}"
        yield from (holder(case) for case in found)


@pytest.mark.parametrize(
    "holder", list(_statement_files()), ids=lambda p: p.relative_to(TESTS).as_posix()
)
def test_case_states_what_it_checks(holder: Path) -> None:
    statement = expect_statement(holder)
    assert statement, f"{holder.relative_to(TESTS)}: no Expect statement"
    assert "\n" not in statement and len(statement) >= 15, statement


@pytest.mark.parametrize("pattern", TABLES)
def test_every_table_case_has_a_description(pattern: str) -> None:
    tables = sorted(TESTS.glob(pattern))
    assert tables, pattern
    for table in tables:
        cases = yaml.safe_load(table.read_text(encoding="utf-8"))
        missing = [i for i, case in enumerate(cases) if not str(case.get("description", ""))]
        assert missing == [], f"{table.name}: cases {missing} have no description"


def test_one_switch_regenerates_goldens() -> None:
    # Any other variable that rewrites expected files would be a second switch.
    switch = re.compile(r"environ(?:\.get)?\(\s*['\"](PORTAVOZ_\w*(?:REGEN|UPDATE)\w*)")
    found = {
        (path.relative_to(TESTS).as_posix(), name)
        for path in TESTS.rglob("*.py")
        for name in switch.findall(path.read_text(encoding="utf-8"))
    }
    assert found == {("goldens.py", "PORTAVOZ_UPDATE_GOLDENS")}
