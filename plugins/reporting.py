"""How the plugins hand the core's problems to MkDocs: logged lines, and a stop on errors.

Shared MkDocs-side plumbing, not a plugin: every plugin imports it, none imports another.
"""

from __future__ import annotations

from collections.abc import Iterable

from mkdocs.exceptions import PluginError
from mkdocs.plugins import PrefixedLogger

from portavoz.scheduler.base.problems import Problem


def report(problems: Iterable[Problem], log: PrefixedLogger, *, stop: bool = True) -> None:
    """Log every problem (warnings count in ``--strict``) and stop the build on errors.

    Args:
        problems: The problems found.
        log: The plugin's logger.
        stop: Stop on errors; ``mkdocs serve`` does not, so that one post's mistake never
            stops or hangs the preview (its page shows it).

    Raises:
        PluginError: Some problem is an error (each was logged above) and ``stop`` is set.
    """
    problems = list(problems)
    errors = [p for p in problems if p.is_error]
    for problem in problems:
        (log.error if problem.is_error else log.warning)(problem.format())
    if errors and stop:
        noun = "error" if len(errors) == 1 else "errors"
        raise PluginError(f"portavoz: {len(errors)} {noun} in posts (listed above)")


def advise(findings: Iterable[Problem], log: PrefixedLogger, *, serve: bool) -> None:
    """Log the brand-voice findings, as ``portavoz check`` prints them, and stop on errors.

    A rule set to ``error`` stops the build as it fails ``check``. Warnings are advice: in
    ``mkdocs serve`` they are logged as warnings; in a build, at info level, so that the
    ``--strict`` build that publishes the site never stops on a style suggestion (the review
    workflow's ``portavoz check --strict`` is where warnings fail a pull request).

    Args:
        findings: The brand-voice findings of the plan.
        log: The plugin's logger.
        serve: The build is ``mkdocs serve``'s (never stops, warnings as warnings).

    Raises:
        PluginError: A finding is an error and this is not ``mkdocs serve``.
    """
    findings = list(findings)
    warn = log.warning if serve else log.info
    for finding in findings:
        if not finding.is_error:
            warn(f"brand voice: {finding.format()}")
    report([f for f in findings if f.is_error], log, stop=not serve)
