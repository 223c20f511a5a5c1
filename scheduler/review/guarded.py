"""Files a pull request should not carry: the build's own folders, and the publish ledger.

portavoz/scheduler's ``output_dir`` and portavoz/listening's ``internal_dir`` are written by
the build and read back by the next one: its caches (posts, variants, feeds, parsed feeds) and
the stamps that keep unchanged files. Their keys are hashes of inputs anyone can read, so a
file committed there is taken on a fresh clone for the build's own work: a forged entry would
put its text on the site, in the feeds and in the variants, and the posts' review would not
show it. Those folders belong in ``.gitignore``; a review fails while git holds any file in
them (``git add -f`` gets past the ignore file).

The ledger records what ``portavoz publish`` sent, and it decides what is sent again: a change
to it is a warning to read it (restoring a run's ledger artifact is the one expected change).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Iterator

from portavoz.scheduler.base.options import ConfigError
from portavoz.scheduler.base.problems import Problem, Severity
from portavoz.scheduler.internal_dirs import LISTENING, SCHEDULER
from portavoz.scheduler.review import git
from portavoz.scheduler.review.side import Side

_NAMED = 3
"""How many of a folder's files its problem names (the rest are counted)."""


def guarded_problems(base: Side, head: Side, changed: Iterable[git.Change]) -> tuple[Problem, ...]:
    """An error for each internal folder git holds files in at the head, and a warning when
    the change touches or moves the publish ledger."""
    problems, seen = [], list[str]()
    # Outermost first: a folder inside another one (listening's default is inside the
    # scheduler's) has its files counted there.
    for plugin, option, folder in sorted(_internal_folders(head), key=lambda f: len(f[2])):
        if any(folder == s or folder.startswith(f"{s}/") for s in seen):
            continue
        seen.append(folder)
        if files := git.committed(head.repo, head.ref, folder):
            problems.append(_committed(head.project_path(folder), option, plugin, files, folder))
    ledger = _ledger_change(_ledger(base), _ledger(head), changed)
    if ledger:
        path, message = ledger
        problems.append(Problem(head.project_path(path), None, "", message, Severity.WARNING))
    return tuple(problems)


_LEDGER_READ = (
    "portavoz publish reads it to decide what it sends again and what it never sends; approve "
    "only a ledger restored from a run's portavoz-ledger artifact"
)


def _ledger_change(
    before: str, after: str, changed: Iterable[git.Change]
) -> tuple[str, str] | None:
    """Where to warn and what to say, when the change moves the ledger or touches it."""
    if before != after:
        was = before or "none"
        now = after or before
        return now, f"the publish ledger is now {after or 'none'} (it was {was}): {_LEDGER_READ}"
    if after and any(after in (c.path, c.old_path) for c in changed):
        return after, f"the publish ledger changed: {_LEDGER_READ}"
    return None


def _committed(shown: str, option: str, plugin: str, files: list[str], folder: str) -> Problem:
    named = ", ".join(posixpath.relpath(f, folder) for f in files[:_NAMED])
    more = f" and {len(files) - _NAMED} more" if len(files) > _NAMED else ""
    return Problem(
        shown,
        None,
        "",
        f"git holds {len(files)} file(s) of the build's internal folder ({option} of {plugin}): "
        f"{named}{more}; the build reads this folder back as its own caches, so a committed "
        f"file would be taken for its work; remove them from git (git rm -r --cached) and list "
        f"the folder in .gitignore",
    )


def _internal_folders(side: Side) -> Iterator[tuple[str, str, str]]:
    """Each internal folder inside the repository, as (plugin, option, repo path)."""
    plugins = side.project.plugins
    if SCHEDULER in plugins:
        yield from _inside(side, SCHEDULER, "output_dir", side.composer.settings.output_dir)
    if LISTENING in plugins:
        from portavoz.scheduler.listening.settings import load_settings

        try:  # checked already by refuse_bad_options; a bad block is check's to report
            settings = load_settings(side.project.options(LISTENING))
        except ConfigError:
            return
        yield from _inside(side, LISTENING, "internal_dir", settings.internal_dir)


def _inside(side: Side, plugin: str, option: str, value: str) -> Iterator[tuple[str, str, str]]:
    folder = side.repo_folder(value)
    if folder and folder != ".":  # the whole repository is not one the build writes
        yield plugin, option, folder


def _ledger(side: Side) -> str:
    """The ledger's repo path ("" without the publish plugin, or outside the repository)."""
    from portavoz.scheduler.publish.settings import PLUGIN, publish_settings

    if PLUGIN not in side.project.plugins:
        return ""
    try:
        ledger = publish_settings(side.project.options(PLUGIN)).ledger
    except ConfigError:
        return ""
    return side.repo_folder(ledger)
