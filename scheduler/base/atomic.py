"""Writing build outputs so that a reader sees the old file or the new one, never half.

The data goes to a temporary file in the target's folder, is flushed to disk, and replaces
the target with :func:`os.replace` (``Path.replace``) — atomic on POSIX and Windows when both
paths are on one file system, hence the same folder. Identical content is not rewritten, so
modification times (and whatever watches them: ``mkdocs serve``, rsync, CDNs) only move when
something changed. A new folder of many files (a post's variant files, :class:`TreeWriter`) is
filled in a hidden staging folder beside it and renamed into place whole instead.
"""

from __future__ import annotations

import errno
import hashlib
import os
import secrets
import shutil
import stat
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO, NamedTuple, Protocol


class WriteError(OSError):
    """An output could not be written (full disk, read-only folder…); the old file is intact.

    Every write of an internal output or of the listening cache goes through
    :func:`write_atomic`, which raises this (still an :class:`OSError`, with the system's
    ``errno``) so that the CLI and the plugins can say what happened in one line instead of a
    traceback.

    Attributes:
        path: The file that could not be written.
        reason: The system's description (``No space left on device``).
    """

    def __init__(self, path: Path, error: OSError) -> None:
        self.reason = error.strerror or str(error)
        super().__init__(error.errno, self.reason, str(path))
        self.path = path

    def __str__(self) -> str:
        return self.describe()

    def describe(self, root: Path | None = None) -> str:
        """The message for people, with the path relative to ``root`` when it is inside."""
        shown = self.path
        if root is not None and self.path.is_relative_to(root):
            shown = self.path.relative_to(root)
        number = "" if self.errno is None else f" (errno {self.errno})"
        return f"cannot write {shown.as_posix()}: {self.reason}{number}; {_remedy(self.errno)}"


def _remedy(number: int | None) -> str:
    if number in (errno.ENOSPC, errno.EDQUOT):
        return "free space and build again"
    if number in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "make the folder writable and build again"
    if number == errno.ELOOP:
        return "remove the link and build again"
    return "fix the cause and build again"


@dataclass(frozen=True)
class TreeChanges:
    """What :func:`write_tree` did.

    Attributes:
        written: Relative paths whose content changed (or that were created).
        removed: Relative paths of stale files deleted.
    """

    written: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


def write_atomic(path: Path, data: str | bytes, *, durable: bool = True) -> bool:
    """Replace ``path`` with ``data`` atomically, creating parent folders.

    Args:
        path: Target file.
        data: New content; text is written as UTF-8 exactly as given (no newline translation).
        durable: Flush the data to disk before the rename (``fsync``), so that even a power
            cut leaves the old or the new file. Without it an interrupted *process* still
            leaves one or the other; only an operating-system crash could lose the new data.

    Returns:
        ``True`` if the file was written, ``False`` if it already held exactly this content
        (then it is not touched).

    Raises:
        WriteError: The file could not be written; the old file is untouched and no
            temporary file is left behind.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        # The size first: reading a large old file only to find it differs doubles the peak.
        if _size(path) == len(payload) and path.read_bytes() == payload:
            return False
        _replace(path, payload, durable)
    except OSError as exc:  # an old file that cannot be read is one too
        raise WriteError(path, exc) from exc
    return True


def _size(path: Path) -> int | None:
    """The size of the file at ``path`` (followed, as ``is_file`` does), ``None`` for no file."""
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_size if stat.S_ISREG(found.st_mode) else None


def write_pieces(path: Path, pieces: Iterable[bytes], *, durable: bool = True) -> bool:
    """:func:`write_atomic` for content made piece by piece, never held whole.

    The pieces go to the temporary file as they come and are compared with the old file on
    the way; the same bytes leave the old file untouched (and the temporary one removed).

    Args:
        path: Target file.
        pieces: Its new content, in order.
        durable: As for :func:`write_atomic`.

    Returns:
        ``True`` if the file was written, ``False`` if it already held exactly these bytes.

    Raises:
        WriteError: The file could not be written; the old file is untouched and no
            temporary file is left behind.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise WriteError(path, exc) from exc
    try:
        with os.fdopen(fd, "wb") as handle, _Comparison(path) as old:
            for piece in pieces:
                handle.write(piece)
                old.compare(piece)
            same = old.same()
            if not same and durable:
                handle.flush()
                os.fsync(handle.fileno())
        if same:  # closed first: Windows removes no open file
            Path(temporary).unlink()
            return False
        Path(temporary).replace(path)
    except BaseException as exc:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError) and not isinstance(exc, WriteError):
            raise WriteError(path, exc) from exc
        raise
    return True


