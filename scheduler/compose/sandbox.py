"""A Jinja2 sandbox whose renders are bounded in size, work and time.

Templates are code from the site (override files, front-matter ``text:``), so they are hostile
input. Jinja's sandbox stops them reaching Python internals, not exhausting the machine:
``'x' * 10**10`` or ``7 ** 10**8`` allocate for ever, nested loops run for hours. This
environment is immutable, and charges every step a template takes to one budget per render
(the limits and size checks are in :mod:`portavoz.scheduler.compose.render_limits`): the operators
``*``, ``**``, ``+`` and ``%``, every call and filter (checked before they build a value too
big), every literal and printed value, every loop iteration (the compiler wraps each ``for``),
``range`` (bounded) and the output, read chunk by chunk up to ``MAX_TEXT`` characters.

A template that exhausts a budget once is refused for the rest of the build without running
again, so one hostile template costs one budget, not one per post.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import Namespace

from portavoz.scheduler.compose.render_limits import (
    BINOP_CHECKS,
    MAX_RANGE,
    MAX_TEXT,
    RenderLimit,
    budget,
    charge,
    check_value,
    checked,
    precheck_filter,
    precheck_method,
    refuse_text,
    weight,
)

_LOOP_FILTER = "portavoz_counted"
"""Internal filter the compiler wraps around every ``for`` loop's iterable."""
_STR_METHODS_REFUSED = frozenset({"expandtabs", "format_map", "maketrans", "translate"})
"""String methods whose output size cannot be bounded from their arguments cheaply."""


def _bounded_join(items: Iterable[object]) -> str:
    """Jinja's ``concat`` (buffers of blocks, macros, ``set`` blocks) and ``~``, bounded."""
    found = list(items)
    refuse_text(weight(*found), "a joined text")
    return "".join(str(item) for item in found)


def bounded_range(*args: int) -> range:
    """``range()`` for templates: at most :data:`MAX_RANGE` items."""
    found = range(*args)
    try:
        size = len(found)
    except OverflowError:  # more items than a machine word counts
        size = MAX_RANGE + 1
    if size > MAX_RANGE:
        raise RenderLimit(f"range() of more than {MAX_RANGE:,} items")
    return found


def _counted(iterable: Iterable[object]) -> Iterator[object]:
    """Charge one step per loop iteration (wrapped round every ``for`` by the compiler)."""
    for item in iterable:
        charge()
        yield item


class _BoundedNamespace(Namespace):
    """``namespace()`` whose attributes cannot grow past the limits from one loop to the next."""

    def __setitem__(self, name: str, value: object) -> None:
        check_value(value, f"namespace attribute {name!r}")
        super().__setitem__(name, value)


class _CodeGenerator(CodeGenerator):
    """Compiles ``~`` through the bounded join and counts every ``for`` loop's iterations."""

    def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:
        for loop in node.find_all(nodes.For):
            loop.iter = nodes.Filter(
                loop.iter, _LOOP_FILTER, [], [], None, None, lineno=loop.iter.lineno
            )
        super().visit_Template(node, frame)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        # `concat` is the environment's join, bound in every render function's preamble.
        self.write("concat((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")

    # Literals are checked as they are built: ``[a, a, a]`` nested a few levels deep is a
    # gigabyte to print or compare, though every step is small.
    def visit_List(self, node: nodes.List, frame: Frame) -> None:
        self.write("environment.portavoz_checked(")
        super().visit_List(node, frame)
        self.write(")")

    def visit_Dict(self, node: nodes.Dict, frame: Frame) -> None:
        self.write("environment.portavoz_checked(")
        super().visit_Dict(node, frame)
        self.write(")")

    def visit_Tuple(self, node: nodes.Tuple, frame: Frame) -> None:
        if node.ctx != "load":  # a target (``for a, b in …``), not a value
            super().visit_Tuple(node, frame)
            return
        self.write("environment.portavoz_checked(")
        super().visit_Tuple(node, frame)
        self.write(")")


def _wrap_filter(name: str, func: Callable[..., object]) -> Callable[..., object]:
    def bounded(*args: object, **kwargs: object) -> object:
        charge()
        args = _materialized(args)
        values = _values(args, kwargs)
        for value in values:
            check_value(value, f"an argument of the {name} filter")
        precheck_filter(name, values, kwargs)
        result = func(*args, **kwargs)
        check_value(result, f"the {name} filter")
        return result

    # Jinja reads how to pass the context or environment from attributes of the function.
    bounded.__dict__.update(getattr(func, "__dict__", {}))
    return bounded


