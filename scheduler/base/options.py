"""Plugin options as a writer meets them: one error type, every problem with its key path.

Each plugin's options are read by one constructor in the core (``site_settings``,
``scheduler_settings``, ``lint_settings``, listening's ``load_settings``); the CLI calls it
with ``mkdocs.yml`` as read, the plugins with MkDocs' validated config, and both get the same
frozen value or the same :class:`ConfigError`. An :class:`OptionReader` reads one value at a
time, keeps the default when a value is wrong, and collects every problem instead of stopping
at the first, so a writer fixes them all in one go.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from portavoz.scheduler.base.inert import log_line, one_line


@dataclass(frozen=True)
class OptionProblem:
    """One option that cannot be used.

    Attributes:
        path: Where it is in ``mkdocs.yml``, dotted (``plugins.portavoz/scheduler.networks.x``);
            list items as ``[index]``; empty for the file as a whole.
        message: What was found and what would be right.
    """

    path: str
    message: str

    def format(self, where: str) -> str:
        """``mkdocs.yml: plugins.portavoz/site.timezone: …``, one inert line."""
        return log_line(
            f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"
        )


class ConfigError(ValueError):
    """The project's configuration cannot be used: every problem, each with its key path.

    ``str()`` is one line per problem, ``<file>: <key path>: <message>``.
    """

    def __init__(self, problems: str | Iterable[OptionProblem], where: str = "mkdocs.yml") -> None:
        """Args: problems: the problems, or one whole message that already names its file."""
        self.problems: tuple[OptionProblem, ...] = (
            () if isinstance(problems, str) else tuple(problems)
        )
        self.where = where
        text = (
            problems
            if isinstance(problems, str)
            else "\n".join(p.format(where) for p in self.problems)
        )
        super().__init__(text)


def shown(value: object) -> str:
    """A value quoted for a message, on one line whatever it holds."""
    return one_line(repr(value))


def type_name(value: object) -> str:
    """What a YAML value is, in a writer's words."""
    names = {bool: "true/false", int: "a number", float: "a number", str: "text"}
    names.update({list: "a list", dict: "a mapping", type(None): "nothing"})
    return names.get(type(value), type(value).__name__)


_PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]+")


class OptionReader:
    """Reads options under one key path, keeping every problem (see :class:`ConfigError`)."""

    def __init__(self, path: str, where: str = "mkdocs.yml") -> None:
        self.path = path
        self.where = where
        self.problems: list[OptionProblem] = []

    def key(self, *parts: str | int) -> str:
        """The dotted path of ``parts`` under this reader's path.

        Indexes read ``[0]``; a key that is not a plain name (``../x``, ``a.b``) reads
        ``['../x']``, so the path stays one readable line.
        """
        found = self.path
        for part in parts:
            if isinstance(part, int) or not _PLAIN_KEY.fullmatch(part):
                found = f"{found}[{part if isinstance(part, int) else shown(part)}]"
            else:
                found = f"{found}.{part}" if found else part
        return found

    def problem(self, key: str, message: str) -> None:
        """Record a problem at ``key`` (a path from :meth:`key`)."""
        self.problems.append(OptionProblem(key, message))

    def raise_problems(self) -> None:
        """Raise every problem found so far as one :class:`ConfigError`."""
        if self.problems:
            raise ConfigError(self.problems, self.where)

    def mapping(self, value: object, *key: str | int) -> Mapping[str, object]:
        """A mapping (nothing: empty); anything else is a problem and reads as empty."""
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            self.problem(self.key(*key), f"expected a mapping of options, found {type_name(value)}")
            return {}
        return {str(k): v for k, v in value.items()}

    def known(
        self,
        data: Mapping[str, object],
        known: Iterable[str],
        *key: str | int,
        what: str = "option",
    ) -> None:
        """A problem (at the mapping's path) for each key of ``data`` that is not ``known``."""
        listed = sorted(known)
        for name in data:
            if name not in listed:
                message = f"unknown {what} {shown(name)} (known: {', '.join(listed)})"
                self.problem(self.key(*key), message)

    def boolean(
        self, data: Mapping[str, object], name: str, default: bool, *key: str | int
    ) -> bool:
        """``true`` or ``false``; YAML's ``"no"`` in quotes is text, not false."""
        value = data.get(name, default)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.problem(self.key(*key, name), f"expected true or false, found {shown(value)}")
            return default
        return value

    def whole(
        self, data: Mapping[str, object], name: str, default: int, *key: str | int, least: int = 0
    ) -> int:
        """A whole number of at least ``least``."""
        value = data.get(name, default)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int) or value < least:
            too_small = isinstance(value, int) and not isinstance(value, bool)
            at_least = f" of at least {least}" if least or too_small else ""
            found = f"expected a whole number{at_least}, found {shown(value)}"
            self.problem(self.key(*key, name), found)
            return default
        return value

    def text(self, data: Mapping[str, object], name: str, default: str, *key: str | int) -> str:
        """Text (a number written in YAML is refused: it is not what was meant)."""
        value = data.get(name, default)
        if value is None:
            return default
        if not isinstance(value, str):
            self.problem(self.key(*key, name), f"expected text, found {shown(value)}")
            return default
        return value

    def texts(self, data: Mapping[str, object], name: str, *key: str | int) -> tuple[str, ...]:
        """A list of texts (one text alone is a list of one)."""
        value = data.get(name)
        if value is None:
            return ()
        if isinstance(value, str):
            return (value,)
        if not isinstance(value, Sequence) or not all(isinstance(v, str) for v in value):
            self.problem(self.key(*key, name), f"expected a list of texts, found {shown(value)}")
            return ()
        return tuple(value)

    def mappings(
        self, data: Mapping[str, object], name: str, *key: str | int
    ) -> list[Mapping[str, object]]:
        """A list of mappings; an item that is not one is a problem naming its index."""
        value = data.get(name)
        if value is None:
            return []
        if isinstance(value, str) or not isinstance(value, Sequence):
            self.problem(self.key(*key, name), f"expected a list, found {shown(value)}")
            return []
        found: list[Mapping[str, object]] = []
        for index, item in enumerate(value):
            if isinstance(item, Mapping):
                found.append({str(k): v for k, v in item.items()})
            else:
                message = f"expected a mapping of options, found {shown(item)}"
                self.problem(self.key(*key, name, index), message)
        return found
