"""``portavoz listen``: fetch the listening sources, refresh the cache and the internal outputs.

Uses the same core and the same ``portavoz/listening`` options as a build, without building
the site: handy in a cron job before ``mkdocs build`` with ``offline: true``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC
from pathlib import Path

import click

from portavoz.scheduler.base.atomic import WriteError
from portavoz.scheduler.base.clock import ClockError, resolve_now
from portavoz.scheduler.base.inert import log_line
from portavoz.scheduler.base.options import ConfigError
from portavoz.scheduler.cli.common import (
    at_option,
    config_option,
    echo_problems,
    open_project,
    path_argument,
)
from portavoz.scheduler.listening import pipeline
from portavoz.scheduler.listening.policy import FetchResult, Outcome
from portavoz.scheduler.listening.settings import Settings, load_settings
from portavoz.scheduler.project import Project

PLUGIN = "portavoz/listening"
MARKS = {
    Outcome.FETCHED: "✓",
    Outcome.NOT_MODIFIED: "=",
    Outcome.GONE: "✗",
    Outcome.FAILED: "!",
}


def _settings(project: Project, where: str) -> Settings:
    if PLUGIN not in project.plugins:
        raise click.ClickException(f"{where}: no '{PLUGIN}' under plugins")
    options = project.options(PLUGIN)
    try:
        return load_settings(options, where=where, language=project.settings.language)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None


def _progress(total: int) -> Callable[[FetchResult], None]:
    done = [0]

    def report(result: FetchResult) -> None:
        done[0] += 1
        why = f" ({result.error})" if result.error else ""
        # Feeds known to be gone are not fetched, so the count may stop short of the total.
        line = f"[{done[0]}/{total}] {MARKS[result.outcome]} {result.name}{why}"
        click.echo(log_line(line), err=True)

    return report


def _summary(run: pipeline.Run) -> list[str]:
    width = max((len(r.name) for r in run.harvest.reports), default=0)
    lines = [
        # Feed names come from the config and messages from servers: neither may start a line.
        log_line(f"{r.name:<{width}}  {r.status:<12}  {r.new_entries:>3} new  {r.message}".rstrip())
        for r in run.harvest.reports
    ]
    analysis = run.analysis
    lines.append(
        f"{len(analysis.entries)} entries in the window, {len(analysis.matches)} matched rules, "
        f"{len(analysis.digests)} digests, {len(analysis.voices)} voices"
    )
    return lines


@click.command("listen")
@path_argument
@config_option
@at_option
@click.option("--offline", is_flag=True, help="Use the cache only; no network.")
@click.option("--strict", is_flag=True, help="Exit with 1 when a feed failed or a crisis shows.")
@click.pass_context
def command(
    ctx: click.Context,
    path: Path | None,
    config_file: Path | None,
    at: str | None,
    offline: bool,
    strict: bool,
) -> None:
    """Fetch every listening source and write digests, crisis.json and influencers.

    Prints progress as feeds answer, then one line per feed: new entries, not modified,
    failed and why.
    """
    project = open_project(path, config_file)
    where = project.config_file.name
    settings = _settings(project, where)
    try:
        now = resolve_now(project.settings.timezone, at).astimezone(UTC)
    except ClockError as exc:
        raise click.ClickException(str(exc)) from None
    try:
        run = pipeline.run(
            settings,
            project.root,
            now,
            site_url=project.settings.site_url,
            offline=offline or settings.offline,
            on_result=_progress(len(settings.sources)),
            where=where,
        )
    except WriteError as exc:  # a full disk: one line, the old cache is still there
        raise click.ClickException(exc.describe(project.root)) from None
    click.echo("\n".join(_summary(run)))
    _, warnings = echo_problems(run.harvest.problems)
    if run.analysis.crisis is not None:
        click.echo(log_line(f"warning: {run.analysis.crisis.message()}"), err=True)
    ctx.exit(1 if strict and (warnings or run.analysis.crisis is not None) else 0)
