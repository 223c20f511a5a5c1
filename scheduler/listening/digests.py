"""Department digests: what each team (billing, product, press…) should read today.

Circulating information internally is half of listening. Each department gets a Markdown file
to read and a JSON file for tools, in the internal folder — never in the public site. Feed text
in the Markdown is escaped, so a digest opened in any Markdown viewer shows text, not markup.
Its own words are in the site's language (:mod:`portavoz.scheduler.i18n`); the JSON is for tools.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from portavoz.scheduler.i18n import Messages, Text
from portavoz.scheduler.listening import atomic
from portavoz.scheduler.listening.rules import Labelled
from portavoz.scheduler.listening.text import escape_markdown, slugify

FOLDER = "digests"


@dataclass(frozen=True)
class Digest:
    """The entries routed to one department, newest first."""

    department: str
    slug: str
    matches: tuple[Labelled, ...]


def build_digests(matches: Sequence[Labelled], departments: Iterable[str]) -> tuple[Digest, ...]:
    """Return one digest per department, in config order, empty ones included."""
    return tuple(
        Digest(name, slugify(name), tuple(m for m in matches if name in m.departments))
        for name in departments
    )


def entry_json(match: Labelled) -> dict[str, object]:
    """Plain JSON form of a labelled entry (shared by digests and influencers)."""
    entry = match.entry
    return {
        "id": entry.id,
        "title": entry.title,
        "link": entry.link,
        "source": entry.source,
        "kind": entry.kind,
        "author": entry.author,
        "published": entry.published.isoformat(),
        "labels": list(match.labels),
        "departments": list(match.departments),
        "excerpt": entry.excerpt,
    }


def digest_json(digest: Digest, now: datetime, window_days: int) -> dict[str, object]:
    """JSON form of a digest."""
    return {
        "department": digest.department,
        "generated_at": now.isoformat(),
        "window_days": window_days,
        "count": len(digest.matches),
        "entries": [entry_json(m) for m in digest.matches],
    }


def digest_markdown(digest: Digest, now: datetime, window_days: int, say: Messages) -> str:
    """Markdown form of a digest, for people (in the language of ``say``)."""
    summary = say(
        Text.DIGEST_SUMMARY,
        moment=f"{now:%Y-%m-%d %H:%M}",
        count=len(digest.matches),
        days=window_days,
    )
    department = escape_markdown(digest.department)
    lines = [f"# {say(Text.DIGEST_TITLE, department=department)}", "", summary, ""]
    if not digest.matches:
        lines += [say(Text.DIGEST_EMPTY), ""]
    for match in digest.matches:
        lines += _entry_markdown(match, say)
    return "\n".join(lines)


def _entry_markdown(match: Labelled, say: Messages) -> list[str]:
    entry = match.entry
    facts = [
        say(Text.DIGEST_SOURCE, source=escape_markdown(entry.source)),
        f"{entry.published:%Y-%m-%d %H:%M} UTC",
        say(Text.DIGEST_LABELS, labels=escape_markdown(", ".join(match.labels))),
    ]
    if entry.author:
        facts.insert(1, say(Text.DIGEST_AUTHOR, author=escape_markdown(entry.author)))
    title = escape_markdown(entry.title) or say(Text.UNTITLED)
    lines = [f"## {title}", "", " · ".join(facts)]
    if entry.link:
        lines += ["", f"<{entry.link}>"]
    if entry.excerpt:
        lines += ["", f"> {escape_markdown(entry.excerpt)}"]
    return [*lines, ""]


def write_digests(
    internal_dir: Path,
    digests: Iterable[Digest],
    now: datetime,
    window_days: int,
    say: Messages,
) -> list[Path]:
    """Write ``digests/<slug>.md`` and ``.json`` per department; remove stale digests.

    Args:
        internal_dir: The listening internal folder.
        digests: One per department.
        now: Time of the run (``generated_at``).
        window_days: The listening window, told in each digest.
        say: The site's language, for the Markdown.

    Returns:
        The files written.
    """
    folder = internal_dir / FOLDER
    written: list[Path] = []
    for digest in digests:
        markdown, data = folder / f"{digest.slug}.md", folder / f"{digest.slug}.json"
        atomic.write_text(markdown, digest_markdown(digest, now, window_days, say))
        atomic.write_json(data, digest_json(digest, now, window_days))
        written += [markdown, data]
    for stale in set(folder.glob("*.*")) - set(written):
        stale.unlink(missing_ok=True)
    return written
