"""A Facebook Page through the Graph API (httpx): ``/{page-id}/feed`` for a text,
``/{page-id}/photos`` for a photo with its caption and alt text, and the first comment on the
post (``/{post-id}/comments``).

There is no well-kept Python client for the Graph API (facebook-sdk's last release was in
2019); the API is three documented form POSTs, made through :mod:`.graph`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from portavoz.scheduler.publish import http
from portavoz.scheduler.publish.client import Sent, Thread
from portavoz.scheduler.publish.faults import Fault, FaultKind
from portavoz.scheduler.publish.graph import GraphAdapter
from portavoz.scheduler.publish.schemas import SCHEMAS
from portavoz.scheduler.publish.steps import Publication, Step, StepKind

if TYPE_CHECKING:
    import httpx

SCHEMA = SCHEMAS["facebook"]


class FacebookAdapter(GraphAdapter):
    """Posts to one Facebook Page with a Page access token."""

    TARGET = "page_id"
    COMMENTS = True

    def payload(self, publication: Publication, step: Step) -> dict[str, object]:
        if step.kind is StepKind.COMMENT:
            return {"edge": "{post-id}/comments", "message": step.text}
        if step.image is not None:
            return {
                "edge": f"{self.target}/photos",
                "message": step.text,
                "source": step.image.source,
                "alt_text_custom": step.image.alt,
            }
        return {"edge": f"{self.target}/feed", "message": step.text}

    def send(self, publication: Publication, step: Step, thread: Thread, key: str) -> Sent:
        with http.client() as client:
            if step.kind is StepKind.COMMENT:
                return self._comment(client, step, thread)
            if step.image is not None and step.image.path is not None:
                image = step.image
                path = image.path
                assert path is not None
                files = {"source": (path.name, path.read_bytes(), image.mime)}
                fields = {"message": step.text, "alt_text_custom": image.alt}
                made = self._graph.post(client, f"{self.target}/photos", fields, files)
                post_id = str(made.get("post_id") or made["id"])
            else:
                made = self._graph.post(client, f"{self.target}/feed", {"message": step.text})
                post_id = str(made["id"])
        return Sent(post_id, _post_url(post_id))

    def _comment(self, client: httpx.Client, step: Step, thread: Thread) -> Sent:
        if thread.root is None:
            raise Fault(FaultKind.REFUSED, "the post to comment on is not posted")
        made = self._graph.post(client, f"{thread.root.id}/comments", {"message": step.text})
        comment = str(made["id"])
        return Sent(comment, f"{_post_url(thread.root.id)}?comment_id={comment.rpartition('_')[2]}")


def _post_url(post_id: str) -> str:
    """``https://www.facebook.com/{page-id}/posts/{post-id}`` from ``{page-id}_{post-id}``."""
    page, _, post = post_id.partition("_")
    return (
        f"https://www.facebook.com/{page}/posts/{post}"
        if post
        else f"https://www.facebook.com/{page}"
    )
