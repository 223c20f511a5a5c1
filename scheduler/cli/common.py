"""What every command shares: finding the project and printing problems."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import click

from portavoz.scheduler.base.problems import Problem
from portavoz.scheduler.internal_dirs import Places, project_problems
from portavoz.scheduler.project import (
    ConfigError,
    Project,
    check_plugin_options,
    find_config,
    load_project,
)


def open_project(path: Path | None, config_file: Path | None) -> Project:
    """Load the project at ``path`` (or its ``mkdocs.yml``), as a click error when it fails."""
    try:
        found = config_file or find_config(path or Path.cwd())
        project = load_project(found)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    refuse_bad_options(project)
    return project


def refuse_bad_options(project: Project) -> None:
    """Stop, naming every key path, when a plugin option cannot be used (as a build would)."""
    try:
        check_plugin_options(project)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    refuse_public_internal_dirs(project)


def refuse_public_internal_dirs(project: Project) -> None:
    """Stop, naming the option, when an internal folder is where MkDocs would publish it."""
    root = project.root
    places = Places(root, root / project.settings.docs_dir, root / project.site_dir)
    problems = project_problems(project.plugins, places, project.config_file.name)
    if problems:
        raise click.ClickException("\n".join(p.format() for p in problems))


def echo_problems(problems: Iterable[Problem]) -> tuple[int, int]:
    """Print problems one a line (errors to stderr as well-formed ``path:line: …``).

    Returns:
        The number of errors and of warnings.
    """
    counts = [0, 0]
    for problem in sorted(problems, key=lambda p: (p.path, p.line or 0, p.key)):
        label = "error" if problem.is_error else "warning"
        label += f" {problem.rule}" if problem.rule else ""
        click.echo(f"{problem.format()} [{label}]", err=True)
        counts[0 if problem.is_error else 1] += 1
    return counts[0], counts[1]


path_argument = click.argument(
    "path", required=False, type=click.Path(exists=True, path_type=Path), metavar="[PATH]"
)
config_option = click.option(
    "--config-file",
    "-f",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The site's mkdocs.yml (default: found from PATH upwards).",
)
at_option = click.option(
    "--at",
    metavar="MOMENT",
    help="Look at the site as of this moment (ISO 8601), like PORTAVOZ_NOW.",
)
