"""The persistent cache of brand-voice findings: unchanged posts are read, not linted again.

Linting is most of ``portavoz check``'s time and a large share of a build's. A post's findings
are a function of the post as read, its composed variants, the lint settings (rules, lists and
the project dictionary's words) and portavoz's own code and data; the key of an entry is a hash
of exactly those (:func:`findings_key`), so an entry can only be served for the same inputs.
The publish window (the clock) is not among them: statuses are decided again on every run.

The cache is one JSON file, ``<output_dir>/cache/lint.json``, written atomically and only when
something new was computed. It is read as hostile input: through :func:`read_regular` (no
links, at most :data:`MAX_BYTES`), then checked against its schema entry by entry. A file that
fails is ignored as a whole with one warning, and written again from the run.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path, PurePath
from typing import Any, Generic, TypeVar

from portavoz.scheduler.base.atomic import WriteError, file_state, write_atomic
from portavoz.scheduler.base.files import read_regular
from portavoz.scheduler.base.problems import ContentError, Problem, Severity
from portavoz.scheduler.base.release import VERSION
from portavoz.scheduler.usecases.cache_codec import LAYOUT, PROBLEMS

FOLDER = "cache"
"""The cache's folder inside the scheduler's ``output_dir``."""

FILE = "lint.json"
SCHEMA = f"portavoz/lint-cache/2-{LAYOUT}"
"""Written in the file; any other value (another version's layout) makes it foreign."""

MAX_BYTES = 64 * 2**20
"""Largest cache file read."""

MAX_ENTRIES = 100_000
"""Most entries kept: those of the last run first, then older ones until this many."""

_PACKAGE = Path(__file__).resolve().parents[1]
_KEY_CHARS = "0123456789abcdef"
_COMMA = ord(",")


class Uncacheable(TypeError):
    """A value has no canonical form (the post is linted, and not cached)."""


def canonical(value: object) -> object:
    """A JSON value standing for ``value``: equal inputs give equal forms in every process.

    Sets and mappings are sorted (their order changes with hash seeds), dataclasses give
    every field (not only those in their ``repr``), enums and dates name their type.

    Raises:
        Uncacheable: Something else (a function, an object without a canonical form).
    """
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return ["float", repr(value)]
    if isinstance(value, enum.Enum):
        return [type(value).__qualname__, canonical(value.value)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: canonical(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return [type(value).__qualname__, fields]
    if isinstance(value, Mapping):
        pairs = sorted(((_dumps(canonical(k)), v) for k, v in value.items()), key=_first)
        return ["map", [[k, canonical(v)] for k, v in pairs]]
    if isinstance(value, set | frozenset):
        return ["set", sorted((canonical(v) for v in value), key=_dumps)]
    if isinstance(value, list | tuple):
        return [canonical(v) for v in value]
    return _canonical_other(value)


def _first(pair: tuple[str, object]) -> str:
    return pair[0]


def _canonical_other(value: object) -> object:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        tz = getattr(value, "tzinfo", None)
        return [type(value).__name__, value.isoformat(), None if tz is None else str(tz)]
    if isinstance(value, dt.tzinfo | PurePath):
        return [type(value).__name__, str(value)]
    raise Uncacheable(f"no canonical form for {type(value).__qualname__}")


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


@cache
def code_version() -> str:
    """portavoz's version and a hash of its package's files (code, templates, word lists).

    The version alone would not do: an editable install keeps ``0.1.0`` while its code
    changes, and a changed rule must never meet the findings of the old one.
    """
    digest = hashlib.blake2b(VERSION.encode(), digest_size=16)
    for parts, path in _package_files():
        digest.update("/".join(parts).encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _package_files() -> list[tuple[tuple[str, ...], Path]]:
    """Each file of the package but compiled bytecode, as its path's parts below the package
    and its path, in the order of the parts (as sorted paths are).

    One walk that never enters ``__pycache__``: a ``Path.rglob`` listed every ``.pyc`` too,
    and made and sorted a ``Path`` for each (half of :func:`code_version`'s time, which every
    build pays before its caches can be read).
    """
    found = []
    for top, dirs, names in os.walk(_PACKAGE):
        dirs[:] = [name for name in dirs if name != "__pycache__"]
        folder = Path(top)
        below = folder.relative_to(_PACKAGE).parts
        for name in names:
            path = folder / name
            if not name.endswith(".pyc") and path.is_file():
                found.append(((*below, name), path))
    found.sort()
    return found


def library_versions(names: Iterable[str]) -> list[str]:
    """``name=version`` of each installed distribution (``name=none`` when it is not): the
    libraries whose release can change what a cache keeps."""
    return [_library_version(name) for name in names]


@cache
def _library_version(name: str) -> str:
    """One of :func:`library_versions`, looked up once a process (as :func:`code_version`):
    ``mkdocs serve`` opens the caches again on every rebuild."""
    try:
        return f"{name}={version(name)}"
    except PackageNotFoundError:
        return f"{name}=none"


def findings_key(*inputs: object) -> str:
    """The key of the findings of ``inputs`` (post, variants, settings…) under this code.

    Raises:
        Uncacheable: An input has no canonical form.
    """
    return digest([code_version(), *inputs])


def digest(value: object) -> str:
    """A hash of ``value``'s canonical form (64 hex digits).

    Raises:
        Uncacheable: ``value`` has no canonical form.
    """
    text = _dumps(canonical(value))
    return hashlib.blake2b(text.encode("utf-8"), digest_size=32).hexdigest()


@dataclass(frozen=True)
class CachePlace:
    """The caches' folder of one build or check.

    Attributes:
        folder: ``<output_dir>/cache``, absolute.
        shown: That folder as messages name it (relative to the project root).
    """

    folder: Path
    shown: str

    @classmethod
    def of(cls, root: Path, output_dir: Path) -> CachePlace:
        """The cache folder of a build whose internal outputs go to ``output_dir`` (absolute)."""
        folder = output_dir / FOLDER
        return cls(folder, Path(os.path.relpath(folder, root)).as_posix())


Entry = TypeVar("Entry")


@dataclass(frozen=True)
class CacheKind(Generic[Entry]):
    """One cache file's name, schema, bounds and the JSON form of its entries.

    Attributes:
        file: The file's name in the cache folder.
        schema: Written in the file; any other value (another layout) makes it foreign.
        encode: An entry's JSON form.
        decode: The entry a JSON form stands for (raises ``ValueError`` for a wrong one).
        max_bytes: Largest file read (a callable: tests lower it).
        max_entries: Most entries read or written.
        keep_older: Keep earlier runs' entries too (an edit undone is served again); ``False``
            for entries an earlier run's clock or posts made, which would only grow the file.
        decode_text: The entry a stored JSON text stands for, when it is made without
            parsing the whole text first (the variants' cache parses its variants only when
            they are asked for); none: :attr:`decode` of the parsed text.
    """

    file: str
    schema: str
    encode: Callable[[Entry], object]
    decode: Callable[[object], Entry]
    max_bytes: Callable[[], int]
    max_entries: int
    keep_older: bool = True
    decode_text: Callable[[bytes], Entry] | None = None


class _Stored(Generic[Entry]):
    """A file's entries: each one's JSON text as stored, decoded (and checked) when first
    asked for. Rows no run asks for (edited posts' older versions) cost no decoding, and
    every row is written back as its text, without encoding it again."""

    def __init__(self, kind: CacheKind[Entry], texts: dict[str, bytes]) -> None:
        self.kind = kind
        self.texts = texts
        self.decoded: dict[str, Entry] = {}

    def __iter__(self) -> Iterator[str]:
        return iter(self.texts)

    def get(self, key: str) -> Entry | None:
        """The entry under ``key``, if any.

        Raises:
            ValueError: Its row is not of the entries' form.
        """
        found = self.decoded.get(key)
        if found is None and key in self.texts:
            text, how = self.texts[key], self.kind.decode_text
            found = how(text) if how is not None else self.kind.decode(json.loads(text))
            self.decoded[key] = found
        return found


_MEMO: dict[tuple[Path, str], tuple[bytes, _Stored[Any]]] = {}
"""The entries of each cache file as this process last read or wrote it, with a hash of the
file's bytes then (``b""`` when its numbers were known, :data:`_STATES`: a file whose numbers
moved is parsed again): ``mkdocs serve`` rebuilds in one process, and a rebuild need not
decode again the file it wrote itself."""


_STATES: dict[tuple[Path, str], tuple[int, int, int, int]] = {}
"""Each remembered file's numbers (:func:`file_state`) when this process last read or wrote
it: a file that still has them holds the entries of :data:`_MEMO`, taken without reading or
hashing it (``mkdocs serve``: its variants' cache is ~10 MiB on a 1,000-post site). Any
edit, replacement or removal moves them; the file is then read and hashed as before. As with
git's index, an edit in place that keeps the size, made within one tick of the file system's
clock after this process's own write (milliseconds on ext4, up to 2 s on FAT or some network
shares), is not seen: a cache file then serves the entries this process wrote."""


_HELD: dict[tuple[Path, str], _Stored[Any]] = {}
"""Each cache file's entries as a save opened with ``hold`` left them, by its path and
schema: ``mkdocs serve`` writes nothing while it runs, and each held file once when it stops
(:func:`write_held`). A serve stopped without that leaves the folder as it found it; until
then, every open of the file in this process takes these entries, not the file's."""


def forget_files() -> None:
    """Forget every cache file this process remembers (:data:`_MEMO`).

    A plain build reads each file once: what it remembers for a next run in the process
    would only add to its peak memory. The next :meth:`CacheFile.open` reads the file again.
    """
    _MEMO.clear()
    _STATES.clear()


class CacheFile(Generic[Entry]):
    """Entries by key, as read from one cache file, with what this run adds.

    Use :meth:`open`, then :meth:`get` / :meth:`put`, then :meth:`save`.

    Attributes:
        path: The cache file.
        warning: Why the file on disk was ignored, if it was (report it once; an entry of
            the wrong form is found when it is asked for, so read this after the run).
    """

    def __init__(
        self,
        kind: CacheKind[Entry],
        path: Path,
        stored: _Stored[Entry] | None,
        warning: Problem | None,
        shown: str = "",
        *,
        stale: bool = False,
        hold: bool = False,
    ) -> None:
        self.kind = kind
        self.path = path
        self.warning = warning
        self._shown = shown
        self._hold = hold
        self._old = stored if stored is not None else _Stored(kind, {})
        self._used: dict[str, Entry] = {}
        self._kept: dict[str, None] = {}  # kept as stored, in the order asked (see keep)
        self._new: set[str] = set()
        self._changed = warning is not None or stale

    @classmethod
    def open(
        cls, kind: CacheKind[Entry], folder: Path, shown: str, *, hold: bool = False
    ) -> CacheFile[Entry]:
        """Read the cache in ``folder`` (missing: empty; unusable: empty, with a warning;
        another portavoz's: empty, written again without a warning).

        Args:
            kind: Which cache file.
            folder: The cache's folder (``<output_dir>/cache``, absolute).
            shown: That folder as messages name it (relative to the project root).
            hold: :meth:`save` keeps the file's entries in this process instead of writing
                it, until :func:`write_held` (``mkdocs serve``). Entries held by an earlier
                run are taken whether or not this one holds: they are the newest.
        """
        path = folder / kind.file
        shown = f"{shown}/{kind.file}"
        held = _HELD.get((path, kind.schema))
        if held is not None:  # what this process would have written (keys stand for inputs)
            return cls(kind, path, held, None, shown, hold=hold)
        known = _MEMO.get((path, kind.schema))
        state = file_state(path)  # before reading: a change while it is read moves it
        if (
            known is not None
            and state is not None
            and state[0] <= kind.max_bytes()  # the bound, as a read has it
            and _STATES.get((path, kind.schema)) == state
        ):
            return cls(kind, path, known[1], None, shown, hold=hold)
        data, warning = read_cache(path, shown, kind.max_bytes())
        if data is None:
            return cls(kind, path, None, warning, shown, hold=hold)
        if known is not None and known[0] == _hash(data):
            _remember_state(path, kind.schema, state)
            return cls(kind, path, known[1], None, shown, hold=hold)
        try:
            stored = _Stored(kind, _texts(kind, data))
        except OtherVersion:
            return cls(kind, path, None, None, shown, stale=True, hold=hold)
        except (ValueError, TypeError, RecursionError) as exc:
            return cls(kind, path, None, _warning(shown, _message(exc)), shown, hold=hold)
        # Known by its numbers, the file need not be hashed, as save() has it: hashing the
        # 7 MiB of a 1,000-post site's caches cost a plain build, which then forgets them.
        _MEMO[(path, kind.schema)] = (_hash(data) if state is None else b"", stored)
        _remember_state(path, kind.schema, state)
        return cls(kind, path, stored, None, shown, hold=hold)

    def get(self, key: str) -> Entry | None:
        """The entry stored under ``key``, if any (kept for the next run too)."""
        found = self._used.get(key)
        if found is not None or self.warning is not None:
            return found
        try:
            found = self._old.get(key)
        except (ValueError, TypeError, RecursionError) as exc:
            self.refuse(exc)
            return None
        if found is not None:
            self._used[key] = found
        return found

    def refuse(self, exc: Exception, key: str | None = None) -> None:
        """Ignore the whole file: an entry of it (under ``key``, if it was served) was found
        malformed (``exc`` says how).

        Nothing of a file holding a malformed entry is trusted any further; the warning is
        :attr:`warning`, and the file is written again from this run.
        """
        self.warning = _warning(self._shown, _message(exc))
        self._old = _Stored(self.kind, {})
        # Entries served from the file go with it, ``key``'s among them: an entry is served
        # before all of it is checked (a post's variants are decoded when first asked for),
        # and one encoded again from this file could raise, or carry what it holds.
        self._used = {k: v for k, v in self._used.items() if k in self._new}
        self._kept.clear()
        self._changed = True
        _MEMO.pop((self.path, self.kind.schema), None)
        _STATES.pop((self.path, self.kind.schema), None)
        _HELD.pop((self.path, self.kind.schema), None)

    def mend(self, key: str, entry: Entry | None, exc: Exception) -> Problem:
        """Put ``entry`` in place of the one :meth:`get` gave under ``key``, found malformed
        (``exc`` says how) only when used, and write the file again; the warning to report.

        The file's other entries are kept: each one is checked when it is decoded. With no
        ``entry`` (none could be made to store), the malformed one is dropped.
        """
        self._old.texts.pop(key, None)
        self._old.decoded.pop(key, None)
        self._used.pop(key, None)
        if entry is not None:
            self.put(key, entry)
        self._changed = True
        self.save()
        return _warning(self._shown, _message(exc))

    def keep(self, key: str) -> None:
        """Keep the stored entry under ``key`` for the next run without decoding it (this run
        took the same value from elsewhere: ``mkdocs serve``'s kept reads)."""
        if self.warning is None and key not in self._used and key in self._old.texts:
            self._kept[key] = None

    def forget(self) -> None:
        """Let this process forget the file's entries (:data:`_MEMO`): a plain build reads
        it once (see :func:`forget_files`)."""
        _MEMO.pop((self.path, self.kind.schema), None)
        _STATES.pop((self.path, self.kind.schema), None)

    def put(self, key: str, entry: Entry) -> None:
        """Store an entry computed in this run."""
        self._used[key] = entry
        self._new.add(key)
        self._changed = True

    def save(self) -> None:
        """Write the file if this run computed anything new (atomically; never raises).

        It keeps this run's entries, then earlier ones (an edit undone is served again) up
        to as many as this run's and :attr:`CacheKind.max_entries` in all, unless its kind
        keeps this run's alone (:attr:`CacheKind.keep_older`). A cache that
        cannot be written only costs the next run its time. Opened with ``hold``, the
        entries are kept in this process instead (:data:`_HELD`), for :func:`write_held`.
        """
        if not self._changed and not self._stale():
            return
        # Only entries computed now are encoded; the others are written as they were read.
        old = self._old.texts
        texts = {
            k: old[k] if k in old and k not in self._new else _text(self.kind.encode(v))
            for k, v in self._used.items()
        }
        texts.update((k, old[k]) for k in self._kept if k not in texts)
        bound = min(self.kind.max_entries, 2 * len(texts) if self.kind.keep_older else 0)
        for key in self._old:
            if len(texts) >= bound:
                break
            texts.setdefault(key, old[key])
        kept = _Stored(self.kind, texts)
        kept.decoded.update(self._used)
        if self._hold:  # the document is made and written once, when serve stops
            _HELD[(self.path, self.kind.schema)] = kept
            self._changed = False
            return
        if _write(self.path, kept):
            _HELD.pop((self.path, self.kind.schema), None)
            self._changed = False

    def _stale(self) -> bool:
        """Whether a cache that keeps this run's entries alone holds others (a feed that is
        gone, read from nowhere this run: nothing new was computed, yet it must go)."""
        if self.kind.keep_older or self.warning is not None:
            return False
        return any(k not in self._used and k not in self._kept for k in self._old)


def write_held(place: CachePlace | None) -> None:
    """Write each cache file held in this process (:data:`_HELD`) in ``place``'s folder, once
    (``mkdocs serve`` stops), and let go of every other one (a folder the build no longer
    uses is not made again); never raises: a file that cannot be written only costs the next
    run its time."""
    for (path, schema), stored in list(_HELD.items()):
        del _HELD[(path, schema)]
        if place is not None and path.parent == place.folder:
            _write(path, stored)


def _write(path: Path, stored: _Stored[Any]) -> bool:
    """Write ``stored``'s entries as the cache file ``path`` (atomically), and remember them
    for the next open in this process; whether it was written."""
    data = _document(stored.kind, stored.texts)
    try:
        write_atomic(path, data, durable=False)
    except WriteError:
        return False
    state = file_state(path)
    # Known by its numbers, the file need not be hashed (b"": a changed file is parsed).
    _MEMO[(path, stored.kind.schema)] = (_hash(data) if state is None else b"", stored)
    _remember_state(path, stored.kind.schema, state)
    return True


def _remember_state(path: Path, schema: str, state: tuple[int, int, int, int] | None) -> None:
    if state is None:
        _STATES.pop((path, schema), None)
    else:
        _STATES[(path, schema)] = state


def read_cache(path: Path, shown: str, limit: int) -> tuple[bytes | None, Problem | None]:
    """A cache file's bytes, read as hostile input (no link, at most ``limit`` bytes).

    Returns:
        The bytes and no warning; ``None`` and no warning when there is no file; ``None``
        and the warning (:func:`unusable`) when it cannot be used.
    """
    try:
        return read_regular(path, shown, limit=limit, what="cache files"), None
    except FileNotFoundError:
        return None, None
    except (OSError, ContentError) as exc:
        return None, _warning(shown, _reason(exc))


def unusable(shown: str, exc: Exception) -> Problem:
    """The warning for the cache file ``shown``, ignored as a whole for ``exc``."""
    return _warning(shown, _message(exc))


def _message(exc: Exception) -> str:
    return str(exc) or type(exc).__name__


def _hash(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=32).digest()


class OtherVersion(ValueError):
    """A cache file of this kind in another portavoz's layout (its schema names the kind,
    with another version): not damaged, only of no use here. An upgrade meets the cache the
    last version left, and ``mkdocs build --strict`` must not fail on a warning for it."""


@cache
def other_version_head(schema: str, after: bytes) -> re.Pattern[bytes]:
    """How a file of ``schema``'s kind that another portavoz wrote begins, whole: the schema's
    name with another version (as portavoz writes one, ``2-d0f8c5b7ce8717df``), then
    ``after``. A file cut off within its head is damaged, not another version's."""
    name = re.escape(schema.rpartition("/")[0].encode())
    return re.compile(rb'\{"schema":"' + name + rb'/[0-9A-Za-z._-]{1,100}"' + re.escape(after))


def _head(kind: CacheKind[Entry]) -> bytes:
    return b'{"schema":' + _dumps(kind.schema).encode() + b',"entries":{'


def _text(row: object) -> bytes:
    return _dumps(row).encode("utf-8")


def _document(kind: CacheKind[Entry], texts: Mapping[str, bytes]) -> bytes:
    """A cache file: one JSON document, its head on the first line, then one entry a line
    (JSON texts hold no line breaks), so a reader can take the entries' texts apart without
    parsing them, and a writer put them back without encoding them."""
    # One join of every piece: each entry's line made first, then the body, then the file
    # copied the 10 MiB of a 1,000-post site's variants three times (mkdocs serve saves it
    # after each rebuild that composed a post).
    pieces = [_head(kind), b"\n"]
    for key, text in texts.items():
        pieces += (b'"', key.encode(), b'":', text, b",\n")
    if texts:
        pieces.pop()  # the last entry's separator
    pieces.append(b"\n}}\n")
    return b"".join(pieces)


def _texts(kind: CacheKind[Entry], data: bytes) -> dict[str, bytes]:
    """The entries' JSON texts of a cache file, by key (each is checked when decoded).

    A file in :func:`_document`'s layout is split by lines; any other JSON document of the
    schema (written by hand or by another tool) is parsed whole.

    Raises:
        ValueError: The file is not a cache of this schema.
    """
    head, tail = _head(kind) + b"\n", b"\n}}\n"
    if not data.startswith(head) and other_version_head(kind.schema, b',"entries":{\n').match(data):
        raise OtherVersion(f"a cache of another portavoz (not {kind.schema})")
    start, stop = len(head), len(data) - len(tail)  # the entries' lines: data[start:stop]
    if start > stop or not data.startswith(head) or not data.endswith(tail):
        return _parsed_texts(kind, json.loads(data.decode("utf-8")))
    lines = data.count(b"\n", start, stop) + 1 if start < stop else 0
    if lines > kind.max_entries:
        raise ValueError(f"its entries are not a mapping of at most {kind.max_entries:,}")
    # Each entry's text is sliced from the file once, found by its line's bounds: split into
    # lines first, the 5 MiB of a 1,000-post site's variants were copied twice more.
    texts = {}
    at = start
    for _ in range(lines):
        end = data.find(b"\n", at, stop)
        last = end < 0
        end = stop if last else end
        text_end = end if last else end - 1
        if (
            not data.startswith(b'"', at)
            or not data.startswith(b'":', at + 65)
            or at + 67 > end
            or (not last and data[text_end] != _COMMA)
        ):
            return _parsed_texts(kind, json.loads(data.decode("utf-8")))
        texts[_key(data[at + 1 : at + 65].decode("ascii"))] = data[at + 67 : text_end]
        at = end + 1
    return texts


def _parsed_texts(kind: CacheKind[Entry], document: object) -> dict[str, bytes]:
    """The entries' texts of a parsed cache file, by key.

    Raises:
        ValueError: The document is not a cache of this schema.
    """
    if not isinstance(document, dict) or document.get("schema") != kind.schema:
        raise ValueError(f"not a portavoz cache of the form {kind.schema}")
    entries = document.get("entries")
    if not isinstance(entries, dict) or len(entries) > kind.max_entries:
        raise ValueError(f"its entries are not a mapping of at most {kind.max_entries:,}")
    return {_key(k): _text(v) for k, v in entries.items()}


def _key(key: str) -> str:
    if len(key) != 64 or key.strip(_KEY_CHARS):  # what strip leaves is not a hex digit
        raise ValueError("an entry's key is not a hash")
    return key


def _findings(value: object) -> tuple[Problem, ...]:
    if not isinstance(value, list):
        raise ValueError("an entry is not a list of findings")
    return tuple(PROBLEMS.decode(row) for row in value)


def _findings_rows(problems: tuple[Problem, ...]) -> object:
    return [PROBLEMS.encode(p) for p in problems]


FINDINGS: CacheKind[tuple[Problem, ...]] = CacheKind(
    FILE, SCHEMA, _findings_rows, _findings, lambda: MAX_BYTES, MAX_ENTRIES
)
"""The lint findings' cache."""

FindingsCache = CacheFile[tuple[Problem, ...]]
"""A findings cache, open for one run."""


def _reason(exc: OSError | ContentError) -> str:
    if isinstance(exc, ContentError):
        return exc.problems[0].message if exc.problems else str(exc)
    return exc.strerror or type(exc).__name__


def _warning(shown: str, reason: str) -> Problem:
    return Problem(
        shown,
        None,
        "cache",
        f"unusable cache ({reason}); ignored, and written again from this run",
        Severity.WARNING,
    )
