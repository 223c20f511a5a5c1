"""How the plugins hand the core's problems to MkDocs: logged lines, and a stop on errors.

Shared MkDocs-side plumbing, not a plugin: every plugin imports it, none imports another.
"""

from __future__ import annotations

from collections.abc import Iterable

from mkdocs.exceptions import PluginError
from mkdocs.plugins import PrefixedLogger

from portavoz.scheduler.base.problems import Problem


def report(problems: Iterable[Problem], log: PrefixedLogger) -> None:
    """Log every problem (warnings count in ``--strict``) and stop the build on errors.

    Raises:
        PluginError: Some problem is an error (each was logged above).
    """
    problems = list(problems)
    errors = [p for p in problems if p.is_error]
    for problem in problems:
        (log.error if problem.is_error else log.warning)(problem.format())
    if errors:
        noun = "error" if len(errors) == 1 else "errors"
        raise PluginError(f"portavoz: {len(errors)} {noun} in posts (listed above)")
