"""Variant records kept from one write to the next in one process.

A process that writes the outputs again (``mkdocs serve`` did after every save; it now writes
once, when it stops, as a plain build) finds most variants' records (their
``variants/<slug>/<network>.json`` file and their place in ``schedule.json``) as its last
write made them. A record is a function of the post and its variants, which
the variants' key (:attr:`~portavoz.scheduler.compose.plan.Planned.key`) stands for with
everything that composed them (site settings, templates, portavoz's code), and of the
moment: the variant's status and the pause in force. :func:`record_key` hashes exactly
those, so a record of another moment is never served for a status it did not have.

Only this process's own records are kept (nothing is read from disk), and only when asked
(``mkdocs build`` writes once and keeps none: holding every record would raise its peak).
So is what its last write of each output folder left
(:class:`~portavoz.scheduler.outputs.internal.LastWrite`: each post's piece of
``schedule.json`` and its files' numbers), trusted only while the outputs' manifest on disk is
the one this process saved.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from portavoz.scheduler.compose.plan import Plan, Planned
from portavoz.scheduler.compose.variant import Variant
from portavoz.scheduler.outputs.internal import LastWrite
from portavoz.scheduler.outputs.schedule import record_text

_LAST: dict[str, str] = {}
"""The records of this process's last write that kept them, by :func:`record_key`."""

_WRITES: dict[Path, LastWrite] = {}
"""What this process's last write of each output folder left, by the folder."""


def last_write(folder: Path, *, ours: bool) -> LastWrite:
    """This process's memory of its last write of ``folder``, to be taken and filled by the
    next one (``write_outputs(..., reuse=True)``).

    Args:
        folder: The output folder.
        ours: Whether the outputs' manifest on disk is still the one this process saved
            (:attr:`~portavoz.scheduler.usecases.written.WrittenFiles.ours`): if another
            process wrote the folder since, nothing of the last write is trusted.
    """
    found = _WRITES.get(folder)
    if found is None or not ours:
        found = _WRITES[folder] = LastWrite()
    return found


def record_key(item: Planned, network: str, plan: Plan) -> str:
    """The key of the record of ``item``'s variant on ``network`` at the plan's moment, or
    ``""`` when its post has no variants' key (it was not read from a file)."""
    if not item.key:
        return ""
    status = plan.status_on(item, network)
    return output_key(f"{item.key}\0{network}\0{status.value}\0{pause_text(plan)}")


def pause_text(plan: Plan) -> str:
    """The pause in force at the plan's moment, as the outputs' keys hold it (``""``: none)."""
    pause = plan.window.pause
    return "" if pause is None else f"{pause.reason}\0{pause.since.isoformat()}"


def output_key(text: str) -> str:
    """The key (hex digits) of an output made from what ``text`` spells.

    128 bits: a key, not a security boundary; the outputs manifest keeps one a file.
    """
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


class RecordTexts:
    """Each variant's record text for one plan: the last write's for the same key, else
    rendered (:func:`~portavoz.scheduler.outputs.schedule.record_text`).

    Args:
        plan: The plan whose records are written.
        key_of: Each variant's :func:`record_key`, by its network (the writer's, made
            once a variant).
    """

    def __init__(self, plan: Plan, key_of: Callable[[Planned, str], str]) -> None:
        self.plan = plan
        self._key_of = key_of
        self._made: dict[str, str] = {}

    def __call__(self, item: Planned, variant: Variant) -> str:
        """The record text of one variant of ``item``."""
        key = self._key_of(item, variant.network)
        if not key:
            return record_text(item, variant, self.plan)
        found = _LAST.get(key)
        if found is None:
            found = record_text(item, variant, self.plan)
        self._made[key] = found
        return found

    def keep(self) -> None:
        """Keep this write's records (only those) for the next write in this process."""
        _LAST.clear()
        _LAST.update(self._made)
