"""The publish window: whether a post is live at a given moment, and why not."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from portavoz.scheduler.content.model import Post
from portavoz.scheduler.content.settings import SiteSettings
from portavoz.scheduler.i18n import Text


class Status(enum.StrEnum):
    """Where a post stands at a moment. Only ``LIVE`` posts reach the public site."""

    LIVE = "live"
    SCHEDULED = "scheduled"
    HELD = "held"
    DRAFT = "draft"
    WITHDRAWN = "withdrawn"
    INTERNAL = "internal"


STATUS_TEXTS = {
    Status.LIVE: Text.STATUS_LIVE,
    Status.SCHEDULED: Text.STATUS_SCHEDULED,
    Status.HELD: Text.STATUS_HELD,
    Status.DRAFT: Text.STATUS_DRAFT,
    Status.WITHDRAWN: Text.STATUS_WITHDRAWN,
    Status.INTERNAL: Text.STATUS_INTERNAL,
}
"""How each status is named to a writer (the serve panel, the review), in the site's language."""


@dataclass(frozen=True)
class Pause:
    """The crisis pause: holds every post not live when it began, until it is lifted.

    Attributes:
        reason: Why publishing is paused (shown in the schedule and the review).
        since: When the pause began; posts due at or after it are held.
    """

    reason: str
    since: dt.datetime


@dataclass(frozen=True)
class Window:
    """The moment a build looks at, and the pause in force (if any)."""

    now: dt.datetime
    pause: Pause | None = None

    def status(self, post: Post, settings: SiteSettings) -> Status:
        """Classify a post: draft, internal, scheduled, held, withdrawn or live."""
        if post.draft:
            return Status.DRAFT
        if any(not _is_public(a, settings) for a in post.audiences):
            return Status.INTERNAL
        if self.pause is not None and post.date >= self.pause.since:
            return Status.HELD
        if post.date > self.now:
            return Status.SCHEDULED
        if post.expires is not None and post.expires <= self.now:
            return Status.WITHDRAWN
        return Status.LIVE

    def status_on(self, post: Post, network: str, settings: SiteSettings) -> Status:
        """Classify one variant: a live post's variant whose own moment (``at:``) has not
        come is scheduled, or held when the pause began before it; else the post's status.

        A variant moved before its post (``at: -30m``) still waits for the post: its link
        points to the post's page, which is not online before the post's own moment.
        """
        return self.status_after(self.status(post, settings), post, network)

    def status_after(self, status: Status, post: Post, network: str) -> Status:
        """:meth:`status_on` for a post whose own status at this moment (:meth:`status`) is
        ``status`` already: a plan knows each post's, and asks for thousands of variants'."""
        if status is not Status.LIVE:
            return status
        moment = post.moment_on(network)
        if self.pause is not None and moment >= self.pause.since:
            return Status.HELD
        return Status.SCHEDULED if moment > self.now else Status.LIVE

    def is_live(self, post: Post, settings: SiteSettings) -> bool:
        """Whether a post may appear on the public site now."""
        return self.status(post, settings) is Status.LIVE


def _is_public(audience: str, settings: SiteSettings) -> bool:
    found = settings.audiences.get(audience)
    return found is not None and found.public
