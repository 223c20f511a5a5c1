"""``portavoz/scheduler``'s build: its checks at the start, the plan, the feeds, the outputs.

The plan is made by :func:`~portavoz.scheduler.usecases.planning.plan_posts`, the one recipe
``portavoz check`` uses too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from portavoz.scheduler.base.problems import Problem
from portavoz.scheduler.compose.plan import Plan, Planned
from portavoz.scheduler.compose.settings import SchedulerSettings
from portavoz.scheduler.internal_dirs import Places
from portavoz.scheduler.outputs.feedset import Feed, site_feed
from portavoz.scheduler.outputs.internal import write_internal
from portavoz.scheduler.project import ConfigError
from portavoz.scheduler.usecases.caching import CachePlace
from portavoz.scheduler.usecases.folders import internal_folders, refuse_special_files
from portavoz.scheduler.usecases.planning import plan_posts
from portavoz.scheduler.usecases.records import output_key, pause_text, record_key
from portavoz.scheduler.usecases.state import BuildState
from portavoz.scheduler.usecases.subscribing import head_links
from portavoz.scheduler.usecases.written import WrittenFiles

SITE_URL_NEEDED = (
    "portavoz/scheduler: set site_url in mkdocs.yml; social posts and feeds link "
    "to absolute URLs (e.g. site_url: https://blog.example.com/)"
)


@dataclass(frozen=True)
class Scheduling:
    """What ``portavoz/scheduler`` works with through one build, checked when it starts.

    Attributes:
        settings: The scheduler's options.
        root: The project root (folder of ``mkdocs.yml``).
        output_dir: Folder of the internal outputs (absolute).
        templates_dir: Folder of the template overrides (absolute).
    """

    settings: SchedulerSettings
    root: Path
    output_dir: Path
    templates_dir: Path


def start_scheduling(
    settings: SchedulerSettings, *, site_url: str, places: Places, where: str
) -> Scheduling:
    """Check what a build with social posts and feeds needs before any post is read.

    Args:
        settings: The scheduler's options.
        site_url: MkDocs' ``site_url`` (social posts and feeds link absolute URLs).
        places: The build's folders.
        where: Config file named in messages.

    Raises:
        ConfigError: ``site_url`` is not set.
        ContentError: ``output_dir`` would be published, or the template overrides hold a
            link or special file.
    """
    if not site_url:
        raise ConfigError(SITE_URL_NEEDED)
    output_dir = internal_folders(places, {"output_dir": settings.output_dir}, where)
    templates_dir = places.root / settings.templates_dir
    refuse_special_files(places.root, [str(templates_dir)])
    return Scheduling(settings, places.root, output_dir["output_dir"], templates_dir)


def plan_build(
    state: BuildState,
    scheduling: Scheduling,
    *,
    cache: bool = True,
    warn: Callable[[Problem], None] | None = None,
    hold: bool = False,
) -> tuple[Plan, list[Problem]]:
    """The plan of this build, from the posts ``portavoz/site`` read.

    Args:
        state: The build state, with the posts read.
        scheduling: What the scheduler works with.
        cache: Read and keep variants in the cache of ``output_dir``.
        warn: Told of a cached entry found malformed later, when its variants are first
            asked for (:func:`~portavoz.scheduler.usecases.planning.plan_posts`).
        hold: Keep the cache's new entries in this process instead of writing them
            (``mkdocs serve``, which writes them when it stops).
    """
    return plan_posts(
        state.read_posts(),
        state.window,
        state.settings,
        scheduling.settings,
        scheduling.templates_dir,
        CachePlace.of(scheduling.root, scheduling.output_dir) if cache else None,
        warn,
        hold=hold,
    )


def feed_links(feeds: Iterable[Feed]) -> list[dict[str, str]]:
    """Autodiscovery ``<link rel="alternate">`` attributes of the site feed, one per format."""
    feed = site_feed(list(feeds))
    return head_links([feed]) if feed is not None else []


def write_outputs(
    plan: Plan,
    scheduling: Scheduling,
    *,
    warn: Callable[[Problem], None] | None = None,
) -> int:
    """Write the internal outputs; returns how many files changed.

    The variant files' manifest (:mod:`~portavoz.scheduler.usecases.written`) spares a build
    reading unchanged files and rendering unchanged records again.

    Args:
        plan: The plan.
        scheduling: What the scheduler works with.
        warn: Told once when the manifest on disk was unusable (it is written again).

    Raises:
        WriteError: A file could not be written (the old ones are still there).
    """
    days = scheduling.settings.calendar_days
    stamps = WrittenFiles.open(scheduling.root, scheduling.output_dir)
    made: dict[tuple[int, str], str] = {}

    def key_of(item: Planned, network: str) -> str:
        # Asked for schedule.json's key and again for each record: made once (the plan
        # holds every item while it is written, so an id names one).
        found = made.get((id(item), network))
        if found is None:
            found = made[id(item), network] = record_key(item, network, plan)
        return found

    changed = write_internal(
        plan,
        scheduling.output_dir,
        days,
        stamps=stamps,
        key_of=key_of,
        schedule_key=schedule_key(plan, key_of),
    )
    stamps.save()
    if stamps.warning is not None and warn is not None:
        warn(stamps.warning)
    return changed


def schedule_key(plan: Plan, key_of: Callable[[Planned, str], str]) -> str:
    """The key of ``schedule.json``: the clock and pause of its head, and each post's
    variants' key (its file and everything that composed it), status, URL and records' keys
    (:func:`~portavoz.scheduler.usecases.records.record_key`); ``""`` when a post has none."""
    parts = ["schedule/1", plan.window.now.isoformat(), str(plan.site.timezone), pause_text(plan)]
    for item in plan.items:
        keys = [key_of(item, n) for n in item.networks]
        if not item.key or not all(keys):
            return ""
        parts += [item.key, item.status.value, item.url, *keys]
    return output_key("\0".join(parts))
