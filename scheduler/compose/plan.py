"""The schedule: every post with its status, URL and variants, and what follows from it.

One pass over the posts composes everything; the writers in :mod:`portavoz.scheduler.outputs`
(feeds, calendar, CSV, variant files, ``schedule.json``) then only format this plan.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from portavoz.scheduler.base.problems import Problem, Severity
from portavoz.scheduler.compose.variant import Composer, Variant
from portavoz.scheduler.content.model import Post
from portavoz.scheduler.content.settings import SiteSettings
from portavoz.scheduler.content.window import Status, Window

SOCIAL_STATUSES = frozenset({Status.LIVE, Status.SCHEDULED})
"""Statuses whose variants go to the calendar (held, draft, withdrawn, internal do not)."""


class Variants:
    """A post's variants, their networks known before the variants themselves are made.

    A cache's stored variants are decoded when first asked for (:meth:`get`): a build with
    nothing changed asks only for their networks for most posts (the outputs' keys, the
    networks' feeds), and decoding a thousand posts' variants was most of reading their
    cache.

    Args:
        networks: Each variant's network, in the variants' order, as stored.
        made: The variants, when they are made already.
        make: Makes them (first :meth:`get` only).
    """

    __slots__ = ("_made", "_make", "_networks")

    def __init__(
        self,
        networks: tuple[str, ...],
        made: tuple[Variant, ...] | None = None,
        make: Callable[[], tuple[Variant, ...]] | None = None,
    ) -> None:
        if made is None and make is None:
            raise TypeError("Variants needs the variants or what makes them")
        self._networks = networks
        self._made = made
        self._make = make

    @property
    def networks(self) -> tuple[str, ...]:
        """Each variant's network, in the variants' order: as stored until the variants are
        made, then theirs (a malformed entry's, composed again, may differ)."""
        return self._networks

    @classmethod
    def of(cls, variants: Iterable[Variant]) -> Variants:
        """Variants made already."""
        made = tuple(variants)
        return cls(tuple(v.network for v in made), made)

    def get(self) -> tuple[Variant, ...]:
        """The variants, made on the first call (raising what ``make`` raises)."""
        if self._made is None:
            assert self._make is not None  # one of the two is always given
            self._made, self._make = self._make(), None
            self._networks = tuple(v.network for v in self._made)
        return self._made

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Variants):
            return NotImplemented
        return self.networks == other.networks and self.get() == other.get()

    def __hash__(self) -> int:
        return hash(self.get())

    def __repr__(self) -> str:
        return f"Variants({self.networks!r})"


Composed = tuple[Variants, tuple[Problem, ...]]
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

    def mend(
        self,
        key: str,
        variants: Sequence[Variant],
        problems: Sequence[Problem],
        reason: Exception,
        *,
        store: bool,
    ) -> None:
        """Report that the variants stored under ``key`` were found malformed (``reason``)
        when first asked for, after :meth:`get` gave them; ``variants`` and ``problems``
        were composed in their place (stored unless ``store`` is false)."""
        ...


@dataclass(frozen=True, slots=True)
class Planned:
    """One post in the schedule.

    Attributes:
        status: Where the post stands at its plan's moment (:meth:`Window.status` with the
            plan's window and settings; :meth:`Plan.status_on` builds on it).
        composed: Its variants (:attr:`variants`), their networks known without them.
        key: What the caches know the post and its variants by (``""``: not cached).
    """

    post: Post
    status: Status
    url: str
    composed: Variants
    key: str = ""

    @property
    def variants(self) -> tuple[Variant, ...]:
        """The post's variants (a cache's are decoded on the first call)."""
        return self.composed.get()

    @property
    def networks(self) -> tuple[str, ...]:
        """Each variant's network, in the variants' order (nothing decoded)."""
        return self.composed.networks


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
) -> tuple[Variants, tuple[Problem, ...], str]:
    """A post's results, stored ones for its key or composed now, and the key they are
    stored under (``""``: none)."""
    key = results.key(post) if results is not None else ""
    stored = results.get(key) if results is not None and key else None
    if results is not None and stored is not None:
        variants, found = stored
        return _mended(variants, post, composer, results, key), found, key
    made, composed = composer.compose(post)
    found = tuple(composed)
    # A render over its time budget failed on the clock, and its template is then refused
    # for every later post: what was composed with any template refused is not stored.
    if results is None or not key or _refused_templates(composer):
        return Variants.of(made), found, ""
    results.put(key, made, found)
    return Variants.of(made), found, key


def _mended(
    stored: Variants, post: Post, composer: Composer, results: Results, key: str
) -> Variants:
    """Stored variants, composed again should they be found malformed when first asked
    for (:meth:`Results.mend` reports it and stores the new ones)."""

    def make() -> tuple[Variant, ...]:
        try:
            return stored.get()
        except (ValueError, TypeError, RecursionError) as exc:  # malformed, found late
            made, found = composer.compose(post)
            results.mend(key, made, found, exc, store=not _refused_templates(composer))
            return tuple(made)

    return Variants(stored.networks, make=make)


def _refused_templates(composer: Composer) -> bool:
    """Whether a template has been refused in this run for going over a render limit."""
    return bool(getattr(getattr(composer.env, "exhausted", None), "reasons", None))


def _as_warning(problem: Problem) -> Problem:
    return replace(problem, severity=Severity.WARNING)


def live_posts(plan: Plan) -> Sequence[Planned]:
    """Live items, newest first (what feeds list)."""
    return sorted(plan.with_status(Status.LIVE), key=lambda i: i.post.date, reverse=True)
