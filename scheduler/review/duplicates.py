"""Two posts at one URL overwrite each other's page; a review must say so too.

A review reads only the changed files, but a new slug can collide with any post of the
head revision. One ``git grep`` finds the other posts whose ``title:`` or ``slug:`` line gives
the same slug; only those are read. (A post titled only by its ``# heading`` is not found this
way; ``portavoz check``, which reads every post, still reports it.)
"""

from __future__ import annotations

import dataclasses
import re

import yaml

from portavoz.scheduler.content.model import Post
from portavoz.scheduler.content.repository import duplicate_urls
from portavoz.scheduler.review import git
from portavoz.scheduler.review.review import Review
from portavoz.scheduler.review.side import Side


def with_duplicate_urls(report: Review, head: Side) -> Review:
    """The report, with a problem on every changed post whose URL another post already has."""
    changed = {p.path for p in report.posts if p.status is not None}
    if not changed:
        return report
    mine = [post for path in sorted(changed) if (post := head.post(head.repo_path(path))[0])]
    slugs = {post.slug for post in mine}
    posts: list[Post] = [
        *mine,
        *(
            post
            for path in _same_slug(head, slugs)
            if head.project_path(path) not in changed and (post := head.post(path)[0])
        ),
    ]
    # duplicate_urls blames the later of two posts: list the changed ones last.
    posts.sort(key=lambda post: post.path in changed)
    found = duplicate_urls(posts, head.project.settings)
    reviews = tuple(
        dataclasses.replace(r, problems=(*r.problems, *(p for p in found if p.path == r.path)))
        for r in report.posts
    )
    return dataclasses.replace(report, posts=reviews)


_FRONT_LINE = re.compile(r"^(title|slug):\s*(.*)$")
# One title or slug line of every post is parsed: libyaml's parser where it is installed
# (about ten times faster; the same Python constructor and resolver make the values).
_SCALAR_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _same_slug(head: Side, slugs: set[str]) -> list[str]:
    """Repo paths of posts whose title or slug line slugifies to one of ``slugs``."""
    settings = head.project.settings
    folder = head.repo_path(f"{settings.docs_dir}/{settings.post_dir}")
    lines = git.grep_lines(head.repo, head.ref, r"^(title|slug):", folder)
    found = []
    for path, matches in lines.items():
        for line in matches:
            match = _FRONT_LINE.match(line)
            value = _scalar(match.group(2)) if match else ""
            slug = (
                value
                if match and match.group(1) == "slug"
                else (settings.blog.post_slug(value) if value else "")
            )
            if slug in slugs:
                found.append(path)
                break
    return found


def _scalar(text: str) -> str:
    try:
        value = yaml.load(text, Loader=_SCALAR_LOADER)  # a safe loader either way
    except yaml.YAMLError:
        return text.strip()
    return value if isinstance(value, str) else str(value or "")
