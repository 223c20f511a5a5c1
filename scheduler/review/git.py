"""The few git questions a review asks: what changed between two revisions, and file contents."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path


class GitError(RuntimeError):
    """git failed; the message is git's own, with the command."""


@dataclass(frozen=True)
class Change:
    """One changed file: ``A``dded, ``M``odified, ``D``eleted or ``R``enamed (from ``old_path``)."""

    status: str
    path: str
    old_path: str | None = None


def _git(repo: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(
            ["git", "-C", str(repo), *args], capture_output=True, check=False, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GitError(f"git {' '.join(args)}: {exc}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()
        raise GitError(f"git {' '.join(args)}: {message}")
    return done.stdout


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
    args = ["diff", "--name-status", "-z", "-M", "--no-ext-diff", base, *([head] if head else [])]
    out = _git(repo, *args)
    found = _parse_name_status(out.decode("utf-8", "surrogateescape"))
    if head is None:
        untracked = _git(repo, "ls-files", "--others", "--exclude-standard", "-z")
        found += [Change("A", p) for p in untracked.decode().split("\0") if p]
    return found


def _parse_name_status(text: str) -> list[Change]:
    fields = text.split("\0")
    found = []
    i = 0
    while i < len(fields) and fields[i]:
        status = fields[i][0]
        if status in {"R", "C"}:
            found.append(Change("R" if status == "R" else "A", fields[i + 2], fields[i + 1]))
            i += 3
        else:
            found.append(Change(status if status in "AMD" else "M", fields[i + 1]))
            i += 2
    return found


def read(repo: Path, ref: str | None, path: str) -> bytes | None:
    """A file's bytes at ``ref`` (``None``: the working tree), or ``None`` when it is absent."""
    if ref is None:
        target = repo / path
        return target.read_bytes() if target.is_file() else None
    try:
        return _git(repo, "show", f"{ref}:{path}")
    except GitError:
        return None


def list_files(repo: Path, ref: str | None, folder: str) -> list[str]:
    """Paths of files under ``folder`` at ``ref`` (``None``: the working tree)."""
    if ref is None:
        base = repo / folder
        return sorted(p.relative_to(repo).as_posix() for p in base.rglob("*") if p.is_file())
    try:
        out = _git(repo, "ls-tree", "-r", "-z", "--name-only", ref, "--", folder)
    except GitError:
        return []
    return sorted(p for p in out.decode().split("\0") if p)


def grep_lines(repo: Path, ref: str | None, pattern: str, folder: str) -> dict[str, list[str]]:
    """Lines matching an extended regex in files under ``folder``, by repo path (one git call).

    ``ref`` ``None`` searches the working tree, untracked files included.
    """
    where = [ref] if ref else ["--untracked"]
    args = ["grep", "-I", "--null", "-E", "-e", pattern, *where, "--", folder]
    try:
        out = _git(repo, *args)
    except GitError:
        return {}  # git grep exits 1 when nothing matches
    found: dict[str, list[str]] = {}
    prefix = f"{ref}:" if ref else ""
    for record in out.decode("utf-8", "replace").splitlines():
        path, _, line = record.partition("\0")
        found.setdefault(path.removeprefix(prefix), []).append(line)
    return found
