"""Every text portavoz itself shows, in the site's language (Material's ``theme.language``).

One catalog per language, keyed by :class:`~portavoz.scheduler.i18n.keys.Text` (an enum, so a
missing or misspelled key is a type error, not a blank label): :mod:`.en` and :mod:`.es`.
``tests/i18n`` checks that both are complete and use the same placeholders. Dates and numbers
go through Babel in the same locale. An unknown language falls back to English; the caller
reports the warning once (:func:`language_of` returns it).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING

from babel import Locale
from babel.dates import format_date, format_time, get_datetime_format
from babel.numbers import format_decimal

from portavoz.scheduler.i18n import en, es
from portavoz.scheduler.i18n.keys import Text

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["Language", "Messages", "Text", "language_of", "messages"]


class Language(StrEnum):
    """The languages portavoz speaks. The value is the primary subtag (``es`` of ``es-MX``)."""

    EN = "en"
    ES = "es"


DEFAULT = Language.EN
"""The fallback for a language portavoz has no catalog for."""

_CATALOGS: Mapping[Language, Mapping[Text, str]] = MappingProxyType(
    {Language.EN: en.MESSAGES, Language.ES: es.MESSAGES}
)


def language_of(tag: str | None) -> tuple[Language, str | None]:
    """The catalog language of a BCP 47 tag, and a warning when it has to fall back.

    Args:
        tag: Material's ``theme.language`` (``es``, ``es-MX``, ``pt-BR``…), or ``None``.

    Returns:
        The language, and ``None`` or a one-line warning naming the tag and the fallback.
    """
    if not tag:
        return DEFAULT, None
    primary = tag.replace("_", "-").split("-", 1)[0].lower()
    try:
        return Language(primary), None
    except ValueError:
        known = ", ".join(language.value for language in Language)
        return DEFAULT, (
            f"theme.language '{tag}': portavoz has no texts in this language (it has {known}); "
            f"its own labels and pages are in English"
        )


@dataclass(frozen=True)
class Messages:
    """The catalog of one language, with Babel's dates and numbers in the same locale.

    Args:
        language: The catalog's language.
        locale: The Babel locale for dates and numbers (``es``, ``es_MX``…).
    """

    language: Language
    locale: str
    # Dates and numbers already formatted: a build asks for the same day or count on many
    # pages and panels, and each Babel call costs more than the rest of the row.
    _formatted: dict[tuple[object, ...], str] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __call__(self, key: Text, /, **values: object) -> str:
        """The text for ``key``, with ``{placeholders}`` filled from ``values``."""
        template = _CATALOGS[self.language][key]
        return template.format(**values) if values else template

    def date(self, day: dt.date, form: str = "long") -> str:
        """A calendar date as readers of this language write it ("22 de noviembre de 2026")."""
        key = ("date", day, form)
        if key not in self._formatted:
            self._formatted[key] = str(format_date(day, form, locale=_parsed(self.locale)))
        return self._formatted[key]

    def moment(self, when: dt.datetime, zone: dt.tzinfo) -> str:
        """A date and time in ``zone`` as readers of this language write them.

        The long date and the short time, joined as the locale joins them ("January 5, 2027,
        9:00 AM"; "5 de enero de 2027, 9:00"). ``when`` must be aware.
        """
        # Equal aware moments in one zone ignore the fold: the offset tells a repeated hour.
        key = ("moment", when, when.utcoffset(), zone)
        if key not in self._formatted:
            self._formatted[key] = self._moment(when, zone)
        return self._formatted[key]

    def _moment(self, when: dt.datetime, zone: dt.tzinfo) -> str:
        local = when.astimezone(zone)
        babel = _parsed(self.locale)
        day = format_date(local.date(), "long", locale=babel)
        time = format_time(local, "short", tzinfo=zone, locale=babel)
        # Babel's own format_datetime joins with the same pattern, quotes dropped.
        pattern = str(get_datetime_format("long", locale=babel)).replace("'", "")
        return pattern.replace("{0}", str(time)).replace("{1}", str(day))

    def plural(self, one: Text, other: Text, count: int) -> str:
        """``{count}`` of something: ``one``'s text or ``other``'s, by the language's rules.

        Babel's CLDR plural rules choose (English and Spanish: "one" for 1 only); a form
        beyond ``one`` (Spanish "many" for millions) takes ``other``.
        """
        form = _parsed(self.locale).plural_form(count)
        return self(one if form == "one" else other, count=self.number(count))

    def number(self, value: float) -> str:
        """A number with this language's separators ("1.234" in Spanish, "1,234" in English)."""
        key = ("number", type(value), value)  # 1 and 1.0 are one key without the type
        if key not in self._formatted:
            self._formatted[key] = str(format_decimal(value, locale=_parsed(self.locale)))
        return self._formatted[key]


@functools.lru_cache(maxsize=32)  # one catalog a language: its formatted dates are kept
def messages(tag: str | None) -> Messages:
    """The messages for a site language tag (unknown languages fall back to English).

    Args:
        tag: Material's ``theme.language``; see :func:`language_of` for the warning.
    """
    language, warning = language_of(tag)
    locale = language.value if warning or not tag else tag.replace("-", "_")
    return Messages(language, _babel_locale(locale, language))


@functools.cache
def _parsed(locale: str) -> Locale:
    """Babel's locale named ``locale``, parsed once a process: Babel parses a name given as
    text again on every call, which cost most of formatting a date (a hub page formats one
    a post)."""
    return Locale.parse(locale)


def _babel_locale(locale: str, language: Language) -> str:
    """``locale`` when Babel knows it (``es_MX``), else the bare language (``es``)."""
    from babel import UnknownLocaleError

    try:
        Locale.parse(locale)
    except (ValueError, UnknownLocaleError):
        return language.value
    return locale
