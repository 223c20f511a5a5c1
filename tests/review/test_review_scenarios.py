"""`portavoz review` on a real git repository, one scenario per ``scenarios/<name>.yml``.

A scenario lists steps applied to a fresh repository of the example site (tag ``base``):
``replace`` (one exact occurrence in a file), ``write``, ``delete``, ``git`` (any git
command, e.g. ``[mv, a, b]``), ``commit`` (everything, with the fixed dates) and ``tag``.
It then names the review's arguments, the expected exit code and, independently of the
goldens, which posts must be reported with which change and which variant changes.

Each scenario is run in the three formats. Markdown and JSON are compared with the goldens
``golden/<name>.md`` and ``golden/<name>.json``; all three are also checked by independent
readers against each other (fenced blocks ↔ JSON parts, annotations ↔ JSON problems).

Regenerating the goldens (after a deliberate change of the report, e.g. when lint findings
are added to it): run

    PORTAVOZ_UPDATE_GOLDENS=1 .venv/bin/python -m pytest tests/review

which rewrites every golden file instead of comparing it (the structural checks still run;
the one switch of tests/goldens.py), then review the diff with ``git diff tests/review/golden``
before committing. Each scenario's first line, ``# Expect: …``, says what it checks.

The Markdown report is in the site's ``theme.language``: Spanish for the example, English for
a scenario that says ``language: en`` (and switches the site to it in its steps).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from goldens import check_text
from review_readers import annotations, expected_blocks, fenced_blocks, read_block
from review_repo import Run, commit_all, git

from portavoz.scheduler.networks import Unit
from portavoz.scheduler.review.formats import MARKER

HERE = Path(__file__).resolve().parent
SCENARIOS = sorted((HERE / "scenarios").glob("*.yml"))
GOLDEN = HERE / "golden"

HEADINGS = {
    "es": "## revisión de portavoz · {posts} · {errors} · {warnings}",
    "en": "## portavoz review · {posts} · {errors} · {warnings}",
}
"""The report's first heading in each language (written here, not read from the catalogs)."""
COUNTED = {
    "es": ("{} publicación", "{} publicaciones", "{} error", "{} errores", "{} aviso", "{} avisos"),
    "en": ("{} post", "{} posts", "{} error", "{} errors", "{} warning", "{} warnings"),
}
"""Per language: one and more posts, errors and warnings."""


def _counted(language: str, *counts: int) -> dict[str, str]:
    forms = COUNTED[language]
    said = [forms[2 * i + (n != 1)].format(n) for i, n in enumerate(counts)]
    return dict(zip(("posts", "errors", "warnings"), said, strict=True))


POST_CHANGES = {"added", "modified", "renamed", "deleted", "affected"}
VARIANT_CHANGES = {"new", "changed", "unchanged", "removed"}


def load(path: Path) -> dict[str, Any]:
    scenario: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    scenario.setdefault("steps", [])
    scenario.setdefault("args", ["--base", "base"])
    scenario.setdefault("exit_code", 0)
    scenario.setdefault("posts", {})
    scenario.setdefault("language", "es")  # the example's theme.language
    return scenario


