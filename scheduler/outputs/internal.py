"""The internal outputs of a schedule, written atomically into their own folder."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from portavoz.scheduler.base.atomic import (
    NO_DIGEST,
    Listing,
    Stamps,
    TreeWriter,
    all_untouched,
    file_state,
    stamp_of,
    write_atomic,
    write_pieces,
    write_tree,
)
from portavoz.scheduler.base.files import read_regular
from portavoz.scheduler.base.problems import ContentError
from portavoz.scheduler.compose.plan import Plan, Planned
from portavoz.scheduler.compose.variant import Variant
from portavoz.scheduler.content.window import Status
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
    post_piece,
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
    text_of: RecordText | None = None,
    *,
    stamps: Stamps | None = None,
    key_of: RecordKey | None = None,
    schedule_key: str = "",
    last: LastWrite | None = None,
) -> int:
    """Write the schedule, calendar, CSV, variant texts and exports; stale ones are removed.

    Each variant's record is made once, written to its own file and into ``schedule.json``
    as that file is written piece by piece: a plain build never holds every variant file, or
    the whole schedule, at once (``mkdocs serve`` keeps each post's piece of the schedule in
    ``last``, to rewrite only the changed ones).

    Args:
        plan: The plan.
        folder: The internal outputs' folder.
        calendar_days: How many days of live posts the calendar keeps.
        text_of: Each variant's record text, as :func:`record_text` makes it (or kept from
            an earlier write).
        stamps: The variant files' stamps from the last write: an unchanged file holding
            the same bytes is not read, and a record whose key (``key_of``) is the one its
            unchanged ``.json`` file was written from is read back, not made again.
        key_of: The key of a variant's record (what it is a function of), ``""`` for none.
        schedule_key: The key of ``schedule.json`` (what it is a function of, the records'
            keys included), ``""`` for none. When it is the one ``schedule.json`` was left
            with, and every variant file is untouched since it was written from its record's
            key, nothing of them is made, read or written again.
        last: This process's memory of its last write of ``folder`` (``mkdocs serve``; only
            when ``stamps`` are its own too), taken and filled: see :class:`LastWrite`.

    Returns:
        How many files changed.
    """
    try:
        return _write_internal(
            plan, folder, calendar_days, text_of, stamps, key_of, schedule_key, last
        )
    except BaseException:  # half written: nothing of this write is trusted next time
        if last is not None:
            last.forget()
        raise


def _write_internal(
    plan: Plan,
    folder: Path,
    calendar_days: int,
    text_of: RecordText | None,
    stamps: Stamps | None,
    key_of: RecordKey | None,
    schedule_key: str,
    last: LastWrite | None,
) -> int:
    variants = TreeWriter(folder, VARIANTS, stamps)

    def record(item: Planned, variant: Variant) -> str:
        stem = f"{VARIANTS}/{item.post.slug}/{variant.network}"
        key = key_of(item, variant.network) if key_of is not None else ""
        # A file left untouched since it was written from this key holds what the key makes:
        # its stamp alone says so (no paste text, encoding or digest of 10,000 files).
        if not (key and variants.keep(f"{stem}.txt", key)):
            variants.write(f"{stem}.txt", paste_text(variant), tag=key)
        if key and text_of is not None and variants.keep(f"{stem}.json", key):
            return text_of(item, variant)  # serve's own memory of it, not the file read back
        kept = variants.unchanged(f"{stem}.json", key) if key else None
        if kept is not None and kept.endswith("\n"):
            text = kept[:-1]
        elif text_of is not None:
            text = text_of(item, variant)
        else:
            text = record_text(item, variant, plan)
        variants.write(f"{stem}.json", text + "\n", tag=key)
        return text

    schedule = folder / "schedule.json"
    try:
        if last is not None:
            changed = last.write_schedule(plan, schedule, variants, record)
            tree = variants.finish(last.listings)
            last.settle(variants)
        else:
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

FileState = tuple[int, int, int, int]
"""A file's numbers as :func:`file_state` gives them."""

_Inputs = tuple[object, ...]
"""What every post's outputs in one write are made from besides the post (:func:`_inputs`)."""


def _inputs(plan: Plan) -> _Inputs:
    """The pause and timezone in force: a write's, compared once a post."""
    pause = plan.window.pause
    return (pause.reason, pause.since) if pause is not None else None, str(plan.site.timezone)


_ALIKE: tuple[Status, ...] = ()
"""The variants' statuses of a post whose every variant has the post's own status."""


def _statuses(item: Planned, plan: Plan) -> tuple[Status, ...]:
    """Each variant's status at the plan's moment, or :data:`_ALIKE` when each is the post's
    (:meth:`Plan.alike <portavoz.scheduler.compose.plan.Plan.alike>`: most posts, known
    without asking each variant)."""
    if plan.alike(item):
        return _ALIKE
    found = tuple(plan.status_on(item, v.network) for v in item.variants)
    return _ALIKE if all(s is item.status for s in found) else found


