"""LinkedIn through its Posts API (httpx): ``/rest/posts`` with the ``LinkedIn-Version``
header, an image uploaded through ``/rest/images?action=initializeUpload`` and attached with
its alt text, and the first comment through ``/rest/socialActions/{post}/comments``.

The commentary goes in LinkedIn's "little" format (the variant's ``api_text``: reserved
characters escaped, which the counters measured before escaping). There is no well-kept
Python client for the versioned REST API (linkedin-api scrapes the web app; the official
SDK is for Java and JavaScript).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

from portavoz.scheduler.publish import http
from portavoz.scheduler.publish.client import Sent, Thread, TokenAdapter
from portavoz.scheduler.publish.faults import Fault, FaultKind
from portavoz.scheduler.publish.http import request
from portavoz.scheduler.publish.schemas import LINKEDIN_VERSION, SCHEMAS
from portavoz.scheduler.publish.steps import Image, Publication, Step, StepKind

if TYPE_CHECKING:
    import httpx

SCHEMA = SCHEMAS["linkedin"]
# Upload URLs LinkedIn hands out live on its own hosts; the token goes to no other.
_UPLOAD_DOMAIN = "linkedin.com"


class LinkedInAdapter(TokenAdapter):
    """Posts as one member (``urn:li:person:…``) or organization (``urn:li:organization:…``)."""

    TARGET = "author"
    COMMENTS = True

    def payload(self, publication: Publication, step: Step) -> dict[str, object]:
        if step.kind is StepKind.COMMENT:
            return {"actor": self.target, "object": "(the post)", "message": {"text": step.text}}
        media = {"id": step.image.source, "altText": step.image.alt} if step.image else None
        return self._post(publication, step, media)

    def send(self, publication: Publication, step: Step, thread: Thread, key: str) -> Sent:
        with http.client(headers=self._headers) as client:
            if step.kind is StepKind.COMMENT:
                return self._comment(client, step, thread)
            media = None
            if step.image is not None and step.image.path is not None:
                media = {"id": self._upload(client, step.image), "altText": step.image.alt}
            body = self._post(publication, step, media)
            response = request(client, "POST", f"{self.account.api_base}/rest/posts", json=body)
        urn = response.headers.get("x-restli-id", "")
        if not urn:
            raise Fault(FaultKind.REFUSED, "LinkedIn answered without the post's id")
        return Sent(urn, f"https://www.linkedin.com/feed/update/{urn}/")

    @property
    def _headers(self) -> dict[str, str]:
        return {
            "Authorization": f"Bearer {self._token}",
            "LinkedIn-Version": self.account.options.get("version") or LINKEDIN_VERSION,
            "X-Restli-Protocol-Version": "2.0.0",
        }

    def _post(
        self, publication: Publication, step: Step, media: Mapping[str, str] | None
    ) -> dict[str, object]:
        # One part (LinkedIn has no threads): its api_text is the variant's, escaped.
        text = publication.variant.api_text or step.text
        body: dict[str, object] = {
            "author": self.target,
            "commentary": text,
            "visibility": "PUBLIC",
            "distribution": {
                "feedDistribution": "MAIN_FEED",
                "targetEntities": [],
                "thirdPartyDistributionChannels": [],
            },
            "lifecycleState": "PUBLISHED",
            "isReshareDisabledByAuthor": False,
        }
        if media:
            body["content"] = {"media": dict(media)}
        return body

    def _upload(self, client: httpx.Client, image: Image) -> str:
        """Upload the image; its ``urn:li:image:…``."""
        path = image.path
        assert path is not None
        url = f"{self.account.api_base}/rest/images?action=initializeUpload"
        body = {"initializeUploadRequest": {"owner": self.target}}
        value = request(client, "POST", url, json=body).json()["value"]
        upload = str(value["uploadUrl"])
        if not self._trusted(upload):
            raise Fault(FaultKind.REFUSED, "LinkedIn's upload address is not on linkedin.com")
        content = {"Content-Type": image.mime}
        request(client, "PUT", upload, content=path.read_bytes(), headers=content)
        return str(value["image"])

    def _trusted(self, url: str) -> bool:
        parts, base = urlsplit(url), urlsplit(self.account.api_base)
        host = parts.hostname or ""
        same = (parts.scheme, parts.netloc) == (base.scheme, base.netloc)
        ours = host == _UPLOAD_DOMAIN or host.endswith("." + _UPLOAD_DOMAIN)
        linkedin = parts.scheme == "https" and ours
        return same or linkedin

    def _comment(self, client: httpx.Client, step: Step, thread: Thread) -> Sent:
        if thread.root is None:
            raise Fault(FaultKind.REFUSED, "the post to comment on is not posted")
        post = thread.root.id
        url = f"{self.account.api_base}/rest/socialActions/{quote(post, safe='')}/comments"
        body = {"actor": self.target, "object": post, "message": {"text": step.text}}
        response = request(client, "POST", url, json=body)
        found = response.headers.get("x-restli-id", "")
        if not found:
            answer = response.json()
            found = str(answer.get("commentUrn") or answer.get("id") or "")
        return Sent(found, thread.root.url)