def apply_step(repo: Path, step: dict[str, Any]) -> None:
    ((operation, value),) = step.items()
    if operation == "replace":
        target = repo / value["path"]
        text = target.read_text(encoding="utf-8")
        assert text.count(value["old"]) == 1, f"{value['path']}: {value['old']!r} not once"
        target.write_text(text.replace(value["old"], value["new"]), encoding="utf-8")
    elif operation == "write":
        target = repo / value["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(value["text"], encoding="utf-8")
    elif operation == "delete":
        (repo / value).unlink()
    elif operation == "git":
        git(repo, *value)
    elif operation == "commit":
        commit_all(repo, value)
    elif operation == "tag":
        git(repo, "tag", value)
    else:
        raise AssertionError(f"unknown step {operation!r}")


def run_dependent(repo: Path) -> list[str]:
    """Strings that change from run to run: temporary paths and commit hashes."""
    hashes = git(repo, "rev-parse", "base", "HEAD").split()
    return [str(repo), str(repo.parent), *hashes, *(h[:7] for h in hashes)]


@pytest.fixture(params=SCENARIOS, ids=[p.stem for p in SCENARIOS])
def scenario(request: pytest.FixtureRequest) -> dict[str, Any]:
    return {"name": request.param.stem, **load(request.param)}


def test_scenario(scenario: dict[str, Any], repo: Path, run_review: Any) -> None:
    for step in scenario["steps"]:
        apply_step(repo, step)
    runs = {
        fmt: run_review(repo, *scenario["args"], "--format", fmt)
        for fmt in ("markdown", "json", "github")
    }
    for fmt, run in runs.items():
        assert run.exception is None, f"{fmt}: {run.exception!r}"
        assert run.exit_code == scenario["exit_code"], f"{fmt}: {run.stdout}{run.stderr}"
        assert "Traceback" not in run.stdout + run.stderr
        for variable in run_dependent(repo):
            assert variable not in run.stdout, f"{fmt} report contains {variable!r}"

    document = json.loads(runs["json"].stdout)
    check_json(document, runs["json"])
    if scenario["posts"] is not None:  # null: the set is checked by a test of its own below
        check_expected_posts(document, scenario["posts"])
    markdown = runs["markdown"].stdout
    check_markdown(markdown, document, scenario.get("contains", []), scenario["language"])
    check_github(runs["github"].stdout, document, scenario.get("github", []))
    check_text(GOLDEN / f"{scenario['name']}.md", runs["markdown"].stdout)
    check_text(GOLDEN / f"{scenario['name']}.json", runs["json"].stdout)


def _problems(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        *document["repository_problems"],
        *(
            problem
            for post in document["posts"]
            for problem in [
                *post["problems"],
                *(p for v in post["variants"] for p in v["problems"]),
            ]
        ),
    ]


def check_json(document: dict[str, Any], run: Run) -> None:
    problems = _problems(document)
    assert document["errors"] == sum(p["severity"] == "error" for p in problems)
    assert document["warnings"] == sum(p["severity"] == "warning" for p in problems)
    assert run.exit_code == (1 if document["errors"] else 0)
    paths = [post["path"] for post in document["posts"]]
    assert paths == sorted(paths)
    for post in document["posts"]:
        assert post["change"] in POST_CHANGES
        assert (post["old_path"] is not None) == (post["change"] == "renamed")
        if post["change"] == "affected":
            assert any(v["change"] != "unchanged" for v in post["variants"]), post["path"]
        for variant in post["variants"]:
            check_variant(post, variant)


def check_variant(post: dict[str, Any], variant: dict[str, Any]) -> None:
    where = f"{post['path']} {variant['network']}"
    assert variant["change"] in VARIANT_CHANGES, where
    if variant["change"] == "removed":
        assert variant["parts"] == [] and variant["counts"] == [], where
        assert variant["previous"], where
        return
    assert len(variant["parts"]) == len(variant["counts"]) >= 1, where
    if variant["change"] == "changed":  # its text, or only what else a CM approves
        assert variant["previous"] != "\n\n".join(variant["parts"]), where
        assert variant["previous"] is not None or variant["was"], where
    else:
        assert variant["previous"] is None and not variant["was"], where
    if variant["change"] == "new":
        assert variant["was"] == {}, where
    for count in variant["counts"]:
        assert count["fits"] == (count["length"] <= count["limit"]), where
    for count in variant["counts"]:
        if count["length"] > count["limit"]:  # the writer is told the count and the limit
            unit = Unit(count["unit"]).english
            said = f"{count['length']} {unit}, over the limit of {count['limit']}"
            assert any(said in p["message"] for p in variant["problems"]), where
        elif not count["fits"]:
            assert variant["problems"], where


def check_expected_posts(document: dict[str, Any], expected: dict[str, Any]) -> None:
    found = {
        post["path"]: {
            "change": post["change"],
            **({"old_path": post["old_path"]} if post["old_path"] else {}),
            "variants": [{v["network"]: v["change"]} for v in post["variants"]],
        }
        for post in document["posts"]
    }
    wanted = {
        path: {**spec, "variants": [{n: c} for n, c in (spec.get("variants") or {}).items()]}
        for path, spec in expected.items()
    }
    assert found == wanted


def check_markdown(
    markdown: str, document: dict[str, Any], contains: list[str], language: str
) -> None:
    lines = markdown.split("\n")
    assert lines[0] == MARKER
    posts, errors, warnings = len(document["posts"]), document["errors"], document["warnings"]
    assert lines[1] == HEADINGS[language].format(**_counted(language, posts, errors, warnings))
    assert sum(line.startswith("### ") for line in lines) == posts
    blocks = fenced_blocks(markdown)
    assert {b.info for b in blocks} <= {"text", "diff"}
    assert [read_block(b) for b in blocks] == expected_blocks(document)
    for text in contains:
        assert text in markdown


def check_github(output: str, document: dict[str, Any], expected: list[str]) -> None:
    found = annotations(output)
    assert Counter(
        (a.level, a.properties["file"], a.properties.get("line")) for a in found
    ) == Counter(
        (p["severity"], p["path"], str(p["line"]) if p["line"] else None)
        for p in _problems(document)
    )
    for annotation in found:
        assert annotation.message.startswith(annotation.properties["file"])
    for prefix in expected:
        assert any(line.startswith(prefix) for line in output.splitlines()), prefix


# Independent of the scenarios' own lists: which posts a change must touch, read from the
# posts' front matter with yaml (not through portavoz's content model).

_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)


