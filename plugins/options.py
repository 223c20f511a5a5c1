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
        key = _frozen(found)
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


def _frozen(value: object) -> Hashable | None:
    """``value`` as a hashable key telling apart every value a check could tell apart (each
    scalar with its type: ``1``, ``1.0``, ``True`` and ``"1"`` differ), or ``None`` when it
    holds anything but mappings, lists and plain scalars (then it is always checked)."""
    if type(value) in _PLAIN:
        return type(value).__name__, value
    if type(value) is dict:
        items = [(_frozen(k), _frozen(v)) for k, v in value.items()]
        if any(k is None or v is None for k, v in items):
            return None
        return "dict", tuple(items)
    if type(value) in (list, tuple):
        parts = [_frozen(v) for v in cast(list[object], value)]
        return None if any(p is None for p in parts) else (type(value).__name__, tuple(parts))
    return None
