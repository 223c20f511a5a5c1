"""The shape of a network adapter: one module per network under ``publish/``.

An adapter turns a :class:`~portavoz.scheduler.publish.steps.Step` into the network's own
request through its client library (or httpx against the documented API), and the network's
errors into :class:`~portavoz.scheduler.publish.faults.Fault`. The run loop never asks which
network it has in hand.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar, Protocol

from portavoz.scheduler.publish.settings import Account
from portavoz.scheduler.publish.steps import Image, Publication, Step, default_steps


@dataclass(frozen=True)
class Sent:
    """What the network answered: the remote id and the public URL."""

    id: str
    url: str
    extra: Mapping[str, str] | None = None
    """What a reply needs besides the id (a Bluesky record's ``cid``)."""


@dataclass(frozen=True)
class Thread:
    """Where a step goes: under ``parent`` (the step before it), in the thread of ``root``."""

    root: Sent | None = None
    parent: Sent | None = None


def idempotency_key(post: str, network: str, step: int) -> str:
    """The same key for the same part on every run (Mastodon's ``Idempotency-Key``…)."""
    digest = hashlib.sha256(f"{post}\n{network}\n{step}".encode()).hexdigest()
    return f"portavoz-{digest[:32]}"


class Adapter(Protocol):
    """One network's way of posting."""

    @property
    def resend_window(self) -> dt.timedelta | None:
        """How long after an attempt without a result sending again is harmless (the
        network recognises the repeat); ``None``: never (the attempt is uncertain)."""
        ...

    def steps(self, publication: Publication, image: Image | None) -> list[Step]:
        """The steps of this variant on this network (parts, first comment…)."""
        ...

    def payload(self, publication: Publication, step: Step) -> dict[str, object]:
        """What would be sent for ``step`` (the dry run prints it); never a secret."""
        ...

    def send(self, publication: Publication, step: Step, thread: Thread, key: str) -> Sent:
        """Send ``step``.

        Args:
            publication: The variant.
            step: The step.
            thread: The steps already posted it replies to.
            key: Its idempotency key (the same on every run).

        Raises:
            Fault: The network did not take it.
        """
        ...


class AdapterFactory(Protocol):
    """Makes an adapter for an account; ``secrets`` is ``None`` for a dry run."""

    def __call__(
        self, account: Account, secrets: Mapping[str, str] | None, now: dt.datetime
    ) -> Adapter: ...


class TokenAdapter:
    """What the adapters that post with one token over httpx share (Facebook, Instagram,
    Threads, LinkedIn, Telegram): the account, its token, the account option that names where
    they post, and the default steps. Their APIs take no idempotency key.

    A subclass says which option names the target (``TARGET``) and whether the first comment is
    a step of its own (``COMMENTS``); it keeps only its own network's requests.
    """

    resend_window: dt.timedelta | None = None  # none of these APIs has an idempotency key
    TARGET: ClassVar[str]
    """The required account option naming the page, user, author or chat posted to."""
    COMMENTS: ClassVar[bool]
    """Whether the variant's first comment is posted as a step of its own."""

    def __init__(
        self, account: Account, secrets: Mapping[str, str] | None, now: dt.datetime
    ) -> None:
        self.account = account
        self._token = (secrets or {}).get("token", "")

    @property
    def target(self) -> str:
        """The account's ``TARGET`` option (a page id, a user id, an author URN, a chat)."""
        return self.account.options[self.TARGET]

    def steps(self, publication: Publication, image: Image | None) -> list[Step]:
        """The variant's parts, its image and (where ``COMMENTS``) its first comment."""
        return default_steps(publication.variant, image, comments=self.COMMENTS)