class _Comparison:
    """Whether bytes given piece by piece are the file's (read as far as they go, no more)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.equal = _size(path) is not None
        self.handle: BinaryIO | None = None

    def __enter__(self) -> _Comparison:
        if self.equal:
            try:
                self.handle = self.path.open("rb")
            except OSError:  # gone or unreadable meanwhile: it is replaced
                self.equal = False
        return self

    def __exit__(self, *exc: object) -> None:
        if self.handle is not None:
            self.handle.close()

    def compare(self, piece: bytes) -> None:
        if self.equal and self.handle is not None:
            self.equal = self.handle.read(len(piece)) == piece

    def same(self) -> bool:
        """All the pieces matched, and the old file has nothing more."""
        return self.equal and self.handle is not None and not self.handle.read(1)


def _replace(path: Path, payload: bytes, durable: bool) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        Path(temporary).replace(path)  # os.replace: atomic within one file system
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_tree(
    folder: Path, files: Mapping[str, str | bytes], *, prune_glob: str | None = None
) -> TreeChanges:
    """Write many files under ``folder`` atomically, one by one, and prune stale ones.

    The files are derived outputs that the next build writes again, so each is renamed into
    place atomically but not flushed to disk one by one (an ``fsync`` per file made writing
    thousands of variant texts the slowest part of a build).

    Args:
        folder: Root of the tree (created when missing).
        files: Relative POSIX path → content.
        prune_glob: Pattern (relative to ``folder``, e.g. ``"social/**/*.txt"``); existing
            files matching it that are not in ``files`` are deleted, so a removed post leaves
            no old variants behind. ``None`` deletes nothing.

    Returns:
        The paths written and removed, sorted.

    Raises:
        ValueError: A path in ``files`` is absolute or climbs out of ``folder``.
        WriteError: A file could not be written or a stale one removed.
    """
    targets = {_relative(name): content for name, content in files.items()}
    written = [
        name
        for name, content in sorted(targets.items())
        if write_atomic(folder / name, content, durable=False)
    ]
    removed = _prune(folder, prune_glob, set(targets)) if prune_glob else []
    return TreeChanges(written=tuple(written), removed=tuple(removed))


class Stamp(NamedTuple):
    """A file as portavoz left it: its ``stat`` right after writing it, and what it holds.

    The next write of the same content to an unchanged file (the same size, modification
    and change times and inode) can leave it alone without reading it. Any edit changes the
    change time (even one that puts the modification time back), and a replacement the
    inode, so an edited or deleted file never matches and is written again. A tuple: the
    manifest holds 10,000 of them packed, and a build compares as many with a fresh one.

    Attributes:
        size: ``st_size``.
        mtime_ns: ``st_mtime_ns``.
        ctime_ns: ``st_ctime_ns``.
        inode: ``st_ino``.
        digest: :func:`content_digest` of the bytes written, or :data:`NO_DIGEST`.
        tag: What the content was made from (a record's key in hex digits), ``""`` for
            nothing.
    """

    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int
    digest: bytes
    tag: str = ""


def content_digest(payload: bytes) -> bytes:
    """The digest of a file's bytes a :class:`Stamp` holds (128 bits).

    Not a security boundary: whoever can write the manifest can write the files. 128 bits
    make two different contents of one file sharing a digest (the new one then left
    unwritten) as unlikely by accident as by any search of the texts a writer can make.
    """
    return hashlib.blake2b(payload, digest_size=16).digest()


NO_DIGEST = bytes(16)
"""The digest of a stamp kept for a file whose bytes are never compared by digest."""


def stamp_of(path: Path | str, digest: bytes, tag: str = "") -> Stamp | None:
    """``path``'s stamp now with ``digest`` and ``tag``; ``None`` unless a regular file
    (a link is never trusted: it is compared and written as :func:`write_atomic` does)."""
    found = file_state(path)
    return None if found is None else Stamp(*found, digest, tag)


def file_state(path: Path | str) -> tuple[int, int, int, int] | None:
    """The numbers of ``path``'s :class:`Stamp` now (size, modification and change times,
    inode); ``None`` unless a regular file (its own ``st_mode``: a link is never trusted)."""
    try:
        # os.lstat on a string: a Path for each of 10,000 variant files costs more than this.
        found = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(found.st_mode):
        return None
    return found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino


def all_untouched(paths: Iterable[str], states: Iterable[tuple[int, int, int, int]]) -> bool:
    """Whether each of ``paths`` is a regular file that still has its :func:`file_state` of
    ``states`` (the two in step): :func:`file_state` of each without a tuple made a file
    (a second build asks this of its 10,000 variant files, :meth:`TreeWriter.keep_all`)."""
    lstat, regular = os.lstat, stat.S_ISREG
    for path, (size, mtime, ctime, inode) in zip(paths, states, strict=True):
        try:
            found = lstat(path)
        except OSError:
            return False
        if (
            found.st_mtime_ns != mtime
            or found.st_ctime_ns != ctime
            or found.st_size != size
            or found.st_ino != inode
            or not regular(found.st_mode)
        ):
            return False
    return True


class Stamps(Protocol):
    """The stamps of a tree's files from the last write (a manifest), by relative path."""

    def get(self, name: str) -> Stamp | None:
        """The stamp ``name`` was left with, if any."""

    def note(self, name: str, stamp: Stamp) -> None:
        """Remember ``name``'s stamp for the next write."""

    def untouched(self, name: str, path: str, tag: str) -> bool:
        """Whether ``name`` was left with ``tag`` and its file, ``path``, still has the
        numbers of its stamp (:func:`file_state`)."""

    def all_untouched(
        self, names: Sequence[str], paths: Sequence[str], tags: Sequence[str]
    ) -> bool:
        """Whether every one of ``names`` is :meth:`untouched` (``paths`` and ``tags`` in
        step with them), asked in one loop."""


