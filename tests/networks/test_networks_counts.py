"""Every network's count against the case tables in cases/counts-*.yml."""

from __future__ import annotations

from typing import Any

import pytest
from case_tables import load_yaml
from networks_cases import CASES, case_text

from portavoz.scheduler.networks import get_network

PARAMS = [
    pytest.param(path.stem.removeprefix("counts-"), case, id=f"{path.stem}: {case['description']}")
    for path in sorted(CASES.glob("counts-*.yml"))
    for case in load_yaml(path)
]


@pytest.mark.parametrize(("network", "case"), PARAMS)
def test_count(network: str, case: dict[str, Any]) -> None:
    count = get_network(network, **case.get("options", {})).count(
        case_text(case), content_warning=case.get("content_warning", "")
    )
    assert count.network == network
    assert count.length == case["length"]
    assert count.fits is case["fits"]
    assert len(count.problems) == len(case.get("problems", []))
    for problem, expected in zip(count.problems, case.get("problems", []), strict=True):
        assert expected in problem
