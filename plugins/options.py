"""Plugin options checked by the core, as mkdocs' search plugin checks ``lang`` (``LangOption``).

A nested option (``networks``, ``lint``, listening's ``sources``…) is not a ``c.Type(dict)``
read later: its ``run_validation`` hands the value to the core's constructor, so ``mkdocs
build`` refuses it with the very message ``portavoz check`` prints, key path included.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from mkdocs.config.base import BaseConfigOption, ValidationError

from portavoz.scheduler.base.options import ConfigError

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

    def run_validation(self, value: object, /) -> T:
        """The value as written, once the core has accepted it (null: the default).

        Raises:
            mkdocs.config.base.ValidationError: With the core's message (one line a problem).
        """
        found = self.default if value is None else value
        try:
            self.check(found)
        except ConfigError as exc:
            raise ValidationError(str(exc)) from None
        return found  # type: ignore[return-value]
