"""Dates, moments, numbers and plurals are Babel's for the catalog's locale: the locale is
parsed once a process (issue 16: Babel parsed its name again on every date of a hub page),
and each text is the one Babel gives for the locale named as text."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from babel import Locale
from babel.dates import format_date, format_time, get_datetime_format
from babel.numbers import format_decimal

from portavoz.scheduler.i18n import Messages, Text, messages

TAGS = ["en", "es", "es-MX", "en-GB", "pt-BR"]
DAYS = [dt.date(2024, 2, 29), dt.date(2026, 11, 22), dt.date(1999, 12, 31)]
ZONE = ZoneInfo("America/Mexico_City")


def _fresh(tag: str) -> Messages:
    found = messages(tag)
    return Messages(found.language, found.locale)  # nothing formatted yet


@pytest.mark.parametrize("tag", TAGS)
@pytest.mark.parametrize("form", ["long", "short", "medium"])
def test_dates_are_babels(tag: str, form: str) -> None:
    texts = _fresh(tag)

    for day in DAYS:
        assert texts.date(day, form) == format_date(day, form, locale=texts.locale)


@pytest.mark.parametrize("tag", TAGS)
def test_moments_are_babels(tag: str) -> None:
    texts = _fresh(tag)
    when = dt.datetime(2027, 1, 5, 15, 0, tzinfo=dt.UTC)
    local = when.astimezone(ZONE)
    day = format_date(local.date(), "long", locale=texts.locale)
    time = format_time(local, "short", tzinfo=ZONE, locale=texts.locale)
    pattern = str(get_datetime_format("long", locale=texts.locale)).replace("'", "")

    assert texts.moment(when, ZONE) == pattern.replace("{0}", time).replace("{1}", day)


@pytest.mark.parametrize("tag", TAGS)
@pytest.mark.parametrize("count", [0, 1, 2, 1234, 1_000_000])
def test_numbers_and_plurals_are_babels(tag: str, count: int) -> None:
    texts = _fresh(tag)
    form = Locale.parse(texts.locale).plural_form(count)
    number = format_decimal(count, locale=texts.locale)

    assert texts.number(count) == number
    assert texts.number(count + 0.5) == format_decimal(count + 0.5, locale=texts.locale)
    expected = texts(Text.HUB_TITLE if form == "one" else Text.HUB_NO_POSTS, count=number)
    assert texts.plural(Text.HUB_TITLE, Text.HUB_NO_POSTS, count) == expected
