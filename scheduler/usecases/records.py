"""The keys of the internal outputs' variant records: what each record is made from.

A record (a variant's ``variants/<slug>/<network>.json`` file and its place in
``schedule.json``) is a function of the post and its variants, which the variants' key
(:attr:`~portavoz.scheduler.compose.plan.Planned.key`) stands for with everything that
composed them (site settings, templates, portavoz's code), and of the moment: the variant's
status and the pause in force. :func:`record_key` hashes exactly those, so the outputs'
manifest (:mod:`~portavoz.scheduler.usecases.written`) never takes a record of another
moment back from its file for a status it did not have.
"""

from __future__ import annotations

import hashlib

from portavoz.scheduler.compose.plan import Plan, Planned


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
