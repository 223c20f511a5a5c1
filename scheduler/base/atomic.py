"""Writing build outputs so that a reader sees the old file or the new one, never half.

The data goes to a temporary file in the target's folder, is flushed to disk, and replaces
the target with :func:`os.replace` (``Path.replace``) — atomic on POSIX and Windows when both
paths are on one file system, hence the same folder. Identical content is not rewritten, so
modification times (and whatever watches them: ``mkdocs serve``, rsync, CDNs) only move when
something changed.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath


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
    # The size first: reading a large old file only to find it differs doubles the peak.
    if path.is_file() and path.stat().st_size == len(payload) and path.read_bytes() == payload:
        return False
    try:
        _replace(path, payload, durable)
    except OSError as exc:
        raise WriteError(path, exc) from exc
    return True


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


def _relative(name: str) -> str:
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
    for name in stale:
        try:
            (folder / name).unlink()
        except OSError as exc:
            raise WriteError(folder / name, exc) from exc
    return stale
