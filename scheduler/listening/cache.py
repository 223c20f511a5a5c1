"""The listening cache: per-feed HTTP state and the last good copy of every feed.

Layout (a folder, by default ``.portavoz/cache/listening/`` beside ``mkdocs.yml``)::

    state.json            {"version": 1, "feeds": {<source name>: FeedState as JSON}}
    bodies/<sha256>.xml   raw feed bytes, named by content, referenced from state.json

Bodies are written before the state that points at them and unreferenced bodies are removed
only after the new state is in place, so an interrupted run leaves a complete previous cache.
Raw bytes are the record, so a newer portavoz can re-read old copies and offline builds parse
exactly what was fetched. Beside them, ``entries/<body>.json`` keeps what the last parse of a
copy gave, under a key naming everything the parse depends on; a feed that answers 304 is read
from there, not parsed again. A missing, stale or unreadable entries file just means a parse.

A state is read field by field: a value of the wrong type is dropped (one feed's broken state
never breaks the others), and :func:`usable` drops what cannot be sent back or relied on.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from pathlib import Path

from portavoz.scheduler.listening import atomic
from portavoz.scheduler.listening.policy import clean_etag, clean_last_modified

STATE_FILE = "state.json"
BODIES = "bodies"
ENTRIES = "entries"
VERSION = 1
#: What :func:`store_body` names a copy; anything else in a state is not one of ours.
BODY_NAME = re.compile(r"[0-9a-f]{32}\.xml")


@dataclass(frozen=True)
class FeedState:
    """What we know about one feed between runs.

    Attributes:
        url: The URL configured for the source (a changed URL starts a fresh state).
        fetch_url: Where to fetch now: ``url`` unless a 301/308 moved it permanently.
        etag: ``ETag`` of the stored copy, sent back as ``If-None-Match``.
        last_modified: ``Last-Modified`` of the stored copy, sent as ``If-Modified-Since``.
        gone: The server answered 410 Gone; the feed is not fetched again.
        body: File name of the last good copy under ``bodies/``, if any.
        content_type: ``Content-Type`` of that copy, given to feedparser for the encoding.
        fetched_at: ISO time the stored copy was fetched.
    """

    url: str
    fetch_url: str
    etag: str | None = None
    last_modified: str | None = None
    gone: bool = False
    body: str | None = None
    content_type: str = ""
    fetched_at: str | None = None

    @classmethod
    def fresh(cls, url: str) -> FeedState:
        """State of a feed never fetched."""
        return cls(url=url, fetch_url=url)


def load_states(cache_dir: Path) -> dict[str, FeedState]:
    """Read every feed's state; a missing or unreadable cache is an empty one."""
    try:
        data = json.loads((cache_dir / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # nested too deep is unreadable too
        return {}
    feeds = data.get("feeds") if isinstance(data, dict) else None
    if not isinstance(feeds, dict):
        return {}
    states: dict[str, FeedState] = {}
    for name, raw in feeds.items():
        state = _state(raw)
        if state is not None:
            states[str(name)] = state
    return states


def _state(raw: object) -> FeedState | None:
    """One stored state, keeping only the fields whose values have the right type."""
    if not isinstance(raw, dict) or not isinstance(url := raw.get("url"), str):
        return None
    fetch_url = raw.get("fetch_url")
    body = raw.get("body")
    content_type = raw.get("content_type")
    return FeedState(
        url=url,
        fetch_url=fetch_url if isinstance(fetch_url, str) else url,
        etag=_text(raw.get("etag")),
        last_modified=_text(raw.get("last_modified")),
        gone=raw.get("gone") is True,
        body=body if isinstance(body, str) and BODY_NAME.fullmatch(body) else None,
        content_type=content_type if isinstance(content_type, str) else "",
        fetched_at=_iso_time(raw.get("fetched_at")),
    )


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _iso_time(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    # A naive time cannot be compared with the aware ones of entries.
    return value if moment.tzinfo is not None else None


def usable(cache_dir: Path, state: FeedState) -> tuple[FeedState, str]:
    """Drop validators that cannot be sent back, and validators without their copy.

    A validator is sent back as a header, so one that is not short visible ASCII would make
    the request fail; and validators of a copy we no longer hold would get "not modified" for
    a feed we have nothing of, run after run.

    Returns:
        The state to use, and what was dropped (empty when nothing was).
    """
    etag, last_modified = clean_etag(state.etag), clean_last_modified(state.last_modified)
    why = ""
    if (etag, last_modified) != (state.etag, state.last_modified):
        why = "its stored ETag or Last-Modified is not visible ASCII"
        etag = last_modified = None
    has_copy = bool(state.body) and (cache_dir / BODIES / str(state.body)).is_file()
    if not has_copy and (etag or last_modified):
        why = "its cached copy is missing"
    if has_copy and not why:
        return state, ""
    cleaned = replace(
        state,
        etag=etag if has_copy else None,
        last_modified=last_modified if has_copy else None,
        body=state.body if has_copy else None,
    )
    return cleaned, f"{why}; its validators are dropped and it is fetched in full" if why else ""


def state_for(states: dict[str, FeedState], name: str, url: str) -> FeedState:
    """Return the stored state of source ``name`` if it still has the configured ``url``."""
    state = states.get(name)
    return state if state is not None and state.url == url else FeedState.fresh(url)


def save_states(cache_dir: Path, states: dict[str, FeedState]) -> None:
    """Write the states atomically, then remove bodies no state refers to."""
    data = {"version": VERSION, "feeds": {n: asdict(s) for n, s in sorted(states.items())}}
    atomic.write_json(cache_dir / STATE_FILE, data)
    _prune(cache_dir, {s.body for s in states.values() if s.body})


def store_body(cache_dir: Path, data: bytes) -> str:
    """Store ``data`` as a feed copy and return its file name, for :attr:`FeedState.body`."""
    name = hashlib.sha256(data).hexdigest()[:32] + ".xml"
    path = cache_dir / BODIES / name
    if not path.exists():
        atomic.write_bytes(path, data)
    return name


def read_body(cache_dir: Path, state: FeedState) -> bytes | None:
    """Return the last good copy of a feed, or ``None`` if there is none."""
    if not state.body:
        return None
    try:
        return (cache_dir / BODIES / state.body).read_bytes()
    except OSError:
        return None


def read_parsed(cache_dir: Path, state: FeedState, key: Callable[[], str]) -> object | None:
    """The stored parse of the feed's copy (JSON data), if it was stored under ``key()``.

    ``key`` is asked only when a parse is stored (it reads the installed version).
    """
    if not state.body:
        return None
    try:
        data = json.loads((cache_dir / ENTRIES / f"{state.body}.json").read_text("utf-8"))
    except (OSError, ValueError, RecursionError):  # nested too deep is unreadable too
        return None
    return data.get("entries") if isinstance(data, dict) and data.get("key") == key() else None


def store_parsed(cache_dir: Path, body: str, key: str, entries: object) -> None:
    """Keep the parse of copy ``body`` (JSON data) under ``key``."""
    atomic.write_json(cache_dir / ENTRIES / f"{body}.json", {"key": key, "entries": entries})


def prune_parsed(folder: Path, referenced: set[str]) -> None:
    """Remove the kept parses (``entries/<body>.json`` in ``folder``) of other bodies."""
    _prune(folder, referenced)


def _prune(cache_dir: Path, referenced: set[str]) -> None:
    for folder, suffix in ((cache_dir / BODIES, ""), (cache_dir / ENTRIES, ".json")):
        if folder.is_dir():
            for path in folder.iterdir():
                if path.name.removesuffix(suffix) not in referenced:
                    path.unlink(missing_ok=True)