class TreeWriter:
    """:func:`write_tree` for files made one at a time, and a whole folder pruned at the end.

    Each file is written (or left alone, when it holds the same bytes) as it is given, so a
    build never holds every variant file at once; :meth:`finish` then removes the files of
    ``folder/prune`` that were not given (a post removed, a network dropped).

    The files of a folder of ``folder/prune`` that does not exist yet (a cold build's
    ``variants/<slug>/``) are written plainly into a fresh hidden staging folder beside it,
    which is renamed into place in one step once its last file is given: a reader or a
    crashed build sees the whole folder or none of it, and a cold build pays one rename a
    folder instead of a temporary file, a rename and two ``stat`` calls a file. A staging
    folder left by a crash is removed by the next :meth:`finish`. A link in place of the
    prune folder or of one of its folders is refused (:class:`WriteError`), never followed.

    With ``stamps``, a file whose stamp from the last write still matches and whose content
    digest is the new content's is left alone without being read (a second build's 10,000
    variant files); any other file is compared and written as without them.

    Call :meth:`finish` at the end, or :meth:`abort` when the write stops half way (it
    removes the staging folder of the folder being written).
    """

    def __init__(self, folder: Path, prune: str, stamps: Stamps | None = None) -> None:
        self.folder = folder
        self.prune = _relative(prune)
        self.stamps = stamps
        self.given: set[str] = set()
        self.written: list[str] = []
        self._root = str(folder)
        self._checked: dict[str, Stamp] = {}  # stamps :meth:`unchanged` has just checked
        self._current = ""  # the folder of the last file given, with its staging if new
        self._staging: _Staging | None = None
        self._prune_ready = False  # folder/prune is known to be a real folder

    def write(self, name: str, content: str | bytes, tag: str = "") -> None:
        """Write ``folder/name`` (a relative POSIX path) unless it holds ``content`` already.

        Args:
            name: The file, relative to the folder.
            content: Its content.
            tag: What ``content`` was made from, kept in its stamp (:meth:`unchanged`).

        Raises:
            ValueError: ``name`` is absolute or climbs out of the folder.
            WriteError: The file could not be written, or a link stands in its way.
        """
        name = _relative(name)
        self.given.add(name)
        payload = content.encode("utf-8") if isinstance(content, str) else content
        staging = self._staging_of(name)
        if staging is not None:  # a new folder: nothing to compare with
            digest = content_digest(payload) if self.stamps is not None else NO_DIGEST
            staging.add(name, payload, digest, tag)
            return
        self._write_file(name, payload, tag)

    def _write_file(self, name: str, payload: bytes, tag: str) -> None:
        """Write one file in place (:func:`write_atomic`), unless it is unchanged."""
        if self.stamps is None:
            if write_atomic(self.folder / name, payload, durable=False):
                self.written.append(name)
            return
        digest = content_digest(payload)
        if self._is_unchanged(self.stamps, name, digest, tag):
            return
        path = self.folder / name
        if write_atomic(path, payload, durable=False):
            self.written.append(name)
        found = stamp_of(path, digest, tag)
        if found is not None:
            self.stamps.note(name, found)

    def _staging_of(self, name: str) -> _Staging | None:
        """The staging of ``name``'s folder when that folder is new; ``None``: write in place."""
        folder = name.rpartition("/")[0]
        if folder == self._current:
            return self._staging
        self._commit()
        self._current = folder
        parent, _, child = folder.rpartition("/")
        if parent != self.prune or not child:  # only the prune folder's own folders
            return None
        self._ready_prune()
        place = f"{self._root}/{folder}"
        if _refuse_link(place) is None:
            self._staging = _Staging.begin(f"{self._root}/{self.prune}", place)
        return self._staging

    def _ready_prune(self) -> None:
        """Create ``folder/prune`` if missing; refuse a link or a file in its place."""
        if self._prune_ready:
            return
        place = f"{self._root}/{self.prune}"
        if _mode(place) is None:
            try:
                Path(place).mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise WriteError(Path(place), exc) from exc
        mode = _mode(place)
        if mode is None or not stat.S_ISDIR(mode):
            reason = _LINK if mode is not None and stat.S_ISLNK(mode) else _NOT_A_FOLDER
            raise WriteError(Path(place), reason)
        self._prune_ready = True

    def _commit(self) -> None:
        """Rename the staging folder being filled into place (or, if something took that
        place meanwhile, write its files there one by one as into any existing folder)."""
        staging, self._staging = self._staging, None
        if staging is None:
            return
        if staging.commit():
            self.written += staging.files
            if self.stamps is not None:
                for name, stamp in staging.stamps():
                    self.stamps.note(name, stamp)
            return
        _refuse_link(staging.target)
        for name, (payload, _, tag, _) in staging.files.items():
            self._write_file(name, payload, tag)

    def abort(self) -> None:
        """Remove the staging folder of the folder being written (the write stopped)."""
        staging, self._staging = self._staging, None
        self._current = ""
        if staging is not None:
            staging.remove()

    def _is_unchanged(self, stamps: Stamps, name: str, digest: bytes, tag: str) -> bool:
        """Whether ``name`` was left holding ``digest``'s bytes and is untouched since."""
        old = self._checked.pop(name, None)
        if old is None:
            old = stamps.get(name)
            if old is None or old.digest != digest:
                return False
            if stamp_of(f"{self._root}/{name}", digest, old.tag) != old:
                return False
        elif old.digest != digest:
            return False
        if old.tag != tag:
            stamps.note(name, old._replace(tag=tag))
        return True

    def keep(self, name: str, tag: str) -> bool:
        """Keep ``folder/name`` as it is, unread, if it was left with ``tag`` and is untouched
        since (its stamp matches); whether it was kept."""
        name = _relative(name)
        if self.stamps is None or not tag:
            return False
        if not self.stamps.untouched(name, f"{self._root}/{name}", tag):
            return False
        self.given.add(name)
        return True

    def keep_all(self, names: Sequence[str], tags: Sequence[str]) -> bool:
        """:meth:`keep` every one of ``names`` (``tags`` in step), if every one is untouched
        since it was left with its tag; whether they were (then all are kept, else none is
        known to be). One loop over the stamps and one over the files' numbers: a second
        build asks this of its 10,000 variant files."""
        if self.stamps is None or not all(tags):
            return False
        names = [_relative(name) for name in names]
        root = self._root
        if not self.stamps.all_untouched(names, [f"{root}/{name}" for name in names], tags):
            return False
        self.given.update(names)
        return True

    def unchanged(self, name: str, tag: str) -> str | None:
        """The text of ``folder/name`` if it was left with ``tag`` and is unchanged since.

        Whoever made the content from ``tag`` can take it back instead of making it again.
        The stamp must still match and the bytes read their digest; otherwise ``None``.
        """
        name = _relative(name)
        old = self.stamps.get(name) if self.stamps is not None and tag else None
        if old is None or old.tag != tag:
            return None
        path = f"{self._root}/{name}"
        if stamp_of(path, old.digest, tag) != old:
            return None
        try:
            data = _read_unlinked(path)
        except OSError:
            return None
        if content_digest(data) != old.digest:  # changed between the stat and the read
            return None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return None
        self._checked[name] = old  # written next with these bytes: no second stat
        return text

    def finish(self) -> TreeChanges:
        """Put the last new folder in place, remove the stale files and any staging folder a
        crashed write left; what was written and removed, sorted."""
        try:
            self._commit()
        except BaseException:
            self.abort()
            raise
        _refuse_link(f"{self._root}/{self.prune}")  # nothing is removed through one
        _clear_staging(self.folder / self.prune)
        stale = sorted(set(_files_under(self.folder, self.prune)) - self.given)
        _remove(self.folder, stale)
        return TreeChanges(written=tuple(sorted(self.written)), removed=tuple(stale))


