"""schedule.json is made without holding the whole document as text (issue 16, build memory).

A schedule of the example site with an emoji in a title (so a ``str`` of it would take four
bytes a character) is read back with ``json.loads`` and compared with ``json.dumps``' bytes;
its making is traced with :mod:`tracemalloc` (a count of bytes, not a time).
"""

from __future__ import annotations

import datetime as dt
import json
import tracemalloc
from dataclasses import replace
from pathlib import Path

from portavoz.scheduler.compose.settings import scheduler_settings
from portavoz.scheduler.content.repository import discover, load_posts
from portavoz.scheduler.content.window import Window
from portavoz.scheduler.outputs.schedule import schedule_json, variant_records
from portavoz.scheduler.project import load_project
from portavoz.scheduler.usecases.scheduling import plan_posts

REPO = Path(__file__).resolve().parents[2]
NOW = dt.datetime(2026, 6, 1, 8, tzinfo=dt.UTC)


def test_schedule_json_is_json_dumps_and_never_several_times_its_size() -> None:
    project = load_project(REPO / "mkdocs.yml")
    loaded = load_posts(project.root, project.settings, discover(project.root, project.settings))
    posts = [replace(p, title=f"{p.title} 🚲") for p in loaded.posts] * 20  # a large schedule
    settings = scheduler_settings(project.options("portavoz/scheduler"))
    plan, _ = plan_posts(posts, Window(NOW), project.settings, settings, None)
    records = variant_records(plan)
    tracemalloc.start()
    try:
        made = schedule_json(plan, records)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    expected = json.dumps(json.loads(made), ensure_ascii=False, indent=2) + "\n"
    assert made == expected.encode("utf-8")
    assert "🚲" in made.decode("utf-8")
    # json.dumps' text took about 8 times the file (a list of every token, then a 4-byte-a-
    # character str); the bytes and their pieces take about twice.
    assert peak < 3 * len(made), (peak, len(made))
