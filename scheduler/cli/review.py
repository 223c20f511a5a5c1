"""``portavoz review``: the snippet report for a pull request, without building the site."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import urllib.parse
from collections.abc import Sequence
from pathlib import Path

import click

from portavoz.scheduler.base.problems import Problem
from portavoz.scheduler.cli.common import at_option, refuse_bad_options
from portavoz.scheduler.compose.variant import Variant
from portavoz.scheduler.content.model import Post
from portavoz.scheduler.lint import LintSettings, lint_post, lint_settings
from portavoz.scheduler.project import ConfigError, build_window, find_config
from portavoz.scheduler.review import git
from portavoz.scheduler.review.duplicates import with_duplicate_urls
from portavoz.scheduler.review.formats import FORMATS, to_markdown
from portavoz.scheduler.review.review import Lint, review
from portavoz.scheduler.review.side import Side, SideError, open_side


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
    "--max-chars",
    type=click.IntRange(min=1000),
    metavar="N",
    help="markdown: keep the report under N characters (a GitHub comment holds 65536).",
)
@click.option(
    "--full-report-url",
    default="",
    metavar="URL",
    callback=lambda ctx, param, value: _https_url(value),
    help="markdown: where the whole report is, linked when --max-chars shortens it.",
)
@click.option(
    "--project",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path(),
    help="Folder inside the repository holding mkdocs.yml (default: the current one).",
)
@at_option
@click.pass_context
def command(
    ctx: click.Context,
    base: str,
    head: str | None,
    fmt: str,
    strict: bool,
    max_chars: int | None,
    full_report_url: str,
    project: Path,
    at: str | None,
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
        if head_side.refused:  # a link in the change would be reviewed as what it points at
            raise SideError("\n".join(p.format() for p in head_side.refused))
    except (ConfigError, SideError, git.GitError) as exc:
        raise click.ClickException(str(exc)) from None
    refuse_bad_options(head_side.project)  # before the pause is read: its options are checked
    try:
        window = build_window(head_side.project.settings, head_side.project.pause_options, at=at)
        voice = lint_settings(head_side.project.options("portavoz/scheduler"), head_side.root)
    except ConfigError as exc:  # its message names the file and the key path
        raise click.ClickException(str(exc)) from None
    # Listening over the cache committed at the head, offline, at the review's clock.
    notes = _listening_notes(head_side, window.now)
    report = review(base_side, head_side, window, lint=_brand_voice(voice), notes=notes)
    report = with_duplicate_urls(report, head_side)
    if fmt == "markdown":
        text = to_markdown(report, max_chars=max_chars, full_report_url=full_report_url)
    else:
        text = FORMATS[fmt](report)
    click.echo(text, nl=False)
    ctx.exit(1 if report.errors or (strict and report.warnings) else 0)


def _https_url(value: str) -> str:
    """``value`` if it is an https address that a Markdown link holds as written."""
    parts = urllib.parse.urlsplit(value)
    if value and (parts.scheme != "https" or not parts.netloc or not _LINKABLE.fullmatch(value)):
        raise click.BadParameter(f"expected an https:// address, found {value!r}")
    return value


_LINKABLE = re.compile(r"[A-Za-z0-9._~:/?#@!$&'*+,;=%-]+")
"""Characters of a URL that cannot end a Markdown link early (no parentheses, brackets, space)."""


def _brand_voice(voice: LintSettings) -> Lint:
    def lint(post: Post, variants: Sequence[Variant], side: Side) -> list[Problem]:
        return lint_post(post, variants, voice, body_line=post.body_line)

    return lint


def _listening_notes(side: Side, now: dt.datetime) -> tuple[str, ...]:
    """The crisis signal and unread feeds of the head's committed listening cache, if any."""
    if "portavoz/listening" not in side.project.plugins:
        return ()
    # Imported here: the listening stack (feedparser, httpx) is not needed for anything else.
    from portavoz.scheduler.review.listening import listening_notes

    return listening_notes(side, now)
