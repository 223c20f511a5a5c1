"""The internal outputs of a schedule, written atomically into their own folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from portavoz.scheduler.base.atomic import write_atomic, write_tree
from portavoz.scheduler.compose.plan import Plan
from portavoz.scheduler.i18n import Text, messages
from portavoz.scheduler.outputs.bulk_csv import render_bulk_csv
from portavoz.scheduler.outputs.calendar import render_calendar
from portavoz.scheduler.outputs.schedule import (
    Records,
    bulk_rows,
    calendar_events,
    schedule_json,
    variant_files,
    variant_records,
)


def internal_files(
    plan: Plan, calendar_days: int, records: Records | None = None
) -> dict[str, str | bytes]:
    """Path (relative to the output folder) → content of every internal output."""
    site = plan.site
    # DTSTAMP from the content, not the clock: the same schedule gives the same bytes.
    changes = [p.post.updated or p.post.date for p in plan.items]
    stamp = max(changes, default=dt.datetime(2000, 1, 1, tzinfo=dt.UTC)).astimezone(dt.UTC)
    return {
        "schedule.json": schedule_json(plan, records),
        "calendar.ics": render_calendar(
            calendar_events(plan, calendar_days),
            name=messages(site.language)(Text.CALENDAR_NAME),
            tz_name=str(site.timezone),
            stamp=stamp,
        ),
        "bulk.csv": render_bulk_csv(bulk_rows(plan), site.timezone),
    }


def write_internal(plan: Plan, folder: Path, calendar_days: int) -> int:
    """Write the schedule, calendar, CSV and variant texts; stale variant files are removed.

    Returns:
        How many files changed.
    """
    records = variant_records(plan)  # shared by schedule.json and the variant files
    changed = sum(
        write_atomic(folder / name, data)
        for name, data in internal_files(plan, calendar_days, records).items()
    )
    tree = write_tree(folder, variant_files(plan, records), prune_glob="variants/**/*")
    return changed + len(tree.written) + len(tree.removed)
