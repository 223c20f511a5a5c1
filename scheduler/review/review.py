"""Build a review: every changed post with its variants, counts and problems, base vs head."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from portavoz.scheduler.base.problems import Problem
from portavoz.scheduler.compose.variant import Variant
from portavoz.scheduler.content.model import Post
from portavoz.scheduler.content.repository import authors_path
from portavoz.scheduler.content.window import Status, Window
from portavoz.scheduler.networks import Count
from portavoz.scheduler.review import git
from portavoz.scheduler.review.side import Side

Lint = Callable[[Post, Sequence[Variant], Side], list[Problem]]
"""Brand-voice checks for a post and its variants (given the side for its settings)."""


class PostChange(enum.StrEnum):
    """What happened to a post's file (``affected``: unchanged, but a template or the config
    changed its variants)."""

    ADDED = "added"
    MODIFIED = "modified"
    RENAMED = "renamed"
    DELETED = "deleted"
    AFFECTED = "affected"


class VariantChange(enum.StrEnum):
    """What happened to one network's variant, base to head."""

    NEW = "new"
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    REMOVED = "removed"


_POST_CHANGES = {
    git.Status.ADDED: PostChange.ADDED,
    git.Status.MODIFIED: PostChange.MODIFIED,
    git.Status.RENAMED: PostChange.RENAMED,
    git.Status.DELETED: PostChange.DELETED,
}


@dataclass(frozen=True)
class VariantReview:
    """One network's variant of a reviewed post.

    Attributes:
        network: Network id.
        label: Network name.
        change: What happened to it.
        parts: Text of each part (empty when removed).
        counts: Count of each part.
        previous: The base text, when it changed.
        problems: Problems of this variant (limit, lint).
    """

    network: str
    label: str
    change: VariantChange
    parts: tuple[str, ...] = ()
    counts: tuple[Count, ...] = ()
    previous: str = ""
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class PostReview:
    """One post in the review."""

    change: PostChange
    path: str
    old_path: str | None
    title: str
    status: Status | None
    date: dt.datetime | None
    audiences: tuple[str, ...]
    variants: tuple[VariantReview, ...]
    problems: tuple[Problem, ...] = ()

    @property
    def all_problems(self) -> list[Problem]:
        return [*self.problems, *(p for v in self.variants for p in v.problems)]


