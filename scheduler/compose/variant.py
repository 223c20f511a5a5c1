"""Compose one post's variants: template or override, UTM link, hashtags, fit, thread, facets."""

from __future__ import annotations

import enum
import mimetypes
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

import jinja2

from portavoz.scheduler.base.problems import Problem
from portavoz.scheduler.compose.fit import Dropped, fit
from portavoz.scheduler.compose.links import with_utm
from portavoz.scheduler.compose.settings import SchedulerSettings
from portavoz.scheduler.compose.templates import TemplateError, render, render_string
from portavoz.scheduler.compose.text import hashtag, paragraphs
from portavoz.scheduler.compose.thread import counts, number, split
from portavoz.scheduler.content.model import ChannelSpec, Post
from portavoz.scheduler.content.settings import SiteSettings
from portavoz.scheduler.networks import Count, Facet, Network

_SEPARATOR = re.compile(r"^\s*---\s*$", re.MULTILINE)


class VariantSource(enum.StrEnum):
    """Where a variant's text came from: the network's template, the post's own override
    text, or the post's parts split into a thread."""

    TEMPLATE = "template"
    OVERRIDE = "override"
    THREAD = "thread"


@dataclass(frozen=True, slots=True)
class Variant:
    """A ready-to-paste social post for one network.

    Attributes:
        network: Network id.
        parts: The text to post (several numbered parts for a thread).
        counts: Each part's count by the network's rule.
        link: The post's URL with this network's UTM parameters.
        facets: Rich-text facets of each part's API text, where the network takes them
            (Bluesky), else empty.
        dropped: What the fitter removed to fit (``hashtags``, ``summary shortened``…), and
            ``hashtags over the cap`` when the network's hashtag count left tags out.
        dropped_hashtags: The hashtags left out, over the cap or to fit, in the post's order.
        api_text: The text as the network's API expects it (LinkedIn's escaped "little").
        api_parts: Each part as the network's API expects it (Bluesky's shortened links).
        first_comment: Text for the first comment, if any.
        content_warning: Mastodon content warning, if any.
        image: Image for this network, if any.
        image_alt: Its alternative text.
        source: Where the text came from.
    """

    network: str
    parts: tuple[str, ...]
    counts: tuple[Count, ...]
    link: str
    facets: tuple[tuple[Facet, ...], ...] = ()
    dropped: tuple[Dropped, ...] = ()
    dropped_hashtags: tuple[str, ...] = ()
    api_text: str = ""
    api_parts: tuple[str, ...] = ()
    first_comment: str = ""
    content_warning: str = ""
    image: str = ""
    image_alt: str = ""
    source: VariantSource = VariantSource.TEMPLATE

    @property
    def text(self) -> str:
        """All parts, separated by blank lines (what a person reads in the review)."""
        return "\n\n".join(self.parts)

    @property
    def fits(self) -> bool:
        return all(c.fits for c in self.counts)


