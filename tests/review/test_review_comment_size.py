"""A large change still fits one GitHub comment: ``--max-chars`` keeps whole posts and says why."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from review_readers import expected_blocks, fenced_blocks, read_block
from review_repo import Run, commit_all, git

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


def test_a_report_over_the_limit_is_summarised_and_links_the_full_one(
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
    # Counts by network cover every variant: 60 new ones on each of the five networks.
    for network in ("X", "Mastodon", "LinkedIn", "Telegram", "Facebook"):
        assert f"\n| {network} | 60 | 0 | 0 | 0 |\n" in cut.stdout, network
    in_full = cut.stdout.count("\n### Añadida: ")
    assert 0 < in_full < 60
    assert f"{in_full} de 60 publicaciones completas" in cut.stdout
    assert f"[el informe completo]({RUN_URL})" in cut.stdout
    # Every other post has its line and one line per variant, as the full report lists them.
    listed = re.findall(r"^- Añadida: (.*) · `(.*)`$", cut.stdout, re.MULTILINE)
    assert len(listed) == 60 - in_full
    assert cut.stdout.count("\n  - Facebook · nueva · ✅ ") == 60 - in_full
    shown = [path for _, path in listed]
    assert shown == sorted(shown) and all(f"`{path}`" in full.stdout for path in shown)


def test_a_huge_variant_and_a_change_of_every_post_fit_one_comment(
    repo: Path, run_review: Callable[..., Run]
) -> None:
    """A 40,000-character Facebook text and a UTM change touching every post (issue 15)."""
    add_posts(repo, 40)
    post = repo / "content" / "blog" / "posts" / "2026-01-01-ruta-000.md"
    long_text = " ".join(f"Palabra{n % 10}" for n in range(5000))[:40_000]
    assert len(long_text) == 40_000
    text = post.read_text(encoding="utf-8").replace(
        "channels: [x, mastodon, linkedin, telegram, facebook]",
        f"channels:\n  x: {{}}\n  facebook:\n    text: '{long_text}'",
    )
    post.write_text(text, encoding="utf-8")
    commit_all(repo, "Forty routes, one of them long on Facebook")
    git(repo, "tag", "forty")
    config = repo / "mkdocs.yml"
    old = "      output_dir: .portavoz\n"
    config.write_text(
        config.read_text(encoding="utf-8").replace(old, f"{old}      utm:\n        medium: red\n"),
        encoding="utf-8",
    )
    post.write_text(text.replace("Palabra0", "Palabra9"), encoding="utf-8")
    args = ("--base", "forty")
    document = json.loads(run_review(repo, *args, "--format", "json").stdout)
    full = run_review(repo, *args)
    comment = run_review(
        repo, *args, "--max-chars", str(GITHUB_LIMIT), "--full-report-url", RUN_URL
    )
    assert full.exit_code == comment.exit_code == 0, comment.stderr
    assert len(document["posts"]) > 40  # every post with a link, the example's too
    assert len(full.stdout) > 3 * GITHUB_LIMIT, len(full.stdout)
    assert len(comment.stdout) <= GITHUB_LIMIT, len(comment.stdout)
    # The full report is complete: every post, every block whole (the long text both ways).
    assert full.stdout.count("\n### ") == len(document["posts"])
    blocks = [read_block(b) for b in fenced_blocks(full.stdout)]
    assert blocks == expected_blocks(document)
    assert ("diff", (long_text, long_text.replace("Palabra0", "Palabra9"))) in blocks
    # The comment clips the long diff, says by how much, and points to the full report.
    assert "caracteres más: lee [el informe completo](" + RUN_URL + ")" in comment.stdout
    for block in fenced_blocks(comment.stdout):
        assert len(block.text) <= 2_000
    assert "```diff\n-Palabra0 Palabra1" in comment.stdout


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
