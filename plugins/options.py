"""Plugin options checked by the core, as mkdocs' search plugin checks ``lang`` (``LangOption``).

A nested option (``networks``, ``lint``, listening's ``sources``…) is not a ``c.Type(dict)``
read later: its ``run_validation`` hands the value to the core's constructor, so ``mkdocs
build`` refuses it with the very message ``portavoz check`` prints, key path included.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar, cast

from mkdocs.config.base import BaseConfigOption, ValidationError

from portavoz.scheduler.base.options import ConfigError
from portavoz.scheduler.networks import network_names

T = TypeVar("T")


class CoreOption(BaseConfigOption[T]):
    """An option whose value the core checks; a null value reads as the default."""

    def __init__(self, check: Callable[[object], object], default: T) -> None:
        """Make the option.

        Args:
            check: Raises ``ConfigError`` for a value that cannot be used.
            default: The core's default (from its options dataclass).
        """
        super().__init__()
        self.check = check
        self.default = default
        self._accepted: set[Hashable] = set()  # values the check accepted

    def run_validation(self, value: object, /) -> T:
        """The value as written, once the core has accepted it (null: the default).

        Raises:
            mkdocs.config.base.ValidationError: With the core's message (one line a problem).
        """
        found = self.default if value is None else value
        # `mkdocs serve` loads the config again on every rebuild: a value accepted once (with
        # the same networks registered) is not checked again.
        key = _Keying().key(found)
        if key is not None:
            key = key, network_names()
        if key is None or key not in self._accepted:
            try:
                self.check(found)
            except ConfigError as exc:
                raise ValidationError(str(exc)) from None
            if key is not None and len(self._accepted) < _MOST_KEPT:
                self._accepted.add(key)
        return found  # type: ignore[return-value]


_MOST_KEPT = 64
"""Most accepted values an option remembers (a serve session sees a few)."""

_PLAIN = (str, int, float, bool, type(None))
"""The scalars YAML gives that are remembered by their type and value."""


_MOST_NODES = 10_000
"""Most values a remembered key is made of: YAML aliases can share one value many times over."""

_DEEPEST = 64
"""Deepest nesting a remembered key has: a YAML alias can hold itself."""


class _Keying:
    """One bounded walk of a value into its key: a value beyond :data:`_MOST_NODES` values or
    :data:`_DEEPEST` levels (an alias holding itself, or shared without end) has no key and is
    always checked, as the check alone refuses it at once."""

    def __init__(self) -> None:
        self.left = _MOST_NODES

    def key(self, value: object, depth: int = 0) -> Hashable | None:
        """``value`` as a hashable key telling apart every value a check could tell apart
        (each scalar with its type: ``1``, ``1.0``, ``True`` and ``"1"`` differ), or ``None``
        when it holds anything but mappings, lists and plain scalars, or is too large."""
        self.left -= 1
        if self.left < 0 or depth > _DEEPEST:
            return None
        if type(value) in _PLAIN:
            return type(value).__name__, value
        if type(value) is dict:
            items = [(self.key(k, depth + 1), self.key(v, depth + 1)) for k, v in value.items()]
            if any(k is None or v is None for k, v in items):
                return None
            return "dict", tuple(items)
        if type(value) in (list, tuple):
            parts = [self.key(v, depth + 1) for v in cast(list[object], value)]
            if any(p is None for p in parts):
                return None
            return type(value).__name__, tuple(parts)
        return None
