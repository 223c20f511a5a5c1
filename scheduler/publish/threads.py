"""Threads through the Threads API (httpx): a media container (text, or an image from its
public URL with its alt text), its status until it is ready, then its publication; the parts
of a thread are replies (``reply_to_id``) to the part before.

There is no well-kept Python client for the Threads API; it is two documented form POSTs
per part, made through :mod:`.graph` (the Threads API has the Graph API's shape).
"""

from __future__ import annotations

from portavoz.scheduler.publish.client import Sent, Thread
from portavoz.scheduler.publish.graph import GraphAdapter, StatusFields
from portavoz.scheduler.publish.schemas import SCHEMAS
from portavoz.scheduler.publish.steps import Publication, Step

SCHEMA = SCHEMAS["threads"]
EDGES = ("threads", "threads_publish")
"""The container edge and the publish edge under ``/{threads-user-id}``."""
STATUS = StatusFields(status="status", error="error_message")
"""A Threads container's ``status`` and, for ``ERROR``, its ``error_message``."""


class ThreadsAdapter(GraphAdapter):
    """Posts to one Threads profile."""

    TARGET = "user_id"
    COMMENTS = False

    def payload(self, publication: Publication, step: Step) -> dict[str, object]:
        found: dict[str, object] = {"edge": f"{self.target}/{EDGES[0]}", **self._fields(step)}
        if step.number > 1:
            found["reply_to_id"] = "(the part before)"
        return found

    def send(self, publication: Publication, step: Step, thread: Thread, key: str) -> Sent:
        fields = self._fields(step)
        if thread.parent is not None:
            fields["reply_to_id"] = thread.parent.id
        return self.publish_container(EDGES, fields, STATUS, key)

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
