"""The limits of one template render, and the size checks that keep values inside them.

A template is code from the site, so each of its values and steps is checked against one
budget per render (see :mod:`portavoz.scheduler.compose.sandbox`, which calls these checks):

- values: a text, list or repetition of more than :data:`MAX_TEXT` characters or items (lists
  counted with their items' own size), or an integer over :data:`MAX_INT_BITS` bits, is refused
  *before* it is built;
- work: ``range`` gives at most :data:`MAX_RANGE` items, and loop iterations, calls, filters
  and operators together at most :data:`MAX_STEPS`;
- time: a render stops after :data:`TIME_BUDGET` seconds, checked between steps (never by a
  signal: ``mkdocs serve`` builds in a thread).
"""

from __future__ import annotations

import contextlib
import contextvars
import math
import re
import string
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

import jinja2
from jinja2.utils import Namespace

MAX_TEXT = 100_000
"""Characters (or items) any value or the output of one render may have."""
MAX_RANGE = 10_000
"""Items one ``range()`` may give."""
MAX_STEPS = 100_000
"""Loop iterations, calls, filters and operators one render may take."""
MAX_INT_BITS = 4_096
"""Bits an integer may have (about 1,200 digits)."""
TIME_BUDGET = 2.0
"""Seconds one render may take."""

clock: Callable[[], float] = time.monotonic
"""The clock of the time budget (tests replace it)."""

_WIDTH_FILTERS = frozenset({"batch", "center", "format", "slice", "truncate", "wordwrap"})
"""Filters whose numeric arguments say how big their output is."""


class RenderLimit(jinja2.TemplateError):
    """A template went over one of the render limits; the message says which."""


@dataclass
class _Budget:
    deadline: float
    steps: int = 0

    def charge(self) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise RenderLimit(f"more than {MAX_STEPS:,} steps (loop iterations, calls)")
        # Reading the clock costs more than a step: look every 64 steps.
        if self.steps & 63 == 0 and clock() > self.deadline:
            raise RenderLimit(f"took more than {TIME_BUDGET:g} seconds")


_BUDGET: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar(
    "portavoz_render_budget", default=None
)


def charge() -> None:
    """Count one step of the current render (and look at its clock now and then)."""
    current = _BUDGET.get()
    if current is not None:  # None while compiling (constant folding runs filters)
        current.charge()


def refuse_text(size: int, what: str) -> None:
    """Raise :class:`RenderLimit` when ``what`` would have more than :data:`MAX_TEXT`."""
    if size > MAX_TEXT:
        raise RenderLimit(
            f"{what} would have {size:,} or more characters or items (limit {MAX_TEXT:,})"
        )


def refuse_int(bits: float, what: str) -> None:
    """Raise :class:`RenderLimit` when ``what`` would be over :data:`MAX_INT_BITS` bits."""
    if bits > MAX_INT_BITS:
        raise RenderLimit(
            f"{what} would be a number of about {int(bits):,} bits (limit {MAX_INT_BITS:,})"
        )


def weight(*values: object) -> int:
    """About how many characters ``str()`` of ``values`` would write, counted up to just past
    :data:`MAX_TEXT`.

    Containers count their items, however often one is repeated (``[x] * 9999`` prints ``x``
    9999 times); nested lists are how a template would otherwise build gigabytes from a few
    references.
    """
    total, stack, seen = 0, list(values), 0
    while stack and total <= MAX_TEXT:
        item = stack.pop()
        seen += 1
        if seen & 1023 == 0:  # walking a big value is work too
            charge()
        if isinstance(item, str | bytes):
            total += len(item)
        elif isinstance(item, int):
            total += item.bit_length() // 3 + 1
        elif isinstance(item, dict):
            total += 1 + len(item)
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple | set | frozenset):
            total += 1 + len(item)
            stack.extend(item)
        elif isinstance(item, Namespace):  # its attributes hide behind __getattribute__
            stack.append(dict(object.__getattribute__(item, "_Namespace__attrs")))
        else:
            total += 1
    return total


def check_value(value: object, what: str) -> None:
    """Refuse a value already too big to keep (it would grow further)."""
    if isinstance(value, int):
        refuse_int(value.bit_length(), what)
    elif not isinstance(value, float | bool | type(None)):
        refuse_text(weight(value), what)


def checked(value: object) -> object:
    """``value`` if it is small enough to print: every ``{{ … }}`` and literal passes here."""
    charge()
    check_value(value, "a value")
    return value


def check_widths(args: Iterable[object]) -> None:
    """Refuse widths or counts (``center(n)``, ``truncate(n)``…) over :data:`MAX_TEXT`."""
    if any(isinstance(a, int) and a > MAX_TEXT for a in args):
        raise RenderLimit(f"a width or count over {MAX_TEXT:,}")


_PRINTF_FIELD = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?[a-zA-Z%]")
"""One ``%`` conversion: its width and precision."""


def _width_sum(numbers: Iterable[str]) -> int:
    # A number of more than 6 digits is over the limit; int() of thousands of digits is slow.
    return sum(int(n) if len(n) <= 6 else MAX_TEXT + 1 for n in numbers if n.isdigit())


