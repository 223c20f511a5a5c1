"""Hostile social-post templates end as one located message: never a hang, never a traceback.

Each case of ``corpus/templates/cases.yml`` (its ``expect`` says what it checks) is a template
that would exhaust the machine or make Jinja raise. It is tried in both places a site can put
template code:

- as a front-matter override (``channels: {x: {text: …}}``) of a post of its own: all cases'
  posts go into one project, run once through ``portavoz check``, ``portavoz review`` (the posts
  are the change) and ``mkdocs build --strict``;
- as the override file ``social/x.txt.j2``, which the base post's x variant uses: one project
  per case, the file committed as the change, through the same three entry points.

Every run is a subprocess with a memory cap and a deadline, so a regression fails the test
instead of taking the machine with it. The deadline is far above what a run needs (seconds):
it only tells a hang from an answer.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from case_tables import load_yaml
from hardening_corpus import (
    AT,
    CORPUS,
    PORTAVOZ,
    POSTS,
    Run,
    add_files,
    bounded,
    build,
    git,
    make_project,
)

DATA = CORPUS / "templates"
TEMPLATES_DIR = "social"
"""Set in the project's config, so the case means the same whatever the default folder is."""
BASE_POST = f"{POSTS}/2026-01-10-base.md:6"
"""The corpus project's own post (x and mastodon) and the line of its ``channels``."""


@dataclass(frozen=True)
class Case:
    name: str
    expect: str
    template: str
    reason: str
    line: int | None = 1
    """The template's line named in the message (``None``: the whole output, no line)."""

    @property
    def post(self) -> str:
        return f"{POSTS}/2026-03-01-{self.name}.md"

    def post_file(self) -> bytes:
        """A post whose x variant is the case's template (``channels`` on line 5)."""
        return (
            "---\n"
            f'title: "Plantilla {self.name}"\n'
            "date: 2026-03-01 10:00:00\n"
            'summary: "Un texto propio para X."\n'
            "channels:\n"
            "  x:\n"
            f"    text: {json.dumps(self.template)}\n"
            "---\n\nTexto.\n"
        ).encode()

    def as_text(self) -> str:
        """How every entry point starts the case's line, as a front-matter override."""
        where = "text" if self.line is None else f"text, line {self.line}"
        return f"{self.post}:5: channels: x: template error: {where}: "

    def as_file(self) -> str:
        """How every entry point starts the case's line, as ``social/x.txt.j2``."""
        where = f"{TEMPLATES_DIR}/x.txt.j2" + ("" if self.line is None else f":{self.line}")
        return f"{BASE_POST}: channels: x: template error: {where}: "


def _case(row: dict[str, Any]) -> Case:
    return Case(row["name"], row["expect"], row["template"], row["reason"], row.get("line", 1))


CASES = [_case(row) for row in load_yaml(DATA / "cases.yml")]
LEGS = ("check", "review", "build")


def _leg(root: Path, leg: str) -> Run:
    if leg == "check":
        return bounded(root, *PORTAVOZ, "check", str(root), "--at", AT)
    if leg == "review":
        head = ("--base", "base", "--head", "HEAD", "--project", str(root), "--at", AT)
        return bounded(root, *PORTAVOZ, "review", *head)
    return build(root)


def _project(root: Path, change: dict[str, bytes]) -> Path:
    """The corpus project as a repository: branch ``base`` without ``change``, HEAD with it."""
    make_project(root)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(
        "      output_dir: .portavoz\n",
        f"      output_dir: .portavoz\n      templates_dir: {TEMPLATES_DIR}\n",
    )
    config.write_text(text, encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    git(root, "branch", "base")
    add_files(root, change)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "change")
    return root


def _shown(run: Run, leg: str) -> str:
    # The review is Markdown: read its backslash escapes (``\*\*``) as the characters they are.
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", run.output) if leg == "review" else run.output


def _assert_located(run: Run, leg: str, start: str, reason: str) -> None:
    """One line names the post, the network and the template's place, and says why."""
    assert "Traceback" not in run.output, f"{leg}:\n{run.output}"
    assert run.code not in (0, -1), f"{leg} exit code {run.code}:\n{run.output}"
    found = [line for line in _shown(run, leg).splitlines() if start in line]
    assert len(found) == 1, f"{leg} does not print one line with\n  {start}\n{run.output}"
    assert reason in found[0].partition(start)[2], f"{leg}: not {reason!r}:\n{found[0]}"


@pytest.fixture(scope="module")
def text_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    """Every case as a front-matter override in one project, through each entry point once."""
    root = tmp_path_factory.mktemp("templates") / "text"
    _project(root, {c.post: c.post_file() for c in CASES})
    return {leg: _leg(root, leg) for leg in LEGS}


@pytest.fixture(scope="module", params=CASES, ids=lambda c: c.name)
def file_runs(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """One case as the override file, in its own project, through each entry point."""
    case: Case = request.param
    root = tmp_path_factory.mktemp("templates") / case.name
    _project(root, {f"{TEMPLATES_DIR}/x.txt.j2": case.template.encode()})
    return case, {leg: _leg(root, leg) for leg in LEGS}


def test_cases_state_what_they_check() -> None:
    assert len({c.name for c in CASES}) == len(CASES) >= 15
    assert all(c.expect and c.template and c.reason for c in CASES)


@pytest.mark.parametrize("leg", LEGS)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_text_override_is_a_located_problem(
    case: Case, leg: str, text_runs: dict[str, Run]
) -> None:
    _assert_located(text_runs[leg], leg, case.as_text(), case.reason)


@pytest.mark.parametrize("leg", LEGS)
def test_override_file_is_a_located_problem(leg: str, file_runs: Any) -> None:
    case, runs = file_runs
    _assert_located(runs[leg], leg, case.as_file(), case.reason)
