"""JSON forms of what the caches keep: composed variants and problems, checked when read.

A cache file is hostile input (a pull request can commit any file), so nothing is unpickled
or evaluated: each value is rebuilt from plain JSON by a decoder made from its dataclass's
annotated field types, which refuses any value not of its field's type. A dataclass is a
list of its fields in declaration order; an enum is its value; a tuple is a list.

The field layout (:data:`LAYOUT`) goes into the cache files' schema, so a file written for
other dataclasses is foreign as a whole rather than misread.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import operator
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from typing import Generic, TypeVar

from portavoz.scheduler.base.problems import Problem
from portavoz.scheduler.compose.variant import Variant

T = TypeVar("T")
Decoder = Callable[[object], object]
Encoder = Callable[[object], object]


class DecodeError(ValueError):
    """A stored value is not of the form its field's type gives."""


Fields = Mapping[str, object]


class Codec(Generic[T]):
    """Encodes and decodes one dataclass type (and the types of its fields).

    Args:
        kind: The dataclass; its fields may be ``str``, ``int``, ``bool``, enums, other such
            dataclasses, ``tuple[X, ...]`` and ``X | None`` of those.
        check: What a decoded value must also satisfy beyond its types (a message, or
            ``None`` when it does).
        derived: Fields stored as ``null`` when they hold what a function of the other
            fields gives (a variant's API text is most often its text), by name; none of
            them may be ``None`` itself.

    Raises:
        TypeError: A field has a type this codec cannot check.
    """

    def __init__(
        self,
        kind: type[T],
        check: Callable[[T], str | None] | None = None,
        derived: Mapping[str, Callable[[Fields], object]] | None = None,
    ) -> None:
        self.kind = kind
        self._check = check
        self._derived = dict(derived or {})
        hints = _hints(kind)
        self._names = [name for name, _ in hints]
        # A derived field's null is filled in after the others are decoded.
        self._decoders = [
            _optional(_decoder(tp)) if name in self._derived else _decoder(tp) for name, tp in hints
        ]
        self._index = {name: i for i, name in enumerate(self._names)}
        self._derived_at = [(self._index[name], how) for name, how in self._derived.items()]
        self._encode = _encoder(kind)
        self.layout = f"{_layout(kind)}{sorted(self._derived)}"

    def encode(self, value: T) -> object:
        """The JSON value standing for ``value``."""
        row = typing.cast("list[object]", self._encode(value))
        if self._derived:
            fields = {n: getattr(value, n) for n in self._names}
            for i, name in enumerate(self._names):
                if name in self._derived and fields[name] == self._derived[name](fields):
                    row[i] = None
        return row

    def decode(self, data: object) -> T:
        """The value ``data`` stands for.

        Raises:
            DecodeError: ``data`` is not of this type's form.
        """
        if type(data) is not list or len(data) != len(self._names):
            raise DecodeError(f"a {self.kind.__name__} is not a list of its fields")
        # Positional, each field's decoder called from C: a cache holds thousands of rows.
        values = list(map(operator.call, self._decoders, data))
        for index, how in self._derived_at:
            if values[index] is None:
                values[index] = how(_Fields(self._index, values))
        value = self.kind(*values)
        wrong = self._check(value) if self._check is not None else None
        if wrong is not None:
            raise DecodeError(wrong)
        return value


class _Fields(Mapping[str, object]):
    """A row's decoded fields by name, as a derived field's function reads them (a view of
    the values, in the dataclass's order: no dictionary made for each row)."""

    __slots__ = ("_index", "_values")

    def __init__(self, index: Mapping[str, int], values: list[object]) -> None:
        self._index = index
        self._values = values

    def __getitem__(self, name: str) -> object:
        return self._values[self._index[name]]

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)


def _hints(kind: type) -> list[tuple[str, object]]:
    fields = dataclasses.fields(kind)
    if not all(f.init for f in fields):
        raise TypeError(f"{kind.__qualname__} has fields outside __init__")
    hints = typing.get_type_hints(kind)
    return [(f.name, hints[f.name]) for f in fields]


def _decoder(tp: object) -> Decoder:
    if tp is bool:
        return _exact(bool)
    if tp is int:
        return _integer
    if tp is str:
        return _exact(str)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return _member(tp)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _record(tp)
    args = typing.get_args(tp)
    if typing.get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _plain_sequence(args[0]) if args[0] in (str, int) else _sequence(_decoder(args[0]))
    if isinstance(tp, types.UnionType) and len(args) == 2 and type(None) in args:
        return _optional(_decoder(next(a for a in args if a is not type(None))))
    raise TypeError(f"no JSON form for {tp!r}")


