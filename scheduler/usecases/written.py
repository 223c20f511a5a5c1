"""The manifest of the internal outputs: what each variant file was when portavoz wrote it.

A second build with nothing changed makes the same 10,000 variant files of a 1,000-post site;
comparing each with the file on disk read every one of them, and every record was rendered
again. The manifest, ``<output_dir>/cache/outputs.json``, keeps each file's
:class:`~portavoz.scheduler.base.atomic.Stamp` (its ``stat`` right after the write, a digest
of its bytes, and the key of the record it holds): a file whose stamp still matches and
whose digest is the new content's is left alone unread, and a record whose key is unchanged
is read back from its own file instead of being rendered (:func:`write_internal`).

Nothing stale can be served: a file edited, replaced or deleted by hand no longer matches
its stamp (an edit moves the change time even when the modification time is put back) and
is compared and written again as without a manifest. The file is read and written as
:mod:`~portavoz.scheduler.usecases.caching` reads and writes the other caches: a corrupt or
foreign one is ignored with one warning, and written again.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from portavoz.scheduler.base.atomic import Stamp
from portavoz.scheduler.base.problems import Problem
from portavoz.scheduler.usecases.caching import CacheFile, CacheKind, CachePlace

FILE = "outputs.json"
SCHEMA = "portavoz/outputs-manifest/1"
"""Written in the file; any other value makes it foreign."""

MAX_BYTES = 512 * 2**20
"""Largest manifest read (a 10,000-post site's is about 20 MiB)."""

MAX_ENTRIES = 2_000_000
"""Most files recorded."""

_INTS = 4  # size, mtime_ns, ctime_ns, inode


def _encode(stamp: Stamp) -> object:
    return [stamp.size, stamp.mtime_ns, stamp.ctime_ns, stamp.inode, stamp.digest, stamp.tag]


def _decode(value: object) -> Stamp:
    if not isinstance(value, list) or len(value) != _INTS + 2:
        raise ValueError("an entry is not a file's stamp")
    numbers, texts = value[:_INTS], value[_INTS:]
    if not all(type(n) is int and n >= 0 for n in numbers):
        raise ValueError("a stamp's size, times or inode is not a whole number")
    if not all(isinstance(t, str) for t in texts):
        raise ValueError("a stamp's digest or tag is not text")
    size, mtime, ctime, inode = numbers
    return Stamp(size, mtime, ctime, inode, texts[0], texts[1])


MANIFEST: CacheKind[Stamp] = CacheKind(
    FILE, SCHEMA, _encode, _decode, lambda: MAX_BYTES, MAX_ENTRIES
)
"""The outputs' manifest."""


class WrittenFiles:
    """The stamps of the internal outputs, by path relative to ``output_dir``.

    Use :meth:`open`, hand it to the writer, then :meth:`save`; read :attr:`warning` after.
    """

    def __init__(self, file: CacheFile[Stamp]) -> None:
        self.file = file

    @classmethod
    def open(cls, root: Path, output_dir: Path) -> WrittenFiles:
        """The manifest of the outputs in ``output_dir`` (missing or unusable: empty)."""
        place = CachePlace.of(root, output_dir)
        return cls(CacheFile.open(MANIFEST, place.folder, place.shown))

    @property
    def warning(self) -> Problem | None:
        """Why the manifest on disk was ignored, if it was (report it once)."""
        return self.file.warning

    def get(self, name: str) -> Stamp | None:
        """The stamp ``name`` was left with, if any."""
        return self.file.get(_key(name))

    def note(self, name: str, stamp: Stamp) -> None:
        """Remember ``name``'s stamp for the next build (the file is saved only if one is new)."""
        key = _key(name)
        if self.file.get(key) != stamp:
            self.file.put(key, stamp)

    def save(self) -> None:
        """Write the manifest if a stamp changed (atomically; never raises)."""
        self.file.save()


def _key(name: str) -> str:
    """A path as the caches key their entries: a hash (64 hex digits)."""
    return hashlib.blake2b(name.encode("utf-8"), digest_size=32).hexdigest()
