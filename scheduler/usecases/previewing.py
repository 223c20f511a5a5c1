"""The writer's preview in ``mkdocs serve``: each post's panel from this build's plan.

Made again on every rebuild from the plan of that build (the saved file as it now is), so a
panel never shows a count from before the last save. A panel is a function of what it shows
(the post's variants, status and date, its file's problems, the networks' names, the site's
timezone and language), so the last build's panel for the same inputs is taken instead of
made again: most posts are unchanged from one save to the next.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Hashable
from dataclasses import dataclass

from portavoz.scheduler.base.kept import LastBuild
from portavoz.scheduler.base.problems import Problem
from portavoz.scheduler.compose.plan import Plan, Planned
from portavoz.scheduler.compose.settings import SchedulerSettings
from portavoz.scheduler.i18n import Messages
from portavoz.scheduler.site.preview import Panel, social_panel

_PANELS: LastBuild[Hashable, Panel] = LastBuild()
"""The panels of the last build in this process and of the current one, by what they show."""


@dataclass(frozen=True)
class Preview:
    """What one build knows for the panels.

    Attributes:
        plan: This build's plan.
        problems: Every problem found reading, composing and linting the posts (brand voice).
        settings: The scheduler's options (the networks' names).
        texts: The site's catalog.
    """

    plan: Plan
    problems: tuple[Problem, ...]
    settings: SchedulerSettings
    texts: Messages

    def __post_init__(self) -> None:
        # What every panel of this build shows besides its post and problems, compared once
        # a build instead of hashed into each panel's key.
        _PANELS.begin((self.plan.site.timezone, self._labels, self.texts))

    def panel(self, path: str, src_uri: str) -> Panel | None:
        """The panel of the page at ``src_uri`` (file ``path`` from the project root).

        ``None`` for a page that is not a post and has no problems.
        """
        item = self._items.get(src_uri)
        found = self._problems.get(path, ())
        if item is None and not found:
            return None
        zone = self.plan.site.timezone  # with the labels and texts, in this build's inputs
        return _PANELS.get((_shown(item), found), lambda: self._made(item, found, zone))

    def post_file(self, src_uri: str) -> str | None:
        """The file of the post at ``src_uri`` as its problems name it (the reader's name for
        it, from the project root), if a post is there: no page of it needs resolving."""
        item = self._items.get(src_uri)
        return item.post.path if item is not None else None

    @functools.cached_property
    def problems_elsewhere(self) -> bool:
        """Whether a problem names a file that is none of the plan's posts (a rejected post,
        another file): only then can a page that is not a post have a panel."""
        posts = {item.post.path for item in self._items.values()}
        return any(path not in posts for path in self._problems)

    def _made(self, item: Planned | None, found: tuple[Problem, ...], zone: dt.tzinfo) -> Panel:
        labels = dict(self._labels)
        return social_panel(item, found, self.texts, zone=zone, labels=labels)

    @functools.cached_property
    def _items(self) -> dict[str, Planned]:
        """The plan's posts by page (the first, should two share one)."""
        items: dict[str, Planned] = {}
        for item in self.plan.items:
            items.setdefault(item.post.src_uri, item)
        return items

    @functools.cached_property
    def _problems(self) -> dict[str, tuple[Problem, ...]]:
        """The problems by file, in the order found."""
        found: dict[str, list[Problem]] = {}
        for problem in self.problems:
            found.setdefault(problem.path, []).append(problem)
        return {path: tuple(problems) for path, problems in found.items()}

    @functools.cached_property
    def _labels(self) -> tuple[tuple[str, str], ...]:
        """Network id → the network's name."""
        return tuple((name, n.label) for name, n in self.settings.networks.items())


def _shown(item: Planned | None) -> Hashable:
    """What a post's panel shows of it: its variants, status and date.

    The variants by their key where they have one (the compose caches' key stands for the
    post's bytes and path and everything that composed them): hashing the variants
    themselves, counts and facets and all, cost more than making most panels again.
    """
    if item is None:
        return None
    variants: Hashable = ("variants-key", item.key) if item.key else item.variants
    return variants, item.status, item.post.date