STAGING = ".portavoz-staging-"
"""How the name of a staging folder of :class:`TreeWriter` starts (random hex digits follow).
No post's folder starts with a dot; a leftover of a crash is removed by the next write."""

_LINK = OSError(errno.ELOOP, "a symbolic link; portavoz never follows links in its outputs")
_NOT_A_FOLDER = OSError(errno.ENOTDIR, "not a folder")

_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
_NEW_FILE |= getattr(os, "O_BINARY", 0)
"""How a staged file is opened: the staging folder is fresh and ours; never through a link."""


def _mode(path: str) -> int | None:
    """``path``'s ``lstat`` mode; ``None`` when nothing is there."""
    try:
        return os.lstat(path).st_mode
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise WriteError(Path(path), exc) from exc


def _refuse_link(path: str) -> int | None:
    """``path``'s ``lstat`` mode (``None``: nothing there), unless it is a link.

    Raises:
        WriteError: ``path`` is a symbolic link.
    """
    mode = _mode(path)
    if mode is not None and stat.S_ISLNK(mode):
        raise WriteError(Path(path), _LINK)
    return mode


class _Staging:
    """A hidden folder filled with the files of a new folder, then renamed into its place.

    Attributes:
        target: Where the folder goes (an absolute path).
        path: The staging folder, beside ``target``.
        files: Each file given (relative to the tree) → its bytes, digest, tag and the
            numbers of its :class:`Stamp` as written.
    """

    def __init__(self, target: str, path: str) -> None:
        self.target = target
        self.path = path
        self.files: dict[str, tuple[bytes, bytes, str, tuple[int, int, int, int]]] = {}

    @classmethod
    def begin(cls, parent: str, target: str) -> _Staging:
        """A fresh staging folder in ``parent`` for ``target`` (a name no one holds: a file
        or link already there under the name drawn is left alone, another name is drawn).

        Raises:
            WriteError: No staging folder could be made.
        """
        for _ in range(16):
            path = f"{parent}/{STAGING}{secrets.token_hex(8)}"
            try:
                Path(path).mkdir()  # a folder made in place's mode (umask), not mkdtemp's 0700
            except FileExistsError:
                continue
            except OSError as exc:
                raise WriteError(Path(target), exc) from exc
            return cls(target, path)
        raise WriteError(Path(target), OSError(errno.EEXIST, "no free staging folder name"))

    def add(self, name: str, payload: bytes, digest: bytes, tag: str) -> None:
        """Write ``payload`` as the file ``name`` (its last part) of the new folder.

        Raises:
            WriteError: It could not be written (the staging folder is removed).
        """
        base = name.rpartition("/")[2]
        try:
            fd = os.open(f"{self.path}/{base}", _NEW_FILE, 0o600)  # mkstemp's mode, as in place
            try:
                view = memoryview(payload)
                while view:
                    view = view[os.write(fd, view) :]
                found = os.fstat(fd)  # a folder's rename changes nothing of its files' stat
            finally:
                os.close(fd)
        except OSError as exc:
            self.remove()
            raise WriteError(Path(self.target, base), exc) from exc
        numbers = found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino
        self.files[name] = payload, digest, tag, numbers

    def commit(self) -> bool:
        """Rename the folder into place; ``False`` (and the staging removed) if its place is
        taken (the caller then writes the files in place)."""
        try:
            Path(self.path).rename(self.target)  # atomic: the place is empty or missing
        except OSError:
            self.remove()
            return False
        return True

    def stamps(self) -> Iterator[tuple[str, Stamp]]:
        """The stamp of each file written, as it is now in place."""
        for name, (_, digest, tag, numbers) in self.files.items():
            yield name, Stamp(*numbers, digest, tag)

    def remove(self) -> None:
        """Remove the staging folder and what it holds (never following a link)."""
        shutil.rmtree(self.path, ignore_errors=True)


