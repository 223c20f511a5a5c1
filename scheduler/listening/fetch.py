"""Fetching feeds over HTTP with httpx.

Why httpx: it is well kept, speaks HTTP/1.1 (and HTTP/2 when asked), has explicit timeouts and
connection limits, streams responses, and offers the same API sync and async. feedparser's own
HTTP code is being removed upstream, so we fetch the bytes here and hand them to
``feedparser.parse`` with the response headers it needs for encoding detection.

Politeness and safety: one shared client with a bounded pool, a ``User-Agent`` that names us and
the site, conditional GET (``If-None-Match`` / ``If-Modified-Since``), a per-feed time budget,
and a size cap enforced while streaming (a huge or endless body is cut off, never read whole).
Feeds are fetched concurrently in threads (the client is thread-safe); each result is reported
as soon as it is known so the CLI can show progress.
"""

from __future__ import annotations

import enum
import itertools
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass

import httpx

ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1"
)
PERMANENT_REDIRECTS = frozenset({301, 308})


class Outcome(enum.StrEnum):
    """How a fetch ended."""

    FETCHED = "fetched"
    NOT_MODIFIED = "not modified"
    GONE = "gone"
    FAILED = "failed"


@dataclass(frozen=True)
class FetchPolicy:
    """How to fetch: time budget and size cap per feed, parallelism, who we say we are."""

    timeout: float = 10.0
    max_bytes: int = 2_000_000
    concurrency: int = 64  # all feeds at once: a round lasts as long as its slowest feed
    user_agent: str = "portavoz"


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
        body: Feed bytes when fetched.
        content_type: ``Content-Type`` of the response.
        etag: ``ETag`` of the response.
        last_modified: ``Last-Modified`` of the response.
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


class _TooLarge(Exception):
    pass


class _TooSlow(Exception):
    pass


def user_agent(version: str, site_url: str | None) -> str:
    """Return ``portavoz/<version> (+<site_url>)``, so feed owners know who is asking."""
    return f"portavoz/{version} (+{site_url})" if site_url else f"portavoz/{version}"


def fetch_all(
    requests: Iterable[FetchRequest],
    policy: FetchPolicy,
    on_result: Callable[[FetchResult], None] | None = None,
) -> list[FetchResult]:
    """Fetch every feed concurrently.

    Args:
        requests: Feeds to fetch.
        policy: Timeouts, size cap, parallelism and User-Agent.
        on_result: Called (from the calling thread) as each result arrives.

    Returns:
        One result per request, in the order given. Never raises for network trouble.
    """
    pending = list(requests)
    results: dict[str, FetchResult] = {}
    with _client(policy) as client, ThreadPoolExecutor(max(1, policy.concurrency)) as pool:
        futures = [pool.submit(fetch_one, client, r, policy) for r in pending]
        for future in as_completed(futures):
            result = future.result()
            results[result.name] = result
            if on_result is not None:
                on_result(result)
    return [results[r.name] for r in pending]


def fetch_one(client: httpx.Client, request: FetchRequest, policy: FetchPolicy) -> FetchResult:
    """Fetch one feed with a conditional GET; turn every failure into a result."""
    deadline = time.monotonic() + policy.timeout
    try:
        with client.stream("GET", request.url, headers=_conditional(request)) as response:
            return _result(request, response, _read(response, policy.max_bytes, deadline))
    except (httpx.TimeoutException, _TooSlow):
        return _failed(request, f"timed out after {policy.timeout:g} s")
    except _TooLarge:
        return _failed(request, f"larger than the cap of {policy.max_bytes} bytes")
    except httpx.TooManyRedirects:
        return _failed(request, "too many redirects")
    except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError) as error:
        return _failed(request, f"{type(error).__name__}: {error}")


def _client(policy: FetchPolicy) -> httpx.Client:
    return httpx.Client(
        headers={"User-Agent": policy.user_agent, "Accept": ACCEPT},
        timeout=httpx.Timeout(policy.timeout),
        limits=httpx.Limits(max_connections=max(1, policy.concurrency)),
        follow_redirects=True,
        max_redirects=5,
    )


def _conditional(request: FetchRequest) -> dict[str, str]:
    headers = {}
    if request.etag:
        headers["If-None-Match"] = request.etag
    if request.last_modified:
        headers["If-Modified-Since"] = request.last_modified
    return headers


def _read(response: httpx.Response, cap: int, deadline: float) -> bytes:
    """Read at most ``cap`` bytes before ``deadline``; the rest is never downloaded."""
    if response.status_code != 200:
        return b""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        raise _TooLarge
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > cap:
            raise _TooLarge
        if time.monotonic() > deadline:
            raise _TooSlow
        chunks.append(chunk)
    return b"".join(chunks)


def _result(request: FetchRequest, response: httpx.Response, body: bytes) -> FetchResult:
    status = response.status_code
    moved_to = _permanent_target(response)
    if status == 304:
        outcome, error = Outcome.NOT_MODIFIED, ""
    elif status == 410:
        outcome, error = Outcome.GONE, "410 Gone"
    elif status == 200:
        outcome, error = Outcome.FETCHED, ""
    else:
        outcome, error = Outcome.FAILED, f"HTTP {status} {response.reason_phrase}".strip()
    return FetchResult(
        name=request.name,
        outcome=outcome,
        status=status,
        body=body,
        content_type=response.headers.get("content-type", ""),
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
        moved_to=moved_to,
        error=error,
    )


def _permanent_target(response: httpx.Response) -> str | None:
    """Follow the leading run of 301/308 hops: that is where the feed now lives for good."""
    target = None
    hops = [*response.history, response]
    for hop, following in itertools.pairwise(hops):
        if hop.status_code not in PERMANENT_REDIRECTS:
            break
        target = str(following.request.url)
    return target


def _failed(request: FetchRequest, error: str) -> FetchResult:
    return FetchResult(name=request.name, outcome=Outcome.FAILED, error=error)
