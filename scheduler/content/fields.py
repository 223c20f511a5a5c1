"""Checks for single front-matter values: each returns the clean value or raises FieldError."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from zoneinfo import ZoneInfo

from portavoz.scheduler.base import local_time
from portavoz.scheduler.base.inert import breaking_character, describe_character
from portavoz.scheduler.base.local_time import LocalTimeError
from portavoz.scheduler.content.reader import BadDate


class FieldError(ValueError):
    """A front-matter value that cannot be used; the message says what would be right."""


def describe(value: object) -> str:
    """Name a YAML value the way a writer sees it (``text 'abc'``, ``a list``…)."""
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, str):
        return f"text '{value}'" if len(value) < 60 else "a long text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "nothing"
    return f"'{value}'"


def text(value: object, *, required: bool = False, multiline: bool = False) -> str:
    """A non-empty string, on one line unless ``multiline``.

    One-line fields (titles, summaries, alt texts…) reach headings, log lines and review
    comments, where a line break or a control character could forge what follows.
    """
    if isinstance(value, str) and value.strip():
        return value.strip() if multiline else on_one_line(value.strip())
    if value is None and not required:
        return ""
    raise FieldError(f"expected text, found {describe(value)}")


def on_one_line(value: str, what: str = "") -> str:
    """``value`` when it has no line break or control character (else a FieldError).

    The check behind one-line fields; :func:`base.inert.one_line` is its counterpart that escapes
    such characters for output instead of refusing them.
    """
    found = breaking_character(value)
    if found is None:
        return value
    raise FieldError(f"{what}contains {describe_character(found)}; keep it on one line")


def boolean(value: object) -> bool:
    """``true`` or ``false``."""
    if isinstance(value, bool):
        return value
    raise FieldError(f"expected true or false, found {describe(value)}")


def string_list(value: object) -> tuple[str, ...]:
    """A YAML list of non-empty strings (``[a, b]``)."""
    if value is None:
        return ()
    if isinstance(value, str):
        raise FieldError(f"expected a list, found {describe(value)}; write [{value}]")
    if not isinstance(value, list):
        raise FieldError(f"expected a list of texts, found {describe(value)}")
    items: list[str] = []
    for item in value:
        if isinstance(item, bool) or not isinstance(item, str | int | float) or not str(item):
            raise FieldError(f"expected a list of texts, found item {describe(item)}")
        items.append(on_one_line(str(item).strip(), f"item {len(items) + 1} "))
    return tuple(items)


def one_or_more(value: object) -> tuple[str, ...]:
    """A single string or a list of strings, each on one line."""
    if isinstance(value, str):
        return (on_one_line(value.strip()),)
    return string_list(value)


def moment(value: object, tz: ZoneInfo, warn: Callable[[str], None] | None = None) -> dt.datetime:
    """A timezone-aware datetime; naive values and plain dates are read in ``tz``.

    Years outside :data:`~portavoz.scheduler.base.local_time.FIRST_YEAR` ..
    :data:`~portavoz.scheduler.base.local_time.LAST_YEAR` and local times that ``tz`` skips are
    refused; a local time it repeats is read as the first of the two, and ``warn`` is told so.
    """
    if isinstance(value, BadDate):
        raise FieldError(f"'{value.text}' is not a real date ({value.reason})")
    if isinstance(value, dt.date):
        try:
            return _aware(value, tz, warn)
        except LocalTimeError as exc:
            raise FieldError(str(exc)) from None
    if isinstance(value, str):
        out_of_range = local_time.year_in_text(value)
        if out_of_range:  # YAML reads a five-digit year as text: say what is really wrong
            raise FieldError(out_of_range)
        raise FieldError(
            f"expected a date, found {describe(value)}; write 2026-05-04, "
            "2026-05-04 09:30:00 (seconds included) or 2026-05-04T09:30:00+02:00"
        )
    raise FieldError(f"expected a date, found {describe(value)}")


_OFFSET = re.compile(r"([+-])((?:\d{1,6}[dhm])+)")
_OFFSET_UNIT = re.compile(r"(\d+)([dhm])")
_UNITS = {"d": "days", "h": "hours", "m": "minutes"}
LONGEST_OFFSET = dt.timedelta(days=366)
"""How far ``at:`` may move a variant from its post: a year, and a day for leap years."""


def moment_or_offset(
    value: object, tz: ZoneInfo, warn: Callable[[str], None] | None = None
) -> dt.datetime | dt.timedelta:
    """A moment (read as :func:`moment` reads one) or a signed offset such as ``+2h``,
    ``-30m``, ``+1d`` or ``+1h30m`` (days, hours, minutes).

    Raises:
        FieldError: Neither, or an offset longer than :data:`LONGEST_OFFSET`.
    """
    if not isinstance(value, str):
        return moment(value, tz, warn)
    found = _OFFSET.fullmatch(value.strip())
    if found is None:
        raise FieldError(
            f"expected a moment or an offset from the post's date, found {describe(value)}; "
            "write +2h, -30m, +1d, +1h30m or a date such as 2026-05-04 09:30:00"
        )
    units = _OFFSET_UNIT.findall(found[2])
    delta = sum((dt.timedelta(**{_UNITS[u]: int(n)}) for n, u in units), dt.timedelta())
    if delta > LONGEST_OFFSET:
        raise FieldError(f"{value.strip()} is more than {LONGEST_OFFSET.days} days from the post")
    return -delta if found[1] == "-" else delta


def _aware(value: dt.date, tz: ZoneInfo, warn: Callable[[str], None] | None) -> dt.datetime:
    local_time.check_year(value)
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value
    naive = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
    found, ambiguity = local_time.localize(naive, tz)
    if ambiguity and warn is not None:
        warn(ambiguity)
    return found


def calendar_date(value: object) -> dt.date:
    """The calendar date as written (no timezone conversion).

    Raises:
        FieldError: ``value`` is not a date or datetime.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raise FieldError(f"expected a date, found {describe(value)}")


