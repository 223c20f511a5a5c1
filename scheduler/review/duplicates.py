"""Two posts at one URL overwrite each other's page; a review must say so too.

A review reads only the changed files, but a new slug can collide with any post of the
head revision, so the changed posts are checked against all of them.
"""

from __future__ import annotations

import dataclasses

from scheduler.content.model import Post
from scheduler.content.repository import duplicate_urls
from scheduler.review.review import Review
from scheduler.review.side import Side


def with_duplicate_urls(report: Review, head: Side) -> Review:
    """The report, with a problem on every changed post whose URL another post already has."""
    changed = {p.path for p in report.posts if p.status is not None}
    if not changed:
        return report
    posts: list[Post] = [
        post for path in head.post_paths() if (post := head.post(path)[0]) is not None
    ]
    # duplicate_urls blames the later of two posts: list the changed ones last.
    posts.sort(key=lambda post: post.path in changed)
    found = duplicate_urls(posts, head.project.settings)
    reviews = tuple(
        dataclasses.replace(r, problems=(*r.problems, *(p for p in found if p.path == r.path)))
        for r in report.posts
    )
    return dataclasses.replace(report, posts=reviews)