@dataclass(frozen=True)
class Review:
    """The whole review of a change."""

    base: str
    head: str
    window: Window
    timezone: str
    posts: tuple[PostReview, ...]
    global_changes: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)
    prefix: str = ""
    """Folder of ``mkdocs.yml`` in the repository: problem paths are relative to it."""
    language: str = ""
    """The head's ``theme.language``: the Markdown report's own words are in it."""

    @property
    def problems(self) -> list[Problem]:
        return [p for post in self.posts for p in post.all_problems]

    @property
    def errors(self) -> int:
        return sum(p.is_error for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(not p.is_error for p in self.problems)


def global_paths(side: Side) -> set[str]:
    """Files whose change may alter every post's variants: config, templates, authors."""
    settings = side.project.settings
    folder = side.composer.settings.templates_dir
    paths = {"mkdocs.yml", authors_path(settings)}
    paths |= {f"{folder}/{name}" for name in side.templates}
    return {side.repo_path(p) for p in paths}


def review(
    base: Side,
    head: Side,
    window: Window,
    *,
    lint: Lint | None = None,
    notes: tuple[str, ...] = (),
) -> Review:
    """Compare two sides and review every post whose file or variants changed."""
    changed = git.changes(head.repo, base.ref or "HEAD", head.ref)
    global_changes = sorted(
        c.path for c in changed if c.path in global_paths(base) | global_paths(head)
    )
    reviews = []
    seen: set[str] = set()
    for change in changed:
        if not (head.is_post(change.path) or base.is_post(change.old_path or change.path)):
            continue
        seen.add(change.path)
        reviews.append(_review_change(change, base, head, window, lint))
    if global_changes:
        for path in head.post_paths():
            if path not in seen:
                change = git.Change(git.Status.MODIFIED, path)
                found = _review_change(change, base, head, window, lint)
                if any(v.change is not VariantChange.UNCHANGED for v in found.variants):
                    reviews.append(_relabel(found, PostChange.AFFECTED))
    return Review(
        base=base.ref or "HEAD",
        head=head.ref or "working tree",
        window=window,
        prefix=head.prefix,
        timezone=str(head.project.settings.timezone),
        language=head.project.settings.language,
        posts=tuple(sorted(reviews, key=lambda r: r.path)),
        global_changes=tuple(global_changes),
        notes=notes,
    )


def _relabel(found: PostReview, change: PostChange) -> PostReview:
    return PostReview(
        change, found.path, found.old_path, found.title, found.status, found.date,
        found.audiences, found.variants, found.problems,
    )  # fmt: skip


def _review_change(
    change: git.Change, base: Side, head: Side, window: Window, lint: Lint | None
) -> PostReview:
    old_path = change.old_path or change.path
    before = base.post(old_path)[0] if change.status is not git.Status.ADDED else None
    old_variants = {v.network: v for v in base.composer.compose(before)[0]} if before else {}
    if change.status is git.Status.DELETED:
        return _deleted(change, base, before, old_variants)
    post, problems = head.post(change.path)
    shown = head.project_path(change.path)
    if post is None:
        title = before.title if before else shown
        return PostReview(_kind(change), shown, None, title, None, None, (), (), tuple(problems))
    variants, limit_problems = head.composer.compose(post)
    lint_problems = lint(post, variants, head) if lint else []
    reviews = [
        _variant_review(v, old_variants.get(v.network), [*limit_problems, *lint_problems], head)
        for v in variants
    ]
    reviews += [
        VariantReview(
            n, head.composer.settings.networks[n].label, VariantChange.REMOVED, previous=v.text
        )
        for n, v in old_variants.items()
        if n not in {x.network for x in variants}
    ]
    # A network whose variant could not be made (a template error) has its problem here.
    found = [*problems, *limit_problems, *lint_problems]
    post_level = [p for p in found if not _is_network_problem(p, variants)]
    labels = tuple(
        head.project.settings.audiences[a].label
        for a in post.audiences
        if a in head.project.settings.audiences
    )
    return PostReview(
        change=_kind(change),
        path=shown,
        old_path=base.project_path(change.old_path) if change.old_path else None,
        title=post.title,
        status=window.status(post, head.project.settings),
        date=post.date,
        audiences=labels,
        variants=tuple(reviews),
        problems=tuple(post_level),
    )


def _deleted(
    change: git.Change, base: Side, before: Post | None, old: dict[str, Variant]
) -> PostReview:
    removed = tuple(
        VariantReview(
            n, base.composer.settings.networks[n].label, VariantChange.REMOVED, previous=v.text
        )
        for n, v in old.items()
    )
    shown = base.project_path(change.path)
    title = before.title if before else shown
    return PostReview(PostChange.DELETED, shown, None, title, None, before.date if before else None,
                      (), removed)  # fmt: skip


def _kind(change: git.Change) -> PostChange:
    return _POST_CHANGES[change.status]


def _is_network_problem(problem: Problem, variants: Sequence[Variant]) -> bool:
    return any(problem.network == v.network for v in variants)


def _variant_review(
    variant: Variant, old: Variant | None, problems: list[Problem], side: Side
) -> VariantReview:
    mine = tuple(p for p in problems if p.network == variant.network)
    change = _variant_change(variant, old)
    return VariantReview(
        network=variant.network,
        label=side.composer.settings.networks[variant.network].label,
        change=change,
        parts=variant.parts,
        counts=variant.counts,
        previous=old.text if old and change is VariantChange.CHANGED else "",
        problems=mine,
    )


def _variant_change(variant: Variant, old: Variant | None) -> VariantChange:
    if old is None:
        return VariantChange.NEW
    return VariantChange.UNCHANGED if old.text == variant.text else VariantChange.CHANGED
