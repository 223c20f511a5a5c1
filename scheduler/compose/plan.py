"""The schedule: every post with its status, URL and variants, and what follows from it.

One pass over the posts composes everything; the writers in :mod:`portavoz.scheduler.outputs`
(feeds, calendar, CSV, variant files, ``schedule.json``) then only format this plan.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from portavoz.scheduler.base.problems import Problem, Severity
from portavoz.scheduler.compose.variant import Composer, Variant
from portavoz.scheduler.content.model import Post
from portavoz.scheduler.content.settings import SiteSettings
from portavoz.scheduler.content.window import Status, Window

SOCIAL_STATUSES = frozenset({Status.LIVE, Status.SCHEDULED})
"""Statuses whose variants go to the calendar (held, draft, withdrawn, internal do not)."""


Composed = tuple[tuple[Variant, ...], tuple[Problem, ...]]
"""A post's variants and the problems composing found (as errors, before its status)."""


class Results(Protocol):
    """Compose results of earlier runs, by a key standing for a post and the composer."""

    def key(self, post: Post) -> str:
        """The key of ``post``'s results, or ``""`` when they cannot be stored."""
        ...

    def get(self, key: str) -> Composed | None:
        """The results stored under ``key``, if any."""
        ...

    def put(self, key: str, variants: Sequence[Variant], problems: Sequence[Problem]) -> None:
        """Store results composed now."""
        ...


@dataclass(frozen=True, slots=True)
class Planned:
    """One post in the schedule.

    Attributes:
        status: Where the post stands at its plan's moment (:meth:`Window.status` with the
            plan's window and settings; :meth:`Plan.status_on` builds on it).
        key: What the caches know the post and its variants by (``""``: not cached).
    """

    post: Post
    status: Status
    url: str
    variants: tuple[Variant, ...]
    key: str = ""


@dataclass(frozen=True)
class Plan:
    """Every post of the site at one moment."""

    window: Window
    site: SiteSettings
    items: tuple[Planned, ...]

    def with_status(self, *statuses: Status) -> list[Planned]:
        """Items whose status is one of ``statuses``."""
        return [i for i in self.items if i.status in statuses]

    def status_on(self, item: Planned, network: str) -> Status:
        """Where one variant of ``item`` stands (its own ``at:`` counts).

        From the item's own status, which :func:`make_plan` classified at this plan's window
        with its settings, worked out once a plan for each item and network: the records,
        feeds, calendar and CSV each ask for every variant's.
        """
        if self.alike(item):  # most variants: no moment of their own asked
            return item.status
        key = (id(item), network)
        found = self._statuses.get(key)
        if found is None or found[0] is not item:  # kept with its item: no id is reused
            found = item, self.window.status_after(item.status, item.post, network)
            self._statuses[key] = found
        return found[1]

    def alike(self, item: Planned) -> bool:
        """Whether every variant of ``item`` stands where ``item`` does at this plan's moment.

        A post that is not live, or a live one whose channels' own moments (``at:``) have
        all come, none of them from the pause on: most of a site's posts, known without
        asking each network (the records, feeds, calendar and CSV ask for every variant's,
        and ``mkdocs serve`` makes a new plan on every rebuild).
        """
        if item.status is not Status.LIVE:  # Window.status_after: its variants' status too
            return True
        latest, pause = self.latest(item), self.window.pause
        return latest <= self.window.now and (pause is None or latest < pause.since)

    def latest(self, item: Planned) -> dt.datetime:
        """The latest moment one of ``item``'s variants goes out (worked out once an item):
        its post's date, or a later channel's own (a network without a channel of its own
        goes out at the post's date)."""
        found = self._latest.get(id(item))
        if found is None or found[0] is not item:  # kept with its item: no id is reused
            post = item.post
            moments = [post.moment_on(c.network) for c in post.channels if c.at is not None]
            found = self._latest[id(item)] = item, max([post.date, *moments])
        return found[1]

    @functools.cached_property
    def _statuses(self) -> dict[tuple[int, str], tuple[Planned, Status]]:
        return {}

    @functools.cached_property
    def _latest(self) -> dict[int, tuple[Planned, dt.datetime]]:
        return {}


def make_plan(
    posts: Iterable[Post],
    window: Window,
    site: SiteSettings,
    composer: Composer,
    results: Results | None = None,
) -> tuple[Plan, list[Problem]]:
    """Compose every variant of every post and classify each post at ``window``.

    Variants that do not fit are errors only for posts that can still be published; a
    withdrawn, draft or internal post's variants are reported as warnings.

    Args:
        posts: The posts.
        window: The moment looked at.
        site: The site's settings.
        composer: Composes a post's variants.
        results: Results of earlier runs for ``composer``'s inputs: read instead of
            composing, and given this run's.
    """
    items = []
    problems: list[Problem] = []
    for post in sorted(posts, key=lambda p: (p.date, p.path)):
        status = window.status(post, site)
        variants, found, key = _composed(post, composer, results)
        if status not in SOCIAL_STATUSES | {Status.HELD}:
            found = tuple(_as_warning(p) for p in found)
        problems.extend(found)
        items.append(Planned(post, status, composer.url_for(post), variants, key))
    return Plan(window, site, tuple(items)), problems


def _composed(
    post: Post, composer: Composer, results: Results | None
) -> tuple[tuple[Variant, ...], tuple[Problem, ...], str]:
    """A post's results, stored ones for its key or composed now, and the key they are
    stored under (``""``: none)."""
    key = results.key(post) if results is not None else ""
    stored = results.get(key) if results is not None and key else None
    if stored is not None:
        return *stored, key
    variants, found = composer.compose(post)
    # A render over its time budget failed on the clock, and its template is then refused
    # for every later post: what was composed with any template refused is not stored.
    if results is None or not key or _refused_templates(composer):
        return tuple(variants), tuple(found), ""
    results.put(key, variants, found)
    return tuple(variants), tuple(found), key


def _refused_templates(composer: Composer) -> bool:
    """Whether a template has been refused in this run for going over a render limit."""
    return bool(getattr(getattr(composer.env, "exhausted", None), "reasons", None))


def _as_warning(problem: Problem) -> Problem:
    return replace(problem, severity=Severity.WARNING)


def live_posts(plan: Plan) -> Sequence[Planned]:
    """Live items, newest first (what feeds list)."""
    return sorted(plan.with_status(Status.LIVE), key=lambda i: i.post.date, reverse=True)
