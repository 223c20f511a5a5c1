"""The rule table: one entry per rule id, each carrying its own check, and no import cycle."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from portavoz.scheduler.lint import RULES, RuleId

LINT = Path(__file__).resolve().parents[2] / "scheduler" / "lint"


def test_every_rule_id_has_one_rule_in_reporting_order() -> None:
    assert list(RULES) == list(RuleId)
    assert all(rule.id is rid for rid, rule in RULES.items())


@pytest.mark.parametrize("module", sorted(p.stem for p in LINT.glob("*.py")))
def test_each_lint_module_imports_first(module: str) -> None:
    # The table imports the checks, the checks the context, the settings the table: any module
    # must still be importable on its own in a fresh interpreter.
    name = "portavoz.scheduler.lint" + ("" if module == "__init__" else f".{module}")
    done = subprocess.run([sys.executable, "-c", f"import {name}"], capture_output=True, text=True)

    assert done.returncode == 0, done.stderr
