"""The few git questions a review asks: what changed between two revisions, and file contents."""

from __future__ import annotations

import enum
import os
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from portavoz.scheduler.base.files import read_regular, walk, walk_modes


class GitError(RuntimeError):
    """git failed; the message is git's own, with the command."""

    def __init__(self, message: str, code: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        """git's exit code (``None``: git did not run or did not finish)."""


class Status(enum.StrEnum):
    """How a file changed, as ``git diff --name-status`` writes it (copies count as added)."""

    ADDED = "A"
    MODIFIED = "M"
    DELETED = "D"
    RENAMED = "R"


@dataclass(frozen=True)
class Change:
    """One changed file: added, modified, deleted or renamed (from ``old_path``)."""

    status: Status
    path: str
    old_path: str | None = None


def _git(repo: Path, *args: str) -> bytes:
    # git's output goes to an unnamed temporary file, read once it is done: through a pipe,
    # git grep's lines for 10,000 posts came in some 2,000 pieces of about 1 kB, and waking up
    # for each cost the review more CPU (~15 ms) than reading them.
    try:
        with tempfile.TemporaryFile() as out:
            done = _run(repo, args, out)
            out.seek(0)
            return _output(args, done, out.read())
    except OSError:  # no temporary folder to write in: a pipe then
        return _output(args, _run(repo, args, subprocess.PIPE), None)


def _run(
    repo: Path, args: tuple[str, ...], out: IO[bytes] | int
) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "-C", str(repo), *args],
            stdout=out,
            stderr=subprocess.PIPE,
            check=False,
            timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GitError(f"git {' '.join(args)}: {exc}") from None


def _output(
    args: tuple[str, ...], done: subprocess.CompletedProcess[bytes], out: bytes | None
) -> bytes:
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()
        raise GitError(f"git {' '.join(args)}: {message}", done.returncode)
    return done.stdout if out is None else out


def top_level(path: Path) -> Path:
    """The root of the git work tree containing ``path``."""
    return Path(_git(path, "rev-parse", "--show-toplevel").decode().strip())


def resolve(repo: Path, ref: str) -> str:
    """The commit a ref names (raises GitError for an unknown ref)."""
    try:
        out = _git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except GitError:
        # --quiet leaves git's message empty: say what was wrong and what would be right.
        raise GitError(
            f"unknown revision '{ref}': not a branch, tag or commit of this repository "
            "(fetch it first, or check the spelling)"
        ) from None
    return out.decode().strip()


def changes(repo: Path, base: str, head: str | None) -> list[Change]:
    """Files changed from ``base`` to ``head`` (``None``: the working tree, untracked included)."""
    args = ["diff", "--name-status", "-z", "-M", "--no-ext-diff", "--no-color", base]
    args += [head] if head else []
    out = _git(repo, *args)
    found = _parse_name_status(out.decode("utf-8", "surrogateescape"))
    if head is None:
        untracked = _git(repo, "ls-files", "--others", "--exclude-standard", "-z")
        found += [Change(Status.ADDED, p) for p in untracked.decode().split("\0") if p]
    return found


def _parse_name_status(text: str) -> list[Change]:
    fields = text.split("\0")
    found = []
    i = 0
    while i < len(fields) and fields[i]:
        letter = fields[i][0]
        if letter in {"R", "C"}:
            status = Status.RENAMED if letter == "R" else Status.ADDED
            found.append(Change(status, fields[i + 2], fields[i + 1]))
            i += 3
        else:
            # Type changes (T) and the rare others read as modified.
            known = letter in {"A", "M", "D"}
            found.append(Change(Status(letter) if known else Status.MODIFIED, fields[i + 1]))
            i += 2
    return found


def read(repo: Path, ref: str | None, path: str) -> bytes | None:
    """A file's bytes at ``ref`` (``None``: the working tree), or ``None`` when it is absent.

    Raises:
        ContentError: In the working tree, the file is a link, not a regular file, or over
            the size cap (see :func:`portavoz.scheduler.base.files.read_regular`).
    """
    if ref is None:
        target = repo / path
        return read_regular(target, path) if os.path.lexists(target) else None
    try:
        return _git(repo, "show", f"{ref}:{path}")
    except GitError:
        return None


@dataclass(frozen=True)
class Entry:
    """A file as git (or the working tree) lists it, without reading it.

    Attributes:
        path: Repo-relative path.
        mode: ``st_mode``-style type and permissions; git's ``120000`` is a symbolic link.
        size: Size in bytes (of the link text, for a link).
    """

    path: str
    mode: int
    size: int


def entries(repo: Path, ref: str | None, folders: Iterable[str]) -> list[Entry]:
    """Every file under the folders at ``ref`` (``None``: the working tree, links not followed).

    Submodules (git's ``160000``) are folders of another repository: not listed.
    """
    folders = [f for f in folders if f]
    if ref is None:
        found = (Entry(p, st.st_mode, st.st_size) for f in folders for p, st in walk(repo, f))
        return sorted({e.path: e for e in found}.values(), key=lambda e: e.path)
    modes, sizes = tree_files(repo, ref, folders)
    return [Entry(path, mode, sizes[path]) for path, mode in modes.items()]


