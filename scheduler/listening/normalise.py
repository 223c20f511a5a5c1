"""One entry model for every feed format feedparser reads (RSS 0.9x–2.0, RSS 1.0/RDF, Atom).

Everything a feed says is hostile data: titles, authors and excerpts become plain text, HTML
content is sanitised with nh3, links are kept only if http(s), dates become UTC. A feed that
feedparser cannot read at all (``bozo`` with no entries) is reported as broken, never raised.
"""

from __future__ import annotations

import calendar
import hashlib
import html
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from portavoz.scheduler.listening import text
from portavoz.scheduler.listening.links import canonical_url
from portavoz.scheduler.listening.settings import Source

EXCERPT_LENGTH = 280
_RSS_AUTHOR = re.compile(r"^\S+@\S+\s+\((.+)\)$")


@dataclass(frozen=True)
class Entry:
    """One thing someone wrote, from any feed.

    Attributes:
        id: Stable identity: the feed's id (namespaced by feed if not a URI), else the
            canonical link, else a hash of source, title and date.
        source: Name of the source it came from.
        kind: Kind of that source (community, mention, news, competitor…).
        tags: Tags of that source.
        title: Plain text.
        link: Canonical http(s) link (tracking removed), or ``None``.
        author: Plain text, ``""`` if unknown.
        published: When it was published (or updated), in UTC.
        excerpt: Plain text, at most about 280 characters.
        text: Plain text of title, summary and content, for rules.
        html: Sanitised HTML of the content, for internal outputs.
    """

    id: str
    source: str
    kind: str
    tags: tuple[str, ...]
    title: str
    link: str | None
    author: str
    published: datetime
    excerpt: str
    text: str
    html: str = ""


@dataclass(frozen=True)
class ParsedFeed:
    """The entries of one feed copy, or why it cannot be used."""

    entries: tuple[Entry, ...]
    broken: str = ""


def parse_feed(
    body: bytes, *, source: Source, content_type: str, fetched_at: datetime
) -> ParsedFeed:
    """Parse a feed copy into entries.

    Args:
        body: Raw bytes as fetched.
        source: The source the bytes came from.
        content_type: Response ``Content-Type`` (its charset drives encoding detection).
        fetched_at: When the copy was fetched: the date of undated entries and the latest
            date any entry may claim (future dates are clamped to it).

    Returns:
        The entries; ``broken`` says why when feedparser found nothing usable.
    """
    # Imported here: a build from parses kept in the cache never needs feedparser (~30 ms).
    import feedparser

    headers = {"content-type": content_type, "content-location": source.url}
    # A BytesIO, never raw bytes or str: feedparser would treat a string as a URL or a path.
    # Relative links are resolved by sanitise_html: feedparser's resolver reads attribute
    # values undecoded, so "&#106;avascript:x" became a link to <feed>/javascript:x.
    parsed = feedparser.parse(
        io.BytesIO(body), response_headers=headers, resolve_relative_uris=False
    )
    if parsed.get("bozo") and not parsed.get("entries"):
        exception = parsed.get("bozo_exception")
        return ParsedFeed((), f"not a readable feed ({exception or 'no entries'})")
    # Atom entries without an author inherit the feed's (RFC 4287 §4.2.1); RSS has no such rule.
    feed = parsed.get("feed", {})
    inherited = _author(feed, "") if str(parsed.get("version", "")).startswith("atom") else ""
    entries = (_entry(raw, source, fetched_at, inherited) for raw in parsed.get("entries", []))
    return ParsedFeed(tuple(entries))


def within_window(entries: Iterable[Entry], now: datetime, days: int) -> tuple[Entry, ...]:
    """Keep entries published in the ``days`` before ``now``."""
    start = now - timedelta(days=days)
    return tuple(e for e in entries if e.published >= start)


def _entry(
    raw: dict[str, object], source: Source, fetched_at: datetime, inherited_author: str
) -> Entry:
    title = _plain(raw, "title")
    link = canonical_url(_string(raw.get("link")))
    published = _date(raw, fetched_at)
    body_html, base = _content_html(raw)
    body_text = text.html_to_text(body_html)
    return Entry(
        id=_identity(raw, source, link, title, published),
        source=source.name,
        kind=source.kind,
        tags=source.tags,
        title=title,
        link=link,
        author=_author(raw, inherited_author),
        published=published,
        excerpt=text.excerpt(body_text, EXCERPT_LENGTH),
        text=text.clean_text(f"{title} {body_text}"),
        html=text.sanitise_html(body_html, base),
    )


def _string(value: object) -> str:
    return value if isinstance(value, str) else ""


def _plain(raw: dict[str, object], key: str) -> str:
    """Return a text field as plain text, whatever type the feed declared for it."""
    detail = raw.get(f"{key}_detail")
    declared = detail.get("type", "") if isinstance(detail, dict) else ""
    value = _string(raw.get(key))
    return text.html_to_text(value) if "html" in str(declared) else text.clean_text(value)


def _author(raw: dict[str, object], inherited: str) -> str:
    """The author's name, from whatever form the feed uses.

    RSS ``email (Name)`` is read here: feedparser's own split of it can cut the e-mail
    mid-domain. Atom names come from ``author_detail``; failing all, the feed's author.
    """
    plain = _plain(raw, "author")
    rss_style = _RSS_AUTHOR.match(plain)
    if rss_style:
        return rss_style.group(1).strip()
    detail = raw.get("author_detail")
    name = detail.get("name") if isinstance(detail, dict) else None
    if isinstance(name, str) and name.strip():
        return text.clean_text(name)
    return plain or inherited


def _content_html(raw: dict[str, object]) -> tuple[str, str]:
    """The body as HTML and its base URL: full content before the summary; plain text escaped."""
    contents = raw.get("content")
    candidates = contents if isinstance(contents, list) else []
    candidates = [*candidates, raw.get("summary_detail") or {}]
    for candidate in candidates:
        if isinstance(candidate, dict) and _string(candidate.get("value")).strip():
            value = _string(candidate.get("value"))
            is_html = "html" in _string(candidate.get("type"))
            return value if is_html else html.escape(value), _string(candidate.get("base"))
    return "", ""


def _date(raw: dict[str, object], fetched_at: datetime) -> datetime:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = raw.get(key)
        if value is not None:
            try:
                moment = datetime.fromtimestamp(calendar.timegm(value), UTC)  # type: ignore[arg-type]
            except (TypeError, ValueError, OverflowError):
                continue
            return min(moment, fetched_at)
    return fetched_at


def _identity(
    raw: dict[str, object], source: Source, link: str | None, title: str, when: datetime
) -> str:
    given = text.clean_text(_string(raw.get("id")))
    if given:
        # "1" or "post-7" are only unique within a feed; URIs (tag:, urn:, http:) are global.
        return given if ":" in given else f"{source.url}#{given}"
    if link:
        return link
    digest = hashlib.sha256(f"{source.name}\n{title}\n{when.isoformat()}".encode()).hexdigest()
    return f"urn:portavoz:{digest[:24]}"
