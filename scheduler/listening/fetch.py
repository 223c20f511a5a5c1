"""Fetching feeds over HTTP with httpx.

Why httpx: it is well kept, speaks HTTP/1.1 (and HTTP/2 when asked), has explicit timeouts and
connection limits, streams responses, and offers the same API sync and async. feedparser's own
HTTP code is being removed upstream, so we fetch the bytes here and hand them to
``feedparser.parse`` with the response headers it needs for encoding detection.

Politeness: one shared client with a bounded pool, a ``User-Agent`` that names us and the site,
and conditional GET (``If-None-Match`` / ``If-Modified-Since``).

Safety, because every byte and header comes from outside:

- one wall-clock deadline per feed (``timeout``) covers resolving, connecting, every redirect,
  the headers and the body, so a server that drips its answer cannot hold the run;
- the body is capped (``max_bytes``) raw *and* decoded, decoding as it streams
  (:mod:`~portavoz.scheduler.listening.decoding`), so neither a huge body nor a compression bomb is
  ever held whole;
- only public addresses are connected to, on the first request and every redirect, unless the
  site lists the ``host:port`` (:mod:`~portavoz.scheduler.listening.addresses`); redirects are
  followed here, at most :data:`MAX_REDIRECTS`, and a permanent one is remembered only when
  every hop was allowed;
- validators (``ETag``, ``Last-Modified``) are kept only as short visible ASCII, since they are
  sent back as headers next time.

Feeds are fetched concurrently on one event loop; each result is reported as soon as it is
known, so the CLI can show progress, and one feed's failure is that feed's result only.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import httpcore
import httpx

from portavoz.scheduler.listening.addresses import GuardedBackend, Refused, listed
from portavoz.scheduler.listening.decoding import (
    ACCEPT_ENCODING,
    Decoder,
    EncodingRefused,
    TooLarge,
)

# What a fetch is asked and answers lives apart from the HTTP stack (the settings and the
# cache need it without loading httpx).
from portavoz.scheduler.listening.policy import (
    FetchPolicy,
    FetchRequest,
    FetchResult,
    Outcome,
    clean_etag,
    clean_last_modified,
)

_T = TypeVar("_T")

ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1"
)
PERMANENT_REDIRECTS = frozenset({301, 308})
REDIRECTS = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 5


def fetch_all(
    requests: Iterable[FetchRequest],
    policy: FetchPolicy,
    on_result: Callable[[FetchResult], None] | None = None,
) -> list[FetchResult]:
    """Fetch every feed concurrently, each within its own deadline.

    Args:
        requests: Feeds to fetch.
        policy: Deadline, size cap, parallelism, User-Agent and allowed private hosts.
        on_result: Called (from the calling thread) as each result arrives.

    Returns:
        One result per request, in the order given. Never raises for network trouble.
    """
    pending = list(requests)
    results = _run_loop(lambda: _fetch_all(pending, policy, on_result))
    return [results[r.name] for r in pending]


def _run_loop(make: Callable[[], Coroutine[object, object, _T]]) -> _T:
    """Run a coroutine to its end from synchronous code, whatever the calling thread runs.

    ``asyncio.run`` refuses to start inside a running event loop (a caller that drives one,
    such as Playwright's sync API, a notebook or an async MkDocs host); the fetches then get an
    event loop of their own on a short-lived thread.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(make())
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="portavoz-fetch") as pool:
        return pool.submit(lambda: asyncio.run(make())).result()


async def _fetch_all(
    pending: list[FetchRequest],
    policy: FetchPolicy,
    on_result: Callable[[FetchResult], None] | None,
) -> dict[str, FetchResult]:
    results: dict[str, FetchResult] = {}
    slots = asyncio.Semaphore(max(1, policy.concurrency))

    async def one(request: FetchRequest) -> FetchResult:
        async with slots:  # the deadline starts when the feed's turn comes
            return await fetch_one(client, request, policy)

    async with _client(policy) as client:
        for arrived in asyncio.as_completed([one(r) for r in pending]):
            result = await arrived
            results[result.name] = result
            if on_result is not None:
                on_result(result)
    return results


async def fetch_one(
    client: httpx.AsyncClient, request: FetchRequest, policy: FetchPolicy
) -> FetchResult:
    """Fetch one feed with a conditional GET within its deadline; every failure is a result."""
    try:
        return await asyncio.wait_for(_follow(client, request, policy), policy.timeout)
    except (TimeoutError, httpx.TimeoutException):
        return _failed(request, f"timed out after {policy.timeout:g} s")
    except TooLarge:
        return _failed(request, f"larger than the cap of {policy.max_bytes} bytes")
    except (Refused, EncodingRefused, _RedirectRefused) as error:
        return _failed(request, f"refused: {error}")
    except Exception as error:
        # Network errors, and any surprise a hostile answer provokes: that feed's failure only.
        return _failed(request, f"{type(error).__name__}: {error}")


