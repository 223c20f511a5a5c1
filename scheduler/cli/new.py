"""``portavoz new DIR``: a brand site of one's own, ready to build, in English or Spanish."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

import click

from portavoz.scheduler.base.clock import ClockError, resolve_now
from portavoz.scheduler.i18n import Language
from portavoz.scheduler.scaffold.options import (
    DEFAULTS,
    ScaffoldError,
    ScaffoldOptions,
    check_name,
    check_timezone,
    check_url,
)
from portavoz.scheduler.scaffold.render import portavoz_version, render_site
from portavoz.scheduler.scaffold.write import Outcome, refuse_non_empty, write_site

Check = Callable[[str], str]


def _checked(check: Check) -> Callable[[click.Context, click.Parameter, str | None], str | None]:
    """A click callback running one of the scaffold's checks (a bad value is a usage error)."""

    def callback(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            return check(value)
        except ScaffoldError as exc:
            raise click.BadParameter(str(exc), ctx, param) from None

    return callback


def _ask(label: str, default: str, check: Check) -> str:
    """Ask on the terminal until the answer passes ``check``."""

    def value_proc(answer: str) -> str:
        try:
            return check(answer)
        except ScaffoldError as exc:
            raise click.UsageError(str(exc)) from None

    answer: str = click.prompt(label, default=default, value_proc=value_proc)
    return answer


def interactive() -> bool:
    """Whether someone can answer questions: stdin is a terminal (not CI, a pipe or a file)."""
    return sys.stdin is not None and sys.stdin.isatty()


def _values(
    lang: str | None, name: str | None, url: str | None, zone: str | None
) -> ScaffoldOptions:
    """The given values; on a terminal the missing ones are asked, elsewhere defaulted."""
    asking = interactive()
    if lang is None:
        choice = click.Choice([lang.value for lang in Language])
        lang = click.prompt("Language", type=choice, default="en") if asking else "en"
    chosen = Language(lang)
    defaults = DEFAULTS[chosen]
    given = [name, url, zone]
    labels = ("Brand name", "Site URL", "Timezone")
    checks: tuple[Check, ...] = (check_name, check_url, check_timezone)
    for i, value in enumerate(given):
        if value is None:
            given[i] = _ask(labels[i], defaults[i], checks[i]) if asking else defaults[i]
    return ScaffoldOptions(chosen, *[str(v) for v in given])


def _report(folder: Path, outcome: Outcome) -> None:
    click.echo(f"Created {len(outcome.written)} files in {folder}:")
    for path in sorted(outcome.written):
        click.echo(f"  {path}")
    if outcome.kept:
        click.echo(f"Kept {len(outcome.kept)} existing files (never overwritten):")
        for path in sorted(outcome.kept):
            click.echo(f"  {path}")
    click.echo(f"Next: cd {folder} && mkdocs serve   (README.md says how to publish)")


@click.command("new")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--lang",
    type=click.Choice([lang.value for lang in Language]),
    help="Language of the site and of every text written (default: en).",
)
@click.option("--name", callback=_checked(check_name), help="The brand's name (site_name).")
@click.option(
    "--url", callback=_checked(check_url), help="Where the site will live, http(s) (site_url)."
)
@click.option(
    "--timezone",
    callback=_checked(check_timezone),
    help="IANA zone in which posts' dates are read, e.g. Europe/Madrid.",
)
@click.option(
    "--force",
    is_flag=True,
    help="Write into a folder that is not empty; existing files are kept, never overwritten.",
)
@click.pass_context
def command(
    ctx: click.Context,
    directory: Path,
    lang: str | None,
    name: str | None,
    url: str | None,
    timezone: str | None,
    force: bool,
) -> None:
    """Write a new brand site into DIRECTORY: mkdocs.yml, example posts, workflows, README.

    Missing values are asked for on a terminal; without one (CI, scripts) the defaults of the
    language are used. Refuses a folder that is not empty unless --force is given.
    """
    try:
        if not force:
            refuse_non_empty(directory)  # before asking anything
        options = _values(lang, name, url, timezone)
        now = resolve_now(ZoneInfo(options.timezone))
        files = render_site(options, now, portavoz_version())
        outcome = write_site(directory, files, force=force)
    except (ScaffoldError, ClockError) as exc:
        raise click.ClickException(str(exc)) from None
    _report(directory, outcome)
    ctx.exit(0)
