"""What can go wrong talking to a network, and how often to try again.

Every adapter turns its library's errors into one :class:`Fault`, so the policy is one:
a rate limit waits as long as the network asks (within a bound), an unavailable network is
tried again with backoff, a refusal is reported with the network's own words. Waiting goes
through an injected ``sleep``, so tests never wait.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


class FaultKind(enum.StrEnum):
    """Why a request failed."""

    RATE_LIMITED = "rate limited"  # 429: wait Retry-After, then again
    UNAVAILABLE = "unavailable"  # 5xx: the network did not take it; again, with backoff
    UNREACHABLE = "unreachable"  # no connection: nothing was sent; again, with backoff
    TIMEOUT = "timeout"  # sent, no answer: it may have arrived
    REFUSED = "refused"  # 4xx: the network said no; never again by itself


@dataclass
class Fault(Exception):
    """A failed request, in the network's own words.

    Attributes:
        kind: Why.
        message: What the network said (never a secret, never a URL with a token in it).
        retry_after: Seconds the network asked to wait (429), if it said.
    """

    kind: FaultKind
    message: str
    retry_after: float | None = None

    def __str__(self) -> str:
        return f"{self.kind.value}: {self.message}" if self.message else self.kind.value


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to try again.

    Attributes:
        attempts: Tries in all (the first included).
        backoff: Seconds before the second try; doubled before each next one.
        max_wait: The longest wait portavoz accepts (a longer Retry-After fails the part,
            which the next run tries again).
    """

    attempts: int = 4
    backoff: float = 2.0
    max_wait: float = 120.0


Sleep = Callable[[float], None]


def with_retries(
    call: Callable[[], T], policy: RetryPolicy, sleep: Sleep, *, idempotent: bool
) -> T:
    """Run ``call``, trying again after rate limits, 5xx answers and lost connections.

    Args:
        call: Sends one request (or a few that are safe to repeat).
        policy: How often, how long.
        sleep: Waits that many seconds.
        idempotent: Whether repeating a request that may have arrived is harmless (an
            idempotency key, a fixed record key); without it a timeout is not tried again.

    Raises:
        Fault: The last fault, or the first one not worth trying again.
    """
    wait = policy.backoff
    for attempt in range(1, policy.attempts + 1):
        try:
            return call()
        except Fault as fault:
            pause = _pause(fault, wait, policy, idempotent)
            if pause is None or attempt == policy.attempts:
                raise
            sleep(pause)
            wait *= 2
    raise AssertionError("unreachable: the loop returns or raises")


def _pause(fault: Fault, wait: float, policy: RetryPolicy, idempotent: bool) -> float | None:
    if fault.kind is FaultKind.RATE_LIMITED:
        asked = wait if fault.retry_after is None else max(fault.retry_after, 0.0)
        if asked > policy.max_wait:
            fault.message = (
                f"{fault.message}; the network asks to wait {asked:.0f} s, over portavoz's "
                f"bound of {policy.max_wait:.0f} s (the next run tries again)"
            ).lstrip("; ")
            return None
        return asked
    if fault.kind in (FaultKind.UNAVAILABLE, FaultKind.UNREACHABLE):
        return min(wait, policy.max_wait)
    if fault.kind is FaultKind.TIMEOUT and idempotent:
        return min(wait, policy.max_wait)
    return None
