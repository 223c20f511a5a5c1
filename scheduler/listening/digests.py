"""Department digests: what each team (billing, product, press…) should read today.

Circulating information internally is half of listening. Each department gets a Markdown file
to read and a JSON file for tools, in the internal folder — never in the public site. Feed text
in the Markdown is escaped, so a digest opened in any Markdown viewer shows text, not markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

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


def digest_markdown(digest: Digest, now: datetime, window_days: int) -> str:
    """Markdown form of a digest, for people."""
    lines = [
        f"# Escucha: {escape_markdown(digest.department)}",
        "",
        f"Generado el {now:%Y-%m-%d %H:%M} UTC · {len(digest.matches)} entradas "
        f"en los últimos {window_days} días.",
        "",
    ]
    if not digest.matches:
        lines += ["Sin novedades.", ""]
    for match in digest.matches:
        lines += _entry_markdown(match)
    return "\n".join(lines)


def _entry_markdown(match: Labelled) -> list[str]:
    entry = match.entry
    facts = [
        f"Fuente: {escape_markdown(entry.source)}",
        f"{entry.published:%Y-%m-%d %H:%M} UTC",
        f"Etiquetas: {escape_markdown(', '.join(match.labels))}",
    ]
    if entry.author:
        facts.insert(1, f"Autor: {escape_markdown(entry.author)}")
    lines = [f"## {escape_markdown(entry.title) or '(sin título)'}", "", " · ".join(facts)]
    if entry.link:
        lines += ["", f"<{entry.link}>"]
    if entry.excerpt:
        lines += ["", f"> {escape_markdown(entry.excerpt)}"]
    return [*lines, ""]


def write_digests(
    internal_dir: Path, digests: Iterable[Digest], now: datetime, window_days: int
) -> list[Path]:
    """Write ``digests/<slug>.md`` and ``.json`` per department; remove stale digests.

    Returns:
        The files written.
    """
    folder = internal_dir / FOLDER
    written: list[Path] = []
    for digest in digests:
        markdown, data = folder / f"{digest.slug}.md", folder / f"{digest.slug}.json"
        atomic.write_text(markdown, digest_markdown(digest, now, window_days))
        atomic.write_json(data, digest_json(digest, now, window_days))
        written += [markdown, data]
    for stale in set(folder.glob("*.*")) - set(written):
        stale.unlink(missing_ok=True)
    return written
