"""Find and load every post of a site, with every problem across files."""

from __future__ import annotations

import hashlib
import os
import stat
import time
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

import yaml

from portavoz.scheduler.base.atomic import file_state
from portavoz.scheduler.base.files import read_regular
from portavoz.scheduler.base.problems import ContentError, Problem
from portavoz.scheduler.base.yaml_load import load_fast_first
from portavoz.scheduler.content.model import Post
from portavoz.scheduler.content.reader import MAX_BYTES, read_post
from portavoz.scheduler.content.settings import SiteSettings
from portavoz.scheduler.content.urls import post_path
from portavoz.scheduler.content.validate import IsFile, read_fields
from portavoz.scheduler.networks import network_names


@dataclass(frozen=True)
class Loaded:
    """Posts that could be read, and the problems found in all files."""

    posts: tuple[Post, ...]
    problems: tuple[Problem, ...]
    rejected: tuple[Post, ...] = ()
    """Posts read as far as they could be despite errors: for checks only (composing and
    linting them reports every problem of a post in one run), never built or published."""

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)


def posts_folder(root: Path, settings: SiteSettings) -> Path:
    """Absolute folder holding the posts."""
    return root / settings.docs_dir / settings.post_dir


def discover(root: Path, settings: SiteSettings) -> list[Path]:
    """Every Markdown file under the posts folder, sorted.

    Links and special files named ``*.md`` are listed too, so that reading them reports them
    (``is_file()`` would follow a link, and skip ``/dev/zero`` that MkDocs then reads).
    """
    folder = posts_folder(root, settings)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*.md") if not stat.S_ISDIR(p.lstat().st_mode))


def relative(path: Path, root: Path) -> str:
    """A path relative to ``root`` in posix form (or as given when outside it)."""
    return _relative_in(path, path.parent.resolve(), root.resolve())


def _relative_in(path: Path, folder: Path, root: Path) -> str:
    """:func:`relative` with ``path``'s folder and ``root`` already resolved."""
    try:
        # The file itself is not resolved: a link is named where it is, not where it points.
        return (folder / path.name).relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _folder_in(folder: Path, root: Path) -> str | None:
    """``folder`` relative to ``root`` in posix form (``""``: ``root`` itself), or ``None``
    when it is outside."""
    try:
        named = folder.relative_to(root).as_posix()
    except ValueError:
        return None
    return "" if named == "." else named


def _named(path: str, name: str, folder: str | None) -> str:
    """A file's name (``name``, of ``path``) in a folder named by :func:`_folder_in` (as
    given when outside)."""
    if folder is None:
        return Path(path).as_posix()
    return f"{folder}/{name}" if folder else name


def load_authors(root: Path, settings: SiteSettings) -> tuple[set[str] | None, list[Problem]]:
    """Author ids from Material's ``.authors.yml``, or ``None`` when there is no such file."""
    if not settings.blog.authors:  # Material's `authors: false`: the blog reads no authors
        return None, []
    path = root / authors_path(settings)
    if not os.path.lexists(path):  # a link or a FIFO there is refused, not skipped
        return None, []
    shown = relative(path, root)
    try:
        data = read_regular(path, shown)
    except ContentError as exc:
        return None, list(exc.problems)
    except OSError as exc:
        return None, [Problem(shown, None, "", f"cannot read the file: {exc.strerror}")]
    return parse_authors(data, shown)


def authors_path(settings: SiteSettings) -> str:
    """Path of Material's authors file (``authors_file``), relative to the project root."""
    return f"{settings.docs_dir}/{settings.blog.authors_file}"


