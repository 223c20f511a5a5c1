"""Build a :class:`Composer` for a site: the one recipe the plugin, the CLI and review share."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from portavoz.scheduler.compose.settings import SchedulerSettings
from portavoz.scheduler.compose.templates import environment
from portavoz.scheduler.compose.variant import Composer
from portavoz.scheduler.content.settings import SiteSettings
from portavoz.scheduler.content.urls import post_url


def composer_for(
    site: SiteSettings, settings: SchedulerSettings, templates: Path | Mapping[str, str] | None
) -> Composer:
    """A composer with the site's templates (a folder, or name → source at a git revision)."""
    env = environment(templates, shown_as=settings.templates_dir)
    return Composer(site, settings, env, lambda post: post_url(post, site))
