"""The plan of a set of posts, through the variants' cache: the one recipe of the build and
``portavoz check``.

Apart from :mod:`~portavoz.scheduler.usecases.scheduling` (the build's outputs and feeds),
so that ``portavoz check`` does not import the output writers (iCalendar's among them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from portavoz.scheduler.base.problems import Problem
from portavoz.scheduler.compose.factory import composer_for
from portavoz.scheduler.compose.plan import Plan, make_plan
from portavoz.scheduler.compose.settings import SchedulerSettings
from portavoz.scheduler.content.model import Post
from portavoz.scheduler.content.settings import SiteSettings
from portavoz.scheduler.content.window import Window
from portavoz.scheduler.usecases.caching import CachePlace
from portavoz.scheduler.usecases.composing_cache import open_compose_cache


def plan_posts(
    posts: Iterable[Post],
    window: Window,
    site: SiteSettings,
    settings: SchedulerSettings,
    templates: Path | Mapping[str, str] | None,
    cache: CachePlace | None = None,
    warn: Callable[[Problem], None] | None = None,
    *,
    hold: bool = False,
) -> tuple[Plan, list[Problem]]:
    """Compose every post's variants with the site's templates and classify it at ``window``.

    Args:
        posts: The posts.
        window: The moment looked at.
        site: The site's settings.
        settings: The scheduler's options.
        templates: The override folder, or name → source (a git revision), or none.
        cache: Where the variants of unchanged posts are read from and this run's are
            kept (:mod:`~portavoz.scheduler.usecases.composing_cache`); none: compose all.
        warn: Told of a stored entry found malformed only when its variants are first
            asked for, after this returned (it is composed again then). Given, the cache's
            variants are decoded only when asked for (a build asks for few); none: each as
            it is read, a malformed one reported in the problems returned.
        hold: The cache is saved in this process, not written, until
            :func:`~portavoz.scheduler.usecases.caching.write_held` (``mkdocs serve``).

    Returns:
        The plan, and the problems found (with one warning for an unusable cache file).
    """
    composer = composer_for(site, settings, templates)
    if cache is None:
        return make_plan(posts, window, site, composer)
    results = open_compose_cache(
        cache.folder, cache.shown, site, settings, templates, warn, hold=hold
    )
    plan, problems = make_plan(posts, window, site, composer, results)
    if results is None:
        return plan, problems
    results.save()
    warning = results.file.warning
    return plan, problems if warning is None else [warning, *problems]
