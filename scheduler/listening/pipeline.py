"""The listening run, step by step: fetch → cache → parse → dedup → window → rules → outputs.

The plugin and ``portavoz listen`` call :func:`harvest`, :func:`analyse` and
:func:`write_internal` in that order. Nothing here reads the clock or logs: ``now`` is passed
in and warnings come back as :class:`~portavoz.scheduler.base.problems.Problem` values.
"""

from __future__ import annotations

import contextlib
import enum
import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from pathlib import Path

from portavoz.scheduler.base.atomic import WriteError
from portavoz.scheduler.base.problems import Problem, Severity
from portavoz.scheduler.base.release import VERSION
from portavoz.scheduler.listening import cache, crisis, digests, influencers
from portavoz.scheduler.listening.cache import FeedState
from portavoz.scheduler.listening.dedup import dedupe
from portavoz.scheduler.listening.normalise import Entry, ParsedFeed, parse_feed, within_window
from portavoz.scheduler.listening.policy import (
    FetchPolicy,
    FetchRequest,
    FetchResult,
    Outcome,
    user_agent,
)
from portavoz.scheduler.listening.rules import Labelled, classify, compile_rules
from portavoz.scheduler.listening.settings import Settings, Source


class FeedStatus(enum.StrEnum):
    """How one feed fared in a run: fetched anew, unchanged, failed, gone, or not fetched."""

    NEW = "new"
    NOT_MODIFIED = "not modified"
    FAILED = "failed"
    GONE = "gone"
    OFFLINE = "offline"

    @property
    def is_failure(self) -> bool:
        """Whether the run could not use the feed as it is now (already a warning)."""
        return self in {FeedStatus.FAILED, FeedStatus.GONE}


@dataclass(frozen=True)
class FeedReport:
    """How one feed fared in this run, for the CLI summary.

    Attributes:
        name: Source name.
        status: What happened to it.
        new_entries: Entries not in the previous copy.
        message: Why it failed, where it moved, which copy is used (for people).
        moved_to: Address it moved to permanently (fetched from next time), if it moved.
        warning: The warning told about it ("" when its feed, or its copy, was read as
            expected), so a reader (``portavoz review``) tells which feeds were not.
    """

    name: str
    status: FeedStatus
    new_entries: int = 0
    message: str = ""
    moved_to: str | None = None
    warning: str = ""


@dataclass(frozen=True)
class Harvest:
    """Entries from every usable feed copy, with a report per feed and the warnings."""

    entries: tuple[Entry, ...]
    reports: tuple[FeedReport, ...]
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class Analysis:
    """What the entries say: kept entries, rule matches, digests, crisis and voices."""

    entries: tuple[Entry, ...]
    matches: tuple[Labelled, ...]
    digests: tuple[digests.Digest, ...]
    crisis: crisis.CrisisSignal | None
    voices: tuple[influencers.Voice, ...]


@dataclass(frozen=True)
class KeptParses:
    """Where a run that writes no listening cache (offline) keeps its parses of the copies.

    A build from committed copies would otherwise parse every copy with feedparser again on
    each run. Each parse is kept as the cache keeps one (``entries/<body>.json``, the body
    named by its bytes' hash) under the parse's key and :attr:`code`.

    Attributes:
        folder: The folder (inside an internal folder: never the committed cache).
        code: A hash of portavoz's code and data (an editable install keeps its version).
    """

    folder: Path
    code: str


