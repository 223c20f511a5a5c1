"""Every command ends the same way: 0 when all is well, 1 for problems or errors, 2 for usage.

Each command is run through the ``portavoz`` group with click's CliRunner, for success, for
problems in the content and for an error that stops it. The group is the one place the process
exits: with ``standalone_mode=False`` it returns the code (a command that raised SystemExit
itself would escape it), and the installed console script, run in a subprocess, exits with it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from portavoz.scheduler.cli.main import main

PROJECT = Path(__file__).resolve().parent / "hardening" / "corpus" / "project"
AT = "2026-02-01T00:00:00+01:00"
BAD_POST = "---\ntitle: Mal\ndate: el martes\nchannels: [x]\n---\n\nTexto.\n"
LISTENING = "  - portavoz/listening:\n      sources: {sources}\n"
ONE_SOURCE = '[{name: Foro, url: "https://foro.example/rss"}]'
GIT_ENV = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.org",
    "GIT_CONFIG_GLOBAL": "/dev/null",
    "GIT_CONFIG_NOSYSTEM": "1",
}


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the smallest example-shaped project, one valid post, no simulated clock."""
    for name in ("PORTAVOZ_NOW", "PORTAVOZ_PAUSE", "PORTAVOZ_PAUSE_SINCE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    root = tmp_path / "site"
    shutil.copytree(PROJECT, root)
    return root


@dataclass(frozen=True)
class Ran:
    exit_code: int
    output: str


def run(*args: str) -> Ran:
    """``portavoz ARGS`` through the group, which hands back the code instead of exiting."""
    result = CliRunner().invoke(main, list(args), standalone_mode=False)
    assert result.exception is None, f"{result.exception!r} escaped the group: {result.output}"
    assert isinstance(result.return_value, int) and "Traceback" not in result.output
    return Ran(result.return_value, result.output)


def add_post(root: Path, text: str = BAD_POST) -> None:
    (root / "content" / "blog" / "posts" / "2026-01-20-mal.md").write_text(text, encoding="utf-8")


def add_listening(root: Path, sources: str) -> None:
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write(LISTENING.format(sources=sources))


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env=GIT_ENV)


def test_check_exit_codes(site: Path, tmp_path: Path) -> None:
    assert run("check", str(site), "--at", AT).exit_code == 0
    assert run("check", str(site), "--bogus").exit_code == 2
    (tmp_path / "empty").mkdir()
    missing = run("check", str(tmp_path / "empty"))
    assert (missing.exit_code, "no mkdocs.yml" in missing.output) == (1, True)
    add_post(site)
    found = run("check", str(site), "--at", AT)
    assert (found.exit_code, "1 errors" in found.output) == (1, True)


def test_count_exit_codes() -> None:
    assert run("count", "x", "Hola").exit_code == 0
    assert run("count", "x", "a" * 281).exit_code == 1
    assert run("count", "tiktok", "Hola").exit_code == 2


def test_listen_exit_codes(site: Path) -> None:
    assert run("listen", str(site), "--offline").exit_code == 1  # no listening plugin
    add_listening(site, ONE_SOURCE)
    # The source has no cached copy: a warning, which only --strict turns into a failure.
    assert run("listen", str(site), "--offline").exit_code == 0
    assert run("listen", str(site), "--offline", "--strict").exit_code == 1


def test_review_exit_codes(site: Path) -> None:
    git(site, "init", "--quiet", "--initial-branch=main")
    git(site, "add", "-A")
    git(site, "commit", "--quiet", "-m", "base")
    git(site, "tag", "base")
    review = ("review", "--project", str(site), "--at", AT)
    assert run(*review, "--base", "base").exit_code == 0
    unknown = run(*review, "--base", "no-such-ref")
    assert unknown.exit_code == 1 and "no-such-ref" in unknown.output
    add_post(site)
    assert run(*review, "--base", "base").exit_code == 1


def test_console_script_exit_code(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("portavoz")
    fits = subprocess.run([script, "count", "x", "Hola"], capture_output=True, check=False)
    over = subprocess.run([script, "count", "x", "a" * 281], capture_output=True, check=False)
    assert (fits.returncode, over.returncode) == (0, 1)
    assert b"Traceback" not in over.stderr
