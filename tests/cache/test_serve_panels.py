"""``mkdocs serve``'s panels: a rebuild takes the last build's panel of a post only for the same
variants, status, date, problems, network names, timezone and language (issue 16).

A taken panel is recognised by identity (the very object the last preview made); every panel
is also compared with :func:`social_panel` called directly, the reference path.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace
from typing import cast
from zoneinfo import ZoneInfo

import pytest
from cache_plans import plan

from portavoz.scheduler.base.kept import LastBuild
from portavoz.scheduler.base.problems import Problem, Severity
from portavoz.scheduler.compose.plan import Plan, Planned, Variants
from portavoz.scheduler.compose.settings import SchedulerSettings
from portavoz.scheduler.content.window import Status
from portavoz.scheduler.i18n import Messages, messages
from portavoz.scheduler.site.preview import Panel, social_panel
from portavoz.scheduler.usecases import previewing
from portavoz.scheduler.usecases.previewing import Preview

LABELS = {"x": "X", "mastodon": "Mastodon", "bluesky": "Bluesky", "instagram": "Instagram"}


@pytest.fixture(autouse=True)
def _no_kept_panels(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(previewing, "_PANELS", LastBuild())  # no other test's panels


@pytest.fixture
def made(example_site: Path) -> Plan:
    return plan(example_site, cache=False)[0]


def _settings(labels: dict[str, str]) -> SchedulerSettings:
    networks = {name: SimpleNamespace(label=label) for name, label in labels.items()}
    return cast(SchedulerSettings, SimpleNamespace(networks=networks))


def _preview(
    made: Plan,
    problems: tuple[Problem, ...] = (),
    labels: dict[str, str] = LABELS,
    texts: Messages | None = None,
) -> Preview:
    return Preview(made, problems, _settings(labels), texts or messages("es"))


def _panels(preview: Preview) -> dict[str, Panel | None]:
    return {i.post.src_uri: preview.panel(i.post.path, i.post.src_uri) for i in preview.plan.items}


def _reference(preview: Preview, item: Planned) -> Panel:
    """The panel made directly, without the previews' memo."""
    found = [p for p in preview.problems if p.path == item.post.path]
    zone = preview.plan.site.timezone
    return social_panel(item, found, preview.texts, zone=zone, labels=dict(preview._labels))


def _changed(first: dict[str, Panel | None], later: Preview) -> set[str]:
    """The posts whose panel ``later`` made anew (each equal to the reference)."""
    after = _panels(later)
    for item in later.plan.items:
        assert after[item.post.src_uri] == _reference(later, item)
    return {uri for uri, panel in after.items() if panel is not first[uri]}


def _one_item(made: Plan, change: Callable[[Planned], Planned]) -> tuple[Plan, str]:
    item = next(i for i in made.items if len(i.variants) > 1)
    items = tuple(change(i) if i is item else i for i in made.items)
    return replace(made, items=items), item.post.src_uri


def test_the_next_build_takes_every_panel_of_the_same_inputs(made: Plan) -> None:
    first = _panels(_preview(made))

    assert _changed(first, _preview(made)) == set()
    assert len(first) > 10


def test_other_variants_make_that_panel_again(made: Plan) -> None:
    first = _panels(_preview(made))
    shorter, uri = _one_item(made, lambda i: replace(i, composed=Variants.of(i.variants[1:])))

    assert _changed(first, _preview(shorter)) == {uri}


def test_another_status_makes_that_panel_again(made: Plan) -> None:
    first = _panels(_preview(made))
    held, uri = _one_item(made, lambda i: replace(i, status=Status.HELD))

    assert _changed(first, _preview(held)) == {uri}


def test_another_date_makes_that_panel_again(made: Plan) -> None:
    first = _panels(_preview(made))
    hours = dt.timedelta(hours=2)
    moved, uri = _one_item(
        made, lambda i: replace(i, post=replace(i.post, date=i.post.date + hours))
    )

    assert _changed(first, _preview(moved)) == {uri}


def test_a_new_problem_makes_that_panel_again(made: Plan) -> None:
    first = _panels(_preview(made))
    item = made.items[0]
    found = Problem(item.post.path, 3, "title", "a typo", Severity.WARNING, "spelling")

    assert _changed(first, _preview(made, (found,))) == {item.post.src_uri}


def test_other_network_names_timezone_or_language_make_every_panel_again(made: Plan) -> None:
    first = _panels(_preview(made))
    canary = replace(made, site=replace(made.site, timezone=ZoneInfo("Atlantic/Canary")))
    every = set(first)

    assert _changed(first, _preview(made, labels={**LABELS, "x": "Twitter"})) == every
    assert _changed(first, _preview(canary)) == every
    assert _changed(first, _preview(made, texts=messages("en"))) == every


def test_only_the_last_builds_panels_are_kept(made: Plan) -> None:
    first = _panels(_preview(made))
    _panels(_preview(made, texts=messages("en")))  # a build in English asks for none of them

    assert _changed(first, _preview(made)) == set(first)


def test_a_page_that_is_no_post_is_asked_for_its_file_only_when_a_problem_may_name_it(
    made: Plan,
) -> None:
    item = made.items[0]
    assert _preview(made).post_file(item.post.src_uri) == item.post.path
    assert _preview(made).post_file("index.md") is None
    on_post = Problem(item.post.path, 3, "title", "too long")
    assert not _preview(made, (on_post,)).problems_elsewhere
    rejected = Problem("content/blog/posts/roto.md", 1, "date", "not a date")
    elsewhere = _preview(made, (on_post, rejected))
    assert elsewhere.problems_elsewhere
    panel = elsewhere.panel(rejected.path, "blog/posts/roto.md")
    assert panel is not None and panel == social_panel(None, (rejected,), elsewhere.texts,
        zone=made.site.timezone, labels=dict(elsewhere._labels))  # fmt: skip
