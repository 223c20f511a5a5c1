"""The schedule: every post with its status, URL and variants, and what follows from it.

One pass over the posts composes everything; the writers in :mod:`portavoz.scheduler.outputs`
(feeds, calendar, CSV, variant files, ``schedule.json``) then only format this plan.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from portavoz.scheduler.base.problems import Problem, Severity
from portavoz.scheduler.compose.variant import Composer, Variant
from portavoz.scheduler.content.model import Post
from portavoz.scheduler.content.settings import SiteSettings
from portavoz.scheduler.content.window import Status, Window

SOCIAL_STATUSES = frozenset({Status.LIVE, Status.SCHEDULED})
"""Statuses whose variants go to the calendar (held, draft, withdrawn, internal do not)."""


@dataclass(frozen=True)
class Planned:
    """One post in the schedule."""

    post: Post
    status: Status
    url: str
    variants: tuple[Variant, ...]


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
        """Where one variant of ``item`` stands (its own ``at:`` counts)."""
        return self.window.status_on(item.post, network, self.site)


def make_plan(
    posts: Iterable[Post], window: Window, site: SiteSettings, composer: Composer
) -> tuple[Plan, list[Problem]]:
    """Compose every variant of every post and classify each post at ``window``.

    Variants that do not fit are errors only for posts that can still be published; a
    withdrawn, draft or internal post's variants are reported as warnings.
    """
    items = []
    problems: list[Problem] = []
    for post in sorted(posts, key=lambda p: (p.date, p.path)):
        status = window.status(post, site)
        variants, found = composer.compose(post)
        if status not in SOCIAL_STATUSES | {Status.HELD}:
            found = [_as_warning(p) for p in found]
        problems.extend(found)
        items.append(Planned(post, status, composer.url_for(post), tuple(variants)))
    return Plan(window, site, tuple(items)), problems


def _as_warning(problem: Problem) -> Problem:
    return replace(problem, severity=Severity.WARNING)


def live_posts(plan: Plan) -> Sequence[Planned]:
    """Live items, newest first (what feeds list)."""
    return sorted(plan.with_status(Status.LIVE), key=lambda i: i.post.date, reverse=True)
