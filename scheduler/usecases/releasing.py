"""What a plain build lets go of once its plan is made and linted.

A build composes and lints every post in ``on_files``; afterwards it only formats the plan
(feeds, internal outputs) while Material renders the pages. The per-process memos of composing,
counting and linting (texts already measured, words already checked, the packaged lexicons)
and the cache files remembered for the next rebuild are then never asked for again, yet they
would stay on top of Material's own peak. ``mkdocs serve`` keeps them: its next rebuild reuses
them. Releasing only costs time when something asks again (it is then computed again, the
same), so no output depends on it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Protocol

from portavoz.scheduler.usecases import caching

PACKAGES = (
    "portavoz.scheduler.compose",
    "portavoz.scheduler.lint",
    "portavoz.scheduler.networks",
    "portavoz.scheduler.usecases.checking",
)
"""Packages (and modules) whose :mod:`functools` memos serve composing and linting only."""


class _Memo(Protocol):
    def cache_clear(self) -> None: ...


def release_memos() -> None:
    """Forget the memos of :data:`PACKAGES` and the remembered cache files (a plain build)."""
    caching.forget_files()
    for memo in memos():
        memo.cache_clear()


def memos() -> Iterator[_Memo]:
    """The ``functools.cache`` / ``lru_cache`` functions defined in modules of :data:`PACKAGES`.

    Found in the modules imported so far (one not imported holds nothing yet); a function
    only imported into a module is that of its own module, and counted there.
    """
    for name, module in list(sys.modules.items()):
        if module is None or not _ours(name):
            continue
        for value in list(vars(module).values()):
            if callable(getattr(value, "cache_clear", None)) and _defined_in(value, name):
                yield value


def _ours(module: str) -> bool:
    return any(module == p or module.startswith(p + ".") for p in PACKAGES)


def _defined_in(value: object, module: str) -> bool:
    return getattr(value, "__module__", None) == module
