"""Which public feeds a site has, and their entries: live posts only, clean canonical URLs.

Site-wide, one per public audience, one per category, and one per network whose item text
is that network's variant (for feed-driven autoposters).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from portavoz.scheduler.compose.plan import Plan, Planned, live_posts
from portavoz.scheduler.compose.settings import FeedOptions
from portavoz.scheduler.compose.variant import Variant
from portavoz.scheduler.networks import network_names
from portavoz.scheduler.outputs.feeds import FEED_FORMATS, feed_files, render_feed
from portavoz.scheduler.outputs.model import FeedEntry, FeedInfo
from portavoz.scheduler.site.meta import image_url


class FeedRole(enum.Enum):
    """What a feed gathers: the whole site, or one audience, category or network."""

    SITE = "site"
    AUDIENCE = "audience"
    CATEGORY = "category"
    NETWORK = "network"


@dataclass(frozen=True)
class Feed:
    """One feed (all formats share its info and entries)."""

    info: FeedInfo
    entries: tuple[FeedEntry, ...]
    role: FeedRole

    def files(self) -> dict[str, str]:
        """Site-relative path → document, for every format."""
        paths = feed_files(self.info)
        return {paths[fmt]: render_feed(fmt, self.info, self.entries) for fmt in FEED_FORMATS}


def entry_id(item: Planned, plan: Plan) -> str:
    """A ``tag:`` URI from the site's host, the first publish date and the source file.

    It survives title and slug changes (the file name is what a writer keeps).
    """
    host = urlsplit(plan.site.site_url).hostname or "localhost"
    return f"tag:{host},{item.post.url_date.isoformat()}:{item.post.src_uri}"


def site_feeds(
    plan: Plan, site_name: str, options: FeedOptions, *, author: Callable[[str], str] = str
) -> list[Feed]:
    """Every public feed of the site at the plan's moment."""
    live = live_posts(plan)
    site = plan.site
    site_wide = FeedRole.SITE, options.site_feed
    feeds = [_feed(plan, site_name, site_wide, site_name, live, options, author)]
    if options.per_audience:
        for audience in site.public_audiences:
            items = [i for i in live if audience.id in i.post.audiences]
            where = FeedRole.AUDIENCE, f"{options.folder}/audiences/{audience.id}"
            title = f"{site_name}: {audience.label}"
            feeds.append(_feed(plan, site_name, where, title, items, options, author))
    if options.per_category:
        for category in sorted({c for i in live for c in i.post.categories}):
            items = [i for i in live if category in i.post.categories]
            slug = site.blog.post_slugify(category, "-")  # the feed's name, as it always was
            where = FeedRole.CATEGORY, f"{options.folder}/categories/{slug}"
            title = f"{site_name}: {category}"
            feeds.append(_feed(plan, site_name, where, title, items, options, author))
    if options.per_network:
        names = network_names()
        feeds.extend(_network_feed(plan, site_name, n, live, options, author) for n in names)
    return feeds


def site_feed(feeds: Sequence[Feed]) -> Feed | None:
    """The site-wide feed among ``feeds`` (the one every page links), if it is there."""
    return next((feed for feed in feeds if feed.role is FeedRole.SITE), None)


def _feed(
    plan: Plan,
    site_name: str,
    where: tuple[FeedRole, str],
    title: str,
    items: Sequence[Planned],
    options: FeedOptions,
    author: Callable[[str], str],
    network: str = "",
) -> Feed:
    """One feed; ``where`` is its role and key (its path stem in the site)."""
    role, key = where
    entries = []
    for item in items[: options.size]:
        variant = next((v for v in item.variants if v.network == network), None)
        if network and variant is None:
            continue
        entries.append(_entry(item, plan, author, variant, network))
    newest = max((e.updated or e.published for e in entries), default=plan.window.now)
    info = FeedInfo(
        key=key,
        title=title,
        description=f"{title} · {site_name}",
        site_url=plan.site.site_url,
        base_url=plan.site.site_url,
        language=plan.site.language,
        updated=newest,
    )
    return Feed(info, tuple(entries), role)


def _network_feed(
    plan: Plan,
    site_name: str,
    network: str,
    live: Sequence[Planned],
    options: FeedOptions,
    author: Callable[[str], str],
) -> Feed:
    where = FeedRole.NETWORK, f"{options.folder}/networks/{network}"
    title = f"{site_name}: {network}"
    return _feed(plan, site_name, where, title, live, options, author, network)


def _entry(
    item: Planned,
    plan: Plan,
    author: Callable[[str], str],
    variant: Variant | None,
    network: str,
) -> FeedEntry:
    """One entry; in a network's feed, its text and extras are that network's variant."""
    post = item.post
    suffix = f"#{network}" if network else ""
    same_image = variant is not None and variant.image == (post.image or "")
    return FeedEntry(
        id=entry_id(item, plan) + suffix,
        title=post.title,
        url=item.url,
        summary=variant.text if variant else post.summary,
        published=post.date,
        updated=post.updated,
        authors=tuple(author(a) for a in post.authors),
        categories=(*post.categories, *post.tags),
        image=image_url(post.image, post, plan.site) if post.image else "",
        language=post.lang,
        image_alt=variant.image_alt if variant and same_image else post.image_alt or "",
        content_warning=variant.content_warning if variant else "",
        first_comment=variant.first_comment if variant else "",
    )