def front_matters(repo: Path) -> dict[str, dict[str, Any]]:
    folder = repo / "content/blog/posts"
    return {
        p.relative_to(repo).as_posix(): yaml.safe_load(
            _FRONT_MATTER.match(p.read_text(encoding="utf-8"))[1]  # type: ignore[index]
        )
        for p in sorted(folder.glob("*.md"))
    }


def _channels(meta: dict[str, Any]) -> dict[str, dict[str, Any]]:
    channels = meta.get("channels") or []
    if isinstance(channels, list):
        return {name: {} for name in channels}
    return {name: spec or {} for name, spec in channels.items()}


@pytest.mark.parametrize("commit", [False, True], ids=["working-tree", "committed"])
def test_x_template_affects_exactly_the_posts_using_it(
    repo: Path, run_review: Any, commit: bool
) -> None:
    (repo / "social").mkdir(parents=True)
    (repo / "social/x.txt.j2").write_text("{{ title }} → {{ link }}\n", encoding="utf-8")
    if commit:
        commit_all(repo, "Shorter X posts")
    run = run_review(repo, "--base", "base", "--format", "json", *(["--head", "main"] * commit))
    assert run.exit_code == 0, run.stderr
    document = json.loads(run.stdout)
    # An override text or a thread does not go through the template.
    using_template = {
        path
        for path, meta in front_matters(repo).items()
        if "x" in _channels(meta)
        and "text" not in _channels(meta)["x"]
        and not _channels(meta)["x"].get("thread", meta.get("thread", False))
    }
    assert {p["path"] for p in document["posts"]} == using_template
    assert document["global_changes"] == ["social/x.txt.j2"]
    for post in document["posts"]:
        assert post["change"] == "affected"
        changes = {v["network"]: v["change"] for v in post["variants"]}
        assert changes.pop("x") == "changed"
        assert set(changes.values()) <= {"unchanged"}


def test_utm_medium_affects_every_post_with_a_link(repo: Path, run_review: Any) -> None:
    config = repo / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    old = "      output_dir: .portavoz\n"
    config.write_text(
        text.replace(old, old + "      utm:\n        medium: comunidad\n"), encoding="utf-8"
    )
    run = run_review(repo, "--base", "base", "--format", "json")
    assert run.exit_code == 0, run.stderr
    document = json.loads(run.stdout)
    with_channels = {path for path, meta in front_matters(repo).items() if _channels(meta)}
    assert {p["path"] for p in document["posts"]} == with_channels
    assert document["global_changes"] == ["mkdocs.yml"]
    for post in document["posts"]:
        for variant in post["variants"]:
            text = "\n\n".join(variant["parts"])
            if variant["change"] == "changed":
                assert "utm_medium=comunidad" in text
                assert "utm_medium=social" in variant["previous"]
            else:  # Instagram points at the link in the bio: no link, nothing to change
                assert variant["change"] == "unchanged" and "utm_medium" not in text