@dataclass(frozen=True)
class Composer:
    """Everything needed to compose variants for any post of one site."""

    site: SiteSettings
    settings: SchedulerSettings
    env: jinja2.Environment
    url_for: Callable[[Post], str]

    def compose(self, post: Post) -> tuple[list[Variant], list[Problem]]:
        """Every variant of a post, and a problem for each one that cannot be published."""
        variants: list[Variant] = []
        problems: list[Problem] = []
        url = self.url_for(post)  # one URL per post: working it out costs a variant's count
        if not post.channels:
            return variants, problems
        shared = self._post_context(post, url)  # and the same values for every network
        for channel in post.channels:
            try:
                variant = self._variant(post, channel, shared)
            except TemplateError as exc:
                message = f"{channel.network}: template error: {exc}"
                problems.append(_problem(post, channel.network, message))
                continue
            variants.append(variant)
            problems.extend(_limit_problems(post, variant))
            problems.extend(_image_problems(post, variant, self.settings.networks[variant.network]))
        return variants, problems

    def _variant(self, post: Post, channel: ChannelSpec, shared: _PostContext) -> Variant:
        network = self.settings.networks[channel.network]
        url = shared.url
        full_link = with_utm(url, network.name, post.campaign or post.slug, self.settings.utm)
        shown = network.display_link(full_link)
        every_tag = self._every_hashtag(post, channel)
        tags = every_tag[: self._hashtag_cap(network)]
        context = _context(shared, channel, network, shown, tags)
        cw = channel.content_warning or ""
        # The fitter and the thread splitter measure the same texts again (the final parts
        # above all); counting is the costly step, so each text is counted once.
        measured: dict[str, Count] = {}

        def measure(text: str) -> Count:
            found = measured.get(text)
            if found is None:
                found = measured[text] = network.count(text, content_warning=cw)
            return found

        def fits(text: str) -> bool:
            # Most texts tried are far too long, which a bound tells without counting.
            if text not in measured and network.surely_over(text, content_warning=cw):
                return False
            return measure(text).fits

        parts, dropped, kept = self._parts(post, channel, network, context, measure, fits, tags)
        source = VariantSource.OVERRIDE if channel.text is not None else VariantSource.TEMPLATE
        if len(parts) > 1 and source is VariantSource.TEMPLATE:
            source = VariantSource.THREAD
        # An override text places its own hashtags, if any: only portavoz's texts leave some out.
        left_out = () if source is VariantSource.OVERRIDE else every_tag[len(kept) :]
        if len(every_tag) > len(tags) and left_out:
            dropped = (Dropped.HASHTAGS_OVER_CAP, *dropped)  # the cap applies before fitting
        text = "\n\n".join(parts)
        return Variant(
            network=network.name,
            parts=parts,
            counts=counts(parts, measure),
            link=full_link,
            facets=network.facets(parts),
            dropped=dropped,
            dropped_hashtags=left_out,
            api_text=network.api_text(text),
            api_parts=tuple(network.api_text(part) for part in parts),
            first_comment=channel.first_comment or "",
            content_warning=cw,
            image=channel.image or post.image or "",
            image_alt=channel.image_alt or (post.image_alt or "" if not channel.image else ""),
            source=source,
        )

    def _parts(
        self,
        post: Post,
        channel: ChannelSpec,
        network: Network,
        context: dict[str, object],
        measure: Callable[[str], Count],
        fits: Callable[[str], bool],
        tags: tuple[str, ...],
    ) -> tuple[tuple[str, ...], tuple[Dropped, ...], tuple[str, ...]]:
        """The parts, what the fitter dropped, and the hashtags the text was given."""
        threaded = channel.thread if channel.thread is not None else post.thread
        can_thread = network.threadable
        if channel.text is not None:
            text = render_string(self.env, channel.text, context)
            blocks = [b.strip() for b in _SEPARATOR.split(text) if b.strip()]
            return (number(blocks) if can_thread else ("\n\n".join(blocks),)), (), tags
        if threaded and can_thread:
            return split(self._thread_blocks(post, context), measure, fits), (), tags

        def render_with(summary: str, hashtags: tuple[str, ...]) -> str:
            return render(
                self.env,
                network.name,
                {
                    **context,
                    "summary": summary,
                    "hashtags": " ".join(hashtags),
                    "hashtag_list": list(hashtags),
                },
            )

        fitted = fit(render_with, measure, post.summary, tags, fits)
        return (fitted.text,), fitted.dropped, fitted.hashtags

    def _thread_blocks(self, post: Post, context: Mapping[str, object]) -> list[str]:
        body = paragraphs(post.body, self.settings.body_paragraphs)
        ends = (context["mentions"], context["link"], context["hashtags"])
        closing = " ".join(str(x) for x in ends if x)
        return [b for b in [post.title, post.summary, *body, closing] if b]

    def _every_hashtag(self, post: Post, channel: ChannelSpec) -> tuple[str, ...]:
        """The variant's hashtags before the cap: the channel's override or the post's tags."""
        sources = channel.hashtags if channel.hashtags is not None else post.tags
        return tuple(h for h in dict.fromkeys(hashtag(t) for t in sources) if h)

    def _hashtag_cap(self, network: Network) -> int:
        """How many hashtags a variant carries on ``network``."""
        cap = self.settings.hashtags.get(network.name, network.default_hashtags)
        if network.hashtag_limit is not None:  # 0 is a real limit: no hashtags at all
            cap = min(cap, network.hashtag_limit)
        return cap

    def _post_context(self, post: Post, url: str) -> _PostContext:
        audiences = self.site.audiences
        return _PostContext(
            post,
            url,
            ", ".join(audiences[a].label for a in post.audiences if a in audiences),
            post.date.astimezone(self.site.timezone),
        )


