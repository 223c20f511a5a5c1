"""Brand-voice checks: spelling, neutrality, banned words, alt text, hashtags, caps, emoji.

A pure core: :func:`lint_post` reads a post and its variants and returns
:class:`~portavoz.scheduler.base.problems.Problem` values with ``rule`` set; the CLI and
the plugins report them. Each rule has a default severity (:data:`RULES`), can be set to
``error``, ``warning`` or ``off`` per site (:func:`lint_settings`), and silenced per post
with ``lint_ignore: [spelling]``.
"""

from __future__ import annotations

from portavoz.scheduler.lint.ids import RuleId
from portavoz.scheduler.lint.post import lint_post
from portavoz.scheduler.lint.rules import RULES, Rule
from portavoz.scheduler.lint.settings import LintSettings, lint_settings

__all__ = [
    "RULES",
    "LintSettings",
    "Rule",
    "RuleId",
    "lint_post",
    "lint_settings",
]
