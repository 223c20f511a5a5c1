"""The workflows ``portavoz new`` writes: actionlint finds nothing, and the review workflow,
run step by step on a scaffolded repository whose pull request adds an invalid post, posts its
comment although ``portavoz check`` fails, then fails the job."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from scaffold_config import read_config
from workflow_runner import actionlint, open_pull_request, review_steps, run_job

from portavoz.scheduler.cli.main import main
from portavoz.scheduler.i18n import Language
from portavoz.scheduler.review.formats import MARKER
from portavoz.scheduler.scaffold.render import render_workflows

INVALID_POST = """\
---
title: "A post with a broken date"
date: next tuesday
channels: [mastodon]
---

Text.
"""
ERROR = "date: expected a date, found text 'next tuesday'"
CHECK_FAILED = {
    Language.EN: "`portavoz check` exited with status 1",
    Language.ES: "`portavoz check` terminó con el código 1",
}


@pytest.mark.parametrize("lang", list(Language))
def test_the_scaffolds_workflows_pass_actionlint(lang: Language, tmp_path: Path) -> None:
    paths = []
    for rendered in render_workflows(lang, "1.2.3"):
        path = tmp_path / Path(rendered.path).name
        path.write_text(rendered.text, encoding="utf-8")
        paths.append(path)
    findings = actionlint(*paths)
    assert findings == [], "\n".join(f"{f['file']}:{f['line']}: {f['message']}" for f in findings)


@pytest.fixture
def scaffolded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> Path:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    for name in ("PORTAVOZ_NOW", "PORTAVOZ_PAUSE", "PORTAVOZ_PAUSE_SINCE"):
        monkeypatch.delenv(name, raising=False)
    repo = tmp_path / "brand"
    lang = str(request.param)
    done = CliRunner().invoke(main, ["new", str(repo), "--lang", lang], env={"PORTAVOZ_NOW": None})
    assert done.exit_code == 0, done.output
    open_pull_request(repo, {"content/blog/posts/2026-02-01-broken.md": INVALID_POST})
    return repo


@pytest.mark.parametrize("scaffolded", list(Language), indirect=True, ids=str)
def test_an_invalid_post_gets_its_comment_and_then_fails_the_job(scaffolded: Path) -> None:
    lang = Language(yaml_language(scaffolded))
    steps = review_steps(scaffolded / ".github/workflows/review.yml")
    job = run_job(steps, scaffolded)
    logs = "\n".join(f"--- {k}\n{v}" for k, v in job.logs.items())
    assert job.outputs["check"]["status"] == "1", logs
    assert job.comment is not None and job.comment.startswith(MARKER + "\n"), logs
    assert ERROR in job.comment and CHECK_FAILED[lang] in job.comment
    assert (scaffolded / "report.md").is_file() and "check.txt" in job.uploaded
    assert job.failed and list(job.outcomes.values())[-1] == "failure"
    assert list(job.outcomes.values())[:-1] == ["success"] * (len(steps) - 1), job.outcomes


def yaml_language(repo: Path) -> str:
    theme = read_config(repo)["theme"]
    assert isinstance(theme, dict)
    return str(theme["language"])
