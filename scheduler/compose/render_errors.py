"""What went wrong in a social-post template, in one line that names the place.

A template is code from the site, so whatever it raises (a syntax error, an undefined name, a
render limit, ``ZeroDivisionError``, runaway recursion) is a problem in that content: one
line ``<where>: <what>``, never a traceback.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import PurePath
from types import TracebackType

import jinja2

from portavoz.scheduler.compose.render_limits import RenderLimit

TEXT = "<template>"
"""Jinja's file name for a template compiled from a string (a front-matter ``text:``)."""
_LONGEST = 300
"""Characters of an error's own message kept (it may quote hostile text at length)."""


def describe(exc: BaseException, folders: Mapping[str, str], fallback: str) -> str:
    """``<where>: <what>`` for an error raised while compiling or rendering a template.

    Args:
        exc: The error.
        folders: Absolute folder → how to show it (``social``), for override files.
        fallback: Where to say it was when the error carries no template location.
    """
    filename, line = _location(exc)
    if filename is None or line is None:
        return f"{_shown(fallback, folders)}: {reason(exc)}"
    if filename == TEXT:
        return f"text, line {line}: {reason(exc)}"
    return f"{_shown(filename, folders)}:{line}: {reason(exc)}"


def reason(exc: BaseException) -> str:
    """The error said in one line, without the parts only a programmer could use."""
    if isinstance(exc, RecursionError):
        return "nested or recursive too deeply (a macro or include calling itself?); simplify it"
    if isinstance(exc, MemoryError):
        return "the template ran out of memory; make it simpler"
    if isinstance(exc, jinja2.TemplateSyntaxError):
        said = str(exc.message)
    elif isinstance(exc, jinja2.TemplateError):
        said = str(exc)
    else:
        said = f"{type(exc).__name__}: {exc}"
    said = " ".join(said.split())  # no newline from the template reaches the output
    if len(said) > _LONGEST:
        said = said[:_LONGEST] + "…"
    if isinstance(exc, RenderLimit):
        said += "; keep templates within the render limits (README: Security and reliability)"
    return said


def _location(exc: BaseException) -> tuple[str | None, int | None]:
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return exc.filename or TEXT, exc.lineno
    return _innermost_template_frame(exc.__traceback__)


def _innermost_template_frame(tb: TracebackType | None) -> tuple[str | None, int | None]:
    """File and line of the last template frame in Jinja's rewritten traceback, if any."""
    found: tuple[str | None, int | None] = (None, None)
    while tb is not None:
        # Jinja rewrites each frame of compiled template code into a fake one raising
        # `__jinja_exception__` at the template's own file name and line.
        if "__jinja_exception__" in tb.tb_frame.f_globals:
            found = (tb.tb_frame.f_code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _shown(filename: str, folders: Mapping[str, str]) -> str:
    for folder, label in folders.items():
        if filename.startswith(folder + os.sep):
            return f"{label}/{PurePath(os.path.relpath(filename, folder)).as_posix()}"
    # A shipped default lives in the installed package: its name is enough.
    return PurePath(filename).name if PurePath(filename).is_absolute() else filename