def _exact(kind: type) -> Decoder:
    def decode(data: object) -> object:
        if type(data) is not kind:
            raise DecodeError(f"expected {kind.__name__}, found {type(data).__name__}")
        return data

    return decode


def _integer(data: object) -> object:
    if type(data) is not int:
        raise DecodeError(f"expected int, found {type(data).__name__}")
    return data


def _member(kind: type[enum.Enum]) -> Decoder:
    members = {m.value: m for m in kind}

    def decode(data: object) -> object:
        if not isinstance(data, str | int) or isinstance(data, bool) or data not in members:
            raise DecodeError(f"not a {kind.__name__}")
        return members[data]

    return decode


def _sequence(item: Decoder) -> Decoder:
    def decode(data: object) -> object:
        if type(data) is not list:
            raise DecodeError("expected a list")
        return tuple(map(item, data))

    return decode


def _plain_sequence(kind: type) -> Decoder:
    """A tuple of ``str`` or ``int``: its items' types checked in one pass (``bool`` is not
    ``int`` here either)."""

    def decode(data: object) -> object:
        if type(data) is not list:
            raise DecodeError("expected a list")
        if data and set(map(type, data)) != {kind}:
            raise DecodeError(f"expected a list of {kind.__name__}")
        return tuple(data)

    return decode


def _optional(inner: Decoder) -> Decoder:
    def decode(data: object) -> object:
        return None if data is None else inner(data)

    return decode


def _record(kind: type) -> Decoder:
    # Built on first use: a dataclass may name itself (a tree), and most are never read.
    fields: list[Decoder] = []

    def decode(data: object) -> object:
        if not fields:
            fields.extend(_decoder(tp) for _, tp in _hints(kind))
        if type(data) is not list or len(data) != len(fields):
            raise DecodeError(f"a {kind.__name__} is not a list of its {len(fields)} fields")
        return kind(*map(operator.call, fields, data))

    return decode


def _encoder(tp: object) -> Encoder:
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return _value
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        names = [name for name, _ in _hints(tp)]
        coders = [_encoder(t) for _, t in _hints(tp)]
        return lambda v: [c(getattr(v, n)) for n, c in zip(names, coders, strict=True)]
    args = typing.get_args(tp)
    if typing.get_origin(tp) is tuple:
        item = _encoder(args[0])
        return lambda v: [item(x) for x in typing.cast("tuple[object, ...]", v)]
    if isinstance(tp, types.UnionType):
        inner = _encoder(next(a for a in args if a is not type(None)))
        return lambda v: None if v is None else inner(v)
    return _same


def _value(member: object) -> object:
    return typing.cast("enum.Enum", member).value


def _same(value: object) -> object:
    return value


def _layout(tp: object, seen: frozenset[type] = frozenset()) -> str:
    """The types' shape as text: field names and types, nested dataclasses spelled out."""
    if isinstance(tp, type) and dataclasses.is_dataclass(tp) and tp not in seen:
        inner = ",".join(f"{n}:{_layout(t, seen | {tp})}" for n, t in _hints(tp))
        return f"{tp.__qualname__}({inner})"
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return f"{tp.__qualname__}[{'|'.join(str(m.value) for m in tp)}]"
    args = typing.get_args(tp)
    if args:
        return f"{typing.get_origin(tp)}[{','.join(_layout(a, seen) for a in args)}]"
    return getattr(tp, "__qualname__", repr(tp))


VARIANTS = Codec(
    Variant,
    derived={
        "api_text": lambda f: "\n\n".join(typing.cast("tuple[str, ...]", f["parts"])),
        "api_parts": lambda f: f["parts"],
    },
)
"""Composed variants (with their counts, facets, API texts and images)."""


def _line_number(problem: Problem) -> str | None:
    if problem.line is not None and problem.line < 1:
        return "a problem's line is not a line number"
    return None


PROBLEMS = Codec(Problem, _line_number)
"""Problems and findings."""

LAYOUT = hashlib.blake2b(f"{VARIANTS.layout};{PROBLEMS.layout}".encode(), digest_size=8).hexdigest()
"""A short hash of the stored dataclasses' layout, part of each cache file's schema."""
