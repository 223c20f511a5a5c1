"""Meta's Graph APIs (Facebook Pages, Instagram, Threads) through httpx: one way to call them.

The three share their shape: a versioned path (``/v23.0/{id}/{edge}``), a form POST with the
``access_token`` among its fields (in the body, never in a URL that a proxy might log),
``{"id": …}`` answers and ``{"error": {"message", "code"}}`` errors. Instagram and Threads
also share the two steps of a post: a media container, then its publication.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from portavoz.scheduler.publish import http
from portavoz.scheduler.publish.client import TokenAdapter
from portavoz.scheduler.publish.faults import Fault, FaultKind
from portavoz.scheduler.publish.http import request
from portavoz.scheduler.publish.settings import Account

if TYPE_CHECKING:
    import httpx


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

    def publish_container(
        self, owner: str, edges: tuple[str, str], fields: Mapping[str, str]
    ) -> tuple[str, str]:
        """Create a media container and publish it (Instagram, Threads); id and permalink.

        Args:
            owner: The user id the edges hang from.
            edges: The container edge and the publish edge (``media``, ``media_publish``).
            fields: The container's fields.

        Raises:
            Fault: Either step was refused. A container left unpublished expires by itself.
        """
        create, publish = edges
        with http.client() as client:
            container = self.post(client, f"{owner}/{create}", fields)
            made = self.post(client, f"{owner}/{publish}", {"creation_id": str(container["id"])})
            media_id = str(made["id"])
            return media_id, self.permalink(client, media_id)


GRAPH_VERSION = "v23.0"
"""The Graph API version Facebook and Instagram accounts use unless they say otherwise."""


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
