"""Loading the case tables of the network tests (YAML files beside the tests)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from case_tables import table

CASES = Path(__file__).resolve().parent / "cases"
# The networks' own conformance data, copied into the repository with its license and source.
CONFORMANCE = Path(__file__).resolve().parents[1] / "data"


def cases(name: str) -> list[Any]:
    """The cases of ``cases/NAME.yml`` as pytest params, each with its description as id."""
    return table(CASES / f"{name}.yml")


def case_text(case: dict[str, Any], key: str = "text") -> str:
    """A case's text, repeated ``repeat`` times when the case says so."""
    return str(case[key]) * int(case.get("repeat", 1))
