"""Indented JSON as ``json.dumps(value, ensure_ascii=False, indent=2)`` writes it, faster.

The standard library encodes with C only without ``indent``; with it, every token goes through
nested Python generators, which made the schedule's 16 MB (each variant record written twice:
its own file and ``schedule.json``) the largest part of writing a build's outputs. Here each
value is written by one recursive function into a list of strings, strings escaped by the same
C function ``json`` uses; the bytes are the same (tests compare with ``json.dumps``).
"""

from __future__ import annotations

from json.encoder import encode_basestring

STEP = "  "
"""One level of indentation (``indent=2``)."""


def dumps(value: object, level: int = 0) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, as if nested ``level`` deep.

    At ``level`` *n* the lines after the first are indented *n* more steps, so the text can be
    placed inside a document at that depth.

    Raises:
        TypeError: A value JSON has no form for (as ``json.dumps`` raises without ``default``).
    """
    out: list[str] = []
    _write(value, "\n" + STEP * level, out)
    return "".join(out)


def _write(value: object, newline: str, out: list[str]) -> None:
    """Append ``value``'s JSON to ``out``; ``newline`` starts a line at the value's depth."""
    if isinstance(value, str):
        out.append(encode_basestring(value))
    elif isinstance(value, (list, tuple)):
        _write_list(value, newline, out)
    elif isinstance(value, dict):
        _write_dict(value, newline, out)
    else:
        out.append(_scalar(value))


def _write_list(items: list[object] | tuple[object, ...], newline: str, out: list[str]) -> None:
    if not items:
        out.append("[]")
        return
    inner = newline + STEP
    separator = "[" + inner
    for item in items:
        out.append(separator)
        separator = "," + inner
        _write(item, inner, out)
    out.append(newline + "]")


def _write_dict(mapping: dict[object, object], newline: str, out: list[str]) -> None:
    if not mapping:
        out.append("{}")
        return
    inner = newline + STEP
    separator = "{" + inner
    for key, item in mapping.items():
        out.append(separator)
        separator = "," + inner
        out.append(encode_basestring(key if isinstance(key, str) else _key(key)) + ": ")
        _write(item, inner, out)
    out.append(newline + "}")


def _scalar(value: object) -> str:
    """``null``, ``true``/``false``, a number: as ``json`` writes them (``NaN`` allowed)."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


def _key(key: object) -> str:
    """A key that is not a string, as ``json`` turns it into one (numbers, booleans, null)."""
    if isinstance(key, (bool, int, float)) or key is None:
        return _scalar(key)
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")
