"""``portavoz/site``'s build: the posts read into the build state."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from portavoz.scheduler.base.problems import Problem
from portavoz.scheduler.content.repository import load_posts
from portavoz.scheduler.usecases.reading_cache import ReadsCache
from portavoz.scheduler.usecases.state import BuildState


def read_build(
    root: Path, state: BuildState, paths: Iterable[Path | str], *, keep: bool = False
) -> tuple[BuildState, tuple[Problem, ...]]:
    """Read the build's posts.

    With the state's caches' folder, each file read alike before (bytes, names and every
    other input: :mod:`~portavoz.scheduler.usecases.reading_cache`) is decoded from the
    reads cache there instead of parsed, and the cache keeps this build's reads (written
    now, or, with ``keep``, held in this process until
    :func:`~portavoz.scheduler.usecases.caching.write_held`).

    Args:
        root: The project root.
        state: The build state before the posts are read.
        paths: The posts' files (absolute; a ``Path`` or its string).
        keep: Keep each file's read for the next build in this process, and take the last
            build's for a file read again alike (``mkdocs serve``; see
            :func:`~portavoz.scheduler.content.repository.load_posts`); the reads cache is
            then held, not written (serve writes it when it stops).

    Returns:
        The state with every post that could be read, and the problems found in all files
        (with, last, why the reads cache was ignored, if it was: it is no post's problem).
    """
    if state.caches is None:
        loaded = load_posts(root, state.settings, paths, keep=keep)
        return state.with_posts(loaded.posts, loaded.problems), loaded.problems
    # Unchanged files' reads come from <output_dir>/cache/posts.json: decoded, not parsed.
    cache = ReadsCache.open(state.caches, hold=keep)
    loaded = load_posts(root, state.settings, paths, keep=keep, store=cache)
    cache.save()
    warning = () if cache.warning is None else (cache.warning,)
    return state.with_posts(loaded.posts, loaded.problems), (*loaded.problems, *warning)
