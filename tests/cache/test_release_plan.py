"""A plain ``mkdocs build`` writes its internal outputs at the end of ``on_files`` and lets go
of its plan (every post's variants) before Material renders the pages, which then reuse its
memory; ``mkdocs serve`` keeps the plan and writes nothing while it serves: it writes the
outputs when it stops. Both write the same files."""

from __future__ import annotations

import gc
import shutil
import weakref
from pathlib import Path
from typing import Any

import pytest
from cache_plans import build_in_process
from mkdocs.commands import build as mkdocs_build

from portavoz.plugins import scheduler
from portavoz.plugins.scheduler import SchedulerPlugin
from portavoz.scheduler.base.problems import Problem
from portavoz.scheduler.compose.plan import Plan

OUTPUTS = Path(".portavoz")


def _seen_while_rendering(monkeypatch: pytest.MonkeyPatch) -> list[tuple[bool, bool]]:
    """For each page Material renders: whether ``schedule.json`` was written by then (the
    build's folder is the cwd), and whether the build's plan was still alive."""
    plans: list[weakref.ref[Plan]] = []
    plan_build = scheduler.plan_build

    def planned(*args: Any, **kwargs: Any) -> tuple[Plan, list[Problem]]:
        made = plan_build(*args, **kwargs)
        plans.append(weakref.ref(made[0]))
        return made

    seen: list[tuple[bool, bool]] = []
    render = mkdocs_build._build_page

    def build_page(*args: Any, **kwargs: Any) -> None:
        if not seen:  # whatever a cycle still held is gone by the first page
            gc.collect()
        seen.append(((OUTPUTS / "schedule.json").is_file(), plans[-1]() is not None))
        render(*args, **kwargs)

    monkeypatch.setattr(scheduler, "plan_build", planned)
    monkeypatch.setattr(mkdocs_build, "_build_page", build_page)
    return seen


def _scheduler(root: Path, command: str, monkeypatch: pytest.MonkeyPatch) -> SchedulerPlugin:
    shutil.rmtree(root / OUTPUTS, ignore_errors=True)
    plugin = build_in_process(root, command, monkeypatch).plugins["portavoz/scheduler"]
    assert isinstance(plugin, SchedulerPlugin)
    return plugin


def _stopped(plugin: SchedulerPlugin) -> None:
    """What ``mkdocs serve`` does when it stops (its plugins' ``on_shutdown``)."""
    plugin.on_shutdown()


def _written(root: Path) -> dict[str, bytes]:
    """Every internal output but the caches (the manifest holds each file's stat)."""
    folder = root / OUTPUTS
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.relative_to(folder).parts[0] != "cache"
    }


def test_a_plain_build_writes_before_the_pages_and_renders_them_without_its_plan(
    example_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = _seen_while_rendering(monkeypatch)

    plugin = _scheduler(example_site, "build", monkeypatch)

    assert plugin.plan is None
    assert seen and all(written and not alive for written, alive in seen), seen[:3]


def test_serve_keeps_the_plan_writes_when_it_stops_and_writes_the_same_files(
    example_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _scheduler(example_site, "build", monkeypatch)
    plain = _written(example_site)
    seen = _seen_while_rendering(monkeypatch)

    plugin = _scheduler(example_site, "serve", monkeypatch)

    assert plugin.plan is not None and any(i.variants for i in plugin.plan.items)
    assert seen and not any(written for written, _ in seen)
    assert all(alive for _, alive in seen)
    assert not (example_site / OUTPUTS / "schedule.json").exists()  # nor after the pages
    _stopped(plugin)
    assert "schedule.json" in plain and _written(example_site) == plain
