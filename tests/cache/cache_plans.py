"""Plans of the example site made through the variants' cache, as check and the build make them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from portavoz.scheduler.base.problems import Problem
from portavoz.scheduler.compose.plan import Plan
from portavoz.scheduler.compose.settings import scheduler_settings
from portavoz.scheduler.content.repository import load_posts
from portavoz.scheduler.project import build_window, load_project
from portavoz.scheduler.usecases.caching import CachePlace
from portavoz.scheduler.usecases.scheduling import Scheduling, plan_posts

AT = "2026-06-01T00:00+02:00"


def plan(
    root: Path, *, cache: bool = True, at: str = AT, warn: Callable[[Problem], None] | None = None
) -> tuple[Plan, list[str]]:
    """The example's plan at ``at`` (through ``.portavoz/cache`` unless ``cache`` is false),
    and its problems as printed; with ``warn``, as the build makes it (a cached post's
    variants decoded when asked for, ``warn`` told of a malformed one then)."""
    project = load_project(root / "mkdocs.yml")
    options = project.options("portavoz/scheduler")
    settings = scheduler_settings(options, "mkdocs.yml", language=project.settings.language)
    loaded = load_posts(project.root, project.settings)
    window = build_window(project.settings, project.pause_options, at=at)
    place = CachePlace.of(root, (root / settings.output_dir).resolve()) if cache else None
    templates = root / settings.templates_dir
    made, problems = plan_posts(
        loaded.posts, window, project.settings, settings, templates, place, warn
    )
    return made, [p.format() for p in problems]


def scheduling_of(root: Path) -> Scheduling:
    """What portavoz/scheduler writes the example's outputs with (its options, folders)."""
    project = load_project(root / "mkdocs.yml")
    options = project.options("portavoz/scheduler")
    settings = scheduler_settings(options, "mkdocs.yml", language=project.settings.language)
    output = (root / settings.output_dir).resolve()
    return Scheduling(settings, root, output, root / settings.templates_dir)


def outputs_tree(folder: Path) -> dict[str, bytes]:
    """Every output under ``folder`` but the caches, by relative path."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.relative_to(folder).parts[0] not in ("cache", "listening")
    }


def texts(made: Plan) -> dict[str, dict[str, str]]:
    """Each post's variants' texts, by path and network."""
    return {i.post.path: {v.network: v.text for v in i.variants} for i in made.items}


def cache_file(root: Path) -> Path:
    return root / ".portavoz" / "cache" / "variants.json"


def build_in_process(root: Path, command: str, monkeypatch: pytest.MonkeyPatch) -> MkDocsConfig:
    """An in-process build at :data:`AT`, as ``mkdocs build`` (or ``mkdocs serve``'s first
    build, for ``command`` ``"serve"``) makes it; its configuration, for what plugins left."""
    for name in ("PORTAVOZ_PAUSE", "PORTAVOZ_PAUSE_SINCE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PORTAVOZ_NOW", AT)
    monkeypatch.chdir(root)
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    config.plugins.on_startup(command=command, dirty=False)
    mkdocs_build(config)
    return config
