"""The key of a post's findings, when its variants have a key (issue 16: made without a
canonical JSON form): each of its inputs, the variants' key, the lint settings' hash and
portavoz's code version, gives another key; the same inputs, the same key."""

from __future__ import annotations

import pytest

from portavoz.scheduler.usecases import caching, checking

VARIANTS, SETTINGS = "ab" * 32, "cd" * 32


def _key(variants: str, settings: str) -> str:
    checking._keyed_findings.cache_clear()
    return checking._keyed_findings(variants, settings)


def test_each_input_gives_another_key(monkeypatch: pytest.MonkeyPatch) -> None:
    first = _key(VARIANTS, SETTINGS)
    keys = {first, _key("ef" * 32, SETTINGS), _key(VARIANTS, "ef" * 32)}
    monkeypatch.setattr(caching, "code_version", lambda: "another portavoz")
    keys.add(_key(VARIANTS, SETTINGS))

    assert len(keys) == 4
    monkeypatch.undo()
    assert _key(VARIANTS, SETTINGS) == first
    assert len(first) == 64 and not first.strip("0123456789abcdef")


def test_the_texts_are_not_run_together() -> None:
    assert _key("a" * 63, "b" + SETTINGS) != _key("a" * 64, SETTINGS)