class _RedirectRefused(Exception):
    pass


def _client(policy: FetchPolicy) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        headers={
            "User-Agent": policy.user_agent,
            "Accept": ACCEPT,
            "Accept-Encoding": ACCEPT_ENCODING,
        },
        timeout=httpx.Timeout(policy.timeout),
        transport=_GuardedTransport(policy),
        follow_redirects=False,  # followed in _follow, checking every hop
        # Proxies and .netrc from the environment would bypass the address policy or hand
        # credentials to feed hosts.
        trust_env=False,
    )


class _GuardedTransport(httpx.AsyncHTTPTransport):
    """httpx's transport over a connection pool whose every connection is address-checked."""

    def __init__(self, policy: FetchPolicy) -> None:
        limits = httpx.Limits(max_connections=max(1, policy.concurrency))
        super().__init__(limits=limits, trust_env=False)
        # httpx offers no public way to pass a network backend, so the pool is rebuilt with
        # the one httpx would have made, plus our backend.
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=GuardedBackend(policy.allow_private),
        )


async def _follow(
    client: httpx.AsyncClient, request: FetchRequest, policy: FetchPolicy
) -> FetchResult:
    """GET the feed, following up to :data:`MAX_REDIRECTS` redirects, and read its body."""
    url = httpx.URL(request.url)
    moved_to: str | None = None
    permanent = True  # still inside the leading run of 301/308 hops
    for _ in range(MAX_REDIRECTS + 1):
        async with client.stream("GET", url, headers=_conditional(request)) as response:
            target = _redirect_target(response)
            if target is None:
                body = await _read(response, policy.max_bytes)
                return _result(request, response, body, moved_to)
        _check_redirect(url, target, policy, str(request.url))
        permanent = permanent and response.status_code in PERMANENT_REDIRECTS
        moved_to = str(target) if permanent else moved_to
        url = target
    return _failed(request, f"more than {MAX_REDIRECTS} redirects")


def _redirect_target(response: httpx.Response) -> httpx.URL | None:
    location = response.headers.get("location")
    if response.status_code not in REDIRECTS or not location:
        return None
    return response.url.join(location)


def _check_redirect(origin: httpx.URL, target: httpx.URL, policy: FetchPolicy, first: str) -> None:
    """Refuse a redirect off http(s), or into an allowed private host from elsewhere."""
    if target.scheme not in {"http", "https"}:
        raise _RedirectRefused(f"redirect from {origin} to a {target.scheme!r} URL")
    start = httpx.URL(first)
    allowed = policy.allow_private
    into_listed = listed(target.host, target.port or _port(target), allowed)
    if into_listed and not listed(start.host, start.port or _port(start), allowed):
        # allow_private trusts those hosts for their own feeds, not as a target for others'.
        raise _RedirectRefused(
            f"redirect from {origin} to {target}, a host allow_private lists for its own feeds"
        )


def _port(url: httpx.URL) -> int:
    return 443 if url.scheme == "https" else 80


def _conditional(request: FetchRequest) -> dict[str, str]:
    headers = {}
    if etag := clean_etag(request.etag):
        headers["If-None-Match"] = etag
    if last_modified := clean_last_modified(request.last_modified):
        headers["If-Modified-Since"] = last_modified
    return headers


async def _read(response: httpx.Response, cap: int) -> bytes:
    """Read and decode at most ``cap`` bytes; the rest is never downloaded."""
    if response.status_code != 200:
        return b""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        raise TooLarge
    decoder = Decoder(response.headers.get_list("content-encoding", split_commas=True), cap)
    raw = 0
    async for chunk in response.aiter_raw():
        raw += len(chunk)
        if raw > cap:
            raise TooLarge
        decoder.feed(chunk)
    return bytes(decoder.body)


def _result(
    request: FetchRequest, response: httpx.Response, body: bytes, moved_to: str | None
) -> FetchResult:
    status = response.status_code
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
        etag=clean_etag(response.headers.get("etag")),
        last_modified=clean_last_modified(response.headers.get("last-modified")),
        moved_to=moved_to,
        error=error,
    )


def _failed(request: FetchRequest, error: str) -> FetchResult:
    return FetchResult(name=request.name, outcome=Outcome.FAILED, error=error)
