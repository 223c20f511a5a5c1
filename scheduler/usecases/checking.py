"""What `portavoz check` verifies beyond front matter: variants and brand voice."""

from __future__ import annotations

from collections.abc import Iterable

from portavoz.scheduler.base.files import special_files
from portavoz.scheduler.base.problems import Problem
from portavoz.scheduler.compose.plan import Plan
from portavoz.scheduler.compose.settings import scheduler_settings
from portavoz.scheduler.content.model import Post
from portavoz.scheduler.content.window import Window
from portavoz.scheduler.lint import LintSettings, lint_post, lint_settings
from portavoz.scheduler.project import Project
from portavoz.scheduler.usecases.scheduling import plan_posts


def check_variants(
    project: Project, posts: Iterable[Post], window: Window, *, lint: bool = True
) -> list[Problem]:
    """Compose every variant (too long is an error for posts still to publish) and lint.

    Raises:
        ConfigError: The scheduler or lint options cannot be used.
    """
    options = project.options("portavoz/scheduler")
    where = project.config_file.name
    settings = scheduler_settings(options, where, language=project.settings.language)
    voice = lint_settings(options, project.root, where) if lint else None
    refused = special_files(project.root, [settings.templates_dir])
    if refused:  # composing would report the same override again for every post
        return refused
    templates = project.root / settings.templates_dir
    plan, problems = plan_posts(posts, window, project.settings, settings, templates)
    return problems + (lint_plan(plan, voice) if voice is not None else [])


def lint_plan(plan: Plan, voice: LintSettings) -> list[Problem]:
    """The brand-voice findings of every post of a plan, with its variants."""
    problems: list[Problem] = []
    for item in plan.items:
        problems += lint_post(item.post, item.variants, voice, body_line=item.post.body_line)
    return problems
