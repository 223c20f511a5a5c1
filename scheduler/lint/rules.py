"""The brand-voice rules: each one's id, default severity, options and check, in one table."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from portavoz.scheduler.base.problems import Severity
from portavoz.scheduler.lint.alt_text import check_alt_text
from portavoz.scheduler.lint.caps import check_caps
from portavoz.scheduler.lint.context import Finding, PostText
from portavoz.scheduler.lint.emoji import check_emoji
from portavoz.scheduler.lint.hashtags import check_hashtags
from portavoz.scheduler.lint.ids import RuleId
from portavoz.scheduler.lint.spelling import check_spelling
from portavoz.scheduler.lint.terms import check_banned, check_neutrality

Check = Callable[[PostText], Iterable[Finding]]
"""What a rule runs on one post: its findings there."""


@dataclass(frozen=True)
class Rule:
    """One brand-voice check.

    Attributes:
        id: Identifier used in settings and in ``lint_ignore`` (``spelling``…).
        severity: Severity of its findings unless the site configures another.
        description: One sentence for the README and ``--help``.
        check: What it runs on a post.
        options: Options it accepts under ``lint.rules.<id>`` (``severity`` for every rule).
    """

    id: RuleId
    severity: Severity
    description: str
    check: Check
    options: frozenset[str] = frozenset({"severity"})


RULES: dict[RuleId, Rule] = {
    rule.id: rule
    for rule in (
        Rule(
            RuleId.SPELLING,
            Severity.WARNING,
            "Likely typos in the post's language (title, summary, body and variants), "
            "ignoring links, hashtags, mentions, code, numbers and the project dictionary.",
            check_spelling,
        ),
        Rule(
            RuleId.NEUTRALITY,
            Severity.WARNING,
            "Sensitive terms (religion, politics…) a brand voice usually stays away from.",
            check_neutrality,
            frozenset({"severity", "terms", "defaults"}),
        ),
        Rule(
            RuleId.BANNED,
            Severity.ERROR,
            "Words and phrases the brand never uses.",
            check_banned,
            frozenset({"severity", "terms"}),
        ),
        Rule(
            RuleId.IMAGE_ALT,
            Severity.WARNING,
            "Alternative text that says nothing: a file name, a placeholder, too short.",
            check_alt_text,
            frozenset({"severity", "min_length"}),
        ),
        Rule(
            RuleId.HASHTAGS,
            Severity.WARNING,
            "More hashtags in a variant than the network allows or the site configures.",
            check_hashtags,
            frozenset({"severity", "max"}),
        ),
        Rule(
            RuleId.CAPS,
            Severity.WARNING,
            "Shouting: three or more words in a row in capitals.",
            check_caps,
            frozenset({"severity", "acronyms", "words"}),
        ),
        Rule(
            RuleId.EMOJI,
            Severity.WARNING,
            "More emoji than configured in a title, summary or variant.",
            check_emoji,
            frozenset({"severity", "max"}),
        ),
    )
}
"""Every rule by id, in the order findings are reported."""
