"""X through the X API v2 (httpx), signed with OAuth 1.0a user context (oauthlib).

``POST /2/tweets`` posts a part, a reply to the part before (``reply.in_reply_to_tweet_id``);
an image is uploaded first (``POST /2/media/upload``) and given its alt text
(``POST /2/media/metadata``). tweepy's ``Client`` cannot be pointed at another API base (it
hard-codes ``https://api.twitter.com``), so neither a self-hosted proxy nor the local fakes
could be used; its v1.1 media upload is being retired. OAuth 1.0a keeps the tokens an account
owner makes once in the developer portal valid without refreshing (OAuth 2.0 user tokens
expire after two hours and need a refresh flow a CI job cannot answer).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from portavoz.scheduler.publish import http
from portavoz.scheduler.publish.client import Sent, Thread
from portavoz.scheduler.publish.http import request
from portavoz.scheduler.publish.schemas import SCHEMAS
from portavoz.scheduler.publish.settings import Account
from portavoz.scheduler.publish.steps import Image, Publication, Step, default_steps

if TYPE_CHECKING:
    import httpx

SCHEMA = SCHEMAS["x"]


def oauth1(secrets: Mapping[str, str]) -> Callable[[httpx.Request], httpx.Request]:
    """Signs each request with HMAC-SHA1 (X's OAuth 1.0a user context), as httpx's ``auth``.

    JSON and multipart bodies are not part of the signature (RFC 5849 signs form bodies
    only), so the URL and method are signed. The timestamp is the wall clock's, not the
    simulated one: X refuses a signature more than a few minutes off.
    """
    from oauthlib.oauth1 import Client

    client = Client(
        secrets.get("api_key", ""),
        client_secret=secrets.get("api_secret", ""),
        resource_owner_key=secrets.get("access_token", ""),
        resource_owner_secret=secrets.get("access_secret", ""),
    )

    def sign(request: httpx.Request) -> httpx.Request:
        _, headers, _ = client.sign(str(request.url), http_method=request.method)
        request.headers["Authorization"] = headers["Authorization"]
        return request

    return sign


class XAdapter:
    """Posts to one X account."""

    resend_window: dt.timedelta | None = None  # POST /2/tweets has no idempotency key

    def __init__(
        self, account: Account, secrets: Mapping[str, str] | None, now: dt.datetime
    ) -> None:
        self.account = account
        self._secrets = dict(secrets or {})

    def steps(self, publication: Publication, image: Image | None) -> list[Step]:
        return default_steps(publication.variant, image, comments=False)

    def payload(self, publication: Publication, step: Step) -> dict[str, object]:
        found: dict[str, object] = {"text": step.text}
        if step.number > 1:
            found["reply"] = {"in_reply_to_tweet_id": "(the part before)"}
        if step.image is not None:
            found["media"] = {"media_ids": [step.image.source], "alt_text": step.image.alt}
        return found

    def send(self, publication: Publication, step: Step, thread: Thread, key: str) -> Sent:
        base = self.account.api_base
        with http.client(auth=oauth1(self._secrets)) as client:
            body: dict[str, object] = {"text": step.text}
            if thread.parent is not None:
                body["reply"] = {"in_reply_to_tweet_id": thread.parent.id}
            if step.image is not None and step.image.path is not None:
                body["media"] = {"media_ids": [self._upload(client, step.image)]}
            data = request(client, "POST", f"{base}/2/tweets", json=body).json()["data"]
        tweet = str(data["id"])
        # X redirects /i/web/status/{id} to the account's own address.
        return Sent(tweet, f"https://x.com/i/web/status/{tweet}")

    def _upload(self, client: httpx.Client, image: Image) -> str:
        """Upload the image and give it its alt text; the media id."""
        path = image.path
        assert path is not None
        base = self.account.api_base
        files = {"media": (path.name, path.read_bytes(), image.mime)}
        fields = {"media_category": "tweet_image", "media_type": image.mime}
        answer = request(client, "POST", f"{base}/2/media/upload", data=fields, files=files)
        media = str(answer.json()["data"]["id"])
        alt = {"id": media, "metadata": {"alt_text": {"text": image.alt}}}
        request(client, "POST", f"{base}/2/media/metadata", json=alt)
        return media
