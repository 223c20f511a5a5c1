"""Problems found in content or configuration, as data the adapters report.

The core never logs or prints: it returns :class:`Problem` values, and the MkDocs plugins
log them (so ``--strict`` counts warnings) while the CLI prints them and sets the exit code.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from portavoz.scheduler.base.inert import log_line


class Severity(enum.StrEnum):
    """How bad a problem is: errors stop a build, warnings fail only strict builds."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One actionable message about a file.

    Attributes:
        path: File the problem is in, relative to the project root (posix separators).
        line: 1-based line number where known, else ``None``.
        key: Front-matter key or config option concerned, or ``""``.
        message: What was found and what would be right.
        severity: Error or warning.
        rule: Identifier of the check that produced it (e.g. ``spelling``), or ``""``.
        network: Network whose variant the problem is about (``x``, ``mastodon``…), or ``""``
            for the post itself; the review files a problem under its variant by this field,
            never by the wording of the message.
    """

    path: str
    line: int | None
    key: str
    message: str
    severity: Severity = Severity.ERROR
    rule: str = ""
    network: str = ""

    def format(self) -> str:
        """Render as ``path:line: key: message`` (the form editors and CI understand).

        Path, key and message may all hold hostile text (a file name, a YAML key, a quoted
        value), so the line is made inert here, once for every printer: one line, and never
        a workflow command for the CI runner that reads it.
        """
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        what = f"{self.key}: {self.message}" if self.key else self.message
        return log_line(f"{where}: {what}")

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


class ContentError(Exception):
    """Raised when content cannot be used at all; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(p.format() for p in self.problems))
