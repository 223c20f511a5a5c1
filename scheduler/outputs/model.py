"""The data the writers take: plain values, independent of posts and of MkDocs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed.

    Attributes:
        id: Stable identifier (a ``tag:`` URI) that survives title and slug changes.
        title: Item title.
        url: Absolute URL of the item's page (clean: no UTM).
        summary: Plain-text summary.
        published: Publish moment (aware).
        updated: Last change (aware); defaults to ``published``.
        authors: Author display names.
        categories: Categories and tags.
        image: Absolute URL of the item's image, or ``""``.
        language: Language tag of the item.
        image_alt: The image's alternative text (written in JSON Feed only, see feeds.py).
        content_warning: A network feed's content warning (Mastodon).
        first_comment: A network feed's first comment (Instagram).
    """

    id: str
    title: str
    url: str
    summary: str
    published: dt.datetime
    updated: dt.datetime | None = None
    authors: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    image: str = ""
    language: str = ""
    image_alt: str = ""
    content_warning: str = ""
    first_comment: str = ""


@dataclass(frozen=True)
class FeedInfo:
    """One feed as a whole.

    Attributes:
        key: Path stem of the feed inside the site (``feeds/all`` → ``feeds/all.xml``…).
        title: Feed title.
        description: One sentence about the feed.
        site_url: Absolute URL of the site (the feed's home page link).
        base_url: Absolute site URL the feed files live under (for self links).
        language: Language tag.
        updated: Newest change among entries (or the build moment when empty).
    """

    key: str
    title: str
    description: str
    site_url: str
    base_url: str
    language: str
    updated: dt.datetime


@dataclass(frozen=True)
class CalendarEvent:
    """One scheduled social post (a post × network) in the editorial calendar.

    Attributes:
        uid: Stable unique id.
        summary: Event title (``[x] Title``).
        start: Publish moment (aware).
        description: The text to post.
        url: Link of the post (with UTM).
        categories: Network and campaign.
        status: ``scheduled``, ``live``… (written as a custom property).
    """

    uid: str
    summary: str
    start: dt.datetime
    description: str
    url: str
    categories: tuple[str, ...] = ()
    status: str = ""


@dataclass(frozen=True)
class BulkRow:
    """One row of the bulk-import CSV that social schedulers read.

    Attributes:
        when: Publish moment (aware).
        network: Network id.
        message: The text to paste.
        link: The post's link with UTM.
        image: The image's absolute public URL on the site, or ``""``.
        image_alt: The image's alternative text.
        content_warning: Mastodon's content warning.
        first_comment: Instagram's first comment.
        parts: The parts of a thread, in order (``message`` is them joined); empty means
            ``message`` is the one part.
    """

    when: dt.datetime
    network: str
    message: str
    link: str
    image: str = ""
    image_alt: str = ""
    content_warning: str = ""
    first_comment: str = ""
    parts: tuple[str, ...] = ()

    @property
    def texts(self) -> tuple[str, ...]:
        """The parts to post, one or more."""
        return self.parts or (self.message,)
