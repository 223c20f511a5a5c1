"""A real git repository made from the example site, and `portavoz review` run on it.

Each test gets the example copied into tmp_path by the shared ``example_site`` fixture, made
a repository (``git init``, one commit tagged ``base`` on branch ``main``, with fixed author,
committer and dates, so the commit hashes are the same in every run) that it can then change,
commit, move or tag.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from review_repo import AT, GIT_ENV, Run, commit_all, git

from portavoz.scheduler.cli.main import main


@pytest.fixture
def review_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The environment `portavoz review` sees: fixed git settings and no simulated clock."""
    for name, value in GIT_ENV.items():
        monkeypatch.setenv(name, value)
    # A tmp_path that happens to sit inside a checkout must not be found as "the" repository.
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    for name in ("PORTAVOZ_NOW", "PORTAVOZ_PAUSE", "PORTAVOZ_PAUSE_SINCE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def repo(example_site: Path, review_env: None) -> Path:
    """The example site as a git repository with one commit, tagged ``base``."""
    git(example_site, "init", "--quiet")
    commit_all(example_site, "Example site")
    git(example_site, "tag", "base")
    return example_site


@pytest.fixture
def run_review(review_env: None) -> Callable[..., Run]:
    """``run_review(project, *args)`` runs `portavoz review --project … --at AT *args`."""

    def run(project: Path, *args: str, at: str | None = AT) -> Run:
        extra = ["--at", at] if at else []
        result = CliRunner().invoke(
            main, ["review", "--project", str(project), *extra, *args], catch_exceptions=True
        )
        exception = None if isinstance(result.exception, SystemExit) else result.exception
        return Run(result.exit_code, result.stdout, result.stderr, exception)

    return run
