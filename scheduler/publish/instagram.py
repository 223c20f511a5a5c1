"""Instagram through the Graph API (httpx): a media container made from the image's public
URL on the deployed site (Instagram fetches it; it takes no upload), its publication, and the
first comment on the published media (``/{media-id}/comments``).

An Instagram post is an image: ``portavoz check`` refuses a variant without one (the
network's ``needs_image``), so none reaches this adapter from a checked site; one that does
is refused here with the same words rather than sent. Instagram fetches JPEG images only.
"""

from __future__ import annotations

from portavoz.scheduler.publish import http
from portavoz.scheduler.publish.client import Sent, Thread
from portavoz.scheduler.publish.faults import Fault, FaultKind
from portavoz.scheduler.publish.graph import GraphAdapter, StatusFields
from portavoz.scheduler.publish.schemas import SCHEMAS
from portavoz.scheduler.publish.steps import Publication, Step, StepKind

SCHEMA = SCHEMAS["instagram"]
EDGES = ("media", "media_publish")
"""The container edge and the publish edge under ``/{ig-user-id}``."""
STATUS = StatusFields(status="status_code", error="status")
"""An IG container's ``status_code``; for ``ERROR``, ``status`` holds the error's subcode."""


class InstagramAdapter(GraphAdapter):
    """Posts to one Instagram professional account (business or creator)."""

    TARGET = "user_id"
    COMMENTS = True

    def payload(self, publication: Publication, step: Step) -> dict[str, object]:
        if step.kind is StepKind.COMMENT:
            return {"edge": "{media-id}/comments", "message": step.text}
        image = step.image
        return {
            "edge": f"{self.target}/{EDGES[0]}",
            "image_url": image.url if image else "(none: Instagram needs an image)",
            "caption": step.text,
            "alt_text": image.alt if image else "",
        }

    def send(self, publication: Publication, step: Step, thread: Thread, key: str) -> Sent:
        if step.kind is StepKind.COMMENT:
            return self._comment(step, thread)
        if step.image is None:
            raise Fault(FaultKind.REFUSED, "an Instagram post needs an image (image: in the post)")
        fields = {"image_url": step.image.url, "caption": step.text, "alt_text": step.image.alt}
        return self.publish_container(EDGES, fields, STATUS, key)

    def _comment(self, step: Step, thread: Thread) -> Sent:
        if thread.root is None:
            raise Fault(FaultKind.REFUSED, "the post to comment on is not posted")
        with http.client() as client:
            made = self._graph.post(client, f"{thread.root.id}/comments", {"message": step.text})
        return Sent(str(made["id"]), thread.root.url)
