"""What every rule reads (:class:`PostText`) and what it returns (:class:`Finding`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from portavoz.scheduler.compose.variant import Variant
from portavoz.scheduler.content.model import Post
from portavoz.scheduler.lint.ids import RuleId
from portavoz.scheduler.lint.segments import Segment

if TYPE_CHECKING:
    # Only a type here: the settings import the rules, which import the checks and so this.
    from portavoz.scheduler.lint.settings import LintSettings


@dataclass(frozen=True)
class PostText:
    """One post as the rules see it.

    Attributes:
        post: The post.
        variants: Its composed variants.
        segments: Title, summary, body lines and variant parts, in that order.
        settings: The site's lint settings.
    """

    post: Post
    variants: Sequence[Variant]
    segments: Sequence[Segment]
    settings: LintSettings

    @cached_property
    def runs(self) -> frozenset[str]:
        """Each distinct run of characters other than white space in the segments: for
        looking up words without white space, each of which is in one of these wherever it
        is in the segments (variants repeat the title and summary, and prose its words)."""
        return frozenset(" ".join([s.text for s in self.segments]).split())


@dataclass(frozen=True)
class Finding:
    """A rule's finding, before it becomes a :class:`~portavoz.scheduler.base.problems.Problem`.

    Attributes:
        rule: Rule id.
        key: Front-matter key (``title``, ``summary``, ``body``, ``channels``, ``image_alt``).
        line: File line, where known.
        message: What was found and what would be right (a variant's label already in front).
        subject: What the finding is about; a post reports each ``(rule, subject)`` once, at its
            first place, so a word in the title is not reported again in every variant.
        order: Position of the place (segment index), to report in reading order.
        network: Network of the variant it is in, or ``""`` (see ``Problem.network``).
    """

    rule: RuleId
    key: str
    line: int | None
    message: str
    subject: str
    order: int = 0
    network: str = ""


def at(rule: RuleId, segment: Segment, order: int, message: str, subject: str) -> Finding:
    """A finding in a segment; a variant's label goes in front of the message."""
    shown = f"{segment.label}: {message}" if segment.label else message
    return Finding(rule, segment.key, segment.line, shown, subject, order, segment.network)
