"""The brand-voice rules: each one's id, default severity, options and what it checks."""

from __future__ import annotations

from dataclasses import dataclass

from portavoz.scheduler.base.problems import Severity


@dataclass(frozen=True)
class Rule:
    """One brand-voice check.

    Attributes:
        id: Identifier used in settings and in ``lint_ignore`` (``spelling``…).
        severity: Severity of its findings unless the site configures another.
        description: One sentence for the README and ``--help``.
        options: Options it accepts under ``lint.rules.<id>`` (``severity`` for every rule).
    """

    id: str
    severity: Severity
    description: str
    options: frozenset[str] = frozenset({"severity"})


RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        Rule(
            "spelling",
            Severity.WARNING,
            "Likely typos in the post's language (title, summary, body and variants), "
            "ignoring links, hashtags, mentions, code, numbers and the project dictionary.",
        ),
        Rule(
            "neutrality",
            Severity.WARNING,
            "Sensitive terms (religion, politics…) a brand voice usually stays away from.",
            frozenset({"severity", "terms", "defaults"}),
        ),
        Rule(
            "banned",
            Severity.ERROR,
            "Words and phrases the brand never uses.",
            frozenset({"severity", "terms"}),
        ),
        Rule(
            "image-alt",
            Severity.WARNING,
            "Alternative text that says nothing: a file name, a placeholder, too short.",
            frozenset({"severity", "min_length"}),
        ),
        Rule(
            "hashtags",
            Severity.WARNING,
            "More hashtags in a variant than the network allows or the site configures.",
            frozenset({"severity", "max"}),
        ),
        Rule(
            "caps",
            Severity.WARNING,
            "Shouting: three or more words in a row in capitals.",
            frozenset({"severity", "acronyms", "words"}),
        ),
        Rule(
            "emoji",
            Severity.WARNING,
            "More emoji than configured in a title, summary or variant.",
            frozenset({"severity", "max"}),
        ),
    )
}
"""Every rule by id, in the order findings are reported."""
