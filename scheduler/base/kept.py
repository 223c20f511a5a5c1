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


KK = TypeVar("KK")
VV = TypeVar("VV")


class _TwoBuilds(Generic[KK, VV]):
    """The last build's values and the current one's, by key, and when the last one's are
    dropped: at most two builds' values are held, and a value the current build does not
    take is dropped when the next one begins."""

    def __init__(self, *, keep: bool = True) -> None:
        self._last: dict[KK, VV] = {}
        self._made: dict[KK, VV] = {}
        self._inputs: object = None
        self._keep = keep

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


class LastBuild(_TwoBuilds[K, V]):
    """What the last build and the current one made, by key.

    At most two builds' values are held: a value the current build does not ask for is
    dropped when the next one begins.
    """

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


class ByPage(_TwoBuilds[str, tuple[KK, VV]]):
    """What the last ``mkdocs serve`` build made for each page (by ``src_uri``), with what it
    was made from, for the next build to take while that is the same.

    The inputs are compared with ``==`` as they are: a tuple of the objects a build hands on
    unchanged compares by identity first (no key hashed, no comparison method in Python), and
    a new object equal to the old one gives the same value all the same. At most two builds'
    values are held, as :class:`LastBuild` holds them; none until a :meth:`begin` asks to
    keep them.
    """

    def __init__(self) -> None:
        super().__init__(keep=False)

    def get(self, src_uri: str, inputs: KK, make: Callable[[], VV]) -> VV:
        """The page's value for its own ``inputs``: the last build's, else ``make()``'s."""
        found = self.kept(src_uri, inputs)
        return self.keep(src_uri, inputs, make()) if found is None else found

    def kept(self, src_uri: str, inputs: KK) -> VV | None:
        """The page's value for its own ``inputs`` if a build made it (``None``: make it and
        :meth:`keep` it). Between two pages' handlers, everything they touch is out of the
        processor's caches again: this touches the entry and the page's inputs alone."""
        found = self._last.get(src_uri)
        if found is None or found[0] != inputs:
            found = self._made.get(src_uri)  # a page asked twice in one build
            if found is None or found[0] != inputs:
                return None
        if self._keep:
            self._made[src_uri] = found
        return found[1]

    def keep(self, src_uri: str, inputs: KK, value: VV) -> VV:
        """``value`` made for the page's own ``inputs``, kept for the next build; returned."""
        if self._keep:
            self._made[src_uri] = inputs, value
        return value


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
