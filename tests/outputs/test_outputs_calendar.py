"""The editorial calendar read back with icalendar.

Each case ``cases/calendar/NAME.yml`` (calendar name, zone, stamp, events) has
``NAME.expected.yml``: the events icalendar must see, in file order.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import icalendar
import pytest
from outputs_cases import build, case_pairs

from portavoz.scheduler.outputs.calendar import PRODID, render_calendar
from portavoz.scheduler.outputs.model import CalendarEvent

CASES = case_pairs("calendar")


def render(case: dict[str, Any], events: list[CalendarEvent] | None = None) -> bytes:
    """The calendar a case describes (or of ``events`` with the case's other settings)."""
    return render_calendar(
        events if events is not None else events_of(case),
        name=case["name"],
        tz_name=case["tz_name"],
        stamp=dt.datetime.fromisoformat(case["stamp"]),
    )


def events_of(case: dict[str, Any]) -> list[CalendarEvent]:
    return [build(CalendarEvent, item) for item in case["events"]]


def read_event(event: icalendar.Component) -> dict[str, Any]:
    """One VEVENT in the shape of the expected files; its start must be in UTC."""
    start = event.decoded("dtstart")
    assert start.utcoffset() == dt.timedelta(0)
    categories = event.get("categories")
    status = event.get("x-portavoz-status")
    return {
        "uid": str(event["uid"]),
        "start": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "summary": str(event["summary"]),
        "description": str(event["description"]),
        "url": str(event["url"]),
        "categories": [str(item) for item in categories.cats] if categories else [],
        "status": str(status) if status is not None else None,
    }


@pytest.mark.parametrize(("case", "expected"), CASES)
def test_icalendar_reads_the_expected_events(
    case: dict[str, Any], expected: dict[str, Any]
) -> None:
    calendar = icalendar.Calendar.from_ical(render(case))
    assert str(calendar["x-wr-calname"]) == expected["calname"]
    assert [read_event(event) for event in calendar.walk("VEVENT")] == expected["events"]


@pytest.mark.parametrize(("case", "expected"), CASES)
def test_calendar_header_and_fixed_properties(
    case: dict[str, Any], expected: dict[str, Any]
) -> None:
    calendar = icalendar.Calendar.from_ical(render(case))
    assert str(calendar["prodid"]) == PRODID == "-//portavoz//editorial calendar//ES"
    assert str(calendar["version"]) == "2.0"
    assert str(calendar["x-wr-timezone"]) == case["tz_name"]
    stamp = dt.datetime.fromisoformat(case["stamp"])
    for event in calendar.walk("VEVENT"):
        assert event.decoded("dtstamp") == stamp
        assert event.decoded("duration") == dt.timedelta(minutes=15)


@pytest.mark.parametrize(("case", "expected"), CASES)
def test_lines_are_crlf_and_folded(case: dict[str, Any], expected: dict[str, Any]) -> None:
    document = render(case)
    assert document.endswith(b"\r\n")
    lines = document.split(b"\r\n")
    for line in lines:
        assert b"\n" not in line and len(line) <= 75
        line.decode("utf-8")  # raises if a fold split a multi-byte character


@pytest.mark.parametrize(("case", "expected"), CASES)
def test_output_is_independent_of_input_order(
    case: dict[str, Any], expected: dict[str, Any]
) -> None:
    shuffled = events_of(case)[::-1]
    random.Random(3).shuffle(shuffled)
    assert render(case, shuffled) == render(case)


@pytest.mark.parametrize("field", ["start", "stamp"])
def test_naive_moments_are_refused(field: str) -> None:
    case, _ = CASES[0].values
    naive = dt.datetime(2027, 3, 1, 9, 0)
    events = events_of(case)
    if field == "start":
        events[0] = CalendarEvent(**{**events[0].__dict__, "start": naive})
    stamp = naive if field == "stamp" else dt.datetime.fromisoformat(case["stamp"])
    with pytest.raises(ValueError, match="has no timezone"):
        render_calendar(events, name="x", tz_name="UTC", stamp=stamp)