def tree_files(
    repo: Path, ref: str, folders: Iterable[str]
) -> tuple[dict[str, int], dict[str, int]]:
    """The mode and the size of every file under the folders at ``ref``, by repo path in
    git's order (submodules not listed): :func:`entries` without an object for each file.
    """
    modes: dict[str, int] = {}
    sizes: dict[str, int] = {}
    folders = [f for f in folders if f]
    if not folders:
        return modes, sizes
    try:
        out = _git(repo, "ls-tree", "-r", "-l", "-z", "--full-tree", ref, "--", *folders)
    except GitError:
        return modes, sizes
    for record in out.decode("utf-8", "surrogateescape").split("\0"):
        info, _, path = record.partition("\t")
        fields = info.split()  # mode, type, object, size
        if path and len(fields) == 4 and fields[1] == "blob":
            modes[path], sizes[path] = int(fields[0], 8), int(fields[3])
    return modes, sizes


def committed(repo: Path, ref: str | None, folder: str) -> list[str]:
    """Repo paths of the files git holds under ``folder`` at ``ref`` (``None``: in the index,
    staged or committed; an untracked file is not held yet)."""
    if ref is None:
        args = ["ls-files", "-z", "--cached"]
    else:
        args = ["ls-tree", "-r", "-z", "--name-only", "--full-tree", ref]
    try:
        out = _git(repo, *args, "--", folder)
    except GitError:
        return []
    # Only named in messages, never read: a name that is not UTF-8 shows U+FFFD.
    return sorted({p for p in out.decode("utf-8", "replace").split("\0") if p})


def working_modes(repo: Path, folders: Iterable[str]) -> dict[str, int]:
    """Every file under the folders in the working tree, by repo path in order, with its
    ``st_mode`` (a regular file's is ``S_IFREG`` alone: no lstat; see ``files.walk_modes``).
    Links are not followed.
    """
    found = {p: mode for f in folders if f for p, mode in walk_modes(repo, f)}
    return {p: found[p] for p in sorted(found)}


class Matcher(enum.StrEnum):
    """``git grep``'s regex engines: Perl-compatible (when git has PCRE) and POSIX extended."""

    PERL = "-P"
    EXTENDED = "-E"


def grep_blocks(
    repo: Path,
    ref: str | None,
    pattern: str,
    folder: str,
    *,
    matcher: Matcher = Matcher.PERL,
    heading: bool = False,
) -> dict[str, str]:
    """Lines matching a regex in files under ``folder``, by repo path (one git call), each
    file's lines joined by ``"\\n"`` (as git writes them).

    ``pattern`` must mean the same as a Perl-compatible and as an extended regex: PCRE is
    several times faster on a large tree (``^(a|b)``: 0.08 s against 0.17 s for 10,000 posts),
    and a git built without it (or any other failure of that engine) is asked again with
    :attr:`Matcher.EXTENDED`. ``ref`` ``None`` searches the working tree, untracked files
    included.

    ``heading``: git names each file once, above its lines, instead of on every line (half the
    output to read for 10,000 posts). Only for a folder where no file name holds a line break:
    that form cannot tell such a name from a line. ``pattern`` must never match an empty line
    (an empty line is that form's end of a file's lines).
    """
    where = [ref] if ref else ["--untracked"]
    form = ["--heading", "--break"] if heading else []
    # One thread: git's default of several spends more CPU waiting on each other than the
    # search of small files saves (10,000 posts: ~0.06 s against ~0.08 s of git's CPU).
    # The user's git config could add line numbers, columns or colour to every line.
    plain = ["--no-line-number", "--no-column", "--no-color"]
    args = ["grep", "-I", "--null", *plain, *form, str(matcher), "-e", pattern, "--threads=1"]
    args += where
    args += ["--", folder]
    try:
        out = _git(repo, *args)
    except GitError as exc:
        if exc.code == 1:
            return {}  # git grep exits 1 when nothing matches
        if matcher is Matcher.PERL:
            return grep_blocks(
                repo, ref, pattern, folder, matcher=Matcher.EXTENDED, heading=heading
            )
        return {}
    # git ends each line with "\n" alone: splitlines would also break a line at a form feed
    # or U+2028 inside it, and read its rest as another file's path. A CRLF file's lines are
    # given as the reader sees them, without their "\r".
    text = out.decode("utf-8", "replace")
    prefix = f"{ref}:" if ref else ""
    return _headed(text, prefix) if heading else _named(text, prefix)


def _named(text: str, prefix: str) -> dict[str, str]:
    """Blocks from ``path NUL line LF`` records (a file's lines come together).

    A line never holds a NUL (``-I`` leaves out binary files) nor a LF, but a name may hold a
    LF: each record's line ends at its first LF, and the next record's name runs to its NUL.
    """
    found: dict[str, list[str]] = {}
    pieces = text.split("\0")
    path, last, lines = pieces[0], None, []
    for piece in pieces[1:]:
        line, _, after = piece.partition("\n")
        if path != last:  # a file's lines come together: its list is looked up once
            last, lines = path, found.setdefault(path.removeprefix(prefix), [])
        lines.append(line.removesuffix("\r"))
        path = after
    return {path: "\n".join(lines) for path, lines in found.items()}


def _headed(text: str, prefix: str) -> dict[str, str]:
    """Blocks from ``--heading --break`` output: a name line, its lines, an empty line."""
    found = {}
    for block in text.removesuffix("\n").split("\n\n") if text else ():
        path, _, lines = block.partition("\n")
        lines = lines.replace("\r\n", "\n").removesuffix("\r")
        found[path.removeprefix(prefix)] = lines
    return found
