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
from collections.abc import Iterable, Mapping
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path, PurePath

from portavoz.scheduler.base.atomic import WriteError, write_atomic
from portavoz.scheduler.base.files import read_regular
from portavoz.scheduler.base.problems import ContentError, Problem, Severity

FOLDER = "cache"
"""The cache's folder inside the scheduler's ``output_dir``."""

FILE = "lint.json"
SCHEMA = "portavoz/lint-cache/1"
"""Written in the file; any other value (another version's layout) makes it foreign."""

MAX_BYTES = 64 * 2**20
"""Largest cache file read."""

MAX_ENTRIES = 100_000
"""Most entries kept: those of the last run first, then older ones until this many."""

_PACKAGE = Path(__file__).resolve().parents[1]
_KEY_CHARS = frozenset("0123456789abcdef")


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
    try:
        release = version("portavoz")
    except PackageNotFoundError:  # run from a checkout that is not installed
        release = "unknown"
    digest = hashlib.blake2b(release.encode(), digest_size=16)
    for path in sorted(_PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


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


class FindingsCache:
    """Findings by key, as read from the cache file, with what this run adds.

    Use :meth:`open`, then :meth:`get` / :meth:`put`, then :meth:`save`.

    Attributes:
        path: The cache file.
        warning: Why the file on disk was ignored, if it was (report it once).
    """

    def __init__(
        self, path: Path, entries: dict[str, tuple[Problem, ...]], warning: Problem | None
    ) -> None:
        self.path = path
        self.warning = warning
        self._old = entries
        self._used: dict[str, tuple[Problem, ...]] = {}
        self._changed = warning is not None

    @classmethod
    def open(cls, folder: Path, shown: str) -> FindingsCache:
        """Read the cache in ``folder`` (missing: empty; unusable: empty, with a warning).

        Args:
            folder: The cache's folder (``<output_dir>/cache``, absolute).
            shown: That folder as messages name it (relative to the project root).
        """
        path = folder / FILE
        try:
            data = read_regular(path, f"{shown}/{FILE}", limit=MAX_BYTES, what="cache files")
        except FileNotFoundError:
            return cls(path, {}, None)
        except (OSError, ContentError) as exc:
            return cls(path, {}, _warning(shown, _reason(exc)))
        try:
            return cls(path, _entries(json.loads(data.decode("utf-8"))), None)
        except (ValueError, TypeError, RecursionError) as exc:
            return cls(path, {}, _warning(shown, str(exc) or type(exc).__name__))

    def get(self, key: str) -> tuple[Problem, ...] | None:
        """The findings stored under ``key``, if any (kept for the next run too)."""
        found = self._used.get(key, self._old.get(key))
        if found is not None:
            self._used[key] = found
        return found

    def put(self, key: str, problems: Iterable[Problem]) -> None:
        """Store findings computed in this run."""
        self._used[key] = tuple(problems)
        self._changed = True

    def save(self) -> None:
        """Write the file if this run computed anything new (atomically; never raises).

        A cache that cannot be written only costs the next run its time.
        """
        if not self._changed:
            return
        entries = dict(self._used)
        for key, problems in self._old.items():
            if len(entries) >= MAX_ENTRIES:
                break
            entries.setdefault(key, problems)
        document = {"schema": SCHEMA, "entries": {k: _rows(v) for k, v in entries.items()}}
        try:
            write_atomic(self.path, _dumps(document), durable=False)
        except WriteError:
            return
        self._changed = False


def _rows(problems: tuple[Problem, ...]) -> list[list[object]]:
    return [
        [p.path, p.line, p.key, p.message, p.severity.value, p.rule, p.network] for p in problems
    ]


def _entries(document: object) -> dict[str, tuple[Problem, ...]]:
    """The entries of a parsed cache file.

    Raises:
        ValueError: The document is not a cache of this schema.
    """
    if not isinstance(document, dict) or document.get("schema") != SCHEMA:
        raise ValueError(f"not a portavoz cache of the form {SCHEMA}")
    entries = document.get("entries")
    if not isinstance(entries, dict) or len(entries) > MAX_ENTRIES:
        raise ValueError(f"its entries are not a mapping of at most {MAX_ENTRIES:,}")
    return {_key(k): tuple(_problem(row) for row in _list(v)) for k, v in entries.items()}


def _key(key: str) -> str:
    if len(key) != 64 or not set(key) <= _KEY_CHARS:
        raise ValueError("an entry's key is not a hash")
    return key


def _list(value: object) -> list[object]:
    if not isinstance(value, list):
        raise ValueError("an entry is not a list of findings")
    return value


def _problem(row: object) -> Problem:
    if not isinstance(row, list) or len(row) != 7:
        raise ValueError("a finding is not a list of its seven fields")
    path, line, key, message, severity, rule, network = row
    texts = (path, key, message, rule, network)
    if not all(isinstance(t, str) for t in texts) or severity not in set(Severity):
        raise ValueError("a finding's fields are not of their types")
    if line is not None and (isinstance(line, bool) or not isinstance(line, int) or line < 1):
        raise ValueError("a finding's line is not a line number")
    return Problem(path, line, key, message, Severity(severity), rule, network)


def _reason(exc: OSError | ContentError) -> str:
    if isinstance(exc, ContentError):
        return exc.problems[0].message if exc.problems else str(exc)
    return exc.strerror or type(exc).__name__


def _warning(shown: str, reason: str) -> Problem:
    return Problem(
        f"{shown}/{FILE}",
        None,
        "cache",
        f"unusable cache ({reason}); ignored, and written again from this run",
        Severity.WARNING,
    )
