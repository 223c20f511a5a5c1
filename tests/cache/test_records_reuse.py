"""``mkdocs serve``'s writes take an unchanged variant's record from the last write in the
process, only for the same variants at the same status; the bytes are those of a plain write."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cache_plans import AT, plan

from portavoz.scheduler.compose.plan import Plan, Planned
from portavoz.scheduler.compose.settings import scheduler_settings
from portavoz.scheduler.compose.variant import Variant
from portavoz.scheduler.outputs.schedule import record_text
from portavoz.scheduler.project import load_project
from portavoz.scheduler.usecases import records
from portavoz.scheduler.usecases.scheduling import Scheduling, write_outputs

LATER = "2026-07-01T00:00+02:00"  # the post of 2026-06-16 is live by then


class Rendered:
    """``record_text``, counting the records it renders (by post path and network)."""

    def __init__(self) -> None:
        self.made: list[tuple[str, str]] = []

    def __call__(self, item: Planned, variant: Variant, plan: Plan) -> str:
        self.made.append((item.post.path, variant.network))
        return record_text(item, variant, plan)


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> Rendered:
    counted = Rendered()
    monkeypatch.setattr(records, "record_text", counted)
    monkeypatch.setattr(records, "_LAST", {})  # no other test's records
    return counted


def _write(root: Path, *, at: str = AT, reuse: bool = True) -> dict[str, bytes]:
    """Plan at ``at`` (through the variants' cache) and write the internal outputs."""
    project = load_project(root / "mkdocs.yml")
    options = project.options("portavoz/scheduler")
    settings = scheduler_settings(options, "mkdocs.yml", language=project.settings.language)
    output = (root / settings.output_dir).resolve()
    scheduling = Scheduling(settings, root, output, root / settings.templates_dir)
    made, _ = plan(root, at=at)
    write_outputs(made, scheduling, reuse=reuse)
    files = [output / "schedule.json", *sorted((output / "variants").rglob("*.json"))]
    return {p.relative_to(output).as_posix(): p.read_bytes() for p in files}


def test_a_second_write_renders_no_record_and_writes_the_same_bytes(
    example_site: Path, rendered: Rendered
) -> None:
    plain = _write(example_site, reuse=False)
    first = _write(example_site)
    assert len(rendered.made) == len(set(rendered.made)) > 1
    rendered.made.clear()

    second = _write(example_site)

    assert rendered.made == []
    assert second == first == plain


def _statuses(written: dict[str, bytes]) -> dict[tuple[str, str], str]:
    """Each variant's status in ``schedule.json``, by post path and network."""
    posts = json.loads(written["schedule.json"])["posts"]
    return {(p["post"], v["network"]): v["status"] for p in posts for v in p["variants"]}


def test_a_variant_whose_status_changed_is_rendered_again(
    example_site: Path, rendered: Rendered
) -> None:
    plain = _write(example_site, at=LATER, reuse=False)
    before = _statuses(_write(example_site))
    rendered.made.clear()

    later = _write(example_site, at=LATER)

    assert later == plain
    after = _statuses(later)
    assert set(rendered.made) == {k for k in after if after[k] != before.get(k)}
    assert any("reservas" in path for path, _ in rendered.made)  # scheduled, then live


def test_a_changed_post_is_rendered_again(example_site: Path, rendered: Rendered) -> None:
    _write(example_site)
    post = sorted((example_site / "content/blog/posts").glob("*reservas*.md"))[0]
    text = post.read_text(encoding="utf-8")
    post.write_text(text.replace("title: ", "title: Nuevo dato, ", 1), encoding="utf-8")
    rendered.made.clear()

    written = _write(example_site)

    assert {path for path, _ in rendered.made} == {post.relative_to(example_site).as_posix()}
    assert written == _write(example_site, reuse=False)
    assert b"Nuevo dato, " in written["schedule.json"]


def test_a_plain_write_keeps_no_record(example_site: Path, rendered: Rendered) -> None:
    _write(example_site, reuse=False)
    rendered.made.clear()

    _write(example_site)

    assert rendered.made and records._LAST
