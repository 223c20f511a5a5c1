"""The editorial calendar: every scheduled social post as an iCalendar event.

Subscribing to the ``.ics`` in any calendar application shows when each variant goes out.
Times are written in UTC (``DTSTART:20270115T080000Z``), so no ``VTIMEZONE`` block is needed;
``X-WR-TIMEZONE`` tells applications which zone to show them in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import icalendar

from portavoz.scheduler.outputs.feeds import strip_controls
from portavoz.scheduler.outputs.model import CalendarEvent

PRODID = "-//portavoz//editorial calendar//ES"
EVENT_LENGTH = dt.timedelta(minutes=15)
"""A post is a moment; a short block keeps it visible in week views."""
STATUS_PROPERTY = "X-PORTAVOZ-STATUS"


def render_calendar(
    events: Sequence[CalendarEvent], *, name: str, tz_name: str, stamp: dt.datetime
) -> bytes:
    """Write the editorial calendar.

    Args:
        events: The scheduled posts, in any order; written by start, then uid, so that the
            same schedule always gives the same bytes.
        name: Calendar name shown by applications (``X-WR-CALNAME``).
        tz_name: IANA name of the site timezone (``X-WR-TIMEZONE``).
        stamp: The build moment (``DTSTAMP`` of every event); aware.

    Returns:
        The iCalendar document (RFC 5545), UTF-8 with CRLF line endings.

    Raises:
        ValueError: ``stamp`` or an event's start has no timezone.
    """
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", strip_controls(name))
    calendar.add("x-wr-timezone", tz_name)
    moment = _utc(stamp, "calendar stamp")
    for event in sorted(events, key=lambda item: (_utc(item.start, item.uid), item.uid)):
        calendar.add_component(_vevent(event, moment))
    result: bytes = calendar.to_ical()
    return result


def _vevent(event: CalendarEvent, stamp: dt.datetime) -> icalendar.Event:
    vevent = icalendar.Event()
    vevent.add("uid", strip_controls(event.uid))
    vevent.add("dtstamp", stamp)
    vevent.add("dtstart", _utc(event.start, event.uid))
    vevent.add("duration", EVENT_LENGTH)
    vevent.add("summary", strip_controls(event.summary))
    vevent.add("description", strip_controls(event.description))
    if event.url:
        vevent.add("url", event.url)
    if event.categories:
        vevent.add("categories", [strip_controls(item) for item in event.categories])
    if event.status:
        vevent.add(STATUS_PROPERTY, strip_controls(event.status))
    return vevent


def _utc(moment: dt.datetime, what: str) -> dt.datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{what}: {moment.isoformat()} has no timezone")
    return moment.astimezone(dt.UTC)
