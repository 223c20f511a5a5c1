"""Types shared by every network: the result of a count and the shape of a network."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Count:
    """How a text measures on one network, and what else breaks its rules.

    Attributes:
        network: Network name, e.g. ``"x"``.
        length: The network's own measure of the text.
        limit: The most ``length`` may be.
        unit: What ``length`` counts, e.g. ``"weighted characters"``.
        problems: Other rule breaches (byte limit, too many links or hashtags, …),
            each a sentence a writer can act on.
    """

    network: str
    length: int
    limit: int
    unit: str
    problems: tuple[str, ...] = ()

    @property
    def fits(self) -> bool:
        """Whether the text can be published as it is."""
        return self.length <= self.limit and not self.problems

    @property
    def remaining(self) -> int:
        """How many units are left (negative when over the limit)."""
        return self.limit - self.length


class Network(Protocol):
    """A social network's counting rules (read-only, so frozen dataclasses implement it)."""

    @property
    def name(self) -> str:
        """Identifier used in front matter and on the command line, e.g. ``"mastodon"``."""
        ...

    @property
    def label(self) -> str:
        """Human name, e.g. ``"Mastodon"``."""
        ...

    @property
    def limit(self) -> int:
        """Most units a post may have."""
        ...

    @property
    def link_clickable(self) -> bool:
        """Whether links in the text become links."""
        ...

    @property
    def hashtag_limit(self) -> int | None:
        """Most hashtags a post may carry, or ``None`` when the network sets no limit."""
        ...

    def count(self, text: str, *, content_warning: str = "") -> Count:
        """Measure ``text`` (and a content warning where the network has one)."""
        ...


def with_warning(text: str, content_warning: str) -> str:
    """The text as published where a network has no content-warning field: warning first."""
    return f"{content_warning}\n{text}" if content_warning else text
