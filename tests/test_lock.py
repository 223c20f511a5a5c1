"""The hashed locks are complete, consistent, and what is installed.

``make site`` installs ``requirements/site.txt`` and ``make test`` ``requirements/test.txt``,
both with ``--require-hashes``; ``pyproject.toml`` keeps ranges for people who install portavoz
as a library. These tests read the files as pip does (``packaging``) and compare them with each
other, with ``pyproject.toml`` and with the environment running the suite.
"""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[1]
LOCKS = REPO / "requirements"
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s\\;]+)")
TEST_TOOLS = {"pytest", "ruff", "mypy", "hypothesis", "playwright", "pip-tools"}


def pins(name: str) -> dict[str, str]:
    """``{package: version}`` of a lock, checking that every pin carries at least one hash."""
    text = (LOCKS / name).read_text("utf-8")
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 6)[-1])
    found: dict[str, str] = {}
    for block in blocks:
        match = PIN.match(block)
        if match:
            assert "--hash=sha256:" in block, f"{name}: {match[1]} has no hash"
            found[canonicalize_name(match[1])] = match[2]
    return found


def project() -> dict[str, list[Requirement]]:
    meta = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    groups = {"": meta["dependencies"], **meta["optional-dependencies"]}
    return {group: [Requirement(r) for r in reqs] for group, reqs in groups.items()}


def test_site_lock_pins_every_runtime_dependency_within_its_range() -> None:
    site = pins("site.txt")
    for req in project()[""]:
        name = canonicalize_name(req.name)
        assert name in site, f"site.txt lacks {name}"
        assert req.specifier.contains(site[name], prereleases=True), f"{name}=={site[name]}"


def test_site_lock_has_no_test_tools() -> None:
    assert TEST_TOOLS.isdisjoint(pins("site.txt"))


def test_test_lock_pins_every_extra_and_agrees_with_the_site_lock() -> None:
    site, test = pins("site.txt"), pins("test.txt")
    for group, reqs in project().items():
        for req in reqs:
            name = canonicalize_name(req.name)
            assert name in test, f"test.txt lacks {name} ({group or 'runtime'})"
            assert req.specifier.contains(test[name], prereleases=True)
    assert {n: v for n, v in test.items() if n in site} == site


@pytest.mark.parametrize("name", sorted(pins("test.txt")))
def test_installed_version_is_the_locked_one(name: str) -> None:
    # pip, setuptools and wheel are the venv's own tools: locked for `make lock`, not enforced.
    if name in {"pip", "setuptools", "wheel"}:
        return
    assert metadata.version(name) == pins("test.txt")[name]


def test_a_missing_hash_is_caught(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "bad.txt").write_text("#\n#\n#\n#\n#\n#\nfoo==1.0\n    # via bar\n", "utf-8")
    monkeypatch.setattr(__import__(__name__), "LOCKS", tmp_path)
    with pytest.raises(AssertionError, match="foo has no hash"):
        pins("bad.txt")
