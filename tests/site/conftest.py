"""Builds of the example site at simulated clocks, shared across the site tests."""

from __future__ import annotations

import fcntl
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

TESTS = Path(__file__).resolve().parents[1]


def _root_conftest(config: pytest.Config) -> ModuleType:
    # tests/conftest.py owns how the example is copied and built; its fixtures are
    # function-scoped, so a shared build reaches its functions through the plugin manager.
    module = config.pluginmanager.get_plugin(str(TESTS / "conftest.py"))
    assert module is not None, "tests/conftest.py is not loaded"
    return module  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def session_build(pytestconfig: pytest.Config) -> Callable[..., Any]:
    """tests/conftest.py's ``build`` (a real ``mkdocs build``), for module-scoped fixtures."""
    return _root_conftest(pytestconfig).run_build  # type: ignore[no-any-return]


def _shared_dir(factory: pytest.TempPathFactory) -> Path:
    """A folder of this test session that every xdist worker sees (builds are done once)."""
    base = factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def built_at(
    pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory
) -> Callable[[str], Any]:
    """``built_at(moment)``: the example built strictly with PORTAVOZ_NOW=moment, once per
    moment for the whole session (workers wait for each other's build through a file lock)."""
    root_conftest = _root_conftest(pytestconfig)
    shared = _shared_dir(tmp_path_factory)

    def build(moment: str) -> Any:
        folder = shared / ("example-at-" + re.sub(r"[^0-9]", "", moment))
        with (shared / f"{folder.name}.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            done = folder / "build.json"
            if not done.is_file():
                root = root_conftest.copy_example(folder / "example")
                result = root_conftest.run_build(root, {"PORTAVOZ_NOW": moment})
                done.write_text(json.dumps([result.returncode, result.output]), encoding="utf-8")
        returncode, output = json.loads(done.read_text(encoding="utf-8"))
        root = folder / "example"
        assert returncode == 0, output
        return root_conftest.BuildResult(returncode, output, root / "site", root)

    return build
