"""``portavoz publish``: post the due variants to every configured account, exactly once."""

from __future__ import annotations

import os
import time
from pathlib import Path

import click

from portavoz.scheduler.base.problems import ContentError
from portavoz.scheduler.cli.common import (
    at_option,
    config_option,
    echo_problems,
    open_project,
    path_argument,
)
from portavoz.scheduler.project import ConfigError, build_window
from portavoz.scheduler.publish.adapters import ADAPTERS
from portavoz.scheduler.publish.ledger import LedgerError
from portavoz.scheduler.publish.run import Options, Outcome, Report
from portavoz.scheduler.usecases.publishing import publish_project, publishing_settings


@click.command("publish")
@path_argument
@config_option
@at_option
@click.option(
    "--dry-run",
    "dry_run",
    flag_value=True,
    default=None,
    help="Print exactly what would be sent and send nothing (the default without credentials).",
)
@click.option(
    "--network",
    "networks",
    multiple=True,
    type=click.Choice(sorted(ADAPTERS)),
    help="Only this network (repeat for several).",
)
@click.option(
    "--post",
    "posts",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Only this post (repeat for several).",
)
@click.pass_context
def command(
    ctx: click.Context,
    path: Path | None,
    config_file: Path | None,
    at: str | None,
    dry_run: bool | None,
    networks: tuple[str, ...],
    posts: tuple[Path, ...],
) -> None:
    """Post every due variant part (once: the ledger remembers) and exit non-zero on failures."""
    project = open_project(path, config_file)
    try:
        settings = publishing_settings(project)
        window = build_window(project.settings, project.pause_options, at=at)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    if not settings.accounts:
        raise click.ClickException(
            f"{project.config_file.name}: plugins.portavoz/publish.accounts: no account is "
            "configured; add one per network to post to (see README, Publishing)"
        )
    selected = [_relative(p, project.root) for p in posts]
    options = Options(
        now=window.now,
        environ=os.environ,
        sleep=time.sleep,
        dry_run=dry_run,
        networks=networks,
        posts=selected,
        echo=click.echo,
    )
    try:
        report, problems = publish_project(project, settings, window, options)
    except (ConfigError, ContentError, LedgerError) as exc:
        raise click.ClickException(str(exc)) from None
    echo_problems(problems)
    click.echo(_summary(report))
    ctx.exit(1 if report.failed else 0)


def _relative(path: Path, root: Path) -> str:
    found = path.resolve()
    return found.relative_to(root).as_posix() if found.is_relative_to(root) else str(path)


def _summary(report: Report) -> str:
    if report.dry:
        return (
            f"dry run: {report.count(Outcome.DRY)} parts would be posted, nothing was sent "
            f"({report.count(Outcome.SKIPPED)} skipped, {report.already} already in the ledger)"
        )
    return (
        f"published: {report.count(Outcome.POSTED)} posted, "
        f"{report.count(Outcome.SKIPPED)} skipped, {report.count(Outcome.FAILED)} failed, "
        f"{report.already} already in the ledger"
    )
