"""``portavoz count`` through the real command group, against cases/cli.yml."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner
from networks_cases import cases

from portavoz.scheduler.cli.main import main


@pytest.mark.parametrize("case", cases("cli"))
def test_count_command(case: dict[str, Any]) -> None:
    result = CliRunner().invoke(main, ["count", *case["args"]], input=case.get("stdin"))
    assert result.exit_code == case["exit"], result.output
    if "output" in case:
        assert result.output == case["output"]
    if "json" in case:
        assert json.loads(result.output) == case["json"]
    if "contains" in case:
        assert case["contains"] in result.output