def harvest(
    sources: Sequence[Source],
    cache_dir: Path,
    *,
    now: datetime,
    policy: FetchPolicy | None,
    on_result: Callable[[FetchResult], None] | None = None,
    where: str = "mkdocs.yml",
    kept: KeptParses | None = None,
) -> Harvest:
    """Refresh the cache (unless offline) and read every feed's last good copy.

    Args:
        sources: Configured sources.
        cache_dir: The listening cache folder.
        now: Time of this run (stored as the fetch time of new copies).
        policy: How to fetch; ``None`` means offline: read the cache only, write nothing.
        on_result: Progress callback, called as each feed answers.
        where: Config file named in problems.
        kept: Where an offline run keeps its parses of the copies (none: it parses them).
    """
    states = cache.load_states(cache_dir)
    # A stored state is used only as far as it can be trusted (validators, its copy).
    checked = {
        s.name: cache.usable(cache_dir, cache.state_for(states, s.name, s.url)) for s in sources
    }
    current = {name: state for name, (state, _) in checked.items()}
    results = _fetch(sources, current, policy, on_result) if policy else {}
    places = _Places(cache_dir, kept if policy is None else None)
    settled = [_settle(s, current[s.name], results.get(s.name), places, now) for s in sources]
    if places.kept is not None:  # parses of copies no longer used are not kept
        cache.prune_parsed(places.kept.folder, {st.state.body for st in settled if st.state.body})
    if policy is not None:
        # States of sources no longer configured are dropped (and their bodies pruned).
        cache.save_states(
            cache_dir, {s.name: st.state for s, st in zip(sources, settled, strict=True)}
        )
    return Harvest(
        entries=tuple(e for st in settled for e in st.entries),
        reports=tuple(replace(st.report, warning=st.warning) for st in settled),
        problems=(
            *(_problem(where, s, checked[s.name][1]) for s in sources if checked[s.name][1]),
            *(
                _problem(where, s, st.warning)
                for s, st in zip(sources, settled, strict=True)
                if st.warning
            ),
        ),
    )


def analyse(entries: Sequence[Entry], settings: Settings, now: datetime) -> Analysis:
    """Dedup, keep the window, apply rules, and build digests, crisis signal and voices."""
    order = [s.name for s in settings.sources]
    kept = within_window(dedupe(entries, order), now, settings.window_days)
    matches = classify(kept, compile_rules(settings.rules))
    return Analysis(
        entries=kept,
        matches=matches,
        digests=digests.build_digests(matches, settings.departments),
        crisis=crisis.detect(matches, settings.crisis, now),
        voices=influencers.rank(
            matches,
            people=settings.people,
            sources=settings.sources,
            brand_labels=settings.voices.labels,
        ),
    )


def write_internal(
    internal_dir: Path, analysis: Analysis, settings: Settings, now: datetime
) -> None:
    """Write digests, ``crisis.json`` and influencers to the internal folder.

    Their words are in the site's language (``settings.messages``).
    """
    days, say = settings.window_days, settings.messages
    digests.write_digests(internal_dir, analysis.digests, now, days, say)
    crisis.write_signal(internal_dir, analysis.crisis)
    influencers.write_influencers(internal_dir, analysis.voices, now, days, say)


@dataclass(frozen=True)
class _Settled:
    state: FeedState
    entries: tuple[Entry, ...]
    report: FeedReport
    warning: str = ""


def _fetch(
    sources: Sequence[Source],
    states: dict[str, FeedState],
    policy: FetchPolicy,
    on_result: Callable[[FetchResult], None] | None,
) -> dict[str, FetchResult]:
    requests = [
        FetchRequest(s.name, st.fetch_url, st.etag, st.last_modified)
        for s in sources
        if not (st := states[s.name]).gone
    ]
    # Imported here: the HTTP stack (httpx, httpcore) is needed only to fetch, and an offline
    # run (``portavoz review`` reading the committed cache) would load it for nothing.
    from portavoz.scheduler.listening.fetch import fetch_all

    return {r.name: r for r in fetch_all(requests, policy, on_result)}


@dataclass(frozen=True)
class _Places:
    """The listening cache, and where an offline run keeps its parses (if anywhere)."""

    cache_dir: Path
    kept: KeptParses | None = None


def _settle(
    source: Source, state: FeedState, result: FetchResult | None, places: _Places, now: datetime
) -> _Settled:
    """Decide the new state, the entries to use and what to report for one feed."""
    cache_dir = places.cache_dir
    before = _parse_copy(source, state, places, now, keep=result is not None)
    if state.gone:
        return _Settled(state, before.entries, _report(source, FeedStatus.GONE), _gone(state))
    if result is None:
        return _offline(source, state, before)
    if result.moved_to:
        state = replace(state, fetch_url=result.moved_to)
    if result.outcome is Outcome.FETCHED:
        return _fetched(source, state, result, before, cache_dir, now)
    if result.outcome is Outcome.NOT_MODIFIED:
        report = _report(source, FeedStatus.NOT_MODIFIED, moved=result.moved_to)
        return _Settled(state, before.entries, report)
    if result.outcome is Outcome.GONE:
        state = replace(state, gone=True)
        return _Settled(state, before.entries, _report(source, FeedStatus.GONE), _gone(state))
    return _failure(source, state, before, result.error)


