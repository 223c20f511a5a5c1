"""Build a review: every changed post with its variants, counts and problems, base vs head."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import posixpath
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from portavoz.scheduler.base.problems import Problem
from portavoz.scheduler.compose.variant import Variant
from portavoz.scheduler.content.model import Post
from portavoz.scheduler.content.repository import authors_path
from portavoz.scheduler.content.window import Status, Window
from portavoz.scheduler.networks import Count
from portavoz.scheduler.review import git
from portavoz.scheduler.review.guarded import guarded_problems
from portavoz.scheduler.review.side import Side
from portavoz.scheduler.site.meta import image_url

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


class Detail(enum.StrEnum):
    """What a community manager approves besides a variant's text."""

    IMAGE = "image"
    IMAGE_ALT = "image_alt"
    CONTENT_WARNING = "content_warning"
    FIRST_COMMENT = "first_comment"
    MENTIONS = "mentions"
    AT = "at"
    """The variant's own moment, where it has one (else it goes at the post's)."""


Details = tuple[tuple[Detail, str], ...]
"""Detail → value (mentions joined by spaces, a moment in ISO 8601 UTC), only those set."""


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
        details: Image, alt text, content warning, first comment, mentions and own moment,
            those that are set.
        was: The base value of each detail that changed (``""``: it was not set).
        image_link: Where the image is: its public URL once the post is live, else its
            path in the project.
        at: The moment the variant goes out (the post's, until it has one of its own).
    """

    network: str
    label: str
    change: VariantChange
    parts: tuple[str, ...] = ()
    counts: tuple[Count, ...] = ()
    previous: str = ""
    problems: tuple[Problem, ...] = ()
    details: Details = ()
    was: Details = ()
    image_link: str = ""
    at: dt.datetime | None = None


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
    previous_date: dt.datetime | None = None
    """The base's publish moment, when the change moved it."""
    previous_status: Status | None = None
    """The base's status, when the change altered it."""

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
    repository: tuple[Problem, ...] = ()
    """Problems of the change itself, not of a post: see :mod:`.guarded`."""
    prefix: str = ""
    """Folder of ``mkdocs.yml`` in the repository: problem paths are relative to it."""
    language: str = ""
    """The head's ``theme.language``: the Markdown report's own words are in it."""
    site_url: str = ""
    """The head's ``site_url``: only images at that address are linked from the report."""

    @property
    def problems(self) -> list[Problem]:
        return [*self.repository, *(p for post in self.posts for p in post.all_problems)]

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
        site_url=head.project.settings.site_url,
        posts=tuple(sorted(reviews, key=lambda r: r.path)),
        global_changes=tuple(global_changes),
        notes=notes,
        repository=guarded_problems(base, head, changed),
    )


def _relabel(found: PostReview, change: PostChange) -> PostReview:
    return dataclasses.replace(found, change=change)


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
    status = window.status(post, head.project.settings)
    found_problems = [*limit_problems, *lint_problems]
    reviews = [
        _variant_review(
            _Pair(post, v, before, old_variants.get(v.network)), found_problems, head, status
        )
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
    old_status = window.status(before, base.project.settings) if before else None
    return PostReview(
        change=_kind(change),
        path=shown,
        old_path=base.project_path(change.old_path) if change.old_path else None,
        title=post.title,
        status=status,
        date=post.date,
        audiences=labels,
        variants=tuple(reviews),
        problems=tuple(post_level),
        previous_date=before.date if before and before.date != post.date else None,
        previous_status=old_status if before and old_status is not status else None,
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


@dataclass(frozen=True)
class _Pair:
    """A post's variant for one network at the head, and at the base (``None``: it is new)."""

    post: Post
    variant: Variant
    old_post: Post | None
    old: Variant | None


def _variant_review(
    pair: _Pair, problems: list[Problem], side: Side, status: Status
) -> VariantReview:
    variant, old = pair.variant, pair.old
    docs = side.project.settings.docs_dir
    details = _details(pair.post, variant, docs)
    was = _changed(details, _details(pair.old_post, old, docs)) if pair.old_post and old else ()
    change = _variant_change(variant, old, bool(was))
    return VariantReview(
        network=variant.network,
        label=side.composer.settings.networks[variant.network].label,
        change=change,
        parts=variant.parts,
        counts=variant.counts,
        previous=old.text if old and old.text != variant.text else "",
        problems=tuple(p for p in problems if p.network == variant.network),
        details=details,
        was=was,
        image_link=_image_link(pair.post, variant.image, side, status),
        at=_own_moment(pair.post, variant) or pair.post.date,
    )


def _changed(now: Details, old: Details) -> Details:
    """The base value of each detail that differs between head and base, in :class:`Detail`'s
    order."""
    new, before = dict(now), dict(old)
    return tuple((d, before.get(d, "")) for d in Detail if new.get(d, "") != before.get(d, ""))


def _details(post: Post, variant: Variant, docs_dir: str) -> Details:
    channel = post.channel(variant.network)
    own = _own_moment(post, variant)
    found = {
        Detail.IMAGE: _image_path(post, variant.image, docs_dir),
        Detail.IMAGE_ALT: variant.image_alt,
        Detail.CONTENT_WARNING: variant.content_warning,
        Detail.FIRST_COMMENT: variant.first_comment,
        Detail.MENTIONS: " ".join(channel.mentions) if channel else "",
        Detail.AT: own.astimezone(dt.UTC).isoformat() if own else "",
    }
    return tuple((d, v) for d, v in found.items() if v)


def _own_moment(post: Post, variant: Variant) -> dt.datetime | None:
    """The variant's own publish moment (``channels.<network>.at:``), when it is not the
    post's."""
    moment = post.moment_on(variant.network)
    return moment if moment != post.date else None


def _image_link(post: Post, image: str, side: Side, status: Status) -> str:
    """The image's public URL once the post is live (it is online then), else its file."""
    if not image:
        return ""
    settings = side.project.settings
    if status is Status.LIVE:
        return image_url(image, post, settings)
    return _image_path(post, image, settings.docs_dir)


def _image_path(post: Post, image: str, docs_dir: str) -> str:
    """An image's file in the project (written relative to the post or to the content folder),
    or its address when it is elsewhere."""
    if not image or image.startswith(("http://", "https://")):
        return image
    base = "" if image.startswith("/") else posixpath.dirname(post.src_uri)
    return posixpath.normpath(posixpath.join(docs_dir, base, image.lstrip("/")))


def _variant_change(variant: Variant, old: Variant | None, details_changed: bool) -> VariantChange:
    if old is None:
        return VariantChange.NEW
    if old.text == variant.text and not details_changed:
        return VariantChange.UNCHANGED
    return VariantChange.CHANGED