@dataclass(frozen=True)
class _PostContext:
    """What a post's templates are given alike on every network."""

    post: Post
    url: str
    audience: str
    published: datetime


def _context(
    shared: _PostContext,
    channel: ChannelSpec,
    network: Network,
    link: str,
    tags: tuple[str, ...],
) -> dict[str, object]:
    post = shared.post
    return {
        "title": post.title,
        "summary": post.summary,
        "link": link,
        "url": shared.url,
        "hashtags": " ".join(tags),
        "hashtag_list": list(tags),
        "mentions": " ".join(channel.mentions),
        "audience": shared.audience,
        "campaign": post.campaign or "",
        "published": shared.published,
        "network": network.label,
        "link_in_bio": network.link_in_bio,
        "lang": post.lang,
    }


HINTS = {
    VariantSource.TEMPLATE: "even after dropping hashtags and shortening the summary; shorten "
    "the title or write a shorter override text",
    VariantSource.OVERRIDE: "the override text is used as written; shorten it",
    VariantSource.THREAD: "a single sentence or word is longer than a part; shorten it",
}
"""What a writer can do when a variant is too long, by where its text came from."""


def _problem(post: Post, network: str, message: str) -> Problem:
    return Problem(post.path, post.line_of("channels"), "channels", message, network=network)


def _image_problems(post: Post, variant: Variant, network: Network) -> list[Problem]:
    """A variant for a network whose posts are images needs one, of a type the network takes.

    Found here, at ``check`` time, so it never waits for the moment of posting.
    """
    if not variant.image:
        if not network.needs_image:
            return []
        message = (
            f"{network.name}: a post on {network.label} is an image and this one has none; "
            f"add image: (and image_alt:) to the post or to channels.{network.name}, "
            f"or leave {network.name} out of channels"
        )
        return [_problem(post, network.name, message)]
    found = _media_type(variant.image) or "an unknown type"
    if not network.image_types or found in network.image_types:
        return []
    message = (
        f"{network.name}: image {variant.image!r} is {found}; {network.label} takes "
        f"{' or '.join(network.image_types)} only (convert the image, e.g. to .jpg)"
    )
    key = "image" if variant.image == post.image else "channels"
    return [Problem(post.path, post.line_of(key), key, message, network=network.name)]


@lru_cache(maxsize=1024)  # each post's image, once per network
def _media_type(image: str) -> str | None:
    return mimetypes.guess_type(image)[0]


def _limit_problems(post: Post, variant: Variant) -> list[Problem]:
    problems = []
    for i, count in enumerate(variant.counts, 1):
        if count.fits:
            continue
        part = f" part {i}/{len(variant.counts)}" if len(variant.counts) > 1 else ""
        why = "; ".join(count.problems)
        over = (
            f"{count.length} {count.unit.english}, over the limit of {count.limit}"
            if count.length > count.limit
            else why
        )
        hint = HINTS[variant.source] if count.length > count.limit else "change the text"
        message = f"{variant.network}{part}: {over}, {hint}"
        problems.append(_problem(post, variant.network, message))
    return problems
