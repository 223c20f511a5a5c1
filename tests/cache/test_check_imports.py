"""`portavoz check` plans and lints without loading the writers of the build's outputs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from cache_plans import AT

PROGRAM = """
import json, sys
from portavoz.scheduler.cli.main import main
code = main(["check", "--at", sys.argv[1]], standalone_mode=False)
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def test_check_plans_through_the_cache_without_the_output_writers(example_site: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM, AT],
        cwd=example_site,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )

    assert done.returncode == 0, done.stderr
    modules = set(json.loads(done.stdout.splitlines()[-1])["modules"])
    assert {"portavoz.scheduler.usecases.planning", "portavoz.scheduler.lint"} <= modules
    assert (example_site / ".portavoz" / "cache" / "variants.json").is_file()
    assert not {m for m in modules if m.startswith("portavoz.scheduler.outputs")}
    assert "icalendar" not in modules
