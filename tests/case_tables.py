"""Case tables shared by the test folders: YAML files of cases, each with a ``description``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml


def load_yaml(path: Path) -> Any:
    """Parse one YAML file, failing clearly when it is missing."""
    if not path.is_file():
        raise FileNotFoundError(f"test data not found: {path}")
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def table(path: Path) -> list[Any]:
    """The cases of one YAML table as pytest params, each with its description as id."""
    return [pytest.param(case, id=case["description"]) for case in load_yaml(path)]
