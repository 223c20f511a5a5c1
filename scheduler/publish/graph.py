"""Meta's Graph APIs (Facebook Pages, Instagram, Threads) through httpx: one way to call them.

The three share their shape: a versioned path (``/v23.0/{id}/{edge}``), a form POST with the
``access_token`` among its fields (in the body, never in a URL that a proxy might log),
``{"id": …}`` answers and ``{"error": {"message", "code"}}`` errors. Instagram and Threads
also share the steps of a post: a media container, its status until the network has fetched
and processed it (``FINISHED``), then its publication.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from portavoz.scheduler.publish import http
from portavoz.scheduler.publish.client import Sent, TokenAdapter
from portavoz.scheduler.publish.faults import Fault, FaultKind
from portavoz.scheduler.publish.http import request
from portavoz.scheduler.publish.settings import Account

if TYPE_CHECKING:
    import httpx


class ContainerStatus(enum.StrEnum):
    """A media container's publishing status, as Instagram and Threads both spell it."""

    FINISHED = "FINISHED"  # ready to be published
    IN_PROGRESS = "IN_PROGRESS"  # the network is still fetching or processing the media
    ERROR = "ERROR"  # it could not be processed
    EXPIRED = "EXPIRED"  # not published within 24 hours
    PUBLISHED = "PUBLISHED"  # published already


@dataclass(frozen=True)
class StatusFields:
    """Where a network's media container says its status (each network's module has its own).

    Attributes:
        status: The field holding a :class:`ContainerStatus`.
        error: The field saying why, when the status is ``ERROR``.
    """

    status: str
    error: str


@dataclass(frozen=True)
class Graph:
    """One account's Graph API: its base URL (with the version) and its token.

    Attributes:
        base: ``https://graph.facebook.com/v23.0`` (the account's api_base and version).
        token: The access token (empty in a dry run).
    """

    base: str
    token: str

    def post(
        self,
        client: httpx.Client,
        path: str,
        fields: Mapping[str, str],
        files: Mapping[str, tuple[str, bytes, str]] | None = None,
    ) -> dict[str, object]:
        """POST ``fields`` (and ``files``) to ``/{path}``; the answer's JSON object.

        Raises:
            Fault: The API did not take it (its own message).
        """
        data = {**{k: v for k, v in fields.items() if v}, "access_token": self.token}
        options: dict[str, object] = {"data": data}
        if files:
            options["files"] = files
        answer = request(client, "POST", f"{self.base}/{path}", **options).json()
        if not isinstance(answer, dict) or not answer.get("id"):
            raise Fault(FaultKind.REFUSED, "the API answered without an id")
        return answer

    def permalink(self, client: httpx.Client, media_id: str) -> str:
        """The public URL of a published item, or "" when the API does not say.

        Best effort: the item is already published, so a failure here must not turn the
        part into a failed one (which the next run would post again).
        """
        # A GET carries the token as a parameter (documented for all three APIs); no
        # message ever quotes a URL (see publish.http).
        params = {"fields": "permalink", "access_token": self.token}
        try:
            answer = request(client, "GET", f"{self.base}/{media_id}", params=params).json()
        except (Fault, ValueError):
            return ""
        return str(answer.get("permalink") or "") if isinstance(answer, dict) else ""

    def status(
        self, client: httpx.Client, container: str, fields: StatusFields
    ) -> tuple[ContainerStatus | None, str]:
        """A media container's status and, for ``ERROR``, the network's reason.

        ``None`` when the answer names no status portavoz knows: the publication then says
        whether the container was ready, in the network's words.

        Raises:
            Fault: The status could not be asked (a 5xx is tried again by the caller).
        """
        params = {"fields": f"{fields.status},{fields.error}", "access_token": self.token}
        try:
            answer = request(client, "GET", f"{self.base}/{container}", params=params).json()
        except ValueError:
            return None, ""
        if not isinstance(answer, dict):
            return None, ""
        try:
            known: ContainerStatus | None = ContainerStatus(str(answer.get(fields.status)))
        except ValueError:
            known = None
        return known, str(answer.get(fields.error) or "")


def graph_of(account: Account, secrets: Mapping[str, str] | None) -> Graph:
    """The account's Graph API: its api_base, its ``version`` and its token."""
    version = account.options.get("version", "").strip("/")
    base = f"{account.api_base}/{version}" if version else account.api_base
    return Graph(base, (secrets or {}).get("token", ""))


class GraphAdapter(TokenAdapter):
    """An adapter for one of Meta's Graph APIs: the account's :class:`Graph` beside its token."""

    def __init__(
        self, account: Account, secrets: Mapping[str, str] | None, now: dt.datetime
    ) -> None:
        super().__init__(account, secrets, now)
        self._graph = graph_of(account, secrets)
        self._containers: dict[str, str] = {}  # a part's idempotency key -> its container

    def publish_container(
        self, edges: tuple[str, str], fields: Mapping[str, str], status: StatusFields, key: str
    ) -> Sent:
        """Make a media container for one part, wait until it is ready, publish it.

        A container still ``IN_PROGRESS`` fails this try as :attr:`FaultKind.UNAVAILABLE`,
        which the run tries again after its backoff (its injected sleep): the next try of the
        same part (``key``) asks the same container again instead of making another, so a
        part never has two containers that could both be published.

        Args:
            edges: The container edge and the publish edge (``media``, ``media_publish``).
            fields: The container's fields.
            status: Where the network's container says its status.
            key: The part's idempotency key (the same on every try).

        Raises:
            Fault: A step was refused, the container could not be processed, or it is not
                ready yet. A container left unpublished expires by itself.
        """
        create, publish = edges
        with http.client() as client:
            container = self._containers.get(key)
            if container is None:
                made = self._graph.post(client, f"{self.target}/{create}", fields)
                container = self._containers[key] = str(made["id"])
            self._ready(client, container, status, key)
            published = {"creation_id": container}
            answer = self._graph.post(client, f"{self.target}/{publish}", published)
            del self._containers[key]
            media_id = str(answer["id"])
            return Sent(media_id, self._graph.permalink(client, media_id))

    def _ready(self, client: httpx.Client, container: str, fields: StatusFields, key: str) -> None:
        """Return if ``container`` can be published now; otherwise its fault."""
        status, why = self._graph.status(client, container, fields)
        if status is None or status is ContainerStatus.FINISHED:
            return
        if status is ContainerStatus.IN_PROGRESS:
            raise Fault(FaultKind.UNAVAILABLE, "the media container is still being processed")
        if status is ContainerStatus.PUBLISHED:
            # Only an earlier try of this part published it, and its answer was lost: as a
            # timeout, the attempt stays in the ledger and is never sent again by itself.
            raise Fault(FaultKind.TIMEOUT, "the media container was published, its answer lost")
        del self._containers[key]
        reason = f" ({why})" if why else ""
        raise Fault(FaultKind.REFUSED, f"the media container is {status.value}{reason}")
