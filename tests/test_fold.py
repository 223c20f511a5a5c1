"""The one folding used to match words (listening rules, people, brand-voice lists)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portavoz.scheduler.base.fold import fold
from portavoz.scheduler.listening.normalise import Entry
from portavoz.scheduler.listening.rules import classify, compile_rules
from portavoz.scheduler.listening.settings import RoutingRule


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("Facturación", "facturacion"),
        ("ÁRBOL Ñandú", "arbol ñandu"),  # ñ is a letter of Spanish, not an accented n
        ("Pingüino", "pinguino"),
        ("İstanbul", "istanbul"),  # one character for one, even where lower() gives two
    ],
)
def test_fold(written: str, folded: str) -> None:
    assert fold(written) == folded


@given(st.text())
def test_fold_keeps_offsets(text: str) -> None:
    assert len(fold(text)) == len(text)


def _entry(title: str) -> Entry:
    moment = datetime(2026, 11, 22, tzinfo=UTC)
    return Entry(title, "Foro", "community", (), title, None, "", moment, "", title)


def test_listening_keywords_keep_n_with_tilde() -> None:
    rules = compile_rules([RoutingRule("año", keywords=("año",))])
    matched = classify([_entry("FELIZ AÑO"), _entry("Un ano"), _entry("Año nuevo")], rules)
    assert [m.entry.title for m in matched] == ["FELIZ AÑO", "Año nuevo"]
