"""A changed post that lands on an unchanged post's URL is an error in the review."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from review_repo import Run, git

EXISTING = "content/blog/posts/2026-05-05-presentamos-la-e-brisa.md"
NEW = "content/blog/posts/2026-11-20-copia.md"


def _title(path: Path) -> str:
    front = path.read_text(encoding="utf-8").split("---")[1]
    return str(yaml.safe_load(front)["title"])


@pytest.mark.parametrize("how", ["same-title", "explicit-slug"])
def test_new_post_on_an_existing_url_fails(
    repo: Path, run_review: Callable[..., Run], how: str
) -> None:
    title = _title(repo / EXISTING)
    front = (
        f'title: "{title}"'
        if how == "same-title"
        else 'title: "Otra"\nslug: ' + ("presentamos-la-e-brisa-nuestra-bici-electrica-mas-ligera")
    )
    (repo / NEW).write_text(
        f"---\n{front}\ndate: 2026-11-20 10:00:00\n---\n\nTexto.\n", encoding="utf-8"
    )

    run = run_review(repo, "--base", "base", "--format", "json")

    assert run.exit_code == 1, run.stdout
    report = json.loads(run.stdout)
    (post,) = [p for p in report["posts"] if p["path"] == NEW]
    messages = [p["message"] for p in post["problems"]]
    assert any(EXISTING in m and "same URL" in m for m in messages), messages


SPELLINGS = ["ruta-fija", '"ruta-fija"', "'ruta-fija'", '"ruta-\\x66ija"']


@pytest.mark.parametrize("spelling", SPELLINGS)
@pytest.mark.parametrize("how", ["same-title", "explicit-slug"])
def test_new_post_on_an_unchanged_posts_explicit_slug_fails(
    repo: Path, run_review: Callable[..., Run], how: str, spelling: str
) -> None:
    # The unchanged post's URL comes from its slug: line, however YAML spells it.
    existing = repo / EXISTING
    text = existing.read_text(encoding="utf-8")
    existing.write_text(text.replace("---\n", f"---\nslug: {spelling}\n", 1), encoding="utf-8")
    git(repo, "commit", "--quiet", "-am", "explicit slug")
    git(repo, "tag", "-f", "base")
    front = 'title: "Ruta fija"' if how == "same-title" else 'title: "Otra"\nslug: ruta-fija'
    (repo / NEW).write_text(
        f"---\n{front}\ndate: 2026-11-20 10:00:00\n---\n\nTexto.\n", encoding="utf-8"
    )

    run = run_review(repo, "--base", "base", "--format", "json")

    assert run.exit_code == 1, run.stdout
    (post,) = [p for p in json.loads(run.stdout)["posts"] if p["path"] == NEW]
    assert any(EXISTING in p["message"] and "same URL" in p["message"] for p in post["problems"])


@pytest.mark.parametrize(("day", "clash"), [("2026-05-05", True), ("2026-05-06", False)])
def test_a_date_in_the_url_format_decides_the_clash(
    repo: Path, run_review: Callable[..., Run], day: str, clash: bool
) -> None:
    config = repo / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('post_url_format: "{slug}"', 'post_url_format: "{date}/{slug}"'))
    git(repo, "commit", "--quiet", "-am", "dated URLs")
    git(repo, "tag", "-f", "base")
    title = _title(repo / EXISTING).replace('"', '\\"')
    (repo / NEW).write_text(
        f'---\ntitle: "{title}"\ndate: {day} 10:00:00\n---\n\nTexto.\n', encoding="utf-8"
    )

    run = run_review(repo, "--base", "base", "--format", "json")

    (post,) = [p for p in json.loads(run.stdout)["posts"] if p["path"] == NEW]
    found = any("same URL" in p["message"] for p in post["problems"])
    assert found is clash, post["problems"]