_SLUG = re.compile(r"^[\w][\w.-]*$")
RESERVED_SLUGS = frozenset({"archive", "category", "author", "page", "index", "tags", "feeds"})


def slug(value: object) -> str:
    """A URL slug that stays inside its folder."""
    found = text(value, required=True)
    if "/" in found or "\\" in found or found.startswith(".") or ".." in found:
        raise FieldError(
            f"'{found}' would escape the output folder; use letters, digits and hyphens"
        )
    if not _SLUG.match(found):
        raise FieldError(f"'{found}' is not a valid slug; use letters, digits and hyphens")
    if found.lower() in RESERVED_SLUGS:
        reserved = ", ".join(sorted(RESERVED_SLUGS))
        raise FieldError(f"'{found}' is reserved for the blog's own pages ({reserved})")
    too_long = url_segment_problem(found)
    if too_long:
        raise FieldError(f"{too_long}; write a shorter slug")
    return found


MAX_SEGMENT_CHARS = 100
"""Longest slug (explicit, or made from a title or category) a post or category URL may have."""
MAX_SEGMENT_BYTES = 255
"""Longest folder name most file systems allow, in bytes (the slug names a folder of site/)."""


def url_segment_problem(segment: str) -> str | None:
    """What makes a URL slug too long to be a folder name, or ``None`` when it fits."""
    size = len(segment.encode("utf-8"))
    if len(segment) <= MAX_SEGMENT_CHARS and size <= MAX_SEGMENT_BYTES:
        return None
    if len(segment) > MAX_SEGMENT_CHARS:
        return f"the URL slug is {len(segment)} characters long (at most {MAX_SEGMENT_CHARS})"
    return f"the URL slug is {size} bytes long in UTF-8 (at most {MAX_SEGMENT_BYTES})"


_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def language(value: object) -> str:
    """A BCP 47 language tag such as ``es`` or ``es-MX``."""
    found = text(value, required=True)
    if not _LANG.match(found):
        raise FieldError(f"'{found}' is not a language tag; write e.g. es, en or es-MX")
    return found


def known(values: Iterable[str], allowed: Iterable[str], what: str) -> None:
    """Refuse any value not in ``allowed``, naming the allowed ones."""
    allowed = sorted(allowed)
    for v in values:
        if v not in allowed:
            raise FieldError(f"unknown {what} '{v}' (known: {', '.join(allowed)})")
