"""The message catalogs: complete in every language, same placeholders, English fallback."""

from __future__ import annotations

import datetime as dt
import string

import pytest

from portavoz.scheduler.i18n import Language, Text, en, es, language_of, messages

CATALOGS = {Language.EN: en.MESSAGES, Language.ES: es.MESSAGES}


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("language", list(Language))
def test_every_key_has_a_text(language: Language) -> None:
    catalog = CATALOGS[language]
    assert set(catalog) == set(Text), set(Text) ^ set(catalog)
    assert all(text.strip() for text in catalog.values())


@pytest.mark.parametrize("key", list(Text))
def test_languages_share_placeholders(key: Text) -> None:
    assert _fields(en.MESSAGES[key]) == _fields(es.MESSAGES[key])


@pytest.mark.parametrize(
    ("tag", "language", "warns"),
    [
        (None, Language.EN, False),
        ("en", Language.EN, False),
        ("es", Language.ES, False),
        ("es-MX", Language.ES, False),
        ("ES_es", Language.ES, False),
        ("pt-BR", Language.EN, True),
        ("zz", Language.EN, True),
    ],
)
def test_language_of(tag: str | None, language: Language, warns: bool) -> None:
    found, warning = language_of(tag)
    assert found is language
    assert (warning is not None) == warns
    if warning:
        assert repr(tag).strip("'") in warning and "English" in warning


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("es", "22 de noviembre de 2026"),
        ("en", "November 22, 2026"),
        ("pt-BR", "November 22, 2026"),
    ],
)
def test_dates_through_babel(tag: str, expected: str) -> None:
    assert messages(tag).date(dt.date(2026, 11, 22)) == expected


def test_numbers_through_babel() -> None:
    assert messages("en").number(12345) == "12,345"
    assert messages("es").number(12345) == "12.345"