def _fetched(
    source: Source,
    state: FeedState,
    result: FetchResult,
    before: ParsedFeed,
    cache_dir: Path,
    now: datetime,
) -> _Settled:
    after = parse_feed(result.body, source=source, content_type=result.content_type, fetched_at=now)
    if after.broken:
        return _failure(source, state, before, after.broken)
    state = replace(
        state,
        body=cache.store_body(cache_dir, result.body),
        etag=result.etag,
        last_modified=result.last_modified,
        content_type=result.content_type,
        fetched_at=now.isoformat(),
    )
    keep_parse(cache_dir, source, state, after.entries)
    known = {e.id for e in before.entries}
    fresh = sum(1 for e in after.entries if e.id not in known)
    report = _report(source, FeedStatus.NEW, fresh, moved=result.moved_to)
    return _Settled(state, after.entries, report)


def _failure(source: Source, state: FeedState, before: ParsedFeed, why: str) -> _Settled:
    fallback = f"using the copy fetched {state.fetched_at}" if state.body else "no copy yet"
    report = _report(source, FeedStatus.FAILED, message=f"{why}; {fallback}")
    return _Settled(state, before.entries, report, report.message)


def _offline(source: Source, state: FeedState, before: ParsedFeed) -> _Settled:
    if not state.body:
        why = "offline and no cached copy; run `portavoz listen` online once to fill the cache"
        return _Settled(state, (), _report(source, FeedStatus.OFFLINE, message=why), why)
    if before.broken:
        report = _report(source, FeedStatus.OFFLINE, message=before.broken)
        return _Settled(state, (), report, before.broken)
    report = _report(source, FeedStatus.OFFLINE, message=f"copy fetched {state.fetched_at}")
    return _Settled(state, before.entries, report)


def _parse_copy(
    source: Source, state: FeedState, places: _Places, now: datetime, *, keep: bool
) -> ParsedFeed:
    """The entries of the stored copy: as last parsed when that parse was kept, else parsed
    now (and kept when ``keep``: online runs write the cache, offline ones never do; they
    keep it in :attr:`_Places.kept` when there is one)."""
    if not state.body:
        return ParsedFeed(())
    cache_dir, kept = places.cache_dir, places.kept
    stored = cache.read_parsed(cache_dir, state, lambda: _parse_key(source, state))
    entries = entries_from_json(stored) if stored is not None else None
    if entries is None and kept is not None:
        stored = cache.read_parsed(kept.folder, state, lambda: _kept_key(source, state, kept))
        entries = entries_from_json(stored) if stored is not None else None
    if entries is not None:
        return ParsedFeed(entries)
    body = cache.read_body(cache_dir, state)
    if body is None:
        return ParsedFeed(())
    fetched_at = datetime.fromisoformat(state.fetched_at) if state.fetched_at else now
    parsed = parse_feed(body, source=source, content_type=state.content_type, fetched_at=fetched_at)
    if keep and not parsed.broken:
        keep_parse(cache_dir, source, state, parsed.entries)
    elif kept is not None and not parsed.broken:
        rows = [entry_to_json(e) for e in parsed.entries]
        with contextlib.suppress(WriteError):  # a parse not kept costs the next run its time
            cache.store_parsed(kept.folder, state.body, _kept_key(source, state, kept), rows)
    return parsed


def _kept_key(source: Source, state: FeedState, kept: KeptParses) -> str:
    """:func:`_parse_key` with the code's hash (and the body's name: it is the bytes' hash,
    and the kept folder is not pruned with the cache)."""
    return json.dumps([_parse_key(source, state), kept.code, state.body], ensure_ascii=False)


def _parse_key(source: Source, state: FeedState) -> str:
    """Everything a parse depends on besides the bytes (named by the body file)."""
    parts = [package_version(), source.name, source.url, source.kind, list(source.tags)]
    return json.dumps([*parts, state.content_type, state.fetched_at], ensure_ascii=False)


def keep_parse(cache_dir: Path, source: Source, state: FeedState, entries: Sequence[Entry]) -> None:
    """Store the parse of ``state``'s copy beside it in the cache, as a fetch does: the next
    offline run (a build, ``portavoz review``) reads these entries instead of parsing again."""
    if state.body:
        key = _parse_key(source, state)
        cache.store_parsed(cache_dir, state.body, key, [entry_to_json(e) for e in entries])


