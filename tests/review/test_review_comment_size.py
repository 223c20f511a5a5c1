"""A large change still fits one GitHub comment: ``--max-chars`` keeps whole posts and says why."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from review_repo import Run, commit_all

from portavoz.scheduler.review.formats import MARKER

GITHUB_LIMIT = 65_536
"""The longest comment body GitHub accepts."""

RUN_URL = "https://github.com/brand/site/actions/runs/42"

POST = """\
---
title: "Ruta número {n} por la huerta de Valencia"
date: 2026-01-{day:02d} 10:00:00
authors: [lucia]
summary: "{summary}"
channels: [x, mastodon, linkedin, telegram, facebook]
---

Texto de la ruta {n}.
"""


def add_posts(repo: Path, count: int) -> None:
    folder = repo / "content" / "blog" / "posts"
    summary = "Un recorrido tranquilo entre acequias, campos de chufa y alquerías. " * 3
    for n in range(count):
        text = POST.format(n=n, day=n % 28 + 1, summary=summary.strip())
        (folder / f"2026-01-01-ruta-{n:03d}.md").write_text(text, encoding="utf-8")


def test_a_report_over_the_limit_is_cut_at_a_post_and_links_the_full_one(
    repo: Path, run_review: Callable[..., Run]
) -> None:
    add_posts(repo, 60)
    commit_all(repo, "Sixty routes")
    full = run_review(repo, "--base", "base", "--head", "HEAD")
    assert len(full.stdout) > GITHUB_LIMIT, len(full.stdout)  # else this test shows nothing
    cut = run_review(
        repo, "--base", "base", "--head", "HEAD",
        "--max-chars", str(GITHUB_LIMIT), "--full-report-url", RUN_URL,
    )  # fmt: skip
    assert cut.exit_code == full.exit_code == 0, cut.stderr
    assert len(cut.stdout) <= GITHUB_LIMIT
    # The example is Spanish, and so is its report (theme.language: es).
    assert cut.stdout.startswith(MARKER + "\n## revisión de portavoz · 60 publicaciones · ")
    shown = cut.stdout.count("\n### Añadida: ")
    assert 0 < shown < 60
    # Whole posts only: what is shown is the full report's beginning, word for word.
    assert full.stdout.startswith(cut.stdout[: cut.stdout.rindex("\n> ✂️")].rstrip())
    assert f"> ✂️ No se muestran {60 - shown} de 60 publicaciones" in cut.stdout
    assert f"[el informe completo]({RUN_URL})" in cut.stdout


def test_a_report_under_the_limit_is_left_whole(repo: Path, run_review: Callable[..., Run]) -> None:
    add_posts(repo, 2)
    commit_all(repo, "Two routes")
    full = run_review(repo, "--base", "base", "--head", "HEAD")
    cut = run_review(repo, "--base", "base", "--head", "HEAD", "--max-chars", "65536")
    assert cut.stdout == full.stdout


def test_unchanged_variants_are_collapsed_to_their_counts(
    repo: Path, run_review: Callable[..., Run]
) -> None:
    add_posts(repo, 1)
    commit_all(repo, "One route")
    post = repo / "content" / "blog" / "posts" / "2026-01-01-ruta-000.md"
    text = post.read_text(encoding="utf-8")
    post.write_text(text.replace("channels: [", "channels: [threads, "), encoding="utf-8")
    shown = run_review(repo, "--base", "HEAD").stdout
    assert "#### Threads · nueva" in shown and "acequias" in shown
    unchanged = shown[shown.index("#### Mastodon · sin cambios") :].split("\n####")[0]
    assert "```" not in unchanged and "acequias" not in unchanged, unchanged


def test_the_full_report_address_must_be_a_plain_https_url(
    repo: Path, run_review: Callable[..., Run]
) -> None:
    for bad in ("http://example.com/x", "https://example.com/x)](javascript:alert(1)", "x"):
        done = run_review(repo, "--base", "base", "--full-report-url", bad)
        assert done.exit_code == 2 and "expected an https:// address" in done.stderr, bad
