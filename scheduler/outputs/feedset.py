"""Which public feeds a site has, and their entries: live posts only, clean canonical URLs.

Site-wide, one per public audience, one per category, and one per network whose item text
is that network's variant (for feed-driven autoposters).
"""

from __future__ import annotations

import datetime as dt
import enum
import heapq
import itertools
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from portavoz.scheduler.base.kept import LastBuild, Same
from portavoz.scheduler.compose.plan import Plan, Planned, live_posts
from portavoz.scheduler.compose.settings import FeedOptions
from portavoz.scheduler.compose.variant import Variant
from portavoz.scheduler.content.window import Status
from portavoz.scheduler.networks import network_names
from portavoz.scheduler.outputs.feeds import FEED_FORMATS, FeedFormat, feed_files, render_feed
from portavoz.scheduler.outputs.ids import entry_id
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
    subject: str = ""  # the audience's id, the category or the network it gathers

    def files(self, kept: KeptDocuments | None = None) -> dict[str, str]:
        """Site-relative path → document, for every format.

        Args:
            kept: Documents earlier builds rendered (a persistent cache), asked for a
                document this process has not made yet; ``None``: rendered.
        """
        paths = feed_files(self.info)
        return {paths[fmt]: _rendered(fmt, self.info, self.entries, kept) for fmt in FEED_FORMATS}


class KeptDocuments(Protocol):
    """Feed documents kept from earlier builds, by everything they are made from."""

    def document(self, fmt: FeedFormat, info: FeedInfo, entries: tuple[FeedEntry, ...]) -> str:
        """The document :func:`render_feed` gives for these inputs (rendered if not kept)."""
        ...


_RENDERED: LastBuild[tuple[str, FeedInfo, tuple[FeedEntry, ...]], str] = LastBuild()
"""Feed documents of the last build in this process and of the current one (``mkdocs serve``
builds again after every save, and most feeds do not change), by everything they are made
from: equal datetimes are the same moment, and feeds write every moment in UTC."""


def _rendered(
    fmt: FeedFormat, info: FeedInfo, entries: tuple[FeedEntry, ...], kept: KeptDocuments | None
) -> str:
    """:func:`render_feed`, or the document it gave for the same inputs in the last build
    (in this process, else in ``kept``)."""
    if kept is None:
        return _RENDERED.get((fmt, info, entries), lambda: render_feed(fmt, info, entries))
    return _RENDERED.get((fmt, info, entries), lambda: kept.document(fmt, info, entries))


@dataclass(frozen=True)
class _Site:
    """What every feed of a site shares: its name, its description, its authors' names, and
    the entries made so far (a post is in the site's feed, its audiences' and its
    categories': its entry is made once, by the item's ``id`` and the network, while the plan
    holds the items)."""

    name: str
    description: str
    author: Callable[[str], str]
    entries: dict[tuple[int, str], FeedEntry] = field(default_factory=dict, compare=False)


def site_feeds(
    plan: Plan,
    site_name: str,
    options: FeedOptions,
    *,
    author: Callable[[str], str] = str,
    description: str = "",
    keep: bool = True,
) -> list[Feed]:
    """Every public feed of the site at the plan's moment.

    Args:
        plan: The plan (its live posts are the entries).
        site_name: ``site_name``, the site-wide feed's title and the others' prefix.
        options: Which feeds, and how many entries each.
        author: An author id's display name (from ``.authors.yml``).
        description: ``site_description``, the site-wide feed's description.
        keep: Keep the feeds' documents for the next build in this process (``mkdocs
            serve``); ``False``: a plain build, which renders each once.
    """
    _RENDERED.begin(keep=keep)
    _ENTRIES.begin(plan.site, keep=keep)  # an entry's URLs and ids are made with the site's
    live = live_posts(plan)
    site = plan.site
    about = _Site(site_name, description, author)
    site_wide = FeedRole.SITE, options.site_feed
    feeds = [_feed(plan, about, site_wide, site_name, live, options)]
    if options.per_audience:
        for audience in site.public_audiences:
            items = [i for i in live if audience.id in i.post.audiences]
            where = FeedRole.AUDIENCE, f"{options.folder}/audiences/{audience.id}"
            title = f"{site_name}: {audience.label}"
            feeds.append(_feed(plan, about, where, title, items, options, subject=audience.id))
    if options.per_category:
        for category in sorted({c for i in live for c in i.post.categories}):
            items = [i for i in live if category in i.post.categories]
            slug = site.blog.post_slugify(category, "-")  # the feed's name, as it always was
            where = FeedRole.CATEGORY, f"{options.folder}/categories/{slug}"
            title = f"{site_name}: {category}"
            feeds.append(_feed(plan, about, where, title, items, options, subject=category))
    if options.per_network:
        due = _due(plan, live)
        feeds.extend(
            _network_feed(plan, about, n, due.get(n, []), options) for n in network_names()
        )
    return feeds


