"""`portavoz review` when it cannot review: clear messages, a non-zero exit, no traceback."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from review_readers import annotations
from review_repo import commit_all, git


def _refused(run: Any, *expected: str) -> None:
    assert run.exit_code != 0
    assert run.exception is None, repr(run.exception)
    assert run.stdout == ""
    assert "Traceback" not in run.stderr
    assert run.stderr.startswith("Error: ")
    for text in expected:
        assert text in run.stderr


@pytest.mark.parametrize("option", ["--base", "--head"])
def test_unknown_revision(repo: Path, run_review: Any, option: str) -> None:
    args = {"--base": "base", "--head": "main", option: "no-such-branch"}
    run = run_review(repo, *(x for pair in args.items() for x in pair))
    _refused(run, "unknown revision 'no-such-branch'")


def test_outside_a_git_repository(example_site: Path, run_review: Any) -> None:
    run = run_review(example_site, "--base", "main")
    _refused(run, "not a git repository")


def test_no_project_here(tmp_path: Path, run_review: Any) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    _refused(run_review(empty, "--base", "main"), "no mkdocs.yml")


def test_no_config_at_base(repo: Path, run_review: Any) -> None:
    """A base from before the site existed: it names the file and the revision."""
    git(repo, "checkout", "--quiet", "--orphan", "empty")
    git(repo, "rm", "-r", "--cached", "--quiet", ".")
    git(repo, "commit", "--quiet", "--allow-empty", "-m", "Before the site")
    git(repo, "tag", "empty")
    git(repo, "checkout", "--quiet", "--force", "main")
    _refused(run_review(repo, "--base", "empty"), "mkdocs.yml: not found in empty")


def test_project_in_a_subfolder(repo: Path, run_review: Any) -> None:
    """Paths in the report are the project's; GitHub annotations are the repository's."""
    site = repo / "site"
    site.mkdir()
    for part in ("mkdocs.yml", "content", "theme"):
        git(repo, "mv", part, f"site/{part}")
    shutil.rmtree(repo / "examples", ignore_errors=True)
    commit_all(repo, "The site moves to a folder")
    git(repo, "tag", "moved")
    post = site / "content/blog/posts/2026-11-03-puertas-abiertas-empresas.md"
    post.write_text(
        post.read_text(encoding="utf-8").replace("date: 2026-11-03 09:45:00", "date: pronto"),
        encoding="utf-8",
    )
    run = run_review(site, "--base", "moved", "--format", "github")
    assert run.exit_code == 1, run.stderr
    (annotation,) = annotations(run.stdout)
    assert annotation.level == "error"
    assert annotation.properties["file"] == (
        "site/content/blog/posts/2026-11-03-puertas-abiertas-empresas.md"
    )
    assert annotation.properties["line"] == "3"
    markdown = run_review(site, "--base", "moved").stdout
    assert "`content/blog/posts/2026-11-03-puertas-abiertas-empresas.md`" in markdown


def test_strict_fails_on_nothing_when_nothing_is_wrong(repo: Path, run_review: Any) -> None:
    post = repo / "content/blog/posts/2026-10-20-pedalear-en-otono.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nUna línea más.\n", encoding="utf-8")
    run = run_review(repo, "--base", "base", "--strict", "--format", "json")
    assert run.exit_code == 0, run.stdout
