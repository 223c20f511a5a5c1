"""One entry per story: the same post reaches us through several feeds.

A community post can come from its author's blog, from a Google Alert and from a planet; two
entries are the same story if they share an id or a canonical link (tracking parameters and
fragments removed, Google redirects unwrapped — see :mod:`.links`). The earliest copy wins (it
is closest to the original), ties going to the source listed first in the config.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from portavoz.scheduler.listening.normalise import Entry


def dedupe(entries: Iterable[Entry], source_order: Sequence[str] = ()) -> tuple[Entry, ...]:
    """Return one entry per story, newest first.

    Args:
        entries: Entries from every feed.
        source_order: Source names in config order, to break ties between equal dates.
    """
    rank = {name: index for index, name in enumerate(source_order)}
    ordered = sorted(entries, key=lambda e: (e.published, rank.get(e.source, len(rank)), e.id))
    seen: set[str] = set()
    kept: list[Entry] = []
    for entry in ordered:
        keys = {entry.id} | ({entry.link} if entry.link else set())
        if keys & seen:
            seen |= keys
            continue
        seen |= keys
        kept.append(entry)
    return tuple(sorted(kept, key=lambda e: (e.published, e.id), reverse=True))
