"""The persistent cache of feed documents: a feed whose inputs did not change is read, not
rendered again.

A feed's document is a function of its format, its :class:`FeedInfo` and its entries (plain
data made from the plan: the clock reaches it only through which posts are live and the
newest moment among them), of portavoz's code and templates, of Jinja and MarkupSafe, and of
Python's own library (URL quoting, IDNA, dates, JSON). An entry's key is a hash of exactly
those (:func:`feeds_fingerprint` and the feed's canonical form), so a post moved into or out
of a feed by the clock, an edited post or another option gives another key.

The file is ``<output_dir>/cache/feeds.json``, read and written as
:mod:`~portavoz.scheduler.usecases.caching` reads and writes the lint cache: hostile input,
each entry checked to be a string when it is asked for.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from portavoz.scheduler.base.problems import Problem
from portavoz.scheduler.outputs.feeds import FeedFormat, render_feed
from portavoz.scheduler.outputs.model import FeedEntry, FeedInfo
from portavoz.scheduler.usecases import caching
from portavoz.scheduler.usecases.cache_codec import DecodeError

FILE = "feeds.json"
SCHEMA = "portavoz/feeds-cache/1"
"""Written in the file; any other value (another version's layout) makes it foreign."""

MAX_BYTES = 256 * 2**20
"""Largest cache file read."""

MAX_ENTRIES = 30_000
"""Most entries kept (three formats a feed)."""

_LIBRARIES = ("jinja2", "markupsafe")
"""Libraries whose version can change a document (templates, XML escaping)."""


def _decode(value: object) -> str:
    if type(value) is not str:
        raise DecodeError("an entry is not a feed document")
    return value


def _encode(document: str) -> object:
    return document


FEEDS_CACHE: caching.CacheKind[str] = caching.CacheKind(
    FILE, SCHEMA, _encode, _decode, lambda: MAX_BYTES, MAX_ENTRIES, keep_older=False
)
"""The feed documents' cache. It keeps the last build's documents alone: an older one is of
an earlier moment's feed or of posts since edited, and seldom asked again; and a build then
leaves the file as a first build at its moment writes it."""


class FeedCache:
    """Feed documents by everything they are made from, for one build.

    It is what :meth:`~portavoz.scheduler.outputs.feedset.Feed.files` reads and fills.

    Attributes:
        file: The cache file, open for this run.
    """

    def __init__(self, file: caching.CacheFile[str], fingerprint: str) -> None:
        self.file = file
        self._fingerprint = fingerprint
        # A feed's formats are asked for one after the other: its hash is made once.
        self._last: tuple[FeedInfo, tuple[FeedEntry, ...], str | None] | None = None
        # A post's entry is in several feeds (the site's, its audiences', its categories'):
        # each entry's hash is made once, by its id while it is held.
        self._entries: dict[int, tuple[FeedEntry, str]] = {}

    @property
    def warning(self) -> Problem | None:
        """Why the file on disk was ignored, if it was (report it once, after the run)."""
        return self.file.warning

    def document(self, fmt: FeedFormat, info: FeedInfo, entries: tuple[FeedEntry, ...]) -> str:
        """The document :func:`render_feed` gives for these inputs: read when kept, else
        rendered and kept (see :func:`render_feed` for the errors)."""
        feed = self._feed_key(info, entries)
        if feed is None:
            return render_feed(fmt, info, entries)
        key = hashlib.blake2b(f"{feed}\0{fmt}".encode(), digest_size=32).hexdigest()
        found = self.file.get(key)
        if found is None:
            found = render_feed(fmt, info, entries)
            self.file.put(key, found)
        return found

    def save(self, *, keep: bool = True) -> None:
        """Write the file if anything new was rendered (never raises).

        Args:
            keep: Remember its entries for a next build in this process (``mkdocs serve``);
                ``False``: a plain build, which reads it once.
        """
        self.file.save()
        if not keep:
            self.file.forget()

    def _feed_key(self, info: FeedInfo, entries: tuple[FeedEntry, ...]) -> str | None:
        """A hash of the feed's inputs, or ``None`` when they have no canonical form (a text
        no UTF-8 can hold: rendered, never kept)."""
        last = self._last
        if last is not None and last[0] is info and last[1] is entries:
            return last[2]
        try:
            parts = [self._entry_key(entry) for entry in entries]
            found: str | None = caching.digest([self._fingerprint, info, parts])
        except (caching.Uncacheable, UnicodeError):
            found = None
        self._last = info, entries, found
        return found

    def _entry_key(self, entry: FeedEntry) -> str:
        """A hash of one entry (see :meth:`_feed_key` for the errors)."""
        known = self._entries.get(id(entry))
        if known is not None and known[0] is entry:
            return known[1]
        key = caching.digest(entry)
        self._entries[id(entry)] = entry, key
        return key


def open_feed_cache(root: Path, output_dir: Path) -> FeedCache:
    """The feed cache of a build whose internal outputs go to ``output_dir`` (absolute)."""
    place = caching.CachePlace.of(root, output_dir)
    return FeedCache(caching.CacheFile.open(FEEDS_CACHE, place.folder, place.shown), _fingerprint())


def _fingerprint() -> str:
    """What besides a feed's own inputs its documents depend on."""
    versions = caching.library_versions(_LIBRARIES)
    return caching.digest([caching.code_version(), versions, sys.version, "feeds"])
