"""The edges of time: which years portavoz accepts, and wall-clock times a timezone skips
or repeats.

Python's datetimes stop at year 9999 and feeds, calendars and URLs convert moments to UTC or
add days to them, so a year near either end crashes a build long after ``check`` passed it.
Every moment read from content or the clock is therefore held to :data:`FIRST_YEAR` ..
:data:`LAST_YEAR`, far from both ends.

A naive local time is read in the site's timezone. On the day clocks go forward some wall
times never happen (Europe/Madrid skips 02:00–03:00 on the last Sunday of March): such a time
is refused. On the day they go back some happen twice: the first is chosen (``fold=0``, as
:mod:`zoneinfo` does) and the caller is told which offset that is.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

FIRST_YEAR = 1900
"""The earliest year of any date or simulated clock."""
LAST_YEAR = 9000
"""The latest year of any date or simulated clock (well before Python's 9999)."""

_YEAR_FIRST = re.compile(r"^\s*([+-]?\d{5,})-\d{1,2}-\d{1,2}")
"""A date-like text whose year has five or more digits (YAML reads it as text, not a date)."""


class LocalTimeError(ValueError):
    """A moment outside the accepted years, or a local time that does not exist."""


def year_problem(year: int) -> str | None:
    """What is wrong with a year (``None`` when it is inside the accepted range)."""
    if FIRST_YEAR <= year <= LAST_YEAR:
        return None
    return f"year {year} is outside {FIRST_YEAR}–{LAST_YEAR}; write a year in that range"


def year_in_text(text: str) -> str | None:
    """The year problem of a date written with a year of five or more digits, if any."""
    match = _YEAR_FIRST.match(text)
    return year_problem(int(match.group(1))) if match else None


def check_year(moment: dt.date) -> None:
    """Refuse a date or datetime outside :data:`FIRST_YEAR` .. :data:`LAST_YEAR`.

    Raises:
        LocalTimeError: The year is outside the range.
    """
    problem = year_problem(moment.year)
    if problem is not None:
        raise LocalTimeError(problem)


def localize(naive: dt.datetime, tz: ZoneInfo) -> tuple[dt.datetime, str]:
    """Read a naive wall-clock time in ``tz``.

    Returns:
        The aware moment (the first of two when the time happens twice) and a warning saying
        which offset was chosen, or ``""`` when the time is unambiguous.

    Raises:
        LocalTimeError: The time falls in a gap where clocks jump forward.
    """
    first, second = naive.replace(tzinfo=tz, fold=0), naive.replace(tzinfo=tz, fold=1)
    if first.utcoffset() == second.utcoffset():
        return first, ""
    jump_from, jump_to = _transition(first, second, tz)
    whole = jump_from.date() != jump_to.date()  # a skipped day (Pacific/Apia, 2011)
    change = f"{_clock(jump_from, whole)} to {_clock(jump_to, whole)}"
    written = naive.isoformat(sep=" ")
    if _exists(first, tz):
        return first, (
            f"'{written}' happens twice in {tz.key} (clocks go back from {change}); read as "
            f"{_offset(first)}, the first of the two; write {naive.isoformat()}"
            f"{_offset(second)} for the second"
        )
    raise LocalTimeError(
        f"'{written}' does not exist in {tz.key} (clocks jump from {change}); write a time "
        f"before {_clock(jump_from, whole)} or from {_clock(jump_to, whole)}, e.g. "
        f"{jump_to.isoformat(sep=' ')}"
    )


def _exists(moment: dt.datetime, tz: ZoneInfo) -> bool:
    """Whether the wall time survives a round trip through UTC (a time in a gap does not)."""
    back = moment.astimezone(dt.UTC).astimezone(tz)
    return back.replace(tzinfo=None, fold=0) == moment.replace(tzinfo=None, fold=0)


def _transition(
    first: dt.datetime, second: dt.datetime, tz: ZoneInfo
) -> tuple[dt.datetime, dt.datetime]:
    """The wall times (naive) just before and just after the offset change near a time."""
    lo, hi = sorted(int(m.timestamp()) for m in (first, second))
    after = _offset_at(hi, tz)
    # Bisect to the second: the first instant that already has the later offset.
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (lo, mid) if _offset_at(mid, tz) == after else (mid, hi)
    wall = dt.datetime.fromtimestamp(hi, dt.UTC).replace(tzinfo=None)
    return wall + _offset_at(lo, tz), wall + after


def _offset_at(timestamp: int, tz: ZoneInfo) -> dt.timedelta:
    return dt.datetime.fromtimestamp(timestamp, tz).utcoffset() or dt.timedelta()


def _clock(wall: dt.datetime, dated: bool) -> str:
    clock = wall.strftime("%H:%M" if wall.second == 0 else "%H:%M:%S")
    return f"{wall.date().isoformat()} {clock}" if dated else clock


def _offset(moment: dt.datetime) -> str:
    """``+02:00`` (with seconds only when the offset has them)."""
    offset = moment.utcoffset() or dt.timedelta()
    sign = "-" if offset < dt.timedelta() else "+"
    hours, rest = divmod(abs(int(offset.total_seconds())), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{sign}{hours:02d}:{minutes:02d}" + (f":{seconds:02d}" if seconds else "")
