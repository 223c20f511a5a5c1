"""What listening says at the head of a review: the crisis signal and feeds without a copy.

A review never builds or fetches, so it reads the listening cache as committed (``cache_dir``
at the head, through git) and runs the analysis offline at the review's clock. Without a
committed cache it says nothing: the build tells the rest (as information, never failing it).
"""

from __future__ import annotations

import posixpath
import tempfile
from datetime import datetime
from pathlib import Path

from portavoz.scheduler.base.files import MAX_BYTES, refusal
from portavoz.scheduler.base.options import ConfigError
from portavoz.scheduler.base.problems import ContentError
from portavoz.scheduler.i18n import Messages
from portavoz.scheduler.i18n.keys import Text
from portavoz.scheduler.listening import cache, pipeline
from portavoz.scheduler.listening.crisis import CrisisSignal
from portavoz.scheduler.listening.settings import Settings, load_settings
from portavoz.scheduler.review import git
from portavoz.scheduler.review.side import Side

PLUGIN = "portavoz/listening"


def listening_notes(side: Side, now: datetime) -> tuple[str, ...]:
    """Notes for the report: the crisis signal at ``now`` and each feed it could not read.

    Empty when the side configures no listening (or turns it off), has no sources, or has
    no listening cache in the repository.
    """
    settings = _settings(side)
    if settings is None:
        return ()
    folder = side.repo_folder(settings.cache_dir)
    files = _cache_files(side, folder, settings.fetch.max_bytes) if folder else []
    if not files:
        return ()
    with tempfile.TemporaryDirectory(prefix="portavoz-review-") as scratch:
        copy = Path(scratch)
        for path in files:
            _materialise(side, folder, path, copy)
        found = pipeline.harvest(settings.sources, copy, now=now, policy=None)
        analysis = pipeline.analyse(found.entries, settings, now)
        states = cache.load_states(copy)
        no_copy = {
            s.name
            for s in settings.sources
            if not cache.usable(copy, cache.state_for(states, s.name, s.url))[0].body
        }
    say, shown = settings.messages, settings.cache_dir
    notes = [_crisis(analysis.crisis, say)] if analysis.crisis else []
    notes += [_feed(r, no_copy, shown, say) for r in found.reports if _failed(r)]
    return tuple(notes)


def _settings(side: Side) -> Settings | None:
    """The head's listening settings, or ``None`` when there is nothing to listen to."""
    if PLUGIN not in side.project.plugins:  # cheap: most sites never reach the cache
        return None
    options = side.project.options(PLUGIN)
    if options.get("enabled", True) is False:
        return None
    try:  # checked already by refuse_bad_options; a bad block is check's to report
        settings = load_settings(options, language=side.project.settings.language)
    except ConfigError:
        return None
    return settings if settings.sources else None


def _cache_files(side: Side, folder: str, max_bytes: int) -> list[str]:
    """The cache's state file, feed copies and their stored parses at this side (regular files
    within the caps)."""
    wanted = []
    for entry in git.entries(side.repo, side.ref, [folder]):
        inside = posixpath.relpath(entry.path, folder)
        limit = _limit(inside, max_bytes)
        if limit and not refusal(entry.mode) and entry.size <= limit:
            wanted.append(inside)
    return wanted if cache.STATE_FILE in wanted else []


def _limit(inside: str, max_bytes: int) -> int:
    """The largest size read of a file in the cache (0: not one the pipeline reads)."""
    parent, name = posixpath.split(inside)
    if inside == cache.STATE_FILE or (parent == cache.ENTRIES and _parse_of_a_copy(name)):
        # A stored parse is read as the build reads it: as hostile data, under the key of
        # everything the parse depends on (else the copy is parsed). It is no more trusted than
        # the copy beside it, which a pull request can change as freely.
        return MAX_BYTES
    # A copy is at most max_bytes: a bigger feed was cut off and never stored.
    return max_bytes if parent == cache.BODIES and cache.BODY_NAME.fullmatch(name) else 0


def _parse_of_a_copy(name: str) -> bool:
    """Whether ``name`` is what the cache calls a copy's stored parse (``<copy>.json``)."""
    copy, dot, suffix = name.rpartition(".")
    return bool(dot) and suffix == "json" and bool(cache.BODY_NAME.fullmatch(copy))


def _materialise(side: Side, folder: str, inside: str, copy: Path) -> None:
    """Write one cache file, as it is at this side, into the scratch copy."""
    try:
        data = git.read(side.repo, side.ref, f"{folder}/{inside}")
    except ContentError:  # changed into a link or grew since it was listed: not read
        return
    if data is not None:
        target = copy / inside
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def _failed(report: pipeline.FeedReport) -> bool:
    return report.status.is_failure or bool(report.warning)


def _crisis(signal: CrisisSignal, say: Messages) -> str:
    entries = say.plural(
        Text.REVIEW_LISTENING_ENTRIES_ONE, Text.REVIEW_LISTENING_ENTRIES_OTHER, signal.count
    )
    return say(
        Text.REVIEW_LISTENING_CRISIS,
        entries=entries,
        label=signal.label,
        hours=say.number(signal.hours),
        threshold=say.number(signal.threshold),
    )


def _feed(report: pipeline.FeedReport, no_copy: set[str], folder: str, say: Messages) -> str:
    if report.status is pipeline.FeedStatus.GONE:
        return say(Text.REVIEW_LISTENING_GONE, source=report.name)
    missing = report.name in no_copy
    key = Text.REVIEW_LISTENING_NO_COPY if missing else Text.REVIEW_LISTENING_UNREADABLE
    return say(key, source=report.name, folder=folder)
