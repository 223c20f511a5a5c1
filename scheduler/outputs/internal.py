"""The internal outputs of a schedule, written atomically into their own folder."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from portavoz.scheduler.base.atomic import write_atomic, write_tree
from portavoz.scheduler.base.files import read_regular
from portavoz.scheduler.base.problems import ContentError
from portavoz.scheduler.compose.plan import Plan
from portavoz.scheduler.i18n import Text, messages
from portavoz.scheduler.outputs.bulk_csv import render_bulk_csv
from portavoz.scheduler.outputs.calendar import Revision, previous_revisions, render_calendar
from portavoz.scheduler.outputs.exports import FOLDER as EXPORTS
from portavoz.scheduler.outputs.exports import export_files
from portavoz.scheduler.outputs.schedule import (
    Records,
    bulk_rows,
    calendar_events,
    schedule_json,
    variant_files,
    variant_records,
)


def internal_files(
    plan: Plan,
    calendar_days: int,
    records: Records | None = None,
    previous: Mapping[str, Revision] | None = None,
) -> dict[str, str | bytes]:
    """Path (relative to the output folder) → content of every internal output.

    ``previous`` holds the revisions of the calendar written last time (see
    :func:`previous_revisions`); the build moment is the plan's clock (``--at``,
    ``PORTAVOZ_NOW``), so one schedule at one clock always gives the same bytes.
    """
    site = plan.site
    return {
        "schedule.json": schedule_json(plan, records),
        CALENDAR: render_calendar(
            calendar_events(plan, calendar_days),
            name=messages(site.language)(Text.CALENDAR_NAME),
            tz_name=str(site.timezone),
            stamp=plan.window.now,
            previous=previous,
        ),
        "bulk.csv": render_bulk_csv(bulk_rows(plan), site.timezone),
    }


CALENDAR = "calendar.ics"


def write_internal(plan: Plan, folder: Path, calendar_days: int) -> int:
    """Write the schedule, calendar, CSV, variant texts and exports; stale ones are removed.

    Returns:
        How many files changed.
    """
    records = variant_records(plan)  # shared by schedule.json and the variant files
    previous = previous_revisions(_previous(folder / CALENDAR))
    changed = sum(
        write_atomic(folder / name, data)
        for name, data in internal_files(plan, calendar_days, records, previous).items()
    )
    tree = write_tree(folder, variant_files(plan, records), prune_glob="variants/**/*")
    # A network left with nothing to schedule loses its export: an old file imported again
    # would schedule posts a second time.
    found = export_files(bulk_rows(plan), plan.site.timezone, language=plan.site.language)
    exports = write_tree(folder, found, prune_glob=f"{EXPORTS}/**/*")
    return changed + sum(len(t.written) + len(t.removed) for t in (tree, exports))


def _previous(path: Path) -> bytes | None:
    """The calendar written last time; none when missing, unreadable, a link or too large."""
    try:
        return read_regular(path, path.name)
    except (ContentError, OSError):  # a fresh folder, or one tampered with: start over
        return None
