"""The shipped network templates as plain Python: text pieces and context lookups.

Every variant renders its network's template once or more while fitting, and through the
sandbox each render pays a budget, a context object and a check per step (about 50 µs, a fifth
of composing). The shipped templates are portavoz's own code and use a handful of Jinja's
features: printed names, blocks, ``extends``, a slice and ``join``. Such a template is turned,
once per environment, into a list of pieces from Jinja's own parse tree, so whitespace control
(``trim_blocks``, ``-%}``) is the lexer's, exactly as Jinja renders it. Anything else in a
template (a loop, a call, a name the context lacks, a value too big for the sandbox) makes
:func:`plain_template` or :meth:`PlainTemplate.render` give ``None``, and the caller renders
with Jinja as before; the site's overrides always go to the sandbox.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import cast

import jinja2
from jinja2 import nodes

from portavoz.scheduler.compose.render_limits import (
    MAX_TEXT,
    RenderLimit,
    check_value,
    precheck_filter,
)

Value = Callable[[Mapping[str, object]], object]
"""Works out one printed expression from the render's variables."""
Piece = str | Value
Source = Callable[[str], str | None]
"""A template's shipped source by name, or ``None`` when the site overrides or lacks it."""


class _Unsupported(Exception):
    """The template or a value is outside what the plain renderer reproduces exactly."""


@dataclass(frozen=True)
class PlainTemplate:
    """A template as text pieces and value lookups, rendered as Jinja renders it."""

    pieces: tuple[Piece, ...]

    def render(self, context: Mapping[str, object]) -> str | None:
        """The text Jinja would give, or ``None`` when only Jinja can say (then ask Jinja).

        Each value goes through the sandbox's size check, as the environment's ``finalize``
        does; one it would refuse, or an output over the limit, is left to Jinja to refuse.
        """
        out: list[str] = []
        try:
            for piece in self.pieces:
                if isinstance(piece, str):
                    out.append(piece)
                    continue
                value = piece(context)
                if type(value) is str:  # check_value's verdict on a text, without its walk
                    if len(value) > MAX_TEXT:
                        return None
                    out.append(value)
                    continue
                check_value(value, "a value")
                out.append(str(value))
        except (_Unsupported, RenderLimit):
            return None
        text = "".join(out)
        return text if len(text) <= MAX_TEXT else None


def plain_template(env: jinja2.Environment, name: str, source: Source) -> PlainTemplate | None:
    """``name`` (and what it extends) as a :class:`PlainTemplate`, or ``None`` when unsupported.

    Args:
        env: The environment whose lexer settings parse the sources.
        name: The template's name, e.g. ``x.txt.j2``.
        source: Each template's shipped source; ``None`` for one the site overrides.
    """
    try:
        return PlainTemplate(tuple(_pieces(env, name, source, {}, depth=0)))
    except (_Unsupported, jinja2.TemplateError):
        return None


_MAX_DEPTH = 8
"""Templates one may extend in a chain (the shipped ones use one)."""


def _pieces(
    env: jinja2.Environment,
    name: str,
    source: Source,
    blocks: Mapping[str, list[nodes.Node]],
    *,
    depth: int,
) -> list[Piece]:
    text = source(name)
    if text is None or depth > _MAX_DEPTH:
        raise _Unsupported(name)
    body = env.parse(text, name).body
    parent = _parent(body)
    if parent is None:
        return _statements(body, blocks)
    # A child's top level is its blocks: the nearest child's block wins over its parents'.
    own = {node.name: node.body for node in body if isinstance(node, nodes.Block)}
    if any(_nested_blocks(node) for node in body):
        raise _Unsupported(name)
    return _pieces(env, parent, source, {**own, **blocks}, depth=depth + 1)


def _parent(body: Sequence[nodes.Node]) -> str | None:
    """The template ``body`` extends, when it starts with ``extends`` and holds only blocks."""
    if not body or not isinstance(body[0], nodes.Extends):
        if any(isinstance(node, nodes.Extends) for node in body):
            raise _Unsupported("extends after other content")
        return None
    target = body[0].template
    if not isinstance(target, nodes.Const) or not isinstance(target.value, str):
        raise _Unsupported("extends of a computed name")
    if not all(isinstance(node, nodes.Block) for node in body[1:]):
        raise _Unsupported("a child template with more than blocks")
    return target.value


def _nested_blocks(node: nodes.Node) -> bool:
    return any(True for _ in node.find_all(nodes.Block)) if isinstance(node, nodes.Block) else False


def _statements(body: Sequence[nodes.Node], blocks: Mapping[str, list[nodes.Node]]) -> list[Piece]:
    pieces: list[Piece] = []
    for node in body:
        if isinstance(node, nodes.Output):
            pieces += [_output(child) for child in node.nodes]
        elif isinstance(node, nodes.Block) and not node.required:
            pieces += _statements(blocks.get(node.name, node.body), blocks)
        else:
            raise _Unsupported(type(node).__name__)
    return pieces


def _output(node: nodes.Node) -> Piece:
    if isinstance(node, nodes.TemplateData):
        return node.data
    return _expression(node)


def _expression(node: nodes.Node) -> Value:
    if isinstance(node, nodes.Name) and node.ctx == "load":
        return _name(node.name)
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Slice):
        return _sliced(_expression(node.node), _slice(node.arg))
    if (
        isinstance(node, nodes.Filter)
        and node.name == "join"
        and node.node is not None
        and not node.kwargs
        and node.dyn_args is None
        and node.dyn_kwargs is None
        and len(node.args) == 1
        and isinstance(node.args[0], nodes.Const)
        and isinstance(node.args[0].value, str)
    ):
        return _joined(_expression(node.node), node.args[0].value)
    raise _Unsupported(type(node).__name__)


def _name(name: str) -> Value:
    def value(context: Mapping[str, object]) -> object:
        if name not in context:  # Jinja would look in its globals, or fail (StrictUndefined)
            raise _Unsupported(name)
        return context[name]

    return value


def _slice(node: nodes.Slice) -> slice:
    bounds: list[int | None] = []
    for bound in (node.start, node.stop, node.step):
        if bound is None:
            bounds.append(None)
        elif isinstance(bound, nodes.Const) and type(bound.value) is int:
            bounds.append(bound.value)
        else:
            raise _Unsupported("a computed slice")
    return slice(*bounds)


def _sliced(inner: Value, where: slice) -> Value:
    def value(context: Mapping[str, object]) -> object:
        return _sequence(inner(context), "a slice")[where]

    return value


def _joined(inner: Value, separator: str) -> Value:
    def value(context: Mapping[str, object]) -> object:
        found = _sequence(inner(context), "join")
        if not all(type(item) is str for item in found):
            raise _Unsupported("join of something other than texts")
        # The sandbox's checks of its join filter: arguments, planned size, result.
        check_value(found, "an argument of the join filter")
        precheck_filter("join", [found, separator], {})
        result = separator.join(cast(Sequence[str], found))
        check_value(result, "the join filter")
        return result

    return value


def _sequence(found: object, what: str) -> Sequence[object]:
    """A list, tuple or text as it is (subclasses may print or slice otherwise)."""
    if type(found) not in (list, tuple, str):
        raise _Unsupported(f"{what} of something else")
    return cast(Sequence[object], found)
