"""The one place that reads the clock, honouring the simulated clock for previews and tests."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from zoneinfo import ZoneInfo

from portavoz.scheduler.base.local_time import year_in_text, year_problem

NOW_VARIABLE = "PORTAVOZ_NOW"
"""Environment variable that fixes "now", e.g. ``2027-01-15T09:00+01:00`` (like Hugo's --clock)."""


class ClockError(ValueError):
    """A simulated clock value that cannot be read."""


def parse_moment(value: str, tz: ZoneInfo, *, source: str = NOW_VARIABLE) -> dt.datetime:
    """Read an ISO 8601 moment; without an offset it is taken in ``tz``.

    Raises:
        ClockError: The text is not an ISO 8601 date or datetime, or its year is outside
            :data:`~portavoz.scheduler.base.local_time.FIRST_YEAR` ..
            :data:`~portavoz.scheduler.base.local_time.LAST_YEAR`
            (feeds and calendars would overflow Python's dates).
    """
    try:
        moment = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        out_of_range = year_in_text(value)
        if out_of_range:
            raise ClockError(f"{source}: {out_of_range}") from None
        raise ClockError(
            f"{source}: '{value}' is not a moment; write e.g. 2027-01-15T09:00+01:00"
        ) from None
    out_of_range = year_problem(moment.year)
    if out_of_range:
        raise ClockError(f"{source}: {out_of_range}")
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=tz)


def resolve_now(
    tz: ZoneInfo, at: str | None = None, environ: Mapping[str, str] | None = None
) -> dt.datetime:
    """The moment a build or command looks at.

    Args:
        tz: Site timezone, used for values without an offset.
        at: Explicit moment (the CLI's ``--at``); wins over the environment.
        environ: Environment to read ``PORTAVOZ_NOW`` from (default: ``os.environ``).

    Raises:
        ClockError: The simulated moment cannot be read.
    """
    if at:
        return parse_moment(at, tz, source="--at")
    env = os.environ if environ is None else environ
    if env.get(NOW_VARIABLE):
        return parse_moment(env[NOW_VARIABLE], tz)
    return dt.datetime.now(tz)