def parse_authors(data: bytes, shown: str) -> tuple[set[str] | None, list[Problem]]:
    """Author ids from the bytes of an authors file."""
    try:
        parsed: object = load_fast_first(data.decode("utf-8-sig")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        return None, [Problem(shown, None, "", f"cannot read the authors file: {exc}")]
    authors = parsed.get("authors") if isinstance(parsed, dict) else None
    if not isinstance(authors, dict):
        return None, [Problem(shown, None, "authors", "expected a mapping of author ids")]
    return {str(a) for a in authors}, []


def load_post(
    path: Path, root: Path, settings: SiteSettings, authors: set[str] | None
) -> tuple[Post | None, list[Problem]]:
    """Read and validate one post file.

    Returns:
        The post as far as it could be read (see :func:`read_fields`: check whether a
        problem is an error before using it) and every problem found.
    """
    read = _Reading(root, settings, authors, {}).read(path)
    return read.post, list(read.problems)


def load_posts(
    root: Path,
    settings: SiteSettings,
    paths: Iterable[Path | str] | None = None,
    *,
    keep: bool = False,
    store: ReadStore | None = None,
) -> Loaded:
    """Load posts (all of the site's, or the given files) and check them together.

    Args:
        root: Project root (the folder of ``mkdocs.yml``).
        settings: Site settings.
        paths: Files to load (a ``Path`` or its string); default: every post of the site.
        keep: Keep what reading each file gave for the next load in this process that keeps
            them, and take from the last one each file read again alike (``mkdocs serve``
            builds again after every save; see :class:`FileRead` for what "alike" takes),
            without reading again a file whose numbers did not move since (``_Reading.read``).
        store: Reads kept across runs (a persistent cache, asked after the kept reads): a
            file's read is taken from it when it serves, and each read made is given to it.
    """
    authors, problems = load_authors(root, settings)
    kept = _KEPT.usable(settings, authors) if keep else {}
    stored = store.reads(settings, authors) if store is not None else None
    states = (_KEPT.states if kept else {}) if keep else None
    reading = _Reading(root, settings, authors, kept, stored, states)
    posts: list[Post] = []
    rejected: list[Post] = []
    reads: dict[str, FileRead] = {}
    for path in discover(root, settings) if paths is None else paths:
        read = reading.read(path)
        if read.digest:
            reads[os.fspath(path)] = read
        problems.extend(read.problems)
        if read.post is not None:
            (rejected if any(p.is_error for p in read.problems) else posts).append(read.post)
    if keep:
        _KEPT.replace(settings, authors, reads, reading.states)
    problems.extend(duplicate_urls(posts, settings))
    problems.extend(duplicate_keys(posts))
    return Loaded(tuple(posts), tuple(problems), tuple(rejected))


@dataclass(frozen=True)
class FileRead:
    """What reading one post file gave, and what besides the load's settings it depended on
    (the unit the process's kept reads and the persistent reads cache hold).

    Reading is a function of the file's bytes, its two names (from the project root and from
    the content folder), the site settings, the authors' ids, the registered networks and
    whether each image the post names is a file: the clock plays no part (the publish window
    judges the post later, at each build's own moment).

    Attributes:
        digest: The bytes' hash (``""``: the file could not be read; never kept).
        shown: The file from the project root.
        src_uri: The file from the content folder.
        images: Each content path asked about and whether it was a file then.
        post: The post as far as it could be read.
        problems: Every problem found.
    """

    digest: str
    shown: str
    src_uri: str
    images: tuple[tuple[str, bool], ...]
    post: Post | None
    problems: tuple[Problem, ...]

    def serves(self, digest: str, shown: str, src_uri: str, is_file: IsFile) -> bool:
        """Whether a file read with these bytes and names now would read the same."""
        same = (self.digest, self.shown, self.src_uri) == (digest, shown, src_uri)
        return same and all(is_file(uri) is found for uri, found in self.images)


FileState = tuple[int, int, int, int]
"""A file's numbers as :func:`~portavoz.scheduler.base.atomic.file_state` gives them."""

SETTLED_NS = 3 * 10**9
"""How long before it is read a file must have last changed for its numbers to be trusted
next time: a file system's clock ticks at most this coarsely (2 s on FAT), so a later edit
of a file older than this moves its times, even one that keeps the size."""


class _KeptReads:
    """The reads of this process's last load that kept them, with its settings and authors,
    and the numbers each settled file had when it was read (:data:`SETTLED_NS`)."""

    def __init__(self) -> None:
        self.inputs: tuple[SiteSettings, set[str] | None, tuple[str, ...]] | None = None
        self.reads: dict[str, FileRead] = {}
        self.states: dict[str, FileState] = {}

    def usable(self, settings: SiteSettings, authors: set[str] | None) -> dict[str, FileRead]:
        """The kept reads by file path, if they were read with these inputs; else none."""
        return self.reads if self.inputs == (settings, authors, network_names()) else {}

    def replace(
        self,
        settings: SiteSettings,
        authors: set[str] | None,
        reads: dict[str, FileRead],
        states: dict[str, FileState],
    ) -> None:
        """Keep these reads (only these) instead, with their files' numbers."""
        self.inputs = (settings, authors, network_names())
        self.reads = reads
        self.states = {name: states[name] for name in reads if name in states}


_KEPT = _KeptReads()
"""What ``load_posts(..., keep=True)`` last read in this process (``mkdocs serve``)."""


class StoredReads(Protocol):
    """Reads kept across runs for one load's settings and authors (a persistent cache)."""

    def get(self, data: bytes, digest: str, shown: str, src_uri: str) -> FileRead | None:
        """The read stored for a file of these bytes and names, if any (it may not serve)."""

    def put(self, read: FileRead) -> None:
        """Store a read made in this run."""

    def keep(self, read: FileRead) -> None:
        """Keep the entry of a read this run took from elsewhere (the process's kept reads)."""


class ReadStore(Protocol):
    """A persistent cache of reads (:mod:`portavoz.scheduler.usecases.reading_cache`)."""

    def reads(self, settings: SiteSettings, authors: set[str] | None) -> StoredReads | None:
        """The reads stored for these inputs; ``None`` when they cannot be keyed."""


class _Reading:
    """One load's reading of post files: the folders resolved once, the kept reads at hand."""

    def __init__(
        self,
        root: Path,
        settings: SiteSettings,
        authors: set[str] | None,
        kept: dict[str, FileRead],
        stored: StoredReads | None = None,
        states: dict[str, FileState] | None = None,
    ) -> None:
        self.settings = settings
        self.authors = authors
        self.kept = kept
        self.stored = stored
        # The kept reads' files' numbers when read; ``None``: a load that keeps nothing.
        self.kept_states = states
        self.states: dict[str, FileState] = {}  # this load's, for the next one
        self.content = root / settings.docs_dir
        # Once for every file: each resolve costs system calls.
        self.names_from = root.resolve(), self.content.resolve()
        self.folders: dict[str, tuple[str | None, str | None]] = {}
        self.files: dict[str, bool] = {}  # each image asked about once a load

    def is_file(self, uri: str) -> bool:
        """Whether the content path ``uri`` is a file (an image a post names)."""
        found = self.files.get(uri)
        if found is None:
            found = self.files[uri] = (self.content / uri).is_file()
        return found

    def read(self, path: Path | str) -> FileRead:
        """Read one post file, or take the kept read of the same bytes and names.

        A kept read whose file still has the numbers it had when read (size, times, inode:
        any edit, replacement or removal moves them) is taken without reading the file
        again, as git's index trusts a file's ``stat``; a file changed too shortly before it
        was read for its times to tell a later edit (:data:`SETTLED_NS`) is read again.
        A path may be given as a string: a ``Path`` is made only for a file read.
        """
        name = os.fspath(path)
        shown, src_uri = self._names(name)
        kept = self.kept.get(name)
        if kept is not None and self._untouched(name, kept, shown, src_uri):
            return self._taken(kept)
        if self.kept_states is None:  # nothing is kept for a next load
            return self._read(Path(name), kept, shown, src_uri)
        # Not the build's clock (PORTAVOZ_NOW): the file system's, to judge its times by.
        before, state = time.time_ns(), file_state(name)  # before reading: a change moves it
        read = self._read(Path(name), kept, shown, src_uri)
        if state is not None and max(state[1], state[2]) < before - SETTLED_NS:
            self.states[name] = state
        return read

    def _untouched(self, name: str, kept: FileRead, shown: str, src_uri: str) -> bool:
        """Whether ``kept`` serves a file whose numbers are those it was read with (then it
        is trusted again next time): same names, and each image it asked about the same."""
        state = self.kept_states.get(name) if self.kept_states else None
        if state is None or (kept.shown, kept.src_uri) != (shown, src_uri):
            return False
        if file_state(name) != state or not all(self.is_file(u) is f for u, f in kept.images):
            return False
        self.states[name] = state
        return True

    def _taken(self, kept: FileRead) -> FileRead:
        """The kept read, given to the persistent store too (it keeps what this load used)."""
        if self.stored is not None:
            self.stored.keep(kept)
        return kept

    def _read(self, path: Path, kept: FileRead | None, shown: str, src_uri: str) -> FileRead:
        """Read one post file: the kept read of the same bytes and names, the stored one,
        or the file parsed."""
        try:
            data = read_regular(path, shown, limit=MAX_BYTES, what="posts")
        except ContentError as exc:
            return FileRead("", shown, src_uri, (), None, tuple(exc.problems))
        except OSError as exc:
            problem = Problem(shown, None, "", f"cannot read the file: {exc.strerror}")
            return FileRead("", shown, src_uri, (), None, (problem,))
        # The caches key a post by these bytes (portavoz.scheduler.usecases.composing_cache).
        digest = hashlib.blake2b(data, digest_size=32).hexdigest()
        if kept is not None and kept.serves(digest, shown, src_uri, self.is_file):
            return self._taken(kept)
        if self.stored is None:
            return self._parsed(data, digest, shown, src_uri)
        found = self.stored.get(data, digest, shown, src_uri)
        if found is not None and found.serves(digest, shown, src_uri, self.is_file):
            return found
        read = self._parsed(data, digest, shown, src_uri)
        self.stored.put(read)
        return read

    def _names(self, path: str) -> tuple[str, str]:
        """:func:`_relative_in` from the project root and from the content folder, each
        folder resolved and named once (a site's posts share one or a few folders)."""
        parent, name = os.path.split(path)  # no Path made a file: as its own parent
        found = self.folders.get(parent)
        if found is None:
            folder = Path(path).parent.resolve()
            root, content = self.names_from
            found = self.folders[parent] = _folder_in(folder, root), _folder_in(folder, content)
        shown, src_uri = found
        return _named(path, name, shown), _named(path, name, src_uri)

    def _parsed(self, data: bytes, digest: str, shown: str, src_uri: str) -> FileRead:
        try:
            raw = read_post(data, shown)
        except ContentError as exc:
            return FileRead(digest, shown, src_uri, (), None, tuple(exc.problems))
        asked: dict[str, bool] = {}

        def is_file(uri: str) -> bool:
            asked[uri] = self.is_file(uri)
            return asked[uri]

        post, problems = read_fields(raw, shown, src_uri, self.settings, self.authors, is_file)
        read = replace(post, source_digest=digest) if post is not None else None
        return FileRead(digest, shown, src_uri, tuple(asked.items()), read, tuple(problems))


def duplicate_urls(posts: Iterable[Post], settings: SiteSettings) -> list[Problem]:
    """Two posts at one URL would overwrite each other's page."""
    seen: dict[str, Post] = {}
    problems = []
    for post in posts:
        first = seen.setdefault(post_path(post, settings), post)
        if first is not post:
            msg = f"'{post.slug}' gives the same URL as {first.path}; give one of them another slug"
            problems.append(Problem(post.path, post.line_of("slug"), "slug", msg))
    return problems


def duplicate_keys(posts: Iterable[Post]) -> list[Problem]:
    """Two posts with one key (``id:`` or path) would share their feed ids and calendar UIDs."""
    seen: dict[str, Post] = {}
    problems = []
    for post in posts:
        first = seen.setdefault(post.key, post)
        if first is not post:
            msg = f"'{post.key}' is also the id of {first.path}; give this post another 'id:'"
            problems.append(Problem(post.path, post.line_of("id"), "id", msg))
    return problems
