"""No line portavoz prints is a GitHub workflow command unless portavoz wrote it as one.

The runner reads a line starting ``::`` (after spaces) as a command (``::error``,
``::add-mask::``, ``::stop-commands::``) and ``##[command]`` anywhere in a line as one too. The
cases of ``corpus/log-lines/workflow-commands.yml`` (each ``description`` says what it checks)
put such values where they reach output: a YAML key, a quoted value, a file name, a multi-line
override text. All go into one project, run through ``portavoz check``, ``portavoz review`` in
its three formats and ``mkdocs build --strict``; every line of each output is read back here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import markdown
import pytest
from bs4 import BeautifulSoup
from case_tables import load_yaml
from hardening_corpus import (
    AT,
    CORPUS,
    POSTS,
    Run,
    add_files,
    build,
    check,
    git,
    invoke,
    make_project,
)

CASES: list[dict[str, Any]] = load_yaml(CORPUS / "log-lines" / "workflow-commands.yml")
FILES = {f"{POSTS}/{n}": t.encode() for case in CASES for n, t in case["files"].items()}
# portavoz's own annotations in the `github` format, and nothing else, may be commands.
ANNOTATION = re.compile(r"::(error|warning) file=[^,:]+(,line=\d+)?,title=portavoz [^:,]+::")


def commands(output: str) -> list[str]:
    """Lines a CI runner would run as workflow commands."""
    return [line for line in output.splitlines() if line.lstrip().startswith("::") or "##[" in line]


def _review(root: Path, fmt: str) -> Run:
    return invoke("review", "--base", "HEAD~1", "--head", "HEAD", "--project", str(root),
                  "--at", AT, "--format", fmt)  # fmt: skip


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("log-lines") / "p")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    add_files(root, FILES)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "change")
    return root


def _assert_shown(run: Run, leg: str, text: str | None = None) -> None:
    assert run.exception is None and "Traceback" not in run.output, run.output
    assert run.code != 0, f"{leg} passed:\n{run.output}"
    shown = run.output if text is None else text
    missing = [c["description"] for c in CASES if c.get("shown") and c["shown"] not in shown]
    assert missing == [], f"{leg} does not show the escaped value:\n{shown}"


def test_check_prints_no_command(tmp_path: Path) -> None:
    run = check(make_project(tmp_path / "p", FILES))
    assert commands(run.output) == [], run.output
    _assert_shown(run, "check")


def test_build_logs_no_command(tmp_path: Path) -> None:
    run = build(make_project(tmp_path / "p", FILES))
    assert commands(run.output) == [], run.output
    _assert_shown(run, "build")


def test_review_markdown_prints_no_command(reviewed: Path) -> None:
    run = _review(reviewed, "markdown")
    assert commands(run.output) == [], run.output
    soup = BeautifulSoup(markdown.markdown(run.output, extensions=["fenced_code"]), "html.parser")
    _assert_shown(run, "review", soup.get_text())  # as the comment's reader sees it
    code = "\n".join(c.get_text().replace("\u2060", "") for c in soup.find_all("code"))
    for case in CASES:
        assert all(line in code for line in case.get("code", [])), case["description"]


def test_review_json_is_the_same_data_without_commands(reviewed: Path) -> None:
    run = _review(reviewed, "json")
    assert commands(run.output) == [], run.output
    assert run.exception is None and run.code == 1, run.output
    posts = json.loads(run.output)["posts"]
    # Data, not a log: the values read back exactly as written.
    parts = [p for post in posts for v in post["variants"] for p in v["parts"]]
    assert any("\n##[stop-commands]tok" in part for part in parts)
    messages = [p["message"] for post in posts for p in post["problems"]]
    assert any("'x\n::error::pwned'" in m for m in messages)
    assert any("'##[error]pwned'" in m for m in messages)


def test_review_github_annotations_are_the_only_commands(reviewed: Path) -> None:
    run = _review(reviewed, "github")
    lines = run.output.splitlines()
    assert lines and all(ANNOTATION.match(line) for line in lines), run.output
    assert "##[" not in run.output
    _assert_shown(run, "review")


LISTENING = CORPUS / "log-lines" / "listening-plugin.yml"
"""A plugin entry appended to the corpus project's ``mkdocs.yml`` (its first line says why)."""
FEED_NAME = r"Foro\n::error::pwned ##\[add-mask]x"


def test_listening_names_print_no_command(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write(LISTENING.read_text(encoding="utf-8"))
    listened = invoke("listen", str(root), "--offline", "--at", AT)
    built = build(root)
    for run in (listened, built):
        assert run.exception is None and "Traceback" not in run.output, run.output
        assert commands(run.output) == [], run.output
        assert FEED_NAME in run.output, run.output


# Errors that end a command (bad configuration, a bad argument) leave through the command
# group's one exit path; the values they quote are made safe there too.
CLI_ERRORS = {
    "a configuration value quoted in the error": (
        "check",
        {"mkdocs.yml": "timezone: Europe/Madrid\n"},
        "timezone: Europe/Madrid\n::add-mask::tz",
    ),
    "an argument quoted in the error": ("check", {}, None),
}


@pytest.mark.parametrize("case", sorted(CLI_ERRORS))
def test_command_errors_are_not_workflow_commands(case: str, tmp_path: Path) -> None:
    leg, _, hostile = CLI_ERRORS[case]
    root = make_project(tmp_path / "p")
    if hostile is None:  # a path argument whose name carries a command
        target = str(root / "missing\n::error::pwned")
    else:
        config = (root / "mkdocs.yml").read_text("utf-8")
        tz = "timezone: " + json.dumps("Europe/Madrid\n::add-mask::tz")
        (root / "mkdocs.yml").write_text(config.replace("timezone: Europe/Madrid", tz), "utf-8")
        target = str(root)
    run = invoke(leg, target, "--at", AT)
    assert run.code != 0 and run.exception is None, run.output
    assert commands(run.output) == [], run.output
    # Still shown: escaped by the log line, or quoted on one line (its newline as \n).
    shown = ("\\::add-mask::tz", "'Europe/Madrid\\n::add-mask::tz'", "\\n::error::pwned")
    assert any(text in run.output for text in shown), run.output
