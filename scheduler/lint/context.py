"""What every rule reads (:class:`PostText`) and what it returns (:class:`Finding`)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from portavoz.scheduler.base.fold import fold
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
    def runs(self) -> str:
        """Each distinct run of characters other than white space in the segments, once, one
        space apart, in no set order: for looking up words without white space, each of which
        is in this wherever it is in the segments (variants repeat the title and summary, and
        prose its words)."""
        return " ".join(set(" ".join(s.text for s in self.segments).split()))

    @cached_property
    def folded_runs(self) -> str:
        """:attr:`runs` folded (:func:`~portavoz.scheduler.base.fold.fold`; white space folds to
        white space and nothing else does, checked for every code point)."""
        return fold(self.runs)

    @cached_property
    def plain_runs(self) -> str:
        """:attr:`runs` in lower case, decomposed, with every non-ASCII character left out.

        Four times quicker than folding, and an ASCII word is in it wherever it is in
        :attr:`folded_runs`: each character that folds to an ASCII one becomes that one here
        too (checked for every code point), the rest only drops out. Not one character for
        each: for looking up ASCII words, not for offsets.
        """
        return unicodedata.normalize("NFD", self.runs.lower()).encode("ascii", "ignore").decode()


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
