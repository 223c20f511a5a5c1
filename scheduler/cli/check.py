"""``portavoz check``: validate every post without building the site."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click

from portavoz.scheduler.base.files import special_files
from portavoz.scheduler.cli.common import (
    at_option,
    config_option,
    echo_problems,
    open_project,
    path_argument,
)
from portavoz.scheduler.content.repository import discover, load_posts
from portavoz.scheduler.content.settings import SiteSettings
from portavoz.scheduler.project import ConfigError, build_window, language_problem
from portavoz.scheduler.usecases.checking import check_variants


@click.command("check")
@path_argument
@config_option
@at_option
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option(
    "--no-lint", "no_lint", is_flag=True, help="Skip the brand-voice rules (spelling, neutrality…)."
)
@click.option(
    "--no-cache",
    "no_cache",
    is_flag=True,
    help="Compose and lint every post again, neither reading nor writing the variants "
    "and findings caches (<output_dir>/cache/).",
)
@click.pass_context
def command(
    ctx: click.Context,
    path: Path | None,
    config_file: Path | None,
    at: str | None,
    strict: bool,
    no_lint: bool,
    no_cache: bool,
) -> None:
    """Validate posts (all, or those under PATH) and exit non-zero on errors."""
    project = open_project(path, config_file)
    try:
        window = build_window(project.settings, project.pause_options, at=at)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    files = _selected(project.root, project.settings, path)
    loaded = load_posts(project.root, project.settings, files)
    try:
        # Posts with errors are composed and linted too: every problem shows in one run.
        checked = [*loaded.posts, *loaded.rejected]
        found = check_variants(project, checked, window, lint=not no_lint, cache=not no_cache)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    refused = special_files(project.root, [project.settings.docs_dir, project.theme_dir])
    # portavoz's own texts fall back to English: warned once, as the build does.
    language = [p for p in [language_problem(project.settings, project.config_file.name)] if p]
    # A linked post is reported by the walk and by its reader alike: print it once.
    errors, warnings = echo_problems(dict.fromkeys([*language, *refused, *loaded.problems, *found]))
    statuses = Counter(window.status(p, project.settings).value for p in loaded.posts)
    summary = ", ".join(f"{n} {s}" for s, n in sorted(statuses.items()))
    click.echo(
        f"checked {len(files)} posts ({summary or 'none valid'}): "
        f"{errors} errors, {warnings} warnings"
    )
    ctx.exit(1 if errors or (strict and warnings) else 0)


def _selected(root: Path, settings: SiteSettings, path: Path | None) -> list[Path]:
    every = discover(root, settings)
    if path is None or path.resolve() == root or path.suffix in {".yml", ".yaml"}:
        return every
    if not path.is_dir():  # a post, or a link or special file: reading it reports which
        return [path.absolute()]
    target = path.resolve()
    return [p for p in every if target in p.resolve().parents]
