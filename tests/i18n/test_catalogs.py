"""The message catalogs: complete in every language, same placeholders, English fallback."""

from __future__ import annotations

import datetime as dt
import string
from zoneinfo import ZoneInfo

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


MOMENT = dt.datetime(2027, 1, 5, 15, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("tag", "zone", "expected"),
    [
        ("en", "America/New_York", "January 5, 2027, 10:00\u202fAM"),
        ("es", "Europe/Madrid", "5 de enero de 2027, 16:00"),
        ("es", "America/New_York", "5 de enero de 2027, 10:00"),
    ],
)
def test_moments_in_the_site_timezone_through_babel(tag: str, zone: str, expected: str) -> None:
    assert messages(tag).moment(MOMENT, ZoneInfo(zone)) == expected


@pytest.mark.parametrize(
    ("tag", "count", "expected"),
    [
        ("en", 0, "0 posts"),
        ("en", 1, "1 post"),
        ("en", 2, "2 posts"),
        ("en", 1234, "1,234 posts"),
        ("es", 0, "0 publicaciones"),
        ("es", 1, "1 publicación"),
        ("es", 2, "2 publicaciones"),
        ("es", 1_000_000, "1.000.000 publicaciones"),
    ],
)
def test_counts_take_the_languages_plural_form(tag: str, count: int, expected: str) -> None:
    say = messages(tag)
    assert say.plural(Text.REVIEW_POSTS_ONE, Text.REVIEW_POSTS_OTHER, count) == expected