def _materialized(args: tuple[object, ...]) -> tuple[object, ...]:
    """Arguments with lazy sequences (``map``, ``select``) made lists, so their size is known
    before a filter or method joins them into one text."""
    return tuple(_bounded_list(a) if isinstance(a, Iterator) else a for a in args)


def _bounded_list(items: Iterator[object]) -> list[object]:
    found: list[object] = []
    total = 0
    for item in items:
        total += weight(item)
        refuse_text(total, "a sequence")
        found.append(item)
    return found


def _values(args: tuple[object, ...], kwargs: Mapping[str, object]) -> list[object]:
    # Filters that take the context or environment receive it first; skip it.
    passed = jinja2.Environment | jinja2.runtime.Context | nodes.EvalContext
    found = [a for a in args if not isinstance(a, passed)]
    return [*found, *kwargs.values()]


@dataclass
class _Exhausted:
    """Templates that went over a limit in this build, by source, with the reason."""

    reasons: dict[str, RenderLimit] = field(default_factory=dict)
    """Each with the traceback of its first render, which locates it in the template."""


class BoundedEnvironment(ImmutableSandboxedEnvironment):
    """An immutable sandbox whose renders are bounded (see the module's docstring)."""

    code_generator_class = _CodeGenerator
    concat = staticmethod(_bounded_join)
    portavoz_checked = staticmethod(checked)
    intercepted_binops = frozenset(BINOP_CHECKS)

    def __init__(self, **options: object) -> None:
        options.setdefault("finalize", checked)  # every ``{{ … }}`` before it is printed
        super().__init__(**options)
        # lipsum(n) writes n paragraphs at once; a social post has no use for it.
        self.globals.pop("lipsum", None)
        self.globals["range"] = bounded_range
        self.globals["namespace"] = _BoundedNamespace
        self.filters = {name: _wrap_filter(name, f) for name, f in self.filters.items()}
        self.filters[_LOOP_FILTER] = _counted
        self.exhausted = _Exhausted()
        self.folders: dict[str, str] = {}
        """Absolute override folder → how messages name it (set by the caller)."""

    def is_safe_attribute(self, obj: object, attr: str, value: object) -> bool:
        if isinstance(obj, str) and attr in _STR_METHODS_REFUSED:
            return False
        return bool(super().is_safe_attribute(obj, attr, value))

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: object, right: object
    ) -> object:
        charge()
        BINOP_CHECKS[operator](left, right)
        return super().call_binop(context, operator, left, right)

    def call(
        __self,  # Jinja's own signature: keyword arguments named self pass through
        __context: jinja2.runtime.Context,
        __obj: object,
        *args: object,
        **kwargs: object,
    ) -> object:
        charge()
        args = _materialized(args)
        for value in (*args, *kwargs.values()):
            # Arguments too big to keep stop a macro that doubles a text on each call.
            check_value(value, "an argument")
        precheck_method(__obj, args, kwargs)
        result = super().call(__context, __obj, *args, **kwargs)
        check_value(result, "a call's result")
        return result


def render_bounded(template: jinja2.Template, context: Mapping[str, object], key: str) -> str:
    """Render ``template`` under the limits, reading its output chunk by chunk.

    Args:
        template: A template of a :class:`BoundedEnvironment`.
        context: Its variables.
        key: What identifies the template in this build (its name or source), so one that
            exhausted a budget is refused at once the next time.

    Raises:
        RenderLimit: The template went over a limit (now or earlier in this build).
    """
    exhausted = getattr(template.environment, "exhausted", _Exhausted()).reasons
    if key in exhausted:
        known = exhausted[key]
        raise known.with_traceback(known.__traceback__)
    try:
        with budget():
            return _read(template.generate(context))
    except RenderLimit as exc:
        exhausted[key] = exc
        raise


def _read(chunks: Iterator[str]) -> str:
    out: list[str] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_TEXT:
            raise RenderLimit(f"the text would have more than {MAX_TEXT:,} characters")
        charge()
        out.append(chunk)
    return "".join(out)
