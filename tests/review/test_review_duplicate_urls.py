"""A changed post that lands on an unchanged post's URL is an error in the review."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from review_repo import Run, commit_all, git

EXISTING = "content/blog/posts/2026-05-05-presentamos-la-e-brisa.md"
NEW = "content/blog/posts/2026-11-20-copia.md"


def _same_url_problems(repo: Path, run_review: Callable[..., Run], front: str) -> list[str]:
    """Review a new post with ``front`` against the tag ``base``: its same-URL messages."""
    (repo / NEW).write_text(
        f"---\n{front}\ndate: 2026-11-20 10:00:00\n---\n\nTexto.\n", encoding="utf-8"
    )
    run = run_review(repo, "--base", "base", "--format", "json")
    (post,) = [p for p in json.loads(run.stdout)["posts"] if p["path"] == NEW]
    return [p["message"] for p in post["problems"] if "same URL" in p["message"]]


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


# How the unchanged post is written → whether a new post with `slug: ruta-fija-en-otono`
# lands on its URL. The search reads only some lines of every post (git grep) to find the
# posts worth reading; these cases pin down which lines count, so that none is missed.
# Each: the post's first lines, its closing fence, text put first in its body, the clash.
FRONTS = {
    # A title gives its slug through slugify: case and accents fold.
    "title-with-accents-and-case": ('---\ntitle: "Ruta FIJA en Otoño"\n', "---", "", True),
    # An explicit slug wins over the title: the title alone would clash.
    "explicit-slug-wins": ('---\ntitle: "Ruta fija en otoño"\nslug: otra-cosa\n', "---", "", False),
    # A slug line in the body (after a rule) is text: the title still gives the URL.
    "slug-line-in-the-body": (
        '---\ntitle: "Ruta fija en otoño"\n',
        "---",
        "-----\n\nslug: otra-cosa\n\n",
        True,
    ),
    # A closing fence may carry trailing spaces: what follows it is body, not front matter.
    "closing-fence-with-trailing-spaces": (
        '---\ntitle: "Ruta fija en otoño"\n',
        "---  ",
        "slug: otra-cosa\n\n",
        True,
    ),
}


@pytest.mark.parametrize("case", sorted(FRONTS))
def test_which_lines_of_an_unchanged_post_give_its_url(
    repo: Path, run_review: Callable[..., Run], case: str
) -> None:
    front, fence, first, clash = FRONTS[case]
    existing = repo / EXISTING
    _, old_front, body = existing.read_text(encoding="utf-8").split("---\n", 2)
    kept = "".join(f"{line}\n" for line in old_front.splitlines() if not line.startswith("title:"))
    existing.write_text(f"{front}{kept}{fence}\n{first}{body}", encoding="utf-8")
    git(repo, "commit", "--quiet", "-am", case)
    git(repo, "tag", "-f", "base")

    found = _same_url_problems(repo, run_review, 'title: "Nueva"\nslug: ruta-fija-en-otono')

    assert bool(found) is clash, found
    assert all(EXISTING in m for m in found), found


@pytest.mark.parametrize("how", ["title", "explicit-slug"])
def test_a_post_in_another_date_folder_is_searched_too(
    repo: Path, run_review: Callable[..., Run], how: str
) -> None:
    # The unchanged post sits in a sub-folder of the posts folder, with an explicit slug.
    moved = "content/blog/posts/2025/10/ruta.md"
    (repo / moved).parent.mkdir(parents=True)
    (repo / moved).write_text(
        '---\ntitle: "Otra"\nslug: "ruta-de-los-poblados"\ndate: 2025-10-01 10:00:00\n---\n\n'
        "Texto.\n",
        encoding="utf-8",
    )
    commit_all(repo, "A post in a dated folder")
    git(repo, "tag", "-f", "base")
    front = (
        'title: "Ruta de los Poblados"'
        if how == "title"
        else 'title: "X"\nslug: ruta-de-los-poblados'
    )
    (repo / NEW).write_text(
        f"---\n{front}\ndate: 2026-11-20 10:00:00\n---\n\nTexto.\n", encoding="utf-8"
    )

    run = run_review(repo, "--base", "base", "--format", "json")

    assert run.exit_code == 1, run.stdout
    (post,) = [p for p in json.loads(run.stdout)["posts"] if p["path"] == NEW]
    assert any(moved in p["message"] and "same URL" in p["message"] for p in post["problems"])


def _slug_key_by_walk(lines: list[str]) -> bool:
    """The reference: the first two fences, walked line by line (a title or slug line
    before the first fence: no front matter)."""
    fenced = False
    for line in lines:
        if line.startswith("-"):
            if line.rstrip() != "---":
                continue
            if fenced:
                return False
            fenced = True
        elif not fenced:
            return False
        elif line.startswith("slug:"):
            return True
    return False


@pytest.mark.parametrize("length", range(6))
def test_the_front_matter_slug_line_is_found_as_the_walk_finds_it(length: int) -> None:
    # Every sequence of these grep lines up to five long: the shortcut for the usual front
    # matter must decide as the walk does.
    from itertools import product

    from portavoz.scheduler.review.duplicates import _has_slug_key, _slug_at_top

    kinds = ["---", "---  ", "----", "title: Ruta", "slug: ruta", "slugs: no"]
    for lines in product(kinds, repeat=length):
        walk = _slug_key_by_walk(list(lines))
        assert _has_slug_key(list(lines)) is walk, lines
        assert not _slug_at_top("\n".join(lines)) or walk, lines


@pytest.mark.parametrize("name", ["2026-05-05-otra\nlinea.md", "2026-05-05-otra\rlinea.md"])
def test_an_unchanged_post_whose_name_breaks_a_line_is_searched_too(
    repo: Path, run_review: Callable[..., Run], name: str
) -> None:
    # git's one-name-per-file output cannot tell such a name from a line: the review must not
    # lose the post (nor blame a file that does not exist).
    existing = repo / EXISTING
    text = existing.read_text(encoding="utf-8").replace("---\n", "---\nslug: ruta-fija\n", 1)
    existing.unlink()
    odd = existing.with_name(name)
    odd.write_text(text, encoding="utf-8")
    commit_all(repo, "odd name")
    git(repo, "tag", "-f", "base")

    found = _same_url_problems(repo, run_review, 'title: "Otra"\nslug: ruta-fija')

    assert len(found) == 1, found
    assert "2026-05-05-otra" in found[0], found


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("grep.lineNumber", "true"),
        ("grep.column", "true"),
        ("color.ui", "always"),
        ("color.grep", "always"),
        ("color.diff", "always"),
    ],
)
def test_the_users_git_config_does_not_hide_a_clash(
    repo: Path,
    run_review: Callable[..., Run],
    monkeypatch: pytest.MonkeyPatch,
    key: str,
    value: str,
) -> None:
    # Settings from a writer's dotfiles reach every git the review runs.
    existing = repo / EXISTING
    text = existing.read_text(encoding="utf-8")
    existing.write_text(text.replace("---\n", "---\nslug: ruta-fija\n", 1), encoding="utf-8")
    git(repo, "commit", "--quiet", "-am", "explicit slug")
    git(repo, "tag", "-f", "base")
    monkeypatch.setenv("GIT_CONFIG_COUNT", "1")
    monkeypatch.setenv("GIT_CONFIG_KEY_0", key)
    monkeypatch.setenv("GIT_CONFIG_VALUE_0", value)

    found = _same_url_problems(repo, run_review, 'title: "Otra"\nslug: ruta-fija')

    assert any(EXISTING in m for m in found), found
