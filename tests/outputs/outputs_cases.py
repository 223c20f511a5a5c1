"""Loading the output test cases: ``cases/KIND/NAME.yml`` beside ``NAME.expected.yml``."""

from __future__ import annotations

import dataclasses
import datetime as dt
import typing
from pathlib import Path
from typing import Any, TypeVar

import pytest
from case_tables import load_yaml

T = TypeVar("T")

CASES = Path(__file__).resolve().parent / "cases"


def case_pairs(kind: str) -> list[Any]:
    """Every ``cases/KIND/*.yml`` input with its expected output, as pytest params."""
    inputs = sorted(
        path for path in (CASES / kind).glob("*.yml") if not path.name.endswith(".expected.yml")
    )
    assert inputs, f"no cases in {CASES / kind}"
    return [
        pytest.param(load_yaml(path), load_yaml(path.with_suffix(".expected.yml")), id=path.stem)
        for path in inputs
    ]


def build(cls: type[T], data: dict[str, Any]) -> T:
    """A model dataclass from YAML: ISO strings become datetimes, lists become tuples."""
    hints = typing.get_type_hints(cls)
    names = {field.name for field in dataclasses.fields(cls)}  # type: ignore[arg-type]
    assert set(data) <= names, f"unknown fields {set(data) - names} for {cls.__name__}"
    return cls(**{key: _convert(hints[key], value) for key, value in data.items()})


def _convert(hint: object, value: Any) -> Any:
    if isinstance(value, list):
        return tuple(value)
    if isinstance(value, str) and dt.datetime in (*typing.get_args(hint), hint):
        return dt.datetime.fromisoformat(value)
    return value
