"""The review workflow posts its comment when ``portavoz check`` fails, then fails the job.

Two readers: the workflow's ``if:`` conditions and step order read with PyYAML (in this
repository's workflow and in the ones ``portavoz new`` writes, English and Spanish), and its
``run:`` scripts executed in order with bash (:mod:`workflow_runner`) in a repository whose
pull request adds a broken post.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import cast

import pytest
from workflow_runner import Step, git, index_of, open_pull_request, run_job, uses
from workflow_runner import review_steps as steps_of

from portavoz.scheduler.i18n import Language
from portavoz.scheduler.review.formats import MARKER
from portavoz.scheduler.scaffold.render import render_workflows

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "review.yml"
PROJECT = ROOT / "tests" / "hardening" / "corpus" / "project"

BROKEN_POST = """\
---
title: "Una entrada rota"
date: no es una fecha
channels: [x]
---

Texto.
"""
ERROR = "date: expected a date, found text 'no es una fecha'"


def review_steps() -> list[Step]:
    return steps_of(WORKFLOW)


@pytest.fixture(params=["repository", *Language])
def any_review_steps(request: pytest.FixtureRequest, tmp_path: Path) -> list[Step]:
    """The review job's steps: this repository's, or those ``portavoz new`` writes."""
    if request.param == "repository":
        return review_steps()
    (review, _) = render_workflows(Language(request.param), "1.2.3")
    path = tmp_path / "review.yml"
    path.write_text(review.text, encoding="utf-8")
    return steps_of(path)


# ---- reading the conditions -------------------------------------------------------------


def test_comment_and_artifact_run_always_after_check_and_review(
    any_review_steps: list[Step],
) -> None:
    steps = any_review_steps
    ids = [s.get("id") for s in steps]
    check, review = ids.index("check"), ids.index("review")
    comment = index_of(steps, uses("actions/github-script"))
    artifact = index_of(steps, uses("actions/upload-artifact"))
    assert check < review < comment < artifact < len(steps) - 1
    assert steps[comment]["if"] == steps[artifact]["if"] == "always()"
    assert steps[comment]["continue-on-error"] is True


def test_no_step_between_check_and_comment_can_fail_the_job(any_review_steps: list[Step]) -> None:
    steps = any_review_steps
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


def test_the_last_step_fails_the_job_on_what_check_or_review_recorded(
    any_review_steps: list[Step],
) -> None:
    last = any_review_steps[-1]
    assert last["if"] == "always()"
    env = cast(dict[str, str], last["env"])
    assert set(env.values()) == {
        "${{ steps.check.outputs.status }}",
        "${{ steps.review.outputs.status }}",
    }
    assert "exit 1" in str(last["run"])


# ---- running the steps ------------------------------------------------------------------


@pytest.fixture
def pull_request(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A brand repository: main holds a valid post, the pull request adds a broken one."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    for name in ("PORTAVOZ_NOW", "PORTAVOZ_PAUSE", "PORTAVOZ_PAUSE_SINCE"):
        monkeypatch.delenv(name, raising=False)
    repo = tmp_path / "repo"
    shutil.copytree(PROJECT, repo)
    open_pull_request(repo, {"content/blog/posts/2026-02-01-rota.md": BROKEN_POST})
    return repo


def test_a_broken_post_gets_its_comment_and_then_fails_the_job(pull_request: Path) -> None:
    steps = review_steps()
    job = run_job(steps, pull_request)
    logs = "\n".join(f"--- {k}\n{v}" for k, v in job.logs.items())
    assert job.comment is not None, f"the comment step did not run\n{logs}"
    assert job.outputs["check"]["status"] == job.outputs["review"]["status"] == "1", logs
    # The corpus project is Spanish (theme.language: es), and so is the report's heading.
    heading = "\n## revisión de portavoz · 1 publicación · 1 error ·"
    assert job.comment.startswith(MARKER + heading)
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
