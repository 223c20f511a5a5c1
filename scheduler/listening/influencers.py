"""Influencers: who speaks about the brand most often, and how to reach them.

Each brand-related entry is credited to one voice, the most specific one known:

1. a person of the registry — matched by author name or alias (accents and case folded) or by
   the feed URL the entry came from;
2. else the entry's author;
3. else, for aggregator feeds (alerts, forums), the site the entry links to;
4. else the source itself.

Voices are ranked by how many entries they wrote in the window, then by the latest one.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from portavoz.scheduler.base.fold import fold
from portavoz.scheduler.i18n import Messages, Text
from portavoz.scheduler.listening import atomic
from portavoz.scheduler.listening.rules import Labelled
from portavoz.scheduler.listening.settings import AGGREGATOR_KINDS, Person, Source
from portavoz.scheduler.listening.text import escape_markdown

JSON_FILE = "influencers.json"
MARKDOWN_FILE = "influencers.md"


class VoiceKind(enum.StrEnum):
    """Who a voice is, from the most specific: a person of the registry, an entry's author,
    the site an aggregator entry links to, or the source itself."""

    PERSON = "person"
    AUTHOR = "author"
    SITE = "site"
    SOURCE = "source"


@dataclass(frozen=True)
class Voice:
    """One voice and how often it spoke about the brand.

    Attributes:
        name: Person's name, author, site or source.
        kind: Who the voice is.
        count: Brand-related entries in the window.
        latest: Date of the newest of them.
        sources: Sources those entries came from, in first-seen order.
        handles: ``(network, handle)`` pairs from the registry (persons only).
        feeds: Feed URLs from the registry (persons only).
    """

    name: str
    kind: VoiceKind
    count: int
    latest: datetime
    sources: tuple[str, ...]
    handles: tuple[tuple[str, str], ...] = ()
    feeds: tuple[str, ...] = ()


def rank(
    matches: Iterable[Labelled],
    *,
    people: Sequence[Person],
    sources: Sequence[Source],
    brand_labels: Sequence[str] = (),
    limit: int | None = None,
) -> tuple[Voice, ...]:
    """Rank voices by brand-related entries.

    Args:
        matches: Labelled entries in the window.
        people: The people registry.
        sources: Configured sources (to join people by feed URL).
        brand_labels: Labels that count; empty means every labelled entry counts.
        limit: Keep only the top ``limit`` voices.
    """
    resolve = _Resolver(people, sources)
    tally: dict[tuple[VoiceKind, str], list[Labelled]] = {}
    for match in matches:
        if not brand_labels or set(brand_labels) & set(match.labels):
            tally.setdefault(resolve(match), []).append(match)
    voices = [resolve.voice(key, found) for key, found in tally.items()]
    voices.sort(key=lambda v: (-v.count, -v.latest.timestamp(), fold(v.name)))
    return tuple(voices[:limit] if limit else voices)


class _Resolver:
    """Finds the voice of an entry: person, author, site or source."""

    def __init__(self, people: Sequence[Person], sources: Sequence[Source]) -> None:
        self.people = {p.name: p for p in people}
        self.by_name = {fold(n): p.name for p in people for n in (p.name, *p.aliases)}
        urls = {u: p.name for p in people for u in p.feeds}
        self.by_source = {s.name: urls[s.url] for s in sources if s.url in urls}
        self.kinds = {s.name: s.kind for s in sources}

    def __call__(self, match: Labelled) -> tuple[VoiceKind, str]:
        entry = match.entry
        person = self.by_name.get(fold(entry.author)) or self.by_source.get(entry.source)
        if person:
            return (VoiceKind.PERSON, person)
        if entry.author:
            return (VoiceKind.AUTHOR, entry.author)
        if self.kinds.get(entry.source) in AGGREGATOR_KINDS and entry.link:
            return (VoiceKind.SITE, (urlsplit(entry.link).hostname or "").removeprefix("www."))
        return (VoiceKind.SOURCE, entry.source)

    def voice(self, key: tuple[VoiceKind, str], found: list[Labelled]) -> Voice:
        kind, name = key
        person = self.people.get(name) if kind is VoiceKind.PERSON else None
        return Voice(
            name=name,
            kind=kind,
            count=len(found),
            latest=max(m.entry.published for m in found),
            sources=tuple(dict.fromkeys(m.entry.source for m in found)),
            handles=person.handles if person else (),
            feeds=person.feeds if person else (),
        )


def voice_json(voice: Voice) -> dict[str, object]:
    """Plain JSON form of a voice."""
    return {
        "name": voice.name,
        "kind": voice.kind,
        "count": voice.count,
        "latest": voice.latest.isoformat(),
        "sources": list(voice.sources),
        "handles": dict(voice.handles),
        "feeds": list(voice.feeds),
    }


KIND_TEXTS = {
    VoiceKind.PERSON: Text.VOICE_PERSON,
    VoiceKind.AUTHOR: Text.VOICE_AUTHOR,
    VoiceKind.SITE: Text.VOICE_SITE,
    VoiceKind.SOURCE: Text.VOICE_SOURCE,
}
"""How the report names each kind of voice (the JSON keeps the enum's value)."""

_COLUMNS = (
    Text.VOICE,
    Text.INFLUENCERS_KIND,
    Text.ENTRIES,
    Text.LATEST,
    Text.INFLUENCERS_SOURCES,
    Text.INFLUENCERS_CONTACT,
)


def influencers_markdown(
    voices: Sequence[Voice], now: datetime, window_days: int, say: Messages
) -> str:
    """Markdown table of voices, for the community manager (in the language of ``say``)."""
    heads = ["#", *(say(column) for column in _COLUMNS)]
    summary = say(Text.INFLUENCERS_SUMMARY, moment=f"{now:%Y-%m-%d %H:%M}", days=window_days)
    lines = [
        f"# {say(Text.INFLUENCERS_TITLE)}",
        "",
        summary,
        "",
        "| " + " | ".join(heads) + " |",
        "|" + "|".join("-" * (len(head) + 2) for head in heads) + "|",
    ]
    for position, voice in enumerate(voices, start=1):
        contact = ", ".join(f"{network}: {handle}" for network, handle in voice.handles)
        cells = [
            str(position),
            escape_markdown(voice.name),
            say(KIND_TEXTS[voice.kind]),
            str(voice.count),
            f"{voice.latest:%Y-%m-%d}",
            escape_markdown(", ".join(voice.sources)),
            escape_markdown(contact) or "—",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    if not voices:
        lines += ["", say(Text.INFLUENCERS_EMPTY)]
    return "\n".join(lines) + "\n"


def write_influencers(
    internal_dir: Path, voices: Sequence[Voice], now: datetime, window_days: int, say: Messages
) -> None:
    """Write ``influencers.json`` and ``influencers.md`` (in the language of ``say``)."""
    data = {
        "generated_at": now.isoformat(),
        "window_days": window_days,
        "voices": [voice_json(v) for v in voices],
    }
    atomic.write_json(internal_dir / JSON_FILE, data)
    atomic.write_text(
        internal_dir / MARKDOWN_FILE, influencers_markdown(voices, now, window_days, say)
    )
