"""The ledger: what was sent where, one JSON line per event, committed to the repository.

Every part of every variant has a key (post × network × step). Before a part is sent an
``attempt`` line is appended; once the network has answered, a ``posted`` line with the
remote id and URL. Lines are only ever appended, each written and flushed to disk
(``fsync``) before anything else happens, so after a crash the file holds every line that was
acted upon. An attempt the network refused gets a ``failed`` line (nothing was posted, the
next run tries again); an attempt with neither is *uncertain*: the part may be on the network
or not, and is never sent again without a person.

People may edit the ledger in a pull request (add a ``posted`` line for a part they posted by
hand, or remove an uncertain attempt after checking it never arrived); portavoz never
rewrites it.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from portavoz.scheduler.base.files import read_regular


class Event(enum.StrEnum):
    """What a ledger line records."""

    ATTEMPT = "attempt"  # about to send (written first: a crash leaves it without a result)
    POSTED = "posted"  # the network took it: remote id and URL
    FAILED = "failed"  # the network answered no (4xx, 5xx, no connection): nothing was posted


@dataclass(frozen=True, order=True)
class PartKey:
    """One part of one variant: the post's file, the network and the step's number (1-based)."""

    post: str
    network: str
    step: int


@dataclass(frozen=True)
class Entry:
    """One line of the ledger.

    Attributes:
        event: Attempt or posted.
        key: The part.
        at: When (the command's clock).
        hash: ``sha256:`` of what was (to be) sent, to notice later edits.
        kind: The step's kind (``part``, ``comment``, ``image``).
        of: How many steps the variant has.
        id: The remote id (posted lines).
        url: The public URL (posted lines).
        idempotency: The key sent with the request, where the network takes one.
    """

    event: Event
    key: PartKey
    at: dt.datetime
    hash: str
    kind: str = "part"
    of: int = 1
    id: str = ""
    url: str = ""
    idempotency: str = ""

    def line(self) -> str:
        """The entry as one JSON line (keys in a fixed order, UTF-8 kept readable)."""
        data: dict[str, object] = {
            "event": self.event.value,
            "at": self.at.isoformat(timespec="seconds"),
            "post": self.key.post,
            "network": self.key.network,
            "step": self.key.step,
            "of": self.of,
            "kind": self.kind,
            "hash": self.hash,
        }
        data.update({k: v for k, v in (("id", self.id), ("url", self.url)) if v})
        if self.idempotency:
            data["idempotency"] = self.idempotency
        return json.dumps(data, ensure_ascii=False) + "\n"


class LedgerError(ValueError):
    """The ledger cannot be read (a line that is not an entry): nothing is posted then."""


def text_hash(text: str) -> str:
    """The hash recorded for a part's text."""
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class State:
    """What the ledger says about one part."""

    posted: Entry | None = None
    attempt: Entry | None = None

    @property
    def uncertain(self) -> bool:
        """Tried, with no result recorded."""
        return self.posted is None and self.attempt is not None


class Ledger:
    """The ledger file, read once and appended to as parts are sent."""

    def __init__(self, path: Path, shown: str, entries: Iterable[Entry] = ()) -> None:
        self.path = path
        self.shown = shown
        self._states: dict[PartKey, State] = {}
        for entry in entries:
            self._remember(entry)

    @classmethod
    def read(cls, path: Path, shown: str) -> Ledger:
        """Read the ledger at ``path`` (none yet: empty).

        A last line cut short (a crash while writing it) is ignored: what it recorded is then
        an attempt without a result, which is treated as uncertain.

        Raises:
            LedgerError: A line (other than a cut last one) is not a ledger entry.
            ContentError: The file is a link or special file, or too large.
        """
        if not path.exists() and not path.is_symlink():
            return cls(path, shown)
        text = read_regular(path, shown, what="ledgers").decode("utf-8", errors="replace")
        lines = text.split("\n")
        entries = []
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                entries.append(_entry(json.loads(line)))
            except (ValueError, KeyError, TypeError) as exc:
                if number == len(lines) and not text.endswith("\n"):
                    continue  # cut short by a crash
                raise LedgerError(f"{shown}:{number}: not a ledger entry ({exc})") from None
        return cls(path, shown, entries)

    def state(self, key: PartKey) -> State:
        """What is known about ``key``."""
        return self._states.get(key, State())

    def append(self, entry: Entry) -> None:
        """Append one line and flush it to disk before returning.

        Raises:
            OSError: The line could not be written.
        """
        self.path.parent.mkdir(parents=True, exist_ok=True)
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(self.path, flags, 0o644)
        try:
            size = os.fstat(fd).st_size
            # A line cut short by a crash is closed first, so the new one stands alone.
            prefix = "\n" if size and not _ends_with_newline(self.path, size) else ""
            os.write(fd, (prefix + entry.line()).encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)
        self._remember(entry)

    def _remember(self, entry: Entry) -> None:
        known = self.state(entry.key)
        if entry.event is Event.POSTED:
            self._states[entry.key] = State(posted=entry, attempt=known.attempt)
        elif known.posted is not None:
            return  # a part posted stays posted, whatever follows
        elif entry.event is Event.ATTEMPT:
            self._states[entry.key] = State(attempt=entry)
        else:  # a known "no": the attempt is settled, the part may be sent again
            self._states[entry.key] = State()


def _ends_with_newline(path: Path, size: int) -> bool:
    with path.open("rb") as handle:
        handle.seek(size - 1)
        return handle.read(1) == b"\n"


def _entry(data: Mapping[str, object]) -> Entry:
    if not isinstance(data, Mapping):
        raise TypeError("expected a JSON object")
    step = data["step"]
    of = data.get("of", 1)
    if not isinstance(step, int) or not isinstance(of, int):
        raise TypeError("step and of must be whole numbers")
    at = dt.datetime.fromisoformat(str(data["at"]))
    if at.tzinfo is None:
        raise ValueError("'at' needs an offset")
    return Entry(
        event=Event(str(data["event"])),
        key=PartKey(str(data["post"]), str(data["network"]), step),
        at=at,
        hash=str(data.get("hash", "")),
        kind=str(data.get("kind", "part")),
        of=of,
        id=str(data.get("id", "")),
        url=str(data.get("url", "")),
        idempotency=str(data.get("idempotency", "")),
    )
