"""``portavoz review``: the snippet report for a pull request, without building the site."""

from __future__ import annotations

import posixpath
from pathlib import Path

import click

from scheduler.cli.common import at_option
from scheduler.listening.crisis import load_signal
from scheduler.project import ConfigError, build_window, find_config
from scheduler.review import git
from scheduler.review.formats import FORMATS
from scheduler.review.review import review
from scheduler.review.side import Side, SideError, open_side


@click.command("review")
@click.option("--base", "base", required=True, metavar="REF", help="Revision to compare with.")
@click.option(
    "--head", "head", metavar="REF", help="Revision to review (default: the working tree)."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(FORMATS)),
    default="markdown",
    show_default=True,
    help="markdown for a PR comment, json for machines, github for annotations.",
)
@click.option("--strict", is_flag=True, help="Exit non-zero on warnings too.")
@click.option(
    "--project",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path(),
    help="Folder inside the repository holding mkdocs.yml (default: the current one).",
)
@at_option
def command(
    base: str, head: str | None, fmt: str, strict: bool, project: Path, at: str | None
) -> None:
    """Report every post and social variant changed between BASE and HEAD."""
    try:
        config = find_config(project)
        repo = git.top_level(config.parent)
        prefix = posixpath.normpath(config.parent.resolve().relative_to(repo.resolve()).as_posix())
        prefix = "" if prefix == "." else prefix
        git.resolve(repo, base)
        if head:
            git.resolve(repo, head)
        base_side = open_side(repo, base, prefix)
        head_side = open_side(repo, head, prefix)
        settings = head_side.project.settings
        window = build_window(settings, head_side.project.pause_options, at=at)
    except (ConfigError, SideError, git.GitError) as exc:
        raise click.ClickException(str(exc)) from None
    report = review(base_side, head_side, window, notes=_crisis_notes(head_side))
    click.echo(FORMATS[fmt](report), nl=False)
    if report.errors or (strict and report.warnings):
        raise SystemExit(1)


def _crisis_notes(side: Side) -> tuple[str, ...]:
    """The crisis signal of the last listening run, if any (so reviewers see it)."""
    options = side.project.options("portavoz/listening")
    folder = str(options.get("internal_dir") or ".portavoz/listening")
    signal = load_signal(side.repo / side.prefix / folder)
    return (f"🚨 Listening: {signal.message()}",) if signal else ()
