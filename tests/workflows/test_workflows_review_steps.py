"""The review workflow posts its comment when ``portavoz check`` fails, then fails the job.

Two readers: the workflow's ``if:`` conditions and step order read with PyYAML, and its
``run:`` scripts executed in order with bash (as GitHub runs them: ``-eo pipefail``, one
GITHUB_OUTPUT file per step) in a repository whose pull request adds a broken post. The
``uses:`` steps are simulated: checkout and setup-python do nothing (the repository is there,
``portavoz`` is on PATH from .venv/bin), github-script records the comment it would post and
upload-artifact the files it would upload.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

import pytest
import yaml

from portavoz.scheduler.review.formats import MARKER

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "review.yml"
PROJECT = ROOT / "tests" / "hardening" / "corpus" / "project"
VENV_BIN = ROOT / ".venv" / "bin"
Step = dict[str, object]

BROKEN_POST = """\
---
title: "Una entrada rota"
date: no es una fecha
channels: [x]
---

Texto.
"""
ERROR = "date: expected a date, found text 'no es una fecha'"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Brand",
    "GIT_AUTHOR_EMAIL": "brand@example.org",
    "GIT_COMMITTER_NAME": "Brand",
    "GIT_COMMITTER_EMAIL": "brand@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}
CONTEXT = {
    "github.base_ref": "main",
    "github.server_url": "https://github.com",
    "github.repository": "brand/site",
    "github.run_id": "42",
}
"""The pull request's context the expressions read."""


def review_steps() -> list[Step]:
    data = cast(dict[str, object], yaml.safe_load(WORKFLOW.read_text(encoding="utf-8")))
    jobs = cast(dict[str, dict[str, object]], data["jobs"])
    return cast(list[Step], jobs["review"]["steps"])


def index_of(steps: list[Step], predicate: object) -> int:
    return next(i for i, s in enumerate(steps) if callable(predicate) and predicate(s))


def uses(action: str) -> object:
    return lambda s: str(s.get("uses", "")).startswith(action + "@")


# ---- reading the conditions -------------------------------------------------------------


def test_comment_and_artifact_run_always_after_check_and_review() -> None:
    steps = review_steps()
    ids = [s.get("id") for s in steps]
    check, review = ids.index("check"), ids.index("review")
    comment = index_of(steps, uses("actions/github-script"))
    artifact = index_of(steps, uses("actions/upload-artifact"))
    assert check < review < comment < artifact < len(steps) - 1
    assert steps[comment]["if"] == steps[artifact]["if"] == "always()"
    assert steps[comment]["continue-on-error"] is True


def test_no_step_between_check_and_comment_can_fail_the_job() -> None:
    steps = review_steps()
    ids = [s.get("id") for s in steps]
    comment = index_of(steps, uses("actions/github-script"))
    for step in steps[ids.index("check") : comment]:
        run = str(step["run"]).strip()
        # Exit codes are recorded, not returned: `set +e` and no `exit`, or `|| true`.
        records = run.startswith("set +e") and not re.search(r"\bexit\b", run) and "status=" in run
        assert records or run.endswith("|| true"), step["name"]
    for name in ("check", "review"):
        step = steps[ids.index(name)]
        assert 'echo "status=$status" >> "$GITHUB_OUTPUT"' in str(step["run"]), name


def test_the_last_step_fails_the_job_on_what_check_or_review_recorded() -> None:
    last = review_steps()[-1]
    assert last["if"] == "always()"
    env = cast(dict[str, str], last["env"])
    assert set(env.values()) == {
        "${{ steps.check.outputs.status }}",
        "${{ steps.review.outputs.status }}",
    }
    assert "exit 1" in str(last["run"])


# ---- running the steps ------------------------------------------------------------------


@dataclass
class Job:
    """What a simulated run of the job did: step outcomes, outputs, comment and artifact."""

    workdir: Path
    failed: bool = False
    outcomes: dict[str, str] = field(default_factory=dict)
    outputs: dict[str, dict[str, str]] = field(default_factory=dict)
    comment: str | None = None
    uploaded: list[str] = field(default_factory=list)
    logs: dict[str, str] = field(default_factory=dict)


_EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
_REFERENCE = re.compile(r"\b(steps\.[\w-]+\.(?:outputs\.[\w-]+|outcome)|github\.\w+)\b")


def evaluate(expression: str, job: Job) -> object:
    """A GitHub expression of the kinds review.yml uses, as Python sees it."""

    def reference(match: re.Match[str]) -> str:
        name = match[1]
        if name.startswith("github."):
            return repr(CONTEXT[name])
        _, step, kind, *rest = name.split(".")
        if kind == "outcome":
            return repr(job.outcomes.get(step, ""))
        return repr(job.outputs.get(step, {}).get(rest[0], ""))

    python = _REFERENCE.sub(reference, expression)
    python = python.replace("&&", " and ").replace("||", " or ")
    python = re.sub(r"!(?!=)", " not ", python)
    names = {
        "always": lambda: True,
        "success": lambda: not job.failed,
        "failure": lambda: job.failed,
        "hashFiles": lambda *globs: "h" if any(any(job.workdir.glob(g)) for g in globs) else "",
    }
    return eval(python, {"__builtins__": {}}, names)  # the workflow's own text


