"""Brand-voice rules over file pairs in cases/: ``<rule>-<case>.md`` ↔ ``<same>.expected.txt``.

An expected file opens with ``# Expect: …`` (what the case checks); each further line is
``severity: path:line: key: message [rule]``, and none means no findings. An optional
``<same>.options.yml`` holds the ``portavoz/scheduler`` options of that
case (its ``lint:`` key and network options); every case reads ``cases/dictionary.txt`` as
its project dictionary. A new case is a new pair of files.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from goldens import check_lines

from portavoz.scheduler.base.problems import Problem
from portavoz.scheduler.compose.settings import scheduler_settings
from portavoz.scheduler.compose.templates import environment
from portavoz.scheduler.compose.variant import Composer
from portavoz.scheduler.content.reader import read_post
from portavoz.scheduler.content.settings import Audience, SiteSettings
from portavoz.scheduler.content.urls import post_url
from portavoz.scheduler.content.validate import build_post
from portavoz.scheduler.lint import lint_post, lint_settings

CASES = Path(__file__).resolve().parent / "cases"
SITE = SiteSettings(
    site_url="https://blog.ruedalibre-demo.es/",
    language="es",
    timezone=ZoneInfo("Europe/Madrid"),
    audiences={
        "general": Audience("general", "Público general"),
        "equipo": Audience("equipo", "Equipo interno", public=False),
    },
    default_audience="general",
)


def shown(problem: Problem) -> str:
    """How an expected file writes a finding."""
    return f"{problem.severity.value}: {problem.format()} [{problem.rule}]"


def options_of(case: Path) -> Mapping[str, object]:
    """The case's plugin options, with the cases' dictionary unless it names another."""
    file = case.with_name(case.stem + ".options.yml")
    options = dict(yaml.safe_load(file.read_text(encoding="utf-8")) or {}) if file.is_file() else {}
    lint = dict(options.get("lint") or {})
    lint.setdefault("dictionary", "dictionary.txt")
    return {**options, "lint": lint}


def lint_case(case: Path) -> list[Problem]:
    """Read, validate, compose and lint one case file as the example site would."""
    path = f"content/blog/posts/{case.name}"
    text = case.read_text(encoding="utf-8")
    raw = read_post(text.encode("utf-8"), path)
    post, problems = build_post(raw, path, f"blog/posts/{case.name}", SITE)
    assert post is not None and not [p for p in problems if p.is_error], problems
    options = options_of(case)
    composer = Composer(
        SITE, scheduler_settings(options), environment(None), lambda p: post_url(p, SITE)
    )
    variants, _ = composer.compose(post)
    settings = lint_settings(options, CASES)
    return lint_post(post, variants, settings, body_line=post.body_line)


@pytest.mark.parametrize("case", sorted(CASES.glob("*.md")), ids=lambda p: p.stem)
def test_lint_case(case: Path) -> None:
    found = [shown(p) for p in lint_case(case)]

    check_lines(case.with_name(case.stem + ".expected.txt"), found)
