"""Read the project's own files without following links or reading special files.

A post, template or dictionary that is a symbolic link would publish whatever it points at
(``.git/config`` holds the token ``actions/checkout`` writes there); a FIFO blocks the reader
forever and ``/dev/zero`` fills memory. So every file portavoz reads from the content, theme
and template folders is ``lstat``-ed first, refused unless it is a regular file, refused by the
size in that stat, opened with ``O_NOFOLLOW`` and read to at most one byte past the cap (a file
that grows after the stat cannot slip past it).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from portavoz.scheduler.base.problems import ContentError, Problem

MAX_BYTES = 5 * 1024 * 1024
"""The most portavoz reads of one file: no brand post, template or dictionary is 5 MiB."""

_KINDS = (
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)
# O_NONBLOCK: should a FIFO be swapped in after the lstat, opening it must not wait for a writer
# (the fstat after opening then refuses it). Windows has neither flag; the lstat still refuses.
_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
)
_NOT_FOLLOWED = (
    "portavoz never follows links in the content, theme and template folders (a link can "
    "publish any file on the machine); put the file itself here"
)


def refusal(mode: int) -> str:
    """Why a file of this ``st_mode`` is not read ("" for a regular file)."""
    if stat.S_ISREG(mode):
        return ""
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    if stat.S_ISLNK(mode):
        return f"{kind}; {_NOT_FOLLOWED}"
    return f"{kind}, not a regular file; put a regular file here"


def too_large(size: int, what: str = "files portavoz reads", limit: int = MAX_BYTES) -> str:
    """The message for a file over the cap ("" when it fits)."""
    if size <= limit:
        return ""
    return f"file is {size / (1024 * 1024):.1f} MiB; {what} are limited to {limit // 2**20} MiB"


def read_regular(
    path: Path, shown: str, *, limit: int = MAX_BYTES, what: str = "files portavoz reads"
) -> bytes:
    """The bytes of a regular file, never through a link and never more than ``limit``.

    Args:
        path: The file.
        shown: Its path in messages (relative to the project root).
        limit: Largest size accepted, in bytes.
        what: Plural noun for the size message (``posts``).

    Raises:
        ContentError: The file is a link, not a regular file, or too large.
        OSError: It cannot be read (missing, no permission).
    """
    found = path.lstat()
    _refuse(shown, refusal(found.st_mode) or too_large(found.st_size, what, limit))
    try:
        fd = os.open(path, _FLAGS)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # a link swapped in after the lstat
            _refuse(shown, refusal(stat.S_IFLNK))
        raise
    with os.fdopen(fd, "rb", buffering=0) as handle:
        opened = os.fstat(fd)
        _refuse(shown, refusal(opened.st_mode))
        data = _read_at_most(handle.read, limit + 1, opened.st_size + 1)
    _refuse(shown, too_large(len(data), what, limit))
    return data


def _refuse(shown: str, message: str) -> None:
    if message:
        raise ContentError([Problem(shown, None, "", message)])


_CHUNK = 1024 * 1024
"""Bytes asked for at a time once a file has outgrown the size its stat gave."""


def _read_at_most(read: Callable[[int], bytes | None], size: int, expected: int) -> bytes:
    """Read until end of file or ``size`` bytes, whichever comes first.

    The first read asks for ``expected`` bytes (the stat's size and one): a buffer of ``size``
    made up front was zeroed and copied on every call, 5 MiB for each 4 kB image a page's
    card measures. A file that grew meanwhile is read on, still never past ``size``.
    """
    chunks: list[bytes] = []
    done = 0
    want = min(size, expected)
    while done < size:
        chunk = read(want)
        if not chunk:
            break
        chunks.append(chunk)
        done += len(chunk)
        want = min(size - done, _CHUNK)
    return b"".join(chunks)


def special_files(root: Path, folders: Iterable[str]) -> list[Problem]:
    """A problem for every link or non-regular file in (or on the way to) the given folders.

    Nothing is followed: a linked folder is reported, not walked. Files are told apart by
    their type alone (:func:`walk_modes`: a regular file by its directory entry, no
    ``lstat``; ``mkdocs serve`` checks the content folder on every rebuild).

    Args:
        root: Project root (folders and messages are relative to it).
        folders: Project-relative folders; missing ones (and "") are skipped.
    """
    problems: dict[str, Problem] = {}
    for folder in filter(None, folders):
        for shown, mode in walk_modes(root, folder):
            if refusal(mode):
                problems.setdefault(shown, Problem(shown, None, "", refusal(mode)))
    return sorted(problems.values())


def walk(root: Path, folder: str) -> Iterator[tuple[str, os.stat_result]]:
    """``(path relative to root, lstat)`` of everything under ``folder`` but its folders.

    Links are never followed: a linked folder (or a link on the way to ``folder``) is
    yielded as the link it is, and not walked.
    """
    for shown, found in _walk(root, folder):
        if isinstance(found, os.stat_result):
            yield shown, found
        else:
            yield shown, found.stat(follow_symlinks=False)


def resolves_inside(path: str, folder: Path, folders: dict[str, bool]) -> bool:
    """Whether ``Path(path).resolve()`` is ``folder`` or under it (``folder`` resolved).

    Decided once for each folder of files (``folders``, the caller's memo): a file's own
    name is followed only when it is a link, so a site's thousand pages cost a few
    resolutions, and no ``Path`` each.
    """
    if is_link(path):
        return Path(path).resolve().is_relative_to(folder)
    parent = os.path.split(path)[0]
    if parent not in folders:
        folders[parent] = Path(parent).resolve().is_relative_to(folder)
    return folders[parent]


def is_link(path: str) -> bool:
    """``Path(path).is_symlink()`` without a ``Path`` (for each of a site's pages one costs
    more than the ``lstat``)."""
    try:
        return stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError:
        return False


def walk_modes(root: Path, folder: str) -> Iterator[tuple[str, int]]:
    """:func:`walk`'s paths, with each one's ``st_mode`` only: no ``lstat`` of regular files.

    A regular file's mode is ``S_IFREG`` alone, from its directory entry (a review lists
    10,000 posts to read one: their lstat calls were most of the listing); anything else is
    ``lstat``-ed as :func:`walk` does it, and nothing is followed.
    """
    for shown, found in _walk(root, folder):
        if isinstance(found, os.stat_result):
            yield shown, found.st_mode
        elif found.is_file(follow_symlinks=False):
            yield shown, stat.S_IFREG
        else:
            yield shown, found.stat(follow_symlinks=False).st_mode


def _walk(root: Path, folder: str) -> Iterator[tuple[str, os.stat_result | os.DirEntry[str]]]:
    """Every non-folder under ``folder``: its directory entry, or the lstat of what stands in
    the way of ``folder`` (a link, a file), by path relative to ``root``."""
    path = root
    for part in Path(folder).parts:
        path = path / part
        try:
            found = path.lstat()
        except OSError:
            return  # a folder that does not exist holds nothing
        if not stat.S_ISDIR(found.st_mode):
            yield _shown(path, root), found
            return
    # Paths stay strings below: relpath and Path objects for every file cost more than the
    # stat calls themselves (10,000 posts: 0.25 s against 0.03 s).
    top = os.fspath(path)
    shown = _shown(path, root)
    shown = "" if shown == "." else f"{shown}/"
    cut = len(top.rstrip(os.sep)) + 1  # entry paths are ``top/…`` ("/" alone ends with one)
    pending = [top]
    while pending:
        with os.scandir(pending.pop()) as entries:
            for entry in entries:
                # The type from the directory entry (lstat where the file system gives none).
                if entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
                else:
                    yield shown + entry.path[cut:].replace(os.sep, "/"), entry


def _shown(path: Path, root: Path) -> str:
    return os.path.relpath(path, root).replace(os.sep, "/")