def _due(plan: Plan, live: Sequence[Planned]) -> dict[str, list[tuple[dt.datetime, Planned]]]:
    """The live posts whose variant for each network is due (its channel's own ``at:`` has
    come), each with that moment, in ``live``'s order: one pass over the variants instead of
    one over every post for each network, and a post whose every variant stands where it
    does (:meth:`Plan.alike <portavoz.scheduler.compose.plan.Plan.alike>`: most of them)
    without asking each variant's status; without a channel's own ``at:``, each moment is
    the post's date (:meth:`~portavoz.scheduler.content.model.Post.moment_on`'s), not
    looked up a network."""
    due: dict[str, list[tuple[dt.datetime, Planned]]] = {}
    for item in live:
        alike, post = plan.alike(item), item.post
        own = any(c.at is not None for c in post.channels)
        for network in dict.fromkeys(item.networks):  # the variants themselves: not needed
            if alike or plan.status_on(item, network) is Status.LIVE:
                moment = post.moment_on(network) if own else post.date
                due.setdefault(network, []).append((moment, item))
    return due


def site_feed(feeds: Sequence[Feed]) -> Feed | None:
    """The site-wide feed among ``feeds`` (the one every page links), if it is there."""
    return next((feed for feed in feeds if feed.role is FeedRole.SITE), None)


def _feed(
    plan: Plan,
    about: _Site,
    where: tuple[FeedRole, str],
    title: str,
    items: Sequence[Planned],
    options: FeedOptions,
    network: str = "",
    subject: str = "",
) -> Feed:
    """One feed; ``where`` is its role and key (its path stem in the site)."""
    role, key = where
    chosen = ((item, _variant(item, network)) for item in items)
    # A network's feed holds the posts that go there: filtered first, then cut to size (the
    # posts past it are not looked at).
    kept = itertools.islice(((i, v) for i, v in chosen if v or not network), options.size)
    entries = [_made_entry(item, plan, about, variant, network) for item, variant in kept]
    newest = max((e.updated or e.published for e in entries), default=plan.window.now)
    info = FeedInfo(
        key=key,
        title=title,
        description=_description(role, title, about),
        site_url=plan.site.site_url,
        base_url=plan.site.site_url,
        language=plan.site.language,
        updated=newest,
    )
    return Feed(info, tuple(entries), role, subject or network)


def _variant(item: Planned, network: str) -> Variant | None:
    if not network or network not in item.networks:  # decoded only for a network's feed
        return None
    return next((v for v in item.variants if v.network == network), None)


def _description(role: FeedRole, title: str, about: _Site) -> str:
    """The site's description for its own feed; the others say what they gather."""
    if role is FeedRole.SITE:
        return about.description or about.name
    return f"{title}. {about.description}" if about.description else title


def _network_feed(
    plan: Plan,
    about: _Site,
    network: str,
    due: Sequence[tuple[dt.datetime, Planned]],
    options: FeedOptions,
) -> Feed:
    """The feed of the live posts ``due`` on ``network`` (see :func:`_due`): the newest
    ``options.size`` by their moment there (in ``due``'s order among equal moments)."""
    where = FeedRole.NETWORK, f"{options.folder}/networks/{network}"
    title = f"{about.name}: {network}"
    # A variant whose own moment (channels.<network>.at:) has not come waits in its feed.
    # nlargest is sorted(..., reverse=True)[:size], stable alike, without sorting them all.
    newest = heapq.nlargest(options.size, due, key=operator.itemgetter(0))
    return _feed(plan, about, where, title, [item for _, item in newest], options, network)


def _made_entry(
    item: Planned, plan: Plan, about: _Site, variant: Variant | None, network: str
) -> FeedEntry:
    """:func:`_entry`, made once a build for each item and network, and taken from the last
    build in this process (``mkdocs serve``) for the same inputs (:data:`_ENTRIES`)."""
    key = id(item), network
    found = about.entries.get(key)
    if found is None:
        found = about.entries[key] = _kept_entry(item, plan, about.author, variant, network)
    return found


def _kept_entry(
    item: Planned,
    plan: Plan,
    author: Callable[[str], str],
    variant: Variant | None,
    network: str,
) -> FeedEntry:
    """:func:`_entry`, or the last build's entry made from the same inputs: the same post
    object (serve hands an unchanged file's post on), its variants' key (the post's bytes
    and everything that composed them; none: made again), URL and authors' names, the
    network, and the site's settings (:data:`_ENTRIES`' build inputs)."""
    if not item.key:
        return _entry(item, plan, author, variant, network)
    post = item.post
    names = tuple(author(a) for a in post.authors)
    key = Same(post), item.key, network, item.url, names
    return _ENTRIES.get(key, lambda: _entry(item, plan, author, variant, network))


_ENTRIES: LastBuild[tuple[object, ...], FeedEntry] = LastBuild()
"""Feed entries of the last build in this process and of the current one (``mkdocs serve``:
most posts are unchanged from one save to the next), by :func:`_kept_entry`'s key."""


def _entry(
    item: Planned,
    plan: Plan,
    author: Callable[[str], str],
    variant: Variant | None,
    network: str,
) -> FeedEntry:
    """One entry; in a network's feed, its text and extras are that network's variant."""
    post = item.post
    same_image = variant is not None and variant.image == (post.image or "")
    return FeedEntry(
        id=entry_id(post, plan.site.site_url, network),
        title=post.title,
        url=item.url,
        summary=variant.text if variant else post.summary,
        published=post.moment_on(network) if network else post.date,
        updated=post.updated,
        authors=tuple(author(a) for a in post.authors),
        categories=(*post.categories, *post.tags),
        image=image_url(post.image, post, plan.site) if post.image else "",
        language=post.lang,
        image_alt=variant.image_alt if variant and same_image else post.image_alt or "",
        content_warning=variant.content_warning if variant else "",
        first_comment=variant.first_comment if variant else "",
    )
