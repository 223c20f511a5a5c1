"""Values one build made, kept in the process for the next build to take (``mkdocs serve``).

``mkdocs serve`` builds again in the same process after every save, and most of what a build
makes (a post's panel, a feed's document) comes from inputs that did not change. A value is
kept under a key standing for every input it is made from, so taking it is making it again.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class LastBuild(Generic[K, V]):
    """What the last build and the current one made, by key.

    At most two builds' values are held: a value the current build does not ask for is
    dropped when the next one begins.
    """

    def __init__(self) -> None:
        self._last: dict[K, V] = {}
        self._made: dict[K, V] = {}

    def begin(self) -> None:
        """A new build begins: what the current one made becomes the last build's."""
        if self._made:  # a build that made nothing (it stopped early) keeps the last one's
            self._last, self._made = self._made, {}

    def get(self, key: K, make: Callable[[], V]) -> V:
        """The value for ``key``: this build's or the last one's, else ``make()``'s."""
        if key in self._made:
            return self._made[key]
        found = self._last[key] if key in self._last else make()
        self._made[key] = found
        return found
