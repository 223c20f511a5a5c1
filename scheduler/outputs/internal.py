"""The internal outputs of a schedule, written atomically into their own folder."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from portavoz.scheduler.base.atomic import (
    NO_DIGEST,
    Stamps,
    TreeWriter,
    stamp_of,
    write_atomic,
    write_pieces,
    write_tree,
)
from portavoz.scheduler.base.files import read_regular
from portavoz.scheduler.base.problems import ContentError
from portavoz.scheduler.compose.plan import Plan, Planned
from portavoz.scheduler.compose.variant import Variant
from portavoz.scheduler.i18n import Text, messages
from portavoz.scheduler.outputs.bulk_csv import render_bulk_csv
from portavoz.scheduler.outputs.calendar import Revision, previous_revisions, render_calendar
from portavoz.scheduler.outputs.exports import FOLDER as EXPORTS
from portavoz.scheduler.outputs.exports import export_files
from portavoz.scheduler.outputs.model import BulkRow
from portavoz.scheduler.outputs.paste import paste_text
from portavoz.scheduler.outputs.schedule import (
    RecordKey,
    Records,
    RecordText,
    bulk_rows,
    calendar_events,
    record_text,
    schedule_json,
    schedule_pieces,
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
    return {
        "schedule.json": schedule_json(plan, records),
        **_calendar_and_csv(plan, calendar_days, bulk_rows(plan), previous),
    }


def _calendar_and_csv(
    plan: Plan,
    calendar_days: int,
    rows: list[BulkRow],
    previous: Mapping[str, Revision] | None,
) -> dict[str, str | bytes]:
    site = plan.site
    return {
        CALENDAR: render_calendar(
            calendar_events(plan, calendar_days),
            name=messages(site.language)(Text.CALENDAR_NAME),
            tz_name=str(site.timezone),
            stamp=plan.window.now,
            previous=previous,
        ),
        "bulk.csv": render_bulk_csv(rows, site.timezone),
    }


CALENDAR = "calendar.ics"


def write_internal(
    plan: Plan,
    folder: Path,
    calendar_days: int,
    *,
    stamps: Stamps | None = None,
    key_of: RecordKey | None = None,
    schedule_key: str = "",
) -> int:
    """Write the schedule, calendar, CSV, variant texts and exports; stale ones are removed.

    Each variant's record is made once, written to its own file and into ``schedule.json``
    as that file is written piece by piece: a build never holds every variant file, or the
    whole schedule, at once.

    Args:
        plan: The plan.
        folder: The internal outputs' folder.
        calendar_days: How many days of live posts the calendar keeps.
        stamps: The variant files' stamps from the last write: an unchanged file holding
            the same bytes is not read, and a record whose key (``key_of``) is the one its
            unchanged ``.json`` file was written from is read back, not made again.
        key_of: The key of a variant's record (what it is a function of), ``""`` for none.
        schedule_key: The key of ``schedule.json`` (what it is a function of, the records'
            keys included), ``""`` for none. When it is the one ``schedule.json`` was left
            with, and every variant file is untouched since it was written from its record's
            key, nothing of them is made, read or written again.

    Returns:
        How many files changed.
    """
    variants = TreeWriter(folder, VARIANTS, stamps)

    def record(item: Planned, variant: Variant) -> str:
        stem = f"{VARIANTS}/{item.post.slug}/{variant.network}"
        key = key_of(item, variant.network) if key_of is not None else ""
        # A file left untouched since it was written from this key holds what the key makes:
        # its stamp alone says so (no paste text, encoding or digest of 10,000 files).
        if not (key and variants.keep(f"{stem}.txt", key)):
            variants.write(f"{stem}.txt", paste_text(variant), tag=key)
        kept = variants.unchanged(f"{stem}.json", key) if key else None
        if kept is not None and kept.endswith("\n"):
            text = kept[:-1]
        else:
            text = record_text(item, variant, plan)
        variants.write(f"{stem}.json", text + "\n", tag=key)
        return text

    schedule = folder / "schedule.json"
    try:
        changed = _write_schedule(plan, schedule, variants, record, key_of, schedule_key)
        tree = variants.finish()
    except BaseException:  # no half-filled staging folder is left behind
        variants.abort()
        raise
    rows = bulk_rows(plan)
    previous = previous_revisions(_previous(folder / CALENDAR))
    others = _calendar_and_csv(plan, calendar_days, rows, previous)
    changed += sum(write_atomic(folder / name, data) for name, data in others.items())
    # A network left with nothing to schedule loses its export: an old file imported again
    # would schedule posts a second time.
    found = export_files(rows, plan.site.timezone, language=plan.site.language)
    exports = write_tree(folder, found, prune_glob=f"{EXPORTS}/**/*")
    return changed + sum(len(t.written) + len(t.removed) for t in (tree, exports))


def _write_schedule(
    plan: Plan,
    path: Path,
    variants: TreeWriter,
    record: RecordText,
    key_of: RecordKey | None,
    key: str,
) -> int:
    """Write ``schedule.json``, ``record`` writing each variant's files as it goes, unless
    all of them are untouched since the last write for the same keys; how many changed."""
    if _untouched(plan, variants, path, key_of, key):
        return 0
    changed = int(write_pieces(path, schedule_pieces(plan, record)))
    if variants.stamps is not None and key:
        stamp = stamp_of(path, NO_DIGEST, key)  # never read back, only kept
        if stamp is not None:
            variants.stamps.note(path.name, stamp)
    return changed


def _untouched(
    plan: Plan, variants: TreeWriter, schedule: Path, key_of: RecordKey | None, key: str
) -> bool:
    """Whether ``schedule.json`` and every variant file are as the last write left them for
    the same keys (then each variant file is kept, unread; else nothing is decided here)."""
    stamps = variants.stamps
    if stamps is None or key_of is None or not key:
        return False
    old = stamps.get(schedule.name)
    if old is None or old.tag != key or stamp_of(schedule, old.digest, key) != old:
        return False
    names: list[str] = []
    tags: list[str] = []
    for item in plan.items:
        for network in item.networks:  # the variants themselves are not needed
            tag = key_of(item, network)
            stem = f"{VARIANTS}/{item.post.slug}/{network}"
            names += (f"{stem}.txt", f"{stem}.json")
            tags += (tag, tag)
    return variants.keep_all(names, tags)


VARIANTS = "variants"
"""The folder of the variant files: ``variants/<slug>/<network>.txt`` and ``.json``."""


def _previous(path: Path) -> bytes | None:
    """The calendar written last time; none when missing, unreadable, a link or too large."""
    try:
        return read_regular(path, path.name)
    except (ContentError, OSError):  # a fresh folder, or one tampered with: start over
        return None
