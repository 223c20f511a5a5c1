"""A changed post that lands on an unchanged post's URL is an error in the review."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from review_repo import Run

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
