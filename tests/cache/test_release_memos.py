"""A plain ``mkdocs build`` lets go of composing's and linting's memos once its plan is linted;
``mkdocs serve`` keeps them (and the cache files it read, held to be written when it stops) for
its next rebuild. Releasing never changes a result: what is computed again equals what the
memos held."""

from __future__ import annotations

from pathlib import Path

import pytest
from cache_plans import build_in_process, plan, texts

from portavoz.scheduler.compose.plan import Plan
from portavoz.scheduler.lint import lint_settings
from portavoz.scheduler.project import load_project
from portavoz.scheduler.usecases import caching
from portavoz.scheduler.usecases.checking import lint_plan
from portavoz.scheduler.usecases.releasing import memos, release_memos


def _build(root: Path, command: str, monkeypatch: pytest.MonkeyPatch) -> None:
    build_in_process(root, command, monkeypatch)


def _remembered() -> set[str]:
    return {path.name for path, _ in caching._MEMO}


def _held_files() -> set[str]:
    return {path.name for path, _ in caching._HELD}


def _held() -> int:
    return sum(memo.cache_info().currsize for memo in memos())  # type: ignore[attr-defined]


def test_a_plain_build_keeps_no_memo_nor_the_caches_it_planned_and_linted_with(
    example_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _build(example_site, "build", monkeypatch)

    assert (example_site / ".portavoz" / "cache" / "variants.json").is_file()
    assert not {"variants.json", "lint.json"} & _remembered()
    assert _held() == 0


def test_serve_keeps_the_memos_and_the_cache_files_it_read(
    example_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(caching, "_HELD", {})  # what this serve holds, gone with the test
    _build(example_site, "serve", monkeypatch)

    assert {"variants.json", "lint.json"} <= _held_files()
    assert _held() > 0


def _findings(root: Path, made: Plan) -> list[str]:
    project = load_project(root / "mkdocs.yml")
    voice = lint_settings(project.options("portavoz/scheduler"), root, "mkdocs.yml")
    return [p.format() for p in lint_plan(made, voice)]


def test_what_is_computed_after_a_release_equals_what_the_memos_gave(example_site: Path) -> None:
    post = next((example_site / "content" / "blog" / "posts").glob("*.md"))
    post.write_text(post.read_text(encoding="utf-8") + "\nUna bicicleta electrica nueba.\n")
    made, problems = plan(example_site, cache=False)
    found = _findings(example_site, made)
    assert _held() > 0 and found

    release_memos()
    assert _held() == 0
    again, problems_again = plan(example_site, cache=False)

    assert texts(again) == texts(made) and problems_again == problems
    assert _findings(example_site, again) == found
