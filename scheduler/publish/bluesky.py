"""Bluesky through the ``atproto`` SDK: one ``app.bsky.feed.post`` record per part.

Each part is created with a record key computed from the part itself (a valid TID), so a
repeat after a crash finds the record already there (``com.atproto.repo.getRecord``) instead
of posting twice. Replies carry the thread's root and parent; the variant's facets go into
the record as they are, mention handles resolved to DIDs at posting time
(``com.atproto.identity.resolveHandle``); the image is uploaded as a blob with its alt text,
and a first part without an image gets a link card (``app.bsky.embed.external``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import warnings
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, TypeVar

from portavoz.scheduler.publish.client import Sent, Thread
from portavoz.scheduler.publish.faults import Fault, FaultKind
from portavoz.scheduler.publish.schemas import SCHEMAS
from portavoz.scheduler.publish.settings import Account
from portavoz.scheduler.publish.steps import Image, Publication, Step, default_steps

if TYPE_CHECKING:
    from atproto import Client

SCHEMA = SCHEMAS["bluesky"]
COLLECTION = "app.bsky.feed.post"
_MENTION = "app.bsky.richtext.facet#mention"
_TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"
T = TypeVar("T")


def record_key(idempotency: str, moment: dt.datetime) -> str:
    """A TID (the record key posts use) that is the same for the same part on every run.

    Its timestamp is the post's moment to the second, its microseconds and clock id come from
    the part's key: 30 bits that tell two parts of the same second apart.
    """
    bits = int(hashlib.sha256(idempotency.encode()).hexdigest(), 16)
    micros = int(moment.timestamp()) * 1_000_000 + (bits >> 10) % 1_000_000
    value = (micros << 10) | (bits & 0x3FF)
    return "".join(_TID_ALPHABET[(value >> (5 * i)) & 31] for i in reversed(range(13)))


class BlueskyAdapter:
    """Posts to one Bluesky account."""

    # A record key is forever: sending again always finds the record made the first time.
    resend_window: dt.timedelta | None = dt.timedelta.max

    def __init__(
        self, account: Account, secrets: Mapping[str, str] | None, now: dt.datetime
    ) -> None:
        self.account = account
        self._password = (secrets or {}).get("password", "")
        self._now = now
        self._client: Client | None = None

    @property
    def handle(self) -> str:
        return self.account.options["handle"].lstrip("@")

    def steps(self, publication: Publication, image: Image | None) -> list[Step]:
        return default_steps(publication.variant, image, comments=False)

    def payload(self, publication: Publication, step: Step) -> dict[str, object]:
        record: dict[str, object] = {
            "$type": COLLECTION,
            "text": step.text,
            "langs": [publication.lang],
        }
        if step.facets:
            record["facets"] = [f.as_record() for f in step.facets]
        if step.number > 1:
            record["reply"] = "(root: the first part, parent: the part before)"
        embed = self._embed_shown(publication, step)
        if embed:
            record["embed"] = embed
        return record

    def _embed_shown(self, publication: Publication, step: Step) -> dict[str, object]:
        if step.image is not None:
            return {"images": [{"image": step.image.source, "alt": step.image.alt}]}
        if step.number == 1 and publication.variant.link:
            return {"external": {"uri": publication.variant.link, "title": publication.title}}
        return {}

    def send(self, publication: Publication, step: Step, thread: Thread, key: str) -> Sent:
        from atproto import models

        client = self._connect()
        rkey = record_key(key, publication.moment)
        found = _call(lambda: self._existing(client, rkey))
        if found is not None:
            return found
        record = models.AppBskyFeedPost.Record(
            text=step.text,
            created_at=self._now.astimezone(dt.UTC).isoformat().replace("+00:00", "Z"),
            langs=[publication.lang] if publication.lang else None,
            facets=self._facets(client, step) or None,
            reply=self._reply(client, thread),
            embed=self._embed(client, publication, step),
        )
        data = models.ComAtprotoRepoCreateRecord.Data(
            repo=self.handle, collection=COLLECTION, rkey=rkey, record=record
        )
        made = _call(lambda: client.com.atproto.repo.create_record(data))
        return Sent(made.uri, self._url(rkey), {"cid": made.cid})

    def _url(self, rkey: str) -> str:
        return f"https://bsky.app/profile/{self.handle}/post/{rkey}"

    def _existing(self, client: Client, rkey: str) -> Sent | None:
        from atproto import exceptions

        try:
            found = client.com.atproto.repo.get_record(
                {"repo": self.handle, "collection": COLLECTION, "rkey": rkey}
            )
        except exceptions.BadRequestError as exc:  # RecordNotFound is a 400 in XRPC
            if exc.response is not None and exc.response.status_code == 400:
                return None
            raise
        return Sent(found.uri, self._url(rkey), {"cid": found.cid or ""})

    def _facets(self, client: Client, step: Step) -> list[object]:
        from atproto import models

        facets = []
        for facet in step.facets:
            data = facet.as_record()
            features = data.get("features")
            if isinstance(features, list):
                data["features"] = [self._resolved(client, f) for f in features]
            facets.append(models.get_or_create(data, models.AppBskyRichtextFacet.Main))
        return facets

    def _resolved(self, client: Client, feature: object) -> object:
        """A mention's handle becomes the DID it has now (handles can move; DIDs do not)."""
        if not isinstance(feature, dict) or feature.get("$type") != _MENTION:
            return feature
        handle = str(feature.get("handle") or feature.get("did") or "").lstrip("@")
        if handle.startswith("did:"):
            return feature
        answer = _call(lambda: client.com.atproto.identity.resolve_handle({"handle": handle}))
        return {"$type": _MENTION, "did": answer.did}

    def _reply(self, client: Client, thread: Thread) -> object:
        from atproto import models

        if thread.parent is None or thread.root is None:
            return None
        root, parent = (self._strong(client, s) for s in (thread.root, thread.parent))
        return models.AppBskyFeedPost.ReplyRef(root=root, parent=parent)

    def _strong(self, client: Client, sent: Sent) -> object:
        """A reference with the record's cid (read back when the ledger gave only the uri)."""
        from atproto import models

        cid = (sent.extra or {}).get("cid", "")
        if not cid:
            repo, _, rkey = sent.id.removeprefix("at://").partition(f"/{COLLECTION}/")
            found = _call(
                lambda: client.com.atproto.repo.get_record(
                    {"repo": repo, "collection": COLLECTION, "rkey": rkey}
                )
            )
            cid = found.cid or ""
        return models.ComAtprotoRepoStrongRef.Main(uri=sent.id, cid=cid)

    def _embed(self, client: Client, publication: Publication, step: Step) -> object:
        from atproto import models

        image = step.image
        if image is not None and image.path is not None:
            path = image.path
            with warnings.catch_warnings():
                # The SDK hands httpx the bytes as `data=`, which httpx deprecates; the
                # upload itself is right, and the warning is the SDK's to fix.
                warnings.simplefilter("ignore", DeprecationWarning)
                # The PDS records the blob's type from Content-Type; the SDK sends */*.
                headers = {"Content-Type": image.mime}
                upload = client.com.atproto.repo.upload_blob
                blob = _call(lambda: upload(path.read_bytes(), headers=headers)).blob
            picture = models.AppBskyEmbedImages.Image(alt=image.alt, image=blob)
            return models.AppBskyEmbedImages.Main(images=[picture])
        if step.number == 1 and publication.variant.link:
            card = models.AppBskyEmbedExternal.External(
                uri=publication.variant.link,
                title=publication.title,
                description=publication.summary,
            )
            return models.AppBskyEmbedExternal.Main(external=card)
        return None

    def _connect(self) -> Client:
        if self._client is None:
            from atproto import Client

            client = Client(base_url=self.account.api_base)
            _call(lambda: client.login(self.handle, self._password, fetch_bsky_profile=False))
            self._client = client
        return self._client


def _call(call: Callable[[], T]) -> T:
    """The SDK's errors as faults, with the server's ``error: message``."""
    from atproto import exceptions

    try:
        return call()
    except exceptions.InvokeTimeoutError:
        raise Fault(FaultKind.TIMEOUT, "no answer in time") from None
    except exceptions.RequestErrorBase as exc:
        response = exc.response
        if response is None:
            raise Fault(FaultKind.UNREACHABLE, "could not connect") from None
        raise _fault(response.status_code, response.headers, response.content) from None


def _fault(code: int, headers: Mapping[str, object], content: object) -> Fault:
    error = getattr(content, "error", "") or ""
    message = getattr(content, "message", "") or ""
    said = f"HTTP {code}: {': '.join(x for x in (error, message) if x) or 'error'}"
    if code == 429:
        return Fault(FaultKind.RATE_LIMITED, said, _retry_after(headers))
    return Fault(FaultKind.UNAVAILABLE if code >= 500 else FaultKind.REFUSED, said)


def _retry_after(headers: Mapping[str, object]) -> float | None:
    value = str(headers.get("retry-after") or "")
    try:
        return float(value) if value else None
    except ValueError:
        return None
