"""The publish workflow's ledger steps: the commit step's own script run with bash against a
local remote where main moves on and a push is refused, and the artifact kept every run."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import cast

from test_workflows_contract import Mapping, workflow

LEDGER = "publish/ledger.jsonl"
REPO = "marca/sitio"
TOKEN = "ghs_test"


def publish_steps() -> list[Mapping]:
    jobs = cast(dict[str, Mapping], workflow("publish.yml")["jobs"])
    return cast(list[Mapping], jobs["publish"]["steps"])


def named(name: str) -> Mapping:
    return next(s for s in publish_steps() if s.get("name") == name)


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "init.defaultBranch=main", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, **IDENTITY},
    )
    return done.stdout


IDENTITY = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.org",
}


def remote_that_moves_on(tmp_path: Path) -> tuple[Path, Path]:
    """A bare remote, a runner's clone, then a commit to main the clone has not seen and a
    hook that refuses the next push once (main moving again between pull and push)."""
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--bare", str(remote))
    seed = tmp_path / "seed"
    git(tmp_path, "clone", str(remote), str(seed))
    (seed / "post.md").write_text("uno\n", encoding="utf-8")
    git(seed, "add", "post.md")
    git(seed, "commit", "-m", "first")
    git(seed, "push", "origin", "HEAD:main")
    runner = tmp_path / "runner"
    git(tmp_path, "clone", str(remote), str(runner))
    (seed / "post.md").write_text("dos\n", encoding="utf-8")
    git(seed, "commit", "-am", "a writer's change")
    git(seed, "push", "origin", "HEAD:main")
    hook = remote / "hooks" / "pre-receive"
    flag = tmp_path / "refused-once"
    hook.write_text(f'#!/bin/sh\n[ -e "{flag}" ] && exit 0\ntouch "{flag}"\nexit 1\n')
    hook.chmod(0o755)
    (runner / "publish").mkdir()
    (runner / LEDGER).write_text('{"post": "a.md", "network": "x"}\n', encoding="utf-8")
    return remote, runner


def run_commit_step(runner: Path, remote: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    step = named("Commit the ledger")
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "sleep").write_text("#!/bin/sh\nexit 0\n")  # the retries' pauses, not waited for
    (fake / "sleep").chmod(0o755)
    env = {
        **os.environ,
        **IDENTITY,
        **{k: str(v) for k, v in cast(Mapping, step["env"]).items() if k == "LEDGER"},
        "PATH": f"{fake}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_TOKEN": TOKEN,
        "GITHUB_REPOSITORY": REPO,
        "GITHUB_REF_NAME": "main",
        # The step's https://github.com URL, sent to the local remote instead.
        "GIT_CONFIG_COUNT": "1",
        "GIT_CONFIG_KEY_0": f"url.{remote.as_uri()}.insteadOf",
        "GIT_CONFIG_VALUE_0": f"https://x-access-token:{TOKEN}@github.com/{REPO}.git",
    }
    return subprocess.run(
        ["bash", "-e", "-c", str(step["run"])],
        cwd=runner,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_ledger_reaches_main_after_main_moved_and_a_push_was_refused(tmp_path: Path) -> None:
    remote, runner = remote_that_moves_on(tmp_path)
    done = run_commit_step(runner, remote, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    log = git(remote, "log", "--format=%s", "main")
    assert log.splitlines() == ["portavoz publish: ledger", "a writer's change", "first"]
    assert git(remote, "show", f"main:{LEDGER}") == '{"post": "a.md", "network": "x"}\n'


def test_the_ledger_is_kept_as_an_artifact_every_run_before_the_commit() -> None:
    names = [s.get("name") for s in publish_steps()]
    keep = named("Keep the ledger as an artifact")
    assert keep["if"] == "always()"
    assert str(keep["uses"]).startswith("actions/upload-artifact@")
    assert cast(Mapping, keep["with"])["path"] == LEDGER
    assert names.index("Keep the ledger as an artifact") < names.index("Commit the ledger")
