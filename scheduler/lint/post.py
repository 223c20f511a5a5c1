"""Run every brand-voice rule on one post and its variants."""

from __future__ import annotations

from collections.abc import Sequence

from portavoz.scheduler.base.problems import Problem, Severity
from portavoz.scheduler.compose.variant import Variant
from portavoz.scheduler.content.model import Post
from portavoz.scheduler.lint.context import Finding, PostText
from portavoz.scheduler.lint.ids import RuleId
from portavoz.scheduler.lint.rules import RULES
from portavoz.scheduler.lint.segments import post_segments
from portavoz.scheduler.lint.settings import LintSettings


def lint_post(
    post: Post,
    variants: Sequence[Variant],
    settings: LintSettings,
    *,
    body_line: int | None = None,
) -> list[Problem]:
    """Every brand-voice finding of a post, in reading order.

    Args:
        post: The post.
        variants: Its composed variants (may be empty: the variant rules then find nothing).
        settings: The site's lint settings (severities, dictionary, lists, limits).
        body_line: File line where the body begins (``Post.body_line``); body findings have
            no line without it.

    Returns:
        One problem per finding, with ``rule`` set and the configured severity. Rules turned
        off in the settings or listed in the post's ``lint_ignore`` report nothing; each
        ``(rule, subject)`` is reported once, where it first appears.
    """
    text = PostText(post, variants, post_segments(post, variants, body_line), settings)
    problems = _unknown_ignores(post)
    findings: list[Finding] = []
    for rule in RULES.values():
        if rule.id not in post.lint_ignore and settings.severity(rule.id) is not None:
            findings.extend(rule.check(text))
    seen: set[tuple[RuleId, str]] = set()
    rank = {rule: i for i, rule in enumerate(RULES)}
    for finding in sorted(findings, key=lambda f: (f.order, rank[f.rule])):
        if (finding.rule, finding.subject) in seen:
            continue
        seen.add((finding.rule, finding.subject))
        severity = settings.severity(finding.rule) or Severity.WARNING
        problems.append(
            Problem(
                post.path,
                finding.line,
                finding.key,
                finding.message,
                severity,
                finding.rule,
                finding.network,
            )
        )
    return problems


def _unknown_ignores(post: Post) -> list[Problem]:
    known = ", ".join(RULES)
    return [
        Problem(
            post.path,
            post.line_of("lint_ignore"),
            "lint_ignore",
            f"unknown rule '{rule}' (known: {known})",
            Severity.WARNING,
            "lint",
        )
        for rule in post.lint_ignore
        if rule not in RULES
    ]
