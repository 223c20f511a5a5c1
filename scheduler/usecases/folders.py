"""The folders a build refuses, asked alike by every plugin (the CLI asks the same core)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from portavoz.scheduler.base.files import special_files
from portavoz.scheduler.base.problems import ContentError
from portavoz.scheduler.internal_dirs import Places, misplaced


def internal_folders(places: Places, folders: Mapping[str, str], where: str) -> dict[str, Path]:
    """The internal folders (option → value), absolute, none inside ``docs_dir`` or ``site_dir``.

    Args:
        places: The build's folders.
        folders: Each internal folder's option and value (relative to the project root).
        where: Config file named in the refusal.

    Raises:
        ContentError: A folder is where MkDocs would publish its files (the first such one).
    """
    for key, value in folders.items():
        problem = misplaced(key, value, places, where)
        if problem is not None:
            raise ContentError([problem])
    return {key: (places.root / value).resolve() for key, value in folders.items()}


def refuse_special_files(root: Path, folders: Iterable[str | None]) -> None:
    """Refuse, naming each file, a link or special file in (or on the way to) the folders.

    Args:
        root: The project root.
        folders: Folders, absolute or relative to ``root``; ``None`` and ``""`` are skipped.

    Raises:
        ContentError: One problem per refused file.
    """
    relative = [os.path.relpath(f, root) for f in folders if f]
    problems = special_files(root, relative)
    if problems:
        raise ContentError(problems)
