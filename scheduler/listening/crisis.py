"""Crisis signal: many crisis-labelled entries in a short time.

The signal is computed at build time (``threshold`` entries labelled ``label`` in the ``hours``
before ``now``), logged as a build warning by the plugin, and written to the internal folder
as ``crisis.json`` so ``portavoz review`` can show it later with :func:`load_signal`. When the
signal is over, the file is removed: an old crisis is not shown as a current one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from portavoz.scheduler.listening import atomic
from portavoz.scheduler.listening.rules import Labelled
from portavoz.scheduler.listening.settings import CrisisPolicy

FILE_NAME = "crisis.json"


@dataclass(frozen=True)
class CrisisItem:
    """One entry behind a crisis signal."""

    title: str
    source: str
    link: str | None
    published: datetime


@dataclass(frozen=True)
class CrisisSignal:
    """``count`` entries labelled ``label`` between ``since`` and ``until``."""

    label: str
    count: int
    threshold: int
    hours: int
    since: datetime
    until: datetime
    items: tuple[CrisisItem, ...]

    def message(self) -> str:
        """One line for the build log."""
        return (
            f"crisis signal: {self.count} entries labelled {self.label!r} in the last "
            f"{self.hours} h (threshold {self.threshold}); see {FILE_NAME} in the internal folder"
        )


def detect(matches: Iterable[Labelled], policy: CrisisPolicy, now: datetime) -> CrisisSignal | None:
    """Return the crisis signal if ``policy.threshold`` is reached, else ``None``."""
    since = now - timedelta(hours=policy.hours)
    recent = [
        m.entry for m in matches if policy.label in m.labels and since <= m.entry.published <= now
    ]
    if len(recent) < policy.threshold:
        return None
    items = tuple(CrisisItem(e.title, e.source, e.link, e.published) for e in recent)
    return CrisisSignal(
        policy.label, len(recent), policy.threshold, policy.hours, since, now, items
    )


def write_signal(internal_dir: Path, signal: CrisisSignal | None) -> None:
    """Write ``crisis.json``, or remove it when there is no signal."""
    path = internal_dir / FILE_NAME
    if signal is None:
        path.unlink(missing_ok=True)
    else:
        atomic.write_json(path, to_json(signal))


def load_signal(internal_dir: Path | str) -> CrisisSignal | None:
    """Read the crisis signal of the last build, for ``portavoz review``.

    Args:
        internal_dir: The listening internal folder (``.portavoz/listening`` by default).

    Returns:
        The signal, or ``None`` if the last build found none (or never ran).
    """
    try:
        data = json.loads((Path(internal_dir) / FILE_NAME).read_text(encoding="utf-8"))
        return from_json(data)
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None


def to_json(signal: CrisisSignal) -> dict[str, object]:
    """Plain JSON form of a signal."""
    return {
        "label": signal.label,
        "count": signal.count,
        "threshold": signal.threshold,
        "hours": signal.hours,
        "since": signal.since.isoformat(),
        "until": signal.until.isoformat(),
        "items": [
            {
                "title": i.title,
                "source": i.source,
                "link": i.link,
                "published": i.published.isoformat(),
            }
            for i in signal.items
        ],
    }


def from_json(data: dict[str, object]) -> CrisisSignal:
    """Inverse of :func:`to_json`; raises ``KeyError``/``TypeError``/``ValueError`` if malformed."""
    items = data["items"]
    if not isinstance(items, list):
        raise TypeError("items")
    return CrisisSignal(
        label=str(data["label"]),
        count=int(str(data["count"])),
        threshold=int(str(data["threshold"])),
        hours=int(str(data["hours"])),
        since=datetime.fromisoformat(str(data["since"])),
        until=datetime.fromisoformat(str(data["until"])),
        items=tuple(
            CrisisItem(
                str(i["title"]),
                str(i["source"]),
                None if i["link"] is None else str(i["link"]),
                datetime.fromisoformat(str(i["published"])),
            )
            for i in items
        ),
    )
