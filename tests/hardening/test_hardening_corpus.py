"""Every broken post or config in ``corpus/`` fails cleanly in ``portavoz check``,
``portavoz review`` and ``mkdocs build --strict``: exit code not 0, the expected message (file
and problem), and no traceback. Valid-but-unusual files (BOM, CRLF, naive and offset dates)
pass all three. See ``hardening_corpus.py`` for the file layout.

Builds are the slow leg (seconds each), so every post case goes into one build (the site
plugin reports all post errors at once) and only config cases get a build of their own.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hardening_corpus import (
    CORPUS,
    GENERATED,
    Case,
    Run,
    build,
    check,
    config_cases,
    listen,
    make_project,
    post_cases,
    review,
    valid_files,
    with_files,
)

POST_CASES = post_cases()
CONFIG_CASES = config_cases()


def assert_fails_cleanly(run: Run, case: Case, leg: str) -> None:
    assert run.exception is None, f"{leg} raised {run.exception!r}\n{run.output}"
    assert "Traceback" not in run.output, run.output
    assert run.code != 0, f"{leg} passed:\n{run.output}"
    missing = [line for line in case.lines_for(leg) if line not in run.output]
    assert missing == [], f"{leg} output lacks the expected lines:\n{run.output}"


@pytest.fixture(scope="session")
def all_posts_build(tmp_path_factory: pytest.TempPathFactory) -> Run:
    files: dict[str, bytes] = {}
    for case in POST_CASES:
        files.update(with_files(case).files)
    return build(make_project(tmp_path_factory.mktemp("corpus") / "all", files))


@pytest.mark.parametrize("case", POST_CASES, ids=lambda c: c.name)
def test_bad_post_fails_check(case: Case, tmp_path: Path) -> None:
    case = with_files(case)
    assert_fails_cleanly(check(make_project(tmp_path / "p", case.files)), case, "check")


@pytest.mark.parametrize("case", POST_CASES, ids=lambda c: c.name)
def test_bad_post_fails_review(case: Case, tmp_path: Path) -> None:
    case = with_files(case)
    assert_fails_cleanly(review(make_project(tmp_path / "p"), case.files), case, "review")


@pytest.mark.parametrize("case", POST_CASES, ids=lambda c: c.name)
def test_bad_post_fails_build(case: Case, all_posts_build: Run) -> None:
    assert_fails_cleanly(all_posts_build, case, "build")


@pytest.mark.parametrize("leg", ["check", "review", "listen", "build"])
@pytest.mark.parametrize("case", CONFIG_CASES, ids=lambda c: c.name)
def test_bad_config_fails(case: Case, leg: str, tmp_path: Path) -> None:
    case = with_files(case)
    if leg == "review":  # the base commit has the good config; the change breaks it
        run = review(make_project(tmp_path / "p"), case.files)
    else:
        leg_run = {"check": check, "listen": listen, "build": build}[leg]
        run = leg_run(make_project(tmp_path / "p", case.files))
    assert_fails_cleanly(run, case, leg)


def test_valid_posts_pass_everywhere(tmp_path: Path) -> None:
    files = valid_files()
    runs = {
        "check": check(make_project(tmp_path / "check", files)),
        "review": review(make_project(tmp_path / "review"), files),
        "build": build(make_project(tmp_path / "build", files)),
    }
    for leg, run in runs.items():
        assert (run.code, run.exception) == (0, None), f"{leg}:\n{run.output}"
    assert f"checked {len(files) + 1} posts ({len(files) + 1} live): 0 errors" in (
        runs["check"].output
    )


def test_every_case_has_its_input_and_expectation() -> None:
    posts = CORPUS / "posts"
    inputs = {p.name.removesuffix(".md") for p in posts.iterdir() if not p.name.endswith(".txt")}
    expected = {c.name for c in POST_CASES}
    assert inputs | set(GENERATED) == expected
    configs = {p.stem for p in (CORPUS / "config").glob("*.yml")}
    assert configs == {c.name for c in CONFIG_CASES}
    assert all(c.expected for c in [*POST_CASES, *CONFIG_CASES])
    unstated = [c.name for c in [*POST_CASES, *CONFIG_CASES] if not c.expect]
    assert unstated == [], "cases without a '# Expect: …' first line"
