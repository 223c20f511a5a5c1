"""What a feed fetch is asked and what it answers, without the HTTP stack.

The policy (deadline, size cap, parallelism, who we say we are, which private ``host:port``
pairs are allowed), one request, one result, and the validators kept for the next request.
:mod:`~portavoz.scheduler.listening.fetch` does the fetching with httpx; the settings, the
cache and ``portavoz review`` (which reads the cache offline) need only these, and importing
httpx and httpcore costs about a tenth of a second at every start.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

HostPort = tuple[str, int]


def parse_host_port(text: str) -> HostPort | None:
    """Read an ``allow_private`` entry such as ``127.0.0.1:8080`` or ``[::1]:8080``.

    Returns:
        The lower-case host (without IPv6 brackets) and the port, or ``None`` if malformed.
    """
    host, colon, port = text.strip().rpartition(":")
    host = host.strip("[]").lower()
    if not colon or not host or not port.isdigit() or not 0 < int(port) < 65536:
        return None
    return host, int(port)


#: Longest validator kept; real ETags and HTTP dates are far shorter.
MAX_VALIDATOR = 256


class Outcome(enum.StrEnum):
    """How a fetch ended."""

    FETCHED = "fetched"
    NOT_MODIFIED = "not modified"
    GONE = "gone"
    FAILED = "failed"


@dataclass(frozen=True)
class FetchPolicy:
    """How to fetch: deadline and size cap per feed, parallelism, who we say we are.

    Attributes:
        timeout: Seconds a feed may take, from resolving its host to its last byte, redirects
            included.
        max_bytes: Largest body accepted, raw and decoded.
        concurrency: Feeds fetched at the same time.
        user_agent: The ``User-Agent`` header.
        allow_private: ``(host, port)`` pairs that may be loopback or private addresses.
    """

    timeout: float = 10.0
    max_bytes: int = 2_000_000
    concurrency: int = 64  # all feeds at once: a round lasts as long as its slowest feed
    user_agent: str = "portavoz"
    allow_private: tuple[HostPort, ...] = ()


@dataclass(frozen=True)
class FetchRequest:
    """One feed to fetch, with the validators of the copy we hold."""

    name: str
    url: str
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class FetchResult:
    """What came back for one feed.

    Attributes:
        name: Source name of the request.
        outcome: Fetched, not modified, gone or failed.
        status: Final HTTP status, if a response arrived.
        body: Feed bytes when fetched, decoded.
        content_type: ``Content-Type`` of the response.
        etag: ``ETag`` of the response, if it is one we can send back.
        last_modified: ``Last-Modified`` of the response, likewise.
        moved_to: Target of permanent redirects (301/308) to fetch from next time.
        error: Why it failed, in words.
    """

    name: str
    outcome: Outcome
    status: int | None = None
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    moved_to: str | None = None
    error: str = ""


def user_agent(version: str, site_url: str | None) -> str:
    """Return ``portavoz/<version> (+<site_url>)``, so feed owners know who is asking."""
    return f"portavoz/{version} (+{site_url})" if site_url else f"portavoz/{version}"


def clean_etag(value: object) -> str | None:
    """``value`` if it can be sent back as ``If-None-Match`` (visible ASCII, short), else None."""
    return _visible(value, "")


def clean_last_modified(value: object) -> str | None:
    """``value`` if it can be sent back as ``If-Modified-Since`` (an HTTP date has spaces)."""
    return _visible(value, " ")


def _visible(value: object, also: str) -> str | None:
    if not isinstance(value, str) or not value or len(value) > MAX_VALIDATOR:
        return None
    return value if all("!" <= ch <= "~" or ch in also for ch in value) else None
