"""Threads through the Threads API (httpx): a media container (text, or an image from its
public URL with its alt text), then its publication; the parts of a thread are replies
(``reply_to_id``) to the part before.

There is no well-kept Python client for the Threads API; it is two documented form POSTs
per part, made through :mod:`.graph` (the Threads API has the Graph API's shape).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from portavoz.scheduler.publish.client import Sent, Thread
from portavoz.scheduler.publish.graph import graph_of
from portavoz.scheduler.publish.settings import Account, AccountSchema
from portavoz.scheduler.publish.steps import Image, Publication, Step, default_steps

SCHEMA = AccountSchema(
    base_default="https://graph.threads.net",
    required=("user_id",),
    optional={"version": "v1.0"},
    secrets={"token": "PORTAVOZ_THREADS_TOKEN"},
)
EDGES = ("threads", "threads_publish")
"""The container edge and the publish edge under ``/{threads-user-id}``."""


class ThreadsAdapter:
    """Posts to one Threads profile."""

    resend_window: dt.timedelta | None = None  # the Threads API has no idempotency key

    def __init__(
        self, account: Account, secrets: Mapping[str, str] | None, now: dt.datetime
    ) -> None:
        self.account = account
        self._graph = graph_of(account, secrets)

    @property
    def user(self) -> str:
        return self.account.options["user_id"]

    def steps(self, publication: Publication, image: Image | None) -> list[Step]:
        return default_steps(publication.variant, image, comments=False)

    def payload(self, publication: Publication, step: Step) -> dict[str, object]:
        found: dict[str, object] = {"edge": f"{self.user}/{EDGES[0]}", **self._fields(step)}
        if step.number > 1:
            found["reply_to_id"] = "(the part before)"
        return found

    def send(self, publication: Publication, step: Step, thread: Thread, key: str) -> Sent:
        fields = self._fields(step)
        if thread.parent is not None:
            fields["reply_to_id"] = thread.parent.id
        media_id, url = self._graph.publish_container(self.user, EDGES, fields)
        return Sent(media_id, url)

    def _fields(self, step: Step) -> dict[str, str]:
        if step.image is None:
            return {"media_type": "TEXT", "text": step.text}
        image = step.image
        return {
            "media_type": "IMAGE",
            "text": step.text,
            "image_url": image.url,
            "alt_text": image.alt,
        }
