"""Writing a new site: into a new or empty folder, never over an existing file.

Each file is written atomically (:func:`~portavoz.scheduler.base.atomic.write_atomic`), and
when one cannot be written the files and folders this run created are removed again: a
failure leaves the folder as it was, with no half-written site in it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from portavoz.scheduler.base.atomic import WriteError, write_atomic
from portavoz.scheduler.i18n import Language
from portavoz.scheduler.scaffold.options import ScaffoldError
from portavoz.scheduler.scaffold.render import Rendered, render_workflows

SHOWN = 5
"""How many of a non-empty folder's entries the refusal names."""


class FolderNotEmpty(ScaffoldError):
    """The target folder holds files and writing into it was not asked for."""


@dataclass(frozen=True)
class Outcome:
    """What :func:`write_site` did.

    Attributes:
        written: Relative paths of the files created.
        kept: Relative paths that already existed (or sit under a linked folder) and were
            left untouched.
    """

    written: tuple[str, ...]
    kept: tuple[str, ...]


def write_site(folder: Path, files: Sequence[Rendered], *, force: bool = False) -> Outcome:
    """Write ``files`` under ``folder``, creating it when missing.

    Args:
        folder: The new site's folder.
        files: What to write there.
        force: Write into a folder that is not empty; existing files are still kept.

    Raises:
        FolderNotEmpty: ``folder`` has entries and ``force`` is false (nothing is written).
        ScaffoldError: ``folder`` is a file, or a file could not be written (whatever this
            call had created is removed again).
    """
    if folder.exists() and not folder.is_dir():
        raise ScaffoldError(f"{folder} is a file; choose a folder for the new site")
    if not force:
        refuse_non_empty(folder)
    kept = tuple(f.path for f in files if _occupied(folder, f.path))
    todo = [f for f in files if f.path not in kept]
    created: list[Path] = []
    try:
        for item in todo:
            _write_new(folder, item, created)
    except (WriteError, OSError) as exc:
        _undo(created)
        reason = exc.describe(folder) if isinstance(exc, WriteError) else str(exc)
        raise ScaffoldError(f"{reason}; nothing was left behind") from None
    return Outcome(tuple(f.path for f in todo), kept)


def refuse_non_empty(folder: Path) -> None:
    """Stop, naming a few entries, when ``folder`` holds anything.

    Raises:
        FolderNotEmpty: It does.
    """
    entries = sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []
    if not entries:
        return
    shown = ", ".join(entries[:SHOWN]) + (", …" if len(entries) > SHOWN else "")
    raise FolderNotEmpty(
        f"{folder} is not empty (it holds {shown}); nothing was written. Choose a new or "
        "empty folder, or add --force to add only the files that are missing "
        "(existing files are never overwritten)"
    )


def _occupied(folder: Path, relative: str) -> bool:
    """Whether the file exists, or a folder on its way is a link (which may lead anywhere)."""
    *folders, name = PurePosixPath(relative).parts
    path = folder
    for part in folders:
        path = path / part
        if path.is_symlink():
            return True
    return (path / name).exists() or (path / name).is_symlink()


def _write_new(folder: Path, item: Rendered, created: list[Path]) -> None:
    target = folder.joinpath(*PurePosixPath(item.path).parts)
    missing = [p for p in (target.parent, *target.parent.parents) if not p.exists()]
    for parent in reversed(missing):
        parent.mkdir()
        created.append(parent)
    write_atomic(target, item.text)
    created.append(target)


def _undo(created: list[Path]) -> None:
    """Remove what this run made, newest first (files, then the folders they were in)."""
    for path in reversed(created):
        try:
            if path.is_dir() and not path.is_symlink():
                path.rmdir()
            else:
                path.unlink(missing_ok=True)
        except OSError:  # someone else put something there meanwhile: theirs to keep
            continue


def write_workflows(root: Path, lang: Language, release: str) -> tuple[str, ...]:
    """Render the GitHub workflows into ``root/.github/workflows``, replacing what is there.

    This is how portavoz's own repository keeps its workflows the templates' output
    (``make workflows`` after a version change); a brand site gets them from ``portavoz new``.

    Returns:
        The relative paths whose content changed.
    """
    files = render_workflows(lang, release)
    return tuple(f.path for f in files if write_atomic(root / f.path, f.text))
