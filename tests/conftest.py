"""Shared fixtures: the example site copied into tmp_path, and real `mkdocs build` runs."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLE_PARTS = ("mkdocs.yml", "content", "theme", "examples")


@dataclass(frozen=True)
class BuildResult:
    """A finished `mkdocs build`: exit code, combined output and the folders it wrote."""

    returncode: int
    output: str
    site_dir: Path
    root: Path

    @property
    def internal_dir(self) -> Path:
        return self.root / ".portavoz"

    def texts(self) -> dict[Path, str]:
        """Every file under the site directory, decoded leniently (binary files included)."""
        return {
            p: p.read_bytes().decode("utf-8", errors="replace")
            for p in self.site_dir.rglob("*")
            if p.is_file()
        }


def copy_example(target: Path) -> Path:
    """Copy the example site (config, content, theme, listening fixtures) into ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    for part in EXAMPLE_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns(".portavoz"))
        elif source.is_file():
            shutil.copy2(source, target / part)
    return target


def run_build(
    root: Path, env: Mapping[str, str] | None = None, *, strict: bool = True, serve: bool = False
) -> BuildResult:
    """Run `mkdocs build` as a user would, in a subprocess, with extra environment."""
    site_dir = root / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml")]
    command += ["-d", str(site_dir)] + (["--strict"] if strict else [])
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    for name in ("PORTAVOZ_NOW", "PORTAVOZ_PAUSE", "PORTAVOZ_PAUSE_SINCE"):
        if env is None or name not in env:
            full_env.pop(name, None)
    done = subprocess.run(
        command, cwd=root, env=full_env, capture_output=True, text=True, timeout=300, check=False
    )
    return BuildResult(done.returncode, done.stdout + done.stderr, site_dir, root)


@pytest.fixture(autouse=True)
def fresh_mkdocs_plugins() -> None:
    """No plugin instance of an earlier test. MkDocs keeps one instance of each plugin with
    ``on_startup`` per process (``mkdocs serve`` reuses them across rebuilds), so a test that
    ran serve's first build in-process would hand its instances, state and all, to every
    later build in the worker: Material's blog then kept serving drafts, and portavoz's
    listening plugin a feed it had fetched once."""
    from mkdocs.config.defaults import MkDocsConfig  # only tests that build need MkDocs

    MkDocsConfig.plugins.plugin_cache.clear()


@pytest.fixture(autouse=True)
def mkdocs_logger_restored() -> Iterator[None]:
    """The ``mkdocs`` logger as it was before each test.

    MkDocs' command line run in the process (``cli`` with ``-q``, as the serve tests run it)
    sets that logger to ERROR and adds a handler for good: a later strict build in the same
    worker would then see no warning and pass where it must fail.
    """
    logger = logging.getLogger("mkdocs")
    saved = (logger.level, logger.propagate, list(logger.handlers), list(logger.filters))
    yield
    logger.setLevel(saved[0])
    logger.propagate = saved[1]
    logger.handlers[:] = saved[2]
    logger.filters[:] = saved[3]


@pytest.fixture(autouse=True)
def environment_restored() -> Iterator[None]:
    """The process environment as it was before each test.

    The serve tests change the clock and the pause between rebuilds through ``os.environ``
    (serve reads them there); a name left set would change what every later test in the
    worker sees (a pause left set held the example's scheduled post in `portavoz check`).
    """
    saved = dict(os.environ)
    yield
    for name in set(os.environ) - set(saved):
        del os.environ[name]
    os.environ.update(saved)


@pytest.fixture
def example_site(tmp_path: Path) -> Path:
    """A fresh copy of the example site."""
    return copy_example(tmp_path / "example")


@pytest.fixture
def build() -> Callable[..., BuildResult]:
    """`build(root, env=None, strict=True)` runs a real `mkdocs build`."""
    return run_build
