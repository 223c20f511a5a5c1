"""Values one build made, kept in the process for the next build to take (``mkdocs serve``).

``mkdocs serve`` builds again in the same process after every save, and most of what a build
makes (a post's panel, a feed's document) comes from inputs that did not change. A value is
kept under a key standing for every input it is made from, so taking it is making it again.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar, cast

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
        self._inputs: object = None
        self._keep = True

    def begin(self, inputs: object = None, *, keep: bool = True) -> None:
        """A new build begins: what the current one made becomes the last build's.

        Args:
            inputs: What every value of this build is made from besides its key, compared
                with ``==`` (settings that cannot be hashed, asked once a build instead of
                once a value): the last build's values are dropped unless its were equal.
            keep: Keep values at all (``False``: a plain build, which builds once; every
                value is made, and none is held).
        """
        if self._made:  # a build that made nothing (it stopped early) keeps the last one's
            self._last, self._made = self._made, {}
        if not keep or inputs != self._inputs:
            self._last = {}
        self._inputs, self._keep = inputs, keep

    def get(self, key: K, make: Callable[[], V]) -> V:
        """The value for ``key``: this build's or the last one's, else ``make()``'s."""
        # Few lookups: a key (a tuple) is hashed again on every one, and a build asks once a
        # page for each kept value. The last build's value moves to this one's (a value this
        # build does not ask for is dropped at the next begin all the same).
        found = self._last.pop(key, _MISSING)
        if found is _MISSING:
            found = self._made.get(key, _MISSING)
            if found is not _MISSING:
                return cast(V, found)
            found = make()
        if self._keep:
            self._made[key] = cast(V, found)
        return cast(V, found)


_MISSING = object()
"""No value kept under a key (a kept value may be ``None``)."""


T = TypeVar("T")


class Same(Generic[T]):
    """A key standing for one object itself (its identity), for a frozen value that cannot
    be hashed (a post holds a mapping): ``mkdocs serve`` hands an unchanged file's post to
    the next build as the same object, and a changed file's as a new one.

    The key holds its object, so no other object takes its identity while it is kept.
    """

    __slots__ = ("value",)

    def __init__(self, value: T) -> None:
        self.value = value

    def __hash__(self) -> int:
        return id(self.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Same) and other.value is self.value