def substitute(text: str, job: Job) -> str:
    return _EXPRESSION.sub(lambda m: str(evaluate(m[1], job)), text)


def read_outputs(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    return dict(line.split("=", 1) for line in lines if "=" in line)


def run_script(step: Step, job: Job, number: int) -> int:
    folder = job.workdir.parent / f"step-{number}"
    folder.mkdir()
    script = folder / "run.sh"
    script.write_text(substitute(str(step["run"]), job), encoding="utf-8")
    env_spec = cast(dict[str, object], step.get("env") or {})
    env = {
        **os.environ,
        **GIT_ENV,
        "PATH": f"{VENV_BIN}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_OUTPUT": str(folder / "output"),
        "GITHUB_ENV": str(folder / "env"),
        "GITHUB_STEP_SUMMARY": str(folder / "summary"),
        **{k: substitute(str(v), job) for k, v in env_spec.items()},
    }
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
        cwd=job.workdir, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    job.logs[str(step.get("name"))] = done.stdout + done.stderr
    if "id" in step:
        job.outputs[str(step["id"])] = read_outputs(folder / "output")
    return done.returncode


def simulate_action(step: Step, job: Job) -> int:
    action = str(step["uses"]).split("@")[0]
    if action in {"actions/checkout", "actions/setup-python"}:
        return 0
    if action == "actions/github-script":
        report = job.workdir / "report.md"
        job.comment = report.read_text(encoding="utf-8") if report.is_file() else ""
        return 0
    if action == "actions/upload-artifact":
        paths = str(cast(dict[str, object], step["with"])["path"]).split()
        job.uploaded = [p for p in paths if (job.workdir / p).is_file()]
        return 0
    pytest.fail(f"no simulation for {action}")


def run_job(steps: list[Step], workdir: Path) -> Job:
    job = Job(workdir)
    for number, step in enumerate(steps):
        if not evaluate(str(step.get("if", "success()")), job):
            job.outcomes[str(step.get("id", number))] = "skipped"
            continue
        if "uses" in step:
            code = simulate_action(step, job)
        elif "pip install" in str(step["run"]):  # portavoz is installed: .venv/bin
            code = 0
        else:
            code = run_script(step, job, number)
        job.outcomes[str(step.get("id", number))] = "success" if code == 0 else "failure"
        if code != 0 and step.get("continue-on-error") is not True:
            job.failed = True
    return job


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(repo), "-c", "init.defaultBranch=main", *args],
        env={**os.environ, **GIT_ENV}, check=True, capture_output=True, timeout=60,
    )  # fmt: skip


@pytest.fixture
def pull_request(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A brand repository: main holds a valid post, the pull request adds a broken one."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    for name in ("PORTAVOZ_NOW", "PORTAVOZ_PAUSE", "PORTAVOZ_PAUSE_SINCE"):
        monkeypatch.delenv(name, raising=False)
    repo = tmp_path / "repo"
    shutil.copytree(PROJECT, repo)
    git(repo, "init", "--quiet")
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", "base")
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")  # what checkout fetches
    git(repo, "switch", "--quiet", "-c", "pull-request")
    (repo / "content/blog/posts/2026-02-01-rota.md").write_text(BROKEN_POST, encoding="utf-8")
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", "A broken post")
    return repo


def test_a_broken_post_gets_its_comment_and_then_fails_the_job(pull_request: Path) -> None:
    steps = review_steps()
    job = run_job(steps, pull_request)
    logs = "\n".join(f"--- {k}\n{v}" for k, v in job.logs.items())
    assert job.comment is not None, f"the comment step did not run\n{logs}"
    assert job.outputs["check"]["status"] == job.outputs["review"]["status"] == "1", logs
    assert job.comment.startswith(MARKER + "\n## portavoz review · 1 posts · 1 errors")
    assert ERROR in job.comment
    assert "`portavoz check` exited with status 1" in job.comment
    assert "report-full.md" in job.uploaded and "check.txt" in job.uploaded
    assert ERROR in (pull_request / "check.txt").read_text(encoding="utf-8")
    assert job.failed
    last = steps[-1]
    assert job.outcomes[str(last.get("id", len(steps) - 1))] == "failure"
    # Everything before the last step succeeded: nothing stopped the comment.
    assert list(job.outcomes.values())[:-1] == ["success"] * (len(steps) - 1), job.outcomes


def test_a_valid_pull_request_gets_its_comment_and_passes(pull_request: Path) -> None:
    git(pull_request, "rm", "--quiet", "content/blog/posts/2026-02-01-rota.md")
    git(pull_request, "commit", "--quiet", "-m", "No broken post")
    job = run_job(review_steps(), pull_request)
    assert job.comment is not None and job.comment.startswith(MARKER + "\n")
    assert "portavoz check" not in job.comment
    assert not job.failed, job.logs
