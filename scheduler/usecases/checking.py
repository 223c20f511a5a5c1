"""What `portavoz check` verifies beyond front matter: variants and brand voice."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from pathlib import Path

from portavoz.scheduler.base.files import special_files
from portavoz.scheduler.base.problems import Problem
from portavoz.scheduler.compose.plan import Plan, Planned
from portavoz.scheduler.compose.settings import scheduler_settings
from portavoz.scheduler.content.model import Post
from portavoz.scheduler.content.window import Window
from portavoz.scheduler.internal_dirs import Places, misplaced
from portavoz.scheduler.lint import LintSettings, lint_post, lint_settings
from portavoz.scheduler.project import Project
from portavoz.scheduler.usecases import caching
from portavoz.scheduler.usecases.caching import (
    FINDINGS,
    CacheFile,
    CachePlace,
    FindingsCache,
    Uncacheable,
    digest,
    findings_key,
)
from portavoz.scheduler.usecases.planning import plan_posts


def check_variants(
    project: Project,
    posts: Iterable[Post],
    window: Window,
    *,
    lint: bool = True,
    cache: bool = True,
) -> list[Problem]:
    """Compose every variant (too long is an error for posts still to publish) and lint.

    Args:
        project: The project.
        posts: The posts to check.
        window: The moment looked at.
        lint: Run the brand-voice rules.
        cache: Read and keep their findings in the cache of ``output_dir``
            (:mod:`~portavoz.scheduler.usecases.caching`).

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
    place = _project_cache(project, settings.output_dir) if cache else None
    plan, problems = plan_posts(posts, window, project.settings, settings, templates, place)
    if voice is None:
        return problems
    found = CacheFile.open(FINDINGS, place.folder, place.shown) if place is not None else None
    findings = lint_plan(plan, voice, found)
    # Read after linting: an entry of the wrong form is found when it is asked for.
    warning = [found.warning] if found is not None and found.warning is not None else []
    return problems + warning + findings


def _project_cache(project: Project, output_dir: str) -> CachePlace | None:
    """The caches' folder in ``output_dir``; none where a build would refuse that folder."""
    where = project.config_file.name
    root = project.root
    places = Places(root, root / project.settings.docs_dir, root / project.site_dir)
    if misplaced("output_dir", output_dir, places, where) is not None:
        return None  # the build reports it; check must not write where MkDocs publishes
    return CachePlace.of(root, (root / output_dir).resolve())


def open_cache(root: Path, output_dir: Path, *, hold: bool = False) -> FindingsCache:
    """The findings cache of a build whose internal outputs go to ``output_dir`` (absolute);
    ``hold``: saved in this process, not written (see :meth:`CacheFile.open`)."""
    place = CachePlace.of(root, output_dir)
    return CacheFile.open(FINDINGS, place.folder, place.shown, hold=hold)


def lint_plan(plan: Plan, voice: LintSettings, cache: FindingsCache | None = None) -> list[Problem]:
    """The brand-voice findings of every post of a plan, with its variants.

    Args:
        plan: The plan.
        voice: The lint settings.
        cache: Findings of earlier runs: read for unchanged inputs, and saved with this
            run's (the file is written once, here).
    """
    settings = digest(voice) if cache is not None else ""
    problems: list[Problem] = []
    for item in plan.items:
        problems += _lint_item(item, voice, cache, settings)
    if cache is not None:
        cache.save()
    return problems


def _lint_item(
    item: Planned, voice: LintSettings, cache: FindingsCache | None, settings: str
) -> list[Problem]:
    """One post's findings, from the cache when its post, variants and settings are known."""
    if cache is None:
        return lint_post(item.post, item.variants, voice, body_line=item.post.body_line)
    try:
        key = _findings_key(item, settings)
    except Uncacheable:  # a value without a canonical form: never guess a key
        return lint_post(item.post, item.variants, voice, body_line=item.post.body_line)
    found = cache.get(key)
    if found is None:
        found = tuple(lint_post(item.post, item.variants, voice, body_line=item.post.body_line))
        cache.put(key, found)
    return list(found)


def _findings_key(item: Planned, settings: str) -> str:
    """The key of an item's findings under lint settings ``settings`` (a hash).

    The variants' key already stands for the post's bytes and path and for everything that
    composed them; without one, the post and its variants are hashed as they are.

    Raises:
        Uncacheable: A value without a canonical form (only without a variants' key).
    """
    if item.key:
        return _keyed_findings(item.key, settings)
    return findings_key(item.post, item.variants, settings)


@functools.lru_cache(maxsize=100_000)  # mkdocs serve asks for every post after each save
def _keyed_findings(variants_key: str, settings: str) -> str:
    """The key of the findings of a variants' key under lint settings ``settings``: a hash of
    the two texts (hex digits, hashes themselves) and this process's code version, made
    without :func:`findings_key`'s canonical JSON form (a second build asks for 1,000)."""
    text = f"findings\0{caching.code_version()}\0variants-key\0{variants_key}\0{settings}"
    return hashlib.blake2b(text.encode("utf-8"), digest_size=32).hexdigest()