def format_size(spec: str, args: list[object], *, printf: bool) -> int:
    """A bound on the size of ``spec % args`` or ``spec.format(*args)``.

    Every field is taken as wide as its width and precision plus the longest argument, so
    ``'{0}' * 9999`` formatted with a long text is refused before it is built.
    """
    if printf:
        fields = [[w, p] for w, p in _PRINTF_FIELD.findall(spec)]
        starred = any("*" in f for f in fields)
    else:
        try:
            parsed = [f for _, name, f, _ in string.Formatter().parse(spec) if name is not None]
        except ValueError:  # a broken format: formatting it raises a message of its own
            return len(spec)
        fields = [re.findall(r"\d+", f or "") for f in parsed]
        starred = any("{" in (f or "") for f in parsed)  # widths given as arguments
    widths = sum(_width_sum(f) for f in fields)
    if starred:
        widths += sum(a for a in args if isinstance(a, int) and a > 0)
    longest = max((weight(a) for a in args), default=0)
    return len(spec) + widths + len(fields) * longest


def _format_args(args: object) -> list[object]:
    """What ``%`` formats: a tuple's items, a mapping's values, or the one value."""
    if isinstance(args, tuple):
        return list(args)
    if isinstance(args, Mapping):
        return list(args.values())
    return [args]


def _times(left: object, right: object) -> None:
    if isinstance(left, int) and isinstance(right, int):
        refuse_int(left.bit_length() + right.bit_length(), "a product")
        return
    for seq, n in ((left, right), (right, left)):
        if isinstance(n, int) and isinstance(seq, str | bytes | list | tuple):
            refuse_text(weight(seq) * max(n, 0), "a repetition with *")


def _power(base: object, exponent: object) -> None:
    if isinstance(base, int) and isinstance(exponent, int) and exponent > 0 and abs(base) > 1:
        refuse_int(exponent * math.log2(abs(base)), "a power with **")


def _plus(left: object, right: object) -> None:
    if isinstance(left, str | list | tuple) and isinstance(right, str | list | tuple):
        refuse_text(weight(left, right), "a sum with +")


def _modulo(left: object, right: object) -> None:
    if isinstance(left, str):
        refuse_text(format_size(left, _format_args(right), printf=True), "a format with %")


BINOP_CHECKS: dict[str, Callable[[object, object], None]] = {
    "*": _times,
    "**": _power,
    "+": _plus,
    "%": _modulo,
}


def join_size(items: Iterable[object], separator: str) -> int:
    """The size of ``separator.join(items)``, before it is built."""
    found = list(items)
    return weight(*found) + len(separator) * max(len(found) - 1, 0)


def replace_size(text: str, old: str, new: str, count: object = -1) -> int:
    """The size of ``text.replace(old, new, count)``, before it is built."""
    found = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    return len(text) + found * len(new)


def precheck_filter(name: str, values: list[object], kwargs: Mapping[str, object]) -> None:
    """Refuse a filter call whose result would be too big, before it is built.

    ``values`` are the arguments, already each small enough (so ``str()`` of them is cheap).
    """
    text = str(values[0]) if values else ""
    what = f"the {name} filter"
    if name == "format":  # printf-style: ``value % (kwargs or args)``
        refuse_text(format_size(text, values[1:], printf=True), what)
    elif name in _WIDTH_FILTERS:
        check_widths(values[1:])
    if name == "replace" and len(values) >= 3:
        refuse_text(replace_size(text, str(values[1]), str(values[2]), *values[3:4]), what)
    elif name == "indent" and len(values) >= 2:
        width = values[1] if isinstance(values[1], int) else len(str(values[1]))
        refuse_text(len(text) + (text.count("\n") + 1) * width, what)
    elif name == "join" and values and isinstance(values[0], Iterable):
        separator = str(values[1]) if len(values) > 1 else ""
        refuse_text(join_size(values[0], separator), what)
    elif name == "wordwrap":
        wrap = str(kwargs.get("wrapstring") or (values[4] if len(values) > 4 else "\n"))
        refuse_text(len(text) * max(len(wrap), 1), what)
    elif name == "sum":
        start = kwargs.get("start", values[2] if len(values) > 2 else 0)
        if not isinstance(start, int | float):  # adding lists one by one is quadratic
            raise RenderLimit("the sum filter adds numbers only")


def precheck_method(method: object, args: tuple[object, ...], kwargs: Mapping[str, object]) -> None:
    """Refuse a ``str`` method call whose result would be too big, before it is built."""
    # The sandbox hands out ``str.format`` wrapped (to sandbox its fields); look through it.
    method = getattr(method, "__wrapped__", method)
    owner = getattr(method, "__self__", None)
    if not isinstance(owner, str):
        return
    name = getattr(method, "__name__", "")
    what = f"str.{name}()"
    if name in {"center", "ljust", "rjust", "zfill"}:
        check_widths(args)
    elif name == "format":
        refuse_text(format_size(owner, [*args, *kwargs.values()], printf=False), what)
    elif name == "replace" and len(args) >= 2:
        refuse_text(replace_size(owner, str(args[0]), str(args[1]), *args[2:3]), what)
    elif name == "join" and args and isinstance(args[0], Iterable):
        refuse_text(join_size(args[0], owner), what)


@contextlib.contextmanager
def budget() -> Iterator[None]:
    """One render's budget of steps and time, for whatever runs inside."""
    token = _BUDGET.set(_Budget(clock() + TIME_BUDGET))
    try:
        yield
    finally:
        _BUDGET.reset(token)
