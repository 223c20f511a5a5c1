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
is compared and written again as without a manifest.

The file is one JSON document with one file a line (:data:`HEAD`, then
``["<path>","<hex>"]`` rows, the hex digits of the packed stamp), read a line at a time and
held as one packed ``bytes`` row a file (four 64-bit numbers: size, mtime_ns, ctime_ns,
inode; the 128-bit digest; the tag's bytes): the stamps of 10,000 files take about 2.5 MiB,
not 10. It is read
as hostile input, with :mod:`~portavoz.scheduler.usecases.caching`'s rules (no link, at
most :data:`MAX_BYTES`): a file that is not wholly of this form (corrupt, truncated,
foreign, another version's) is ignored with one warning, and written again.
"""

from __future__ import annotations

import binascii
import re
import struct
from collections.abc import Iterator, Sequence
from pathlib import Path

from portavoz.scheduler.base.atomic import (
    Stamp,
    WriteError,
    all_untouched,
    file_state,
    write_pieces,
)
from portavoz.scheduler.base.problems import Problem
from portavoz.scheduler.usecases.caching import (
    CachePlace,
    OtherVersion,
    other_version_head,
    read_cache,
    unusable,
)

FILE = "outputs.json"
SCHEMA = "portavoz/outputs-manifest/2"
"""Written in the file; any other value makes it foreign."""

HEAD = b'{"schema":"' + SCHEMA.encode() + b'","files":[\n'
"""The manifest's first line; the rows follow, one a line, then :data:`_END`."""
_OTHER_VERSION = other_version_head(SCHEMA, b',"files":[\n')
"""How another version's manifest begins, whole (read as no manifest, without a warning)."""

_END = b"]}\n"

MAX_BYTES = 64 * 2**20
"""Largest manifest read (a 10,000-post site's is about 18 MiB)."""

MAX_ENTRIES = 1_000_000
"""Most files recorded."""

_PACKED = struct.Struct(">4Q16s")
"""A row: size, mtime_ns, ctime_ns, inode, digest; then the tag's bytes (big-endian: in
the file, each number is its own hex digits, fixed width)."""

_NUMBERS = struct.Struct(">4Q")
"""The numbers at the start of a row."""

_DIGEST = 16
_MAX_TAG = 64
"""Most bytes of a tag (a key of 128 hex digits)."""

_ESCAPED = bytes([*range(0x20), ord('"'), ord("\\")])
"""What a JSON text escapes: a path holding one is not recorded, a row holding one is bad."""

_PLAIN = re.compile(r'[^"\\\x00-\x1f]*')
"""A path holding none of :data:`_ESCAPED` (the only paths recorded)."""

_HEX = re.compile(r"(?:[0-9a-f]{2}){0,64}")


class WrittenFiles:
    """The stamps of the internal outputs, by path relative to ``output_dir``.

    Use :meth:`open`, hand it to the writer, then :meth:`save`; read :attr:`warning` after.
    Only the files asked for or noted in this run are saved (the writer asks for every file
    it keeps, and removes the others).

    Attributes:
        path: The manifest.
        warning: Why the manifest on disk was ignored, if it was (report it once).
    """

    def __init__(self, path: Path, rows: dict[str, bytes], warning: Problem | None) -> None:
        self.path = path
        self.warning = warning
        self._old = rows  # rows from the file not asked for yet
        self._kept: dict[str, bytes] = {}  # rows asked for or noted in this run
        self._changed = warning is not None

    @classmethod
    def open(cls, root: Path, output_dir: Path) -> WrittenFiles:
        """The manifest of the outputs in ``output_dir`` (missing or unusable: empty)."""
        place = CachePlace.of(root, output_dir)
        path = place.folder / FILE
        shown = f"{place.shown}/{FILE}"
        data, warning = read_cache(path, shown, MAX_BYTES)
        if data is None:
            return cls(path, {}, warning)
        try:
            return cls(path, parse(data), None)
        except OtherVersion:  # an upgrade: every output is compared and written again, quietly
            return cls(path, {}, None)
        except ValueError as exc:
            return cls(path, {}, unusable(shown, exc))

    def get(self, name: str) -> Stamp | None:
        """The stamp ``name`` was left with, if any."""
        row = self._row(name)
        if row is None:
            return None
        size, mtime, ctime, inode, digest = _PACKED.unpack_from(row)
        return Stamp(size, mtime, ctime, inode, digest, row[_PACKED.size :].hex())

    def untouched(self, name: str, path: str, tag: str) -> bool:
        """Whether ``name`` was left with ``tag`` and its file, ``path``, is as it was then.

        :meth:`get` and a comparison with a fresh :func:`stamp_of` without making either
        stamp (a second build asks this of each of its 10,000 files).
        """
        row = self._row(name)
        if row is None or row[_PACKED.size :].hex() != tag:
            return False
        return _NUMBERS.unpack_from(row) == file_state(path)

    def all_untouched(
        self, names: Sequence[str], paths: Sequence[str], tags: Sequence[str]
    ) -> bool:
        """Whether every one of ``names`` is :meth:`untouched`: each row's tag compared in
        one loop, then every file's numbers in one (:func:`all_untouched`)."""
        states, tail = [], _PACKED.size
        for name, tag in zip(names, tags, strict=True):
            row = self._row(name)
            if row is None or row[tail:].hex() != tag:
                return False
            states.append(_NUMBERS.unpack_from(row))
        return all_untouched(paths, states)

    def _row(self, name: str) -> bytes | None:
        row = self._kept.get(name)
        if row is None:
            row = self._old.pop(name, None)
            if row is not None:
                self._kept[name] = row
        return row

    def note(self, name: str, stamp: Stamp) -> None:
        """Remember ``name``'s stamp for the next build (the file is saved only if one is new).

        A path that a JSON text would have to escape (a quote, a backslash, a control
        character) is not remembered: that file is compared as without a manifest.

        Raises:
            ValueError: The stamp's digest is not 128 bits, or its tag is not a key in
                lowercase hex digits (at most 128 of them).
        """
        try:
            row = _pack(stamp)
        except struct.error:  # a time before 1970 (a clock set back): not remembered
            return
        if not _PLAIN.fullmatch(name):
            return
        self._old.pop(name, None)
        if self._kept.get(name) != row:
            self._kept[name] = row
            self._changed = True

    def save(self) -> None:
        """Write the manifest if a stamp changed or one was dropped (atomically; never raises)."""
        if not self._changed and not self._old:
            return
        try:  # piece by piece: the whole text of 10,000 rows would add to a build's peak
            write_pieces(self.path, _pieces(self._kept), durable=False)
        except WriteError:  # costs the next build its time only
            return
        self._old, self._kept, self._changed = {}, {}, False


def _pieces(rows: dict[str, bytes]) -> Iterator[bytes]:
    """The manifest's bytes, a chunk of rows at a time (a piece a row cost more to write)."""
    yield HEAD
    items = list(rows.items())
    for at in range(0, len(items), _CHUNK):
        yield b",\n".join([_text(name, row) for name, row in items[at : at + _CHUNK]])
        yield b",\n" if at + _CHUNK < len(items) else b"\n"
    yield _END


_CHUNK = 1024
"""Rows written in one piece."""


def parse(data: bytes) -> dict[str, bytes]:
    """The packed rows of a manifest's bytes, by path.

    Raises:
        ValueError: The bytes are not wholly a manifest of :data:`SCHEMA` (another schema,
            a row of another form, a path twice, a truncation).
    """
    if not data.startswith(HEAD) and _OTHER_VERSION.match(data):
        raise OtherVersion(f"a manifest of another portavoz (not {SCHEMA})")
    if not data.startswith(HEAD) or not data.endswith(_END):
        raise ValueError(f"not a portavoz manifest of the form {SCHEMA}")
    rows: dict[str, bytes] = {}
    at, end, find = len(HEAD), len(data) - len(_END), data.find
    while at < end:  # a line at a time: a list of every line would add to a build's peak
        stop = find(b"\n", at, end)
        if stop < 0:
            raise ValueError("the last row is not followed by a line break")
        line = data[at:stop] if stop + 1 < end else data[at:stop] + b","  # the last has none
        name, row = _row(line)
        if row is None or name in rows or len(rows) >= MAX_ENTRIES:
            line_number = data.count(b"\n", 0, at) + 1
            raise ValueError(f"line {line_number} is not a file's stamp, or is one twice")
        rows[name] = row
        at = stop + 1
    return rows


def _row(line: bytes) -> tuple[str, bytes | None]:
    """A row's path and packed stamp (``None``: not of the form; the line ends in ``,``)."""
    name, comma, packed = line[2:-3].partition(b'","')
    if line[:2] != b'["' or line[-3:] != b'"],' or not comma:
        return "", None
    if len(name.translate(None, _ESCAPED)) != len(name) or len(packed) % 2:
        return "", None
    tag = len(packed) // 2 - _PACKED.size
    if not 0 <= tag <= _MAX_TAG:
        return "", None
    try:
        return name.decode("utf-8"), binascii.unhexlify(packed)
    except (binascii.Error, UnicodeDecodeError):
        return "", None


def _pack(stamp: Stamp) -> bytes:
    if len(stamp.digest) != _DIGEST:
        raise ValueError(f"a stamp's digest is {_DIGEST} bytes")
    if not _HEX.fullmatch(stamp.tag):
        raise ValueError("a stamp's tag is a key in lowercase hex digits")
    numbers = stamp.size, stamp.mtime_ns, stamp.ctime_ns, stamp.inode
    return _PACKED.pack(*numbers, stamp.digest) + bytes.fromhex(stamp.tag)


def _text(name: str, row: bytes) -> bytes:
    return b'["' + name.encode("utf-8") + b'","' + row.hex().encode() + b'"]'
