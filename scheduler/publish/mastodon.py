"""Mastodon through Mastodon.py: statuses chained by ``in_reply_to_id``, media with
descriptions, the content warning as ``spoiler_text``, the post's language, and an
``Idempotency-Key`` so a repeat within the server's hour posts nothing twice."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, TypeVar

from portavoz.scheduler.publish.client import Sent, Thread
from portavoz.scheduler.publish.faults import Fault, FaultKind
from portavoz.scheduler.publish.schemas import SCHEMAS
from portavoz.scheduler.publish.settings import Account
from portavoz.scheduler.publish.steps import Image, Publication, Step, default_steps

if TYPE_CHECKING:
    from mastodon import Mastodon

SCHEMA = SCHEMAS["mastodon"]
# Mastodon keeps an Idempotency-Key for one hour (app/controllers/concerns/...): within it a
# repeat returns the status already made.
RESEND_WINDOW = dt.timedelta(minutes=55)
T = TypeVar("T")


class MastodonAdapter:
    """Posts to one Mastodon account."""

    resend_window: dt.timedelta | None = RESEND_WINDOW

    def __init__(
        self, account: Account, secrets: Mapping[str, str] | None, now: dt.datetime
    ) -> None:
        self.account = account
        self._token = (secrets or {}).get("token", "")
        self._api: Mastodon | None = None

    def steps(self, publication: Publication, image: Image | None) -> list[Step]:
        return default_steps(publication.variant, image, comments=False)

    def payload(self, publication: Publication, step: Step) -> dict[str, object]:
        found: dict[str, object] = {"status": step.text, "language": publication.lang}
        if publication.variant.content_warning:
            found["spoiler_text"] = publication.variant.content_warning
        if step.number > 1:
            found["in_reply_to_id"] = "(the part before)"
        if step.image is not None:
            found["media"] = [{"file": step.image.source, "description": step.image.alt}]
        return found

    def send(self, publication: Publication, step: Step, thread: Thread, key: str) -> Sent:
        api = self._connect()
        media = None
        if step.image is not None and step.image.path is not None:
            image = step.image
            path = image.path
            assert path is not None
            data = path.read_bytes()
            uploaded = _call(
                api, lambda: api.media_post(data, mime_type=image.mime, description=image.alt)
            )
            media = [uploaded["id"]]
        status = _call(
            api,
            lambda: api.status_post(
                step.text,
                in_reply_to_id=thread.parent.id if thread.parent else None,
                media_ids=media,
                spoiler_text=publication.variant.content_warning or None,
                language=publication.lang or None,
                idempotency_key=key,
            ),
        )
        return Sent(str(status["id"]), str(status.get("url") or status.get("uri") or ""))

    def _connect(self) -> Mastodon:
        if self._api is None:
            from mastodon import Mastodon

            # "throw": the run loop owns waiting, within its bound; no version probe.
            self._api = Mastodon(
                access_token=self._token,
                api_base_url=self.account.api_base,
                ratelimit_method="throw",
                request_timeout=30,
                version_check_mode="none",
            )
        return self._api


def _call(api: Mastodon, call: Callable[[], T]) -> T:
    """Mastodon.py's errors as faults (its message carries the server's ``error``)."""
    from mastodon import errors

    try:
        return call()
    except errors.MastodonRatelimitError:
        # Mastodon says when the limit resets (X-RateLimit-Reset), read by Mastodon.py.
        reset = float(getattr(api, "ratelimit_reset", 0) or 0)
        wait = max(reset - time.time(), 0.0) if reset else None
        raise Fault(FaultKind.RATE_LIMITED, "HTTP 429: rate limited", wait) from None
    except errors.MastodonReadTimeout:
        raise Fault(FaultKind.TIMEOUT, "no answer in time") from None
    except errors.MastodonNetworkError:
        raise Fault(FaultKind.UNREACHABLE, "could not connect") from None
    except errors.MastodonServerError as exc:
        raise Fault(FaultKind.UNAVAILABLE, _message(exc)) from None
    except errors.MastodonAPIError as exc:
        raise Fault(FaultKind.REFUSED, _message(exc)) from None


def _message(exc: Exception) -> str:
    # Mastodon.py's args: (text, status code, reason, the server's "error").
    args = [*exc.args, None, None, None, None][:4]
    code, reason, error = args[1], args[2], args[3]
    return f"HTTP {code}: {error or reason or 'error'}"
