"""Calls to the documented HTTP APIs through httpx, with their errors as faults.

The adapters without a client library that can target a configurable API base (X, LinkedIn,
Facebook, Instagram, Threads, Telegram) share this one place that turns status codes,
timeouts and lost connections into :class:`Fault` and reads the network's own error message.
Messages never quote a URL: Telegram's carries the bot token.
"""

from __future__ import annotations

import datetime as dt
import email.utils
from collections.abc import Mapping
from typing import TYPE_CHECKING

from portavoz.scheduler.base.inert import one_line
from portavoz.scheduler.publish.faults import Fault, FaultKind

if TYPE_CHECKING:
    import httpx

TIMEOUT, CONNECT_TIMEOUT = 30.0, 10.0
"""Seconds a request may take, and its connecting."""
_MESSAGE_LENGTH = 300


def client(**options: object) -> httpx.Client:
    """An httpx client with the timeouts (``options``: headers, auth…).

    httpx is imported here, when an adapter first sends: checking the options of
    ``portavoz/publish`` (every command does) reads the adapters' account keys only, and
    importing httpx costs about 0.05 s.
    """
    import httpx

    timeout = httpx.Timeout(TIMEOUT, connect=CONNECT_TIMEOUT)
    return httpx.Client(timeout=timeout, **options)  # type: ignore[arg-type]


def request(client: httpx.Client, method: str, url: str, **options: object) -> httpx.Response:
    """Send one request; a 2xx answer is returned, anything else raised as a fault.

    Raises:
        Fault: 429 (with Retry-After), 5xx, 4xx (the network's message), or no answer.
    """
    import httpx

    try:
        response = client.request(method, url, **options)  # type: ignore[arg-type]
    except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
        raise Fault(FaultKind.UNREACHABLE, type(exc).__name__) from None
    except httpx.TransportError as exc:  # read timeouts and broken connections
        raise Fault(FaultKind.TIMEOUT, type(exc).__name__) from None
    return checked(response)


def checked(response: httpx.Response) -> httpx.Response:
    """``response`` if it is a success, else its fault."""
    code = response.status_code
    if code < 400:
        return response
    message = f"HTTP {code}: {error_message(response)}".rstrip(": ")
    if code == 429:
        retry = retry_after(response.headers)
        if retry is None:  # Telegram says it in the body: {"parameters": {"retry_after": 5}}
            retry = _body_retry_after(response)
        raise Fault(FaultKind.RATE_LIMITED, message, retry)
    kind = FaultKind.UNAVAILABLE if code >= 500 else FaultKind.REFUSED
    raise Fault(kind, message)


def retry_after(headers: Mapping[str, str], now: dt.datetime | None = None) -> float | None:
    """Seconds from a ``Retry-After`` header (a number or an HTTP date), if there is one."""
    value = headers.get("retry-after", "").strip()
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    # The network's own date against the wall clock: how long it asks us to wait.
    moment = now or dt.datetime.now(dt.UTC)
    return max((when - moment).total_seconds(), 0.0)


def error_message(response: httpx.Response) -> str:
    """The network's own words for an error, wherever its API puts them."""
    try:
        data: object = response.json()
    except ValueError:
        return one_line(response.text[:_MESSAGE_LENGTH])
    return one_line(_message_in(data)[:_MESSAGE_LENGTH])


def _message_in(data: object) -> str:
    if not isinstance(data, Mapping):
        return ""
    error = data.get("error")
    if isinstance(error, Mapping):  # Graph API, Threads: {"error": {"message", "code"}}
        return str(error.get("message") or error.get("type") or "")
    errors = data.get("errors")
    if isinstance(errors, list) and errors and isinstance(errors[0], Mapping):  # X v2
        return str(errors[0].get("message") or errors[0].get("detail") or "")
    for key in ("description", "detail", "message", "title", "error"):  # Telegram, X, LinkedIn
        if isinstance(data.get(key), str) and data[key]:
            return str(data[key])
    return ""


def _body_retry_after(response: httpx.Response) -> float | None:
    try:
        parameters = response.json().get("parameters") or {}
        return float(parameters["retry_after"])
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
