"""``portavoz/site``'s build: the posts read into the build state."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from portavoz.scheduler.base.problems import Problem
from portavoz.scheduler.content.repository import load_posts
from portavoz.scheduler.usecases.state import BuildState


def read_build(
    root: Path, state: BuildState, paths: Iterable[Path], *, keep: bool = False
) -> tuple[BuildState, tuple[Problem, ...]]:
    """Read the build's posts.

    Args:
        root: The project root.
        state: The build state before the posts are read.
        paths: The posts' files (absolute).
        keep: Keep each file's read for the next build in this process, and take the last
            build's for a file read again alike (``mkdocs serve``; see
            :func:`~portavoz.scheduler.content.repository.load_posts`).

    Returns:
        The state with every post that could be read, and the problems found in all files.
    """
    loaded = load_posts(root, state.settings, paths, keep=keep)
    return state.with_posts(loaded.posts, loaded.problems), loaded.problems
