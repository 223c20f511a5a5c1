"""The post: a frozen, validated view of one Markdown file's front matter and body."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class ChannelSpec:
    """One network a post goes to, with its optional front-matter overrides.

    Attributes:
        network: Network id (``x``, ``linkedin``…).
        text: Text that replaces the template's output (``---`` lines split a thread).
        hashtags: Hashtags that replace the ones derived from tags.
        mentions: Accounts to mention on that network (``@ana@example.social``).
        image: Image for this network only.
        image_alt: Alternative text of that image.
        first_comment: Text to post as the first comment (LinkedIn, Instagram, Facebook).
        content_warning: Mastodon content warning (spoiler text).
        thread: Split into numbered parts (``None``: follow the post).
        at: When it goes out there: a moment, or an offset from the post's date (``None``:
            at the post's date); :meth:`Post.moment_on` reads it.
    """

    network: str
    text: str | None = None
    hashtags: tuple[str, ...] | None = None
    mentions: tuple[str, ...] = ()
    image: str | None = None
    image_alt: str | None = None
    first_comment: str | None = None
    content_warning: str | None = None
    thread: bool | None = None
    at: dt.datetime | dt.timedelta | None = None


@dataclass(frozen=True, slots=True)
class Post:
    """A blog post as portavoz understands it.

    Attributes:
        path: File path relative to the project root (posix), used in every message.
        src_uri: Path relative to the content folder, as MkDocs names the file.
        title: Title from front matter or the first ``# heading``.
        date: Publish moment, timezone-aware.
        url_date: The calendar date as written (Material builds post URLs from it).
        updated: Last update, if given.
        expires: Moment the post is withdrawn, if given.
        draft: Whether the post is a draft.
        channels: Networks the post goes to, in the order written.
        audiences: Audience ids (the site's default when none is given).
        summary: One- or two-sentence summary for feeds, cards and social posts.
        categories: Material categories.
        tags: Tags (they become hashtags).
        authors: Author ids from ``.authors.yml``.
        image: Social card image, relative to the post or absolute.
        image_alt: Alternative text of ``image``.
        campaign: Campaign name used in UTM links.
        lang: Language of the post.
        slug: URL slug (explicit or derived from the title as Material does).
        thread: Whether to split social posts into numbered parts where networks allow.
        lint_ignore: Ids of brand-voice rules silenced for this post.
        id: Front matter ``id:``, what its feed ids and calendar UIDs are made from instead of
            ``src_uri`` (written after a rename to keep them; see ``outputs/ids.py``), or ``""``.
        body: Markdown after the front matter.
        body_line: File line where the body begins, where known.
        lines: File line of each front-matter key.
        source_digest: A hash of the file's bytes as read (64 hex digits), what the compose
            and lint caches key a post by; ``""`` when the post was not read from a file.
    """

    path: str
    src_uri: str
    title: str
    date: dt.datetime
    url_date: dt.date
    updated: dt.datetime | None = None
    expires: dt.datetime | None = None
    draft: bool = False
    channels: tuple[ChannelSpec, ...] = ()
    audiences: tuple[str, ...] = ()
    summary: str = ""
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    image: str | None = None
    image_alt: str | None = None
    campaign: str | None = None
    lang: str = "en"
    slug: str = ""
    thread: bool = False
    lint_ignore: tuple[str, ...] = ()
    id: str = ""
    body: str = ""
    body_line: int | None = None
    lines: Mapping[str, int] = field(default_factory=dict)
    source_digest: str = ""

    @property
    def key(self) -> str:
        """What the post's feed ids and calendar UIDs are made from: ``id:``, else ``src_uri``."""
        return self.id or self.src_uri

    def line_of(self, key: str) -> int | None:
        """Line of a front-matter key in the file, if the key is there."""
        return self.lines.get(key)

    def moment_on(self, network: str) -> dt.datetime:
        """When the post goes out on ``network``: its channel's ``at:`` (a moment, or the
        post's date moved by an offset), else the post's date.

        The one home of per-network times: the schedule, the calendar, the exports, the
        network feeds, the review and ``portavoz publish`` all ask here.
        """
        spec = self.channel(network)
        at = spec.at if spec is not None else None
        if at is None:
            return self.date
        return self.date + at if isinstance(at, dt.timedelta) else at

    def channel(self, network: str) -> ChannelSpec | None:
        """The channel spec for a network, or ``None`` when the post does not go there."""
        for spec in self.channels:  # a loop: asked for every variant by each output and feed
            if spec.network == network:
                return spec
        return None