def _clear_staging(prune: Path) -> None:
    """Remove the staging folders (or anything under their names) left in ``prune``."""
    try:
        entries = [e for e in os.scandir(prune) if e.name.startswith(STAGING)]
    except (FileNotFoundError, NotADirectoryError):
        return
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)  # fd-based: links inside are removed, not followed
            else:
                Path(entry.path).unlink()
        except OSError as exc:
            raise WriteError(Path(entry.path), exc) from exc


def _read_unlinked(path: str) -> bytes:
    """The bytes of ``path``, refusing a link put there since it was stamped."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as handle:
        return handle.read()


def _files_under(folder: Path, prune: str) -> list[str]:
    """Files (or links to files, as ``glob`` and ``is_file`` find them) under ``folder/prune``.

    Walked with :func:`os.scandir` and strings: a ``Path`` and ``relative_to`` for each of
    10,000 variant files cost more than the walk. Linked folders are not walked into.
    """
    found: list[str] = []
    pending = [prune]
    while pending:
        current = pending.pop()
        try:
            entries = list(os.scandir(f"{folder}/{current}"))
        except (FileNotFoundError, NotADirectoryError):
            continue
        for entry in entries:
            name = f"{current}/{entry.name}"
            if current == prune and entry.name.startswith(STAGING):
                continue  # not an output: :func:`_clear_staging` removes it whole
            if entry.is_dir(follow_symlinks=False):
                pending.append(name)
            elif entry.is_file():
                found.append(name)
    return found


def _remove(folder: Path, names: Iterable[str]) -> None:
    for name in names:
        try:
            (folder / name).unlink()
        except OSError as exc:
            raise WriteError(folder / name, exc) from exc


_UNUSUAL = frozenset({"", ".", ".."})
"""Path parts that make :func:`_relative` look closer: a root, ``//``, ``./``, ``..``."""


def _relative(name: str) -> str:
    parts = name.split("/")
    if all(part not in _UNUSUAL for part in parts):  # already as PurePosixPath writes it
        return name
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise ValueError(f"'{name}' is not a relative path inside the output folder")
    return path.as_posix()


def _prune(folder: Path, pattern: str, keep: set[str]) -> list[str]:
    stale = sorted(
        path.relative_to(folder).as_posix()
        for path in folder.glob(pattern)
        if path.is_file() and path.relative_to(folder).as_posix() not in keep
    )
    _remove(folder, stale)
    return stale