def entry_to_json(entry: Entry) -> dict[str, object]:
    """An entry as JSON data (the inverse of :func:`entries_from_json`)."""
    data = asdict(entry)
    data["published"] = entry.published.isoformat()
    return data


def entries_from_json(data: object) -> tuple[Entry, ...] | None:
    """Entries from :func:`entry_to_json` data, or ``None`` when it does not fit the model.

    Kept parses are read as hostile input (a pull request can commit any file): every field
    must have its type, and ``published`` be an aware moment.
    """
    if not isinstance(data, list):
        return None
    try:
        return tuple(map(_entry_from_json, data))
    except (TypeError, KeyError, ValueError):
        return None


_ENTRY_TEXTS = ("id", "source", "kind", "title", "author", "excerpt", "text", "html")


def _entry_from_json(item: object) -> Entry:
    """One entry of :func:`entries_from_json`.

    Raises:
        ValueError: ``item`` is not an entry's JSON form.
    """
    if type(item) is not dict or set(item) != {*_ENTRY_TEXTS, "tags", "link", "published"}:
        raise ValueError("not an entry")
    tags, link, published = item["tags"], item["link"], item["published"]
    if any(type(item[name]) is not str for name in _ENTRY_TEXTS) or type(published) is not str:
        raise ValueError("an entry's text is not text")
    if type(tags) is not list or any(type(t) is not str for t in tags):
        raise ValueError("an entry's tags are not texts")
    if link is not None and type(link) is not str:
        raise ValueError("an entry's link is not text")
    moment = datetime.fromisoformat(published)
    if moment.tzinfo is None:
        raise ValueError("an entry's date has no timezone")
    return Entry(**{**item, "tags": tuple(tags), "published": moment})


def _gone(state: FeedState) -> str:
    return (
        f"{state.fetch_url} answered 410 Gone; it is no longer fetched. "
        "Remove the source from mkdocs.yml (or point it at the feed's new address)"
    )


def _report(
    source: Source,
    status: FeedStatus,
    fresh: int = 0,
    *,
    message: str = "",
    moved: str | None = None,
) -> FeedReport:
    """A feed's report; a move is told in words and kept as the address."""
    said = f"moved permanently to {moved}" if moved else message
    return FeedReport(source.name, status, fresh, said, moved_to=moved)


def _problem(where: str, source: Source, warning: str) -> Problem:
    message = f"{source.name} ({source.url}): {warning}"
    return Problem(where, None, "sources", message, Severity.WARNING, "listening")


@dataclass(frozen=True)
class Run:
    """Everything one listening run produced."""

    harvest: Harvest
    analysis: Analysis


def run(
    settings: Settings,
    root: Path,
    now: datetime,
    *,
    site_url: str = "",
    offline: bool | None = None,
    on_result: Callable[[FetchResult], None] | None = None,
    where: str = "mkdocs.yml",
    kept: KeptParses | None = None,
) -> Run:
    """Harvest, analyse and write the internal outputs.

    Args:
        settings: Listening settings.
        root: Folder of ``mkdocs.yml``; ``cache_dir`` and ``internal_dir`` are relative to it.
        now: Time of the run.
        site_url: The site's URL, named in the User-Agent.
        offline: Read the cache only (default: ``settings.offline``).
        on_result: Progress callback, called as each feed answers.
        where: Config file named in problems.
        kept: Where an offline run keeps its parses of the copies (see :class:`KeptParses`).
    """
    is_offline = settings.offline if offline is None else offline
    agent = user_agent(package_version(), site_url)
    policy = None if is_offline else replace(settings.fetch, user_agent=agent)
    cache_dir = root / settings.cache_dir
    found = harvest(
        settings.sources,
        cache_dir,
        now=now,
        policy=policy,
        on_result=on_result,
        where=where,
        kept=kept,
    )
    analysis = analyse(found.entries, settings, now)
    write_internal(root / settings.internal_dir, analysis, settings, now)
    return Run(found, analysis)


def package_version() -> str:
    """The portavoz release (:data:`~portavoz.scheduler.base.release.VERSION`)."""
    return VERSION
