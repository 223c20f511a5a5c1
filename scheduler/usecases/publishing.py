"""``portavoz publish``: the reviewed plan, posted through the configured accounts.

The plan is made by :func:`~portavoz.scheduler.usecases.planning.plan_posts`, the recipe
the build and ``portavoz check`` use, so what is posted is what was reviewed and counted.
"""

from __future__ import annotations

from portavoz.scheduler.base.files import special_files
from portavoz.scheduler.base.problems import ContentError, Problem
from portavoz.scheduler.compose.settings import scheduler_settings
from portavoz.scheduler.content.repository import discover, load_posts
from portavoz.scheduler.content.window import Window
from portavoz.scheduler.project import Project
from portavoz.scheduler.publish.run import Options, Report, publish
from portavoz.scheduler.publish.settings import PLUGIN, PublishSettings, publish_settings
from portavoz.scheduler.usecases.planning import plan_posts


def publishing_settings(project: Project) -> PublishSettings:
    """The project's accounts and ledger (``since`` without an offset: the site's timezone).

    Raises:
        ConfigError: An option cannot be used.
    """
    options = project.options(PLUGIN)
    return publish_settings(options, project.config_file.name, project.settings.timezone)


def publish_project(
    project: Project, settings: PublishSettings, window: Window, options: Options
) -> tuple[Report, list[Problem]]:
    """Plan every post at ``window`` and post what is due.

    Returns:
        What was done, and the problems of posts that could not be read (those are not
        posted; ``portavoz check`` reports them too).

    Raises:
        ConfigError: The scheduler's options cannot be used.
        ContentError: The template overrides hold a link or special file.
        LedgerError: The ledger cannot be read.
    """
    where = project.config_file.name
    scheduling = scheduler_settings(project.options("portavoz/scheduler"), where)
    refused = special_files(project.root, [scheduling.templates_dir])
    if refused:
        raise ContentError(refused)
    site = project.settings
    loaded = load_posts(project.root, site, discover(project.root, site))
    templates = project.root / scheduling.templates_dir
    plan, _ = plan_posts(loaded.posts, window, site, scheduling, templates)
    return publish(plan, settings, project.root, options), list(loaded.problems)
