"""Git helpers for the review tests: fixed identity, dates and settings for every command."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

AT = "2026-11-23T10:00:00+01:00"
"""The fixed clock every review in these tests runs at."""

GIT_ENV: Mapping[str, str] = {
    "GIT_AUTHOR_NAME": "Rueda Libre Tests",
    "GIT_AUTHOR_EMAIL": "tests@ruedalibre-demo.es",
    "GIT_COMMITTER_NAME": "Rueda Libre Tests",
    "GIT_COMMITTER_EMAIL": "tests@ruedalibre-demo.es",
    "GIT_AUTHOR_DATE": "2026-11-01T12:00:00+01:00",
    "GIT_COMMITTER_DATE": "2026-11-01T12:00:00+01:00",
    # The user's and the system's git settings (renames, hooks, signing…) must not leak in.
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}
"""Environment of every git command here, and of the ones `portavoz review` runs."""


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo`` with the fixed identity and dates; return its standard output."""
    done = subprocess.run(
        ["git", "-C", str(repo), "-c", "init.defaultBranch=main", *args],
        env={**os.environ, **GIT_ENV},
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, f"git {' '.join(args)}: {done.stderr}"
    return done.stdout


def commit_all(repo: Path, message: str) -> None:
    """Stage every change (untracked files included) and commit it."""
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "--no-verify", "-m", message)


@dataclass(frozen=True)
class Run:
    """One `portavoz review` run: exit code, what it printed and what it raised."""

    exit_code: int
    stdout: str
    stderr: str
    exception: BaseException | None
