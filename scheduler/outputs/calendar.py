"""The editorial calendar: every scheduled social post as an iCalendar event.

Subscribing to the ``.ics`` in any calendar application shows when each variant goes out.
Times are written in UTC (``DTSTART:20270115T080000Z``), so no ``VTIMEZONE`` block is needed;
``X-WR-TIMEZONE`` tells applications which zone to show them in.

Applications see an event change by its ``SEQUENCE`` and ``LAST-MODIFIED``. Nothing in a post
says how often it changed, so each event carries a digest of what it shows
(``X-PORTAVOZ-DIGEST``) and the calendar written last time is read back: the same digest keeps
the event's revision, another one counts it up and dates it at this build. ``DTSTAMP`` is the
build moment. The same schedule, previous calendar and clock always give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import icalendar

from portavoz.scheduler.outputs.feeds import strip_controls
from portavoz.scheduler.outputs.model import CalendarEvent

PRODID = "-//portavoz//editorial calendar//ES"
EVENT_LENGTH = dt.timedelta(minutes=15)
"""A post is a moment; a short block keeps it visible in week views."""
STATUS_PROPERTY = "X-PORTAVOZ-STATUS"
DIGEST_PROPERTY = "X-PORTAVOZ-DIGEST"
_DIGEST = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class Revision:
    """How far an event has changed: its ``SEQUENCE``, ``LAST-MODIFIED`` and digest."""

    sequence: int
    modified: dt.datetime
    digest: str


def previous_revisions(document: bytes | None) -> dict[str, Revision]:
    """The revision of each event of a calendar written before (``{}`` if unreadable).

    The file is portavoz's own, but read as untrusted: a value that is not what portavoz writes
    (a negative sequence, a naive time, a malformed digest) leaves that event out.
    """
    if not document:
        return {}
    try:
        calendar = icalendar.Calendar.from_ical(document)
        return dict(r for e in calendar.walk("VEVENT") if (r := _revision_of(e)) is not None)
    except (ValueError, TypeError, KeyError, IndexError):
        return {}


def _revision_of(event: icalendar.cal.Component) -> tuple[str, Revision] | None:
    uid, digest, sequence = event.get("uid"), event.get(DIGEST_PROPERTY), event.get("sequence")
    modified = event.decoded("last-modified", None)
    valid = isinstance(sequence, int) and sequence >= 0 and _DIGEST.match(str(digest or ""))
    if not valid or not isinstance(modified, dt.datetime) or modified.utcoffset() is None:
        return None
    return str(uid), Revision(int(sequence), modified, str(digest))


def render_calendar(
    events: Sequence[CalendarEvent],
    *,
    name: str,
    tz_name: str,
    stamp: dt.datetime,
    previous: Mapping[str, Revision] | None = None,
) -> bytes:
    """Write the editorial calendar.

    Args:
        events: The scheduled posts, in any order; written by start, then uid, so that the
            same schedule always gives the same bytes.
        name: Calendar name shown by applications (``X-WR-CALNAME``).
        tz_name: IANA name of the site timezone (``X-WR-TIMEZONE``).
        stamp: The build moment (``DTSTAMP`` of every event, ``LAST-MODIFIED`` of a changed
            one); aware.
        previous: Each event's revision in the calendar written before, by uid.

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
        revision = _revision(event, moment, (previous or {}).get(event.uid))
        calendar.add_component(_vevent(event, moment, revision))
    result: bytes = calendar.to_ical()
    return result


def _revision(event: CalendarEvent, stamp: dt.datetime, before: Revision | None) -> Revision:
    digest = _digest(event)
    if before is None:
        return Revision(0, stamp, digest)
    if before.digest == digest:
        return before
    return Revision(before.sequence + 1, stamp, digest)


def _digest(event: CalendarEvent) -> str:
    """What the event shows (not its status: going live changes nothing in the calendar)."""
    shown = [event.summary, _utc(event.start, event.uid).isoformat(), event.description]
    text = json.dumps([*shown, event.url, list(event.categories)], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _vevent(event: CalendarEvent, stamp: dt.datetime, revision: Revision) -> icalendar.Event:
    vevent = icalendar.Event()
    vevent.add("uid", strip_controls(event.uid))
    vevent.add("dtstamp", stamp)
    vevent.add("sequence", revision.sequence)
    vevent.add("last-modified", revision.modified.astimezone(dt.UTC))
    vevent.add(DIGEST_PROPERTY, revision.digest)
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