@dataclass(frozen=True, slots=True)
class _PostWrite:
    """One post as the last write left it, with what its outputs were made from, its piece
    of ``schedule.json``, and its variant files (relative to the folder, and absolute) with
    their numbers right after that write (none: not known).

    What a post's piece and variant files are made from: the variants' key (the post's
    bytes and path and everything that composed them: site settings, templates, portavoz's
    code), the post's status, URL and slug, each variant's status, and the pause and
    timezone in force (the inputs of the records,
    :func:`~portavoz.scheduler.outputs.schedule.variant_record`, and of the post's fields;
    the clock through the statuses).
    """

    key: str
    status: Status
    url: str
    slug: str
    inputs: _Inputs
    statuses: tuple[Status, ...]
    piece: bytes
    names: tuple[str, ...]
    states: tuple[FileState, ...] | None = None
    paths: tuple[str, ...] = ()

    def serves(self, item: Planned, plan: Plan, inputs: _Inputs) -> bool:
        """Whether ``item`` at ``plan``'s moment makes what this write was made from."""
        return (
            self.key == item.key
            and self.status is item.status
            and self.url == item.url
            and self.slug == item.post.slug
            and self.inputs == inputs
            and self.statuses == _statuses(item, plan)
        )


class LastWrite:
    """What this process's last write of an output folder left (``mkdocs serve``).

    A post whose outputs' inputs (see :class:`_PostWrite`) are the ones it was last written
    with, and whose variant files all still have the numbers that write left them with
    (:func:`file_state`: an edit, a replacement or a removal moves them), is not made,
    compared or written again: its piece of ``schedule.json`` is taken back from here and its
    files are kept unread.
    ``schedule.json`` itself is written only when a piece changed or the file is not as this
    process left it, and the variants' folders whose own numbers are unchanged are not listed
    again to find stale files (:class:`~portavoz.scheduler.base.atomic.Listing`). Only this
    process's own writes are remembered: nothing is read from disk into it.

    Attributes:
        listings: The variants' folders as the last write left them, by relative path.
    """

    def __init__(self) -> None:
        self.listings: dict[str, Listing] = {}
        self._posts: dict[str, _PostWrite] = {}  # by post path
        self._next: dict[str, _PostWrite] = {}  # this write's, until it is settled
        self._pieces: list[bytes] = []  # schedule.json as last written
        self._schedule: FileState | None = None  # and its numbers then

    def forget(self) -> None:
        """Trust nothing of the last write (a write stopped half way)."""
        self.listings, self._posts, self._next = {}, {}, {}
        self._pieces, self._schedule = [], None

    def write_schedule(
        self, plan: Plan, path: Path, variants: TreeWriter, record: RecordText
    ) -> int:
        """Write ``schedule.json``, ``record`` writing each changed post's variant files as it
        goes; how many files changed (0 or 1)."""
        self._next = {}
        inputs = _inputs(plan)

        def piece_of(item: Planned) -> bytes:
            return self._piece(item, plan, inputs, variants, record)

        pieces = list(schedule_pieces(plan, record, piece_of))
        ours = self._schedule is not None and file_state(path) == self._schedule
        if ours and pieces == self._pieces:
            return 0
        # As this process left it, with a piece changed, it differs: no need to read it.
        changed = write_pieces(path, pieces, compare=not ours)
        self._pieces, self._schedule = pieces, file_state(path)
        return int(changed)

    def _piece(
        self,
        item: Planned,
        plan: Plan,
        inputs: _Inputs,
        variants: TreeWriter,
        record: RecordText,
    ) -> bytes:
        """One post's piece: kept when the post and its files are as last written, else made
        (its variant files written as it is made)."""
        path = item.post.path
        found = self._posts.get(path) if item.key else None  # no key: never kept
        if (
            found is not None
            and found.states is not None
            and found.serves(item, plan, inputs)
            and all_untouched(found.paths, found.states)
        ):
            variants.carry(found.names)
            self._next[path] = found
            return found.piece
        piece = post_piece(item, plan, record)
        if item.key:
            stems = [f"{VARIANTS}/{item.post.slug}/{v.network}" for v in item.variants]
            names = tuple(f"{stem}{suffix}" for stem in stems for suffix in (".txt", ".json"))
            statuses = _statuses(item, plan)
            self._next[path] = _PostWrite(
                item.key, item.status, item.url, item.post.slug, inputs, statuses, piece, names
            )
        return piece

    def settle(self, variants: TreeWriter) -> None:
        """Keep this write's posts, once its variant files are all in place (``finish``):
        each made post with its files' numbers as the stamps now hold them (none known: it
        is made again next time)."""
        stamps = variants.stamps
        for path, made in self._next.items():
            if made.states is not None or stamps is None:
                continue
            found = [stamps.get(name) for name in made.names]
            states = tuple(s[:4] for s in found if s is not None)
            if len(states) == len(made.names):
                paths = tuple(f"{variants.folder}/{name}" for name in made.names)
                self._next[path] = replace(made, states=states, paths=paths)
        self._posts, self._next = self._next, {}


def _previous(path: Path) -> bytes | None:
    """The calendar written last time; none when missing, unreadable, a link or too large."""
    try:
        return read_regular(path, path.name)
    except (ContentError, OSError):  # a fresh folder, or one tampered with: start over
        return None
