"""Feeds of a site in three formats: RSS 2.0, Atom 1.0 and JSON Feed 1.1.

One writer drives the three formats: :func:`render_feed` cleans the entries once (control
characters out, URLs absolute, newest first) into a :class:`FeedView`, and hands that view to
the format's renderer — a Jinja2 template with XML autoescaping for RSS and Atom, and
:func:`json.dumps` for JSON Feed.

The output follows the rules the W3C Feed Validation Service checks: RSS channels carry
``title``, ``link``, ``description`` and an ``atom:link rel="self"``; RSS dates are RFC 822
in GMT; Atom feeds carry ``id``, ``title``, ``updated`` and a feed-level ``author`` (the
site) so that entries without authors stay valid; Atom and JSON Feed dates are RFC 3339 in
UTC; every URL is absolute; every text is escaped and free of characters XML forbids.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import html
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from email.utils import format_datetime
from typing import Any, TypeVar
from urllib.parse import quote, urljoin, urlsplit

import jinja2

from portavoz.scheduler.outputs.model import FeedEntry, FeedInfo


class FeedFormat(enum.StrEnum):
    """A format every feed is written in."""

    RSS = "rss"
    ATOM = "atom"
    JSON = "json"


FEED_FORMATS: tuple[FeedFormat, ...] = tuple(FeedFormat)
"""Feed formats, in the order sites usually advertise them."""

_SUFFIXES = {FeedFormat.RSS: ".rss.xml", FeedFormat.ATOM: ".atom.xml", FeedFormat.JSON: ".json"}
_MEDIA_TYPES = {
    FeedFormat.RSS: "application/rss+xml",
    FeedFormat.ATOM: "application/atom+xml",
    FeedFormat.JSON: "application/feed+json",
}
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
GENERATOR = "portavoz"
# Written even when empty: JSON Feed 1.1 requires them (an item needs one of the contents).
_JSON_REQUIRED = frozenset({"version", "title", "items", "id", "content_text"})
# JSON Feed has no field for these; its extension objects (keys starting with "_") carry them.
_EXTENSION = "_portavoz"

# XML 1.0 forbids C0 controls other than tab, line feed and carriage return, lone surrogates
# and U+FFFE/U+FFFF; DEL and the C1 controls are allowed but never meaningful in content, and
# the feed validator flags them, so they go too.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"
# HTML's longest named character reference (&CounterClockwiseContourIntegral;) is 33 long.
_LONGEST_REFERENCE = 40
_Item = TypeVar("_Item", FeedEntry, FeedInfo)


@dataclass(frozen=True)
class FeedView:
    """What every format renders: one feed, cleaned and ordered.

    Attributes:
        info: The feed, its texts cleaned and its description never empty.
        entries: The entries newest first, texts cleaned, URLs absolute, ``updated`` set.
        home_url: Absolute URL of the site.
        self_url: Absolute URL of the feed file being written.
        self_type: Media type of that file.
        feed_id: Permanent identifier of the feed (Atom ``id``).
    """

    info: FeedInfo
    entries: tuple[FeedEntry, ...]
    home_url: str
    self_url: str
    self_type: str
    feed_id: str


def strip_controls(text: str) -> str:
    """Remove the characters XML and iCalendar cannot carry (keeps tab and line breaks).

    Args:
        text: Any text, possibly from outside.

    Returns:
        The text without C0/C1 control characters (except ``\\t``, ``\\n``, ``\\r``), DEL,
        lone surrogates and the non-characters U+FFFE and U+FFFF.
    """
    return _CONTROLS.sub("", text)


def media_type(fmt: str) -> str:
    """The media type a feed format is served with.

    Raises:
        ValueError: ``fmt`` is not one of :data:`FEED_FORMATS`.
    """
    return _MEDIA_TYPES[_known(fmt)]


def feed_files(info: FeedInfo) -> dict[FeedFormat, str]:
    """Where each format of a feed lives, relative to the site root.

    Returns:
        Format → path, e.g. ``{"rss": "feeds/all.rss.xml", "atom": "feeds/all.atom.xml",
        "json": "feeds/all.json"}`` for the key ``feeds/all``.
    """
    key = info.key.strip("/")
    return {fmt: f"{key}{_SUFFIXES[fmt]}" for fmt in FEED_FORMATS}


def feed_url(info: FeedInfo, fmt: str) -> str:
    """The absolute URL of one format of a feed (its self link).

    Raises:
        ValueError: Unknown format, or ``info.base_url`` is not an absolute http(s) URL.
    """
    base = _absolute(info.base_url, info.base_url)
    return urljoin(base if base.endswith("/") else f"{base}/", feed_files(info)[_known(fmt)])


def render_feed(fmt: str, info: FeedInfo, entries: Sequence[FeedEntry]) -> str:
    """Write one feed in one format.

    Args:
        fmt: One of :data:`FEED_FORMATS`.
        info: The feed as a whole.
        entries: Its entries, in any order; written newest first.

    Returns:
        The document, ending with a line break.

    Raises:
        ValueError: Unknown format, a naive datetime, a URL that cannot be made absolute,
            or two entries with the same id.
    """
    return _RENDERERS[_known(fmt)](feed_view(fmt, info, entries))


def feed_view(fmt: str, info: FeedInfo, entries: Sequence[FeedEntry]) -> FeedView:
    """Clean and order a feed for rendering (see :func:`render_feed` for the errors)."""
    home = _absolute(info.site_url, info.site_url)
    clean_info = _cleaned(info)
    clean_info = replace(clean_info, description=clean_info.description or clean_info.title)
    _aware(info.updated, "feed updated")
    views = [_entry_view(entry, home) for entry in entries]
    _check_unique_ids(views)
    return FeedView(
        info=clean_info,
        entries=tuple(sorted(views, key=_newest_first_key, reverse=True)),
        home_url=home,
        self_url=feed_url(info, fmt),
        self_type=media_type(fmt),
        feed_id=feed_url(info, FeedFormat.ATOM),
    )


def rfc822(moment: dt.datetime) -> str:
    """An RSS date: RFC 822 with a four-digit year, in GMT (``Fri, 15 Jan 2027 08:00:00 GMT``)."""
    return format_datetime(_utc(moment), usegmt=True)


def rfc3339(moment: dt.datetime) -> str:
    """An Atom/JSON Feed date: RFC 3339 in UTC to the second, e.g. ``2027-01-15T08:00:00Z``."""
    return _utc(moment).isoformat(timespec="seconds").replace("+00:00", "Z")


def _known(fmt: str) -> FeedFormat:
    if fmt not in FEED_FORMATS:
        raise ValueError(f"unknown feed format '{fmt}' (known: {', '.join(FEED_FORMATS)})")
    return FeedFormat(fmt)


def _aware(moment: dt.datetime, what: str) -> dt.datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{what}: {moment.isoformat()} has no timezone")
    return moment


def _utc(moment: dt.datetime) -> dt.datetime:
    return _aware(moment, "feed date").astimezone(dt.UTC)


def _newest_first_key(entry: FeedEntry) -> tuple[dt.datetime, str]:
    return _utc(entry.published), entry.id


def _check_unique_ids(entries: Sequence[FeedEntry]) -> None:
    seen: set[str] = set()
    for entry in entries:
        if entry.id in seen:
            raise ValueError(f"two feed entries share the id '{entry.id}'")
        seen.add(entry.id)


def _absolute(base: str, url: str) -> str:
    """``url`` resolved against ``base`` and encoded; it must end up an absolute http(s) URL.

    Spaces and non-ASCII characters are percent-encoded and international host names written
    in IDNA (validators reject raw ones in RSS); reserved characters and existing ``%XX``
    escapes are kept as they are.
    """
    parts = urlsplit(urljoin(base, url.strip()))
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ValueError(f"'{url}' is not an absolute http(s) URL (nor relative to '{base}')")
    try:
        host = parts.netloc.encode("idna").decode("ascii")
    except UnicodeError:
        raise ValueError(f"'{url}': '{parts.netloc}' is not a valid host name") from None
    return quote(parts._replace(netloc=host).geturl(), safe=_URL_SAFE)


def _cleaned(item: _Item) -> _Item:
    """A copy of ``item`` with control characters stripped from every text field."""
    # Any: the values are checked per field here, which mypy cannot follow through replace().
    changes: dict[str, Any] = {}
    for field in fields(item):
        value = getattr(item, field.name)
        if isinstance(value, str):
            changes[field.name] = strip_controls(value)
        elif isinstance(value, tuple):
            changes[field.name] = tuple(strip_controls(str(part)) for part in value)
    return replace(item, **changes)


def _entry_view(entry: FeedEntry, home: str) -> FeedEntry:
    clean = _cleaned(entry)
    published = _aware(entry.published, f"entry '{entry.id}' published")
    updated = _aware(entry.updated, f"entry '{entry.id}' updated") if entry.updated else None
    url = _absolute(home, clean.url)
    return replace(
        clean,
        url=url,
        image=_absolute(home, clean.image) if clean.image else "",
        updated=max(updated, published) if updated else published,
    )


@functools.cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("portavoz.scheduler.outputs", "templates"),
        autoescape=True,  # XML: every value is escaped unless marked safe, and none is.
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters.update(rfc822=rfc822, rfc3339=rfc3339, as_html=_as_html)
    environment.globals["generator"] = GENERATOR
    return environment


def _as_html(text: str) -> str:
    """Plain text for RSS ``description``, which some readers take as HTML and others as text.

    The template escapes the result for XML. Only what HTML would read differently is escaped
    once more: every ``<`` (it could open a tag, so ``<script>`` stays text) and an ``&`` that
    starts a character reference (``&copy``). Any other ``&`` — a link's ``&utm_medium`` — is
    left alone, so that a reader taking the element as plain text shows it as written.
    """
    first, *rest = text.split("&")
    pieces = [first, *(("&amp;" if _starts_reference(part) else "&") + part for part in rest)]
    return "".join(pieces).replace("<", "&lt;")


def _starts_reference(after: str) -> bool:
    """Whether an ``&`` followed by ``after`` (which holds no ``&``) is a reference in HTML."""
    head = "&" + after[:_LONGEST_REFERENCE]
    return html.unescape(head) != head


def _template_renderer(name: str) -> Callable[[FeedView], str]:
    def render(view: FeedView) -> str:
        return _environment().get_template(name).render(view=view)

    return render


def _json_feed(view: FeedView) -> str:
    info = view.info
    feed = _compact(
        {
            "version": JSON_FEED_VERSION,
            "title": info.title,
            "home_page_url": view.home_url,
            "feed_url": view.self_url,
            "description": info.description,
            "language": info.language,
            "authors": [{"name": info.title, "url": view.home_url}],
            "items": [_json_item(entry) for entry in view.entries],
        }
    )
    return json.dumps(feed, ensure_ascii=False, indent=2) + "\n"


def _json_item(entry: FeedEntry) -> dict[str, object]:
    return _compact(
        {
            "id": entry.id,
            "url": entry.url,
            "title": entry.title,
            "summary": entry.summary,
            "content_text": entry.summary,  # JSON Feed requires a content; the summary is it
            "image": entry.image,
            "date_published": rfc3339(entry.published),
            "date_modified": rfc3339(entry.updated or entry.published),
            "authors": [{"name": name} for name in entry.authors],
            "tags": list(entry.categories),
            "language": entry.language,
            _EXTENSION: _compact(
                {
                    "content_warning": entry.content_warning,
                    "first_comment": entry.first_comment,
                    "image_alt": entry.image_alt,
                }
            ),
        }
    )


def _compact(mapping: dict[str, object]) -> dict[str, object]:
    """JSON Feed omits empty optional fields rather than writing ``""`` or ``[]``."""
    return {key: value for key, value in mapping.items() if value or key in _JSON_REQUIRED}


_RENDERERS: dict[FeedFormat, Callable[[FeedView], str]] = {
    FeedFormat.RSS: _template_renderer("rss.xml.j2"),
    FeedFormat.ATOM: _template_renderer("atom.xml.j2"),
    FeedFormat.JSON: _json_feed,
}
