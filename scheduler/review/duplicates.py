"""Two posts at one URL overwrite each other's page; a review must say so too.

A review reads only the changed files, but a new slug can collide with any post of the
head revision. One ``git grep`` finds the other posts whose ``title:`` or ``slug:`` line gives
the same slug (only the lines that can give it are parsed: see :func:`_same_slug`); only those
posts are read. (A post titled only by its ``# heading`` is not found this
way; ``portavoz check``, which reads every post, still reports it.)
"""

from __future__ import annotations

import dataclasses
import re

import yaml

from portavoz.scheduler.base.yaml_load import fastest_safe_loader
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
_FENCE = re.compile(r"^---\s*$")
_CANDIDATE_LINES = r"^((title|slug):|---)"
"""What ``git grep`` looks for: title and slug lines, and lines that may be fences.

Fences are told apart here (:data:`_FENCE`): git's extended matcher takes about five times as
long for a trailing ``\\s*$`` as for ``^---`` alone (10,000 posts: 0.67 s against 0.17 s).
"""
# One title or slug line of every post is parsed: libyaml's parser where it is installed
# (about ten times faster; the same Python constructor and resolver make the values).
_SCALAR_LOADER = fastest_safe_loader()
_NOT_TEXT = re.compile(r"[-+.0-9_:eETZ ]*|(?i:true|false|yes|no|on|off|null|none|inf|nan)")
"""Slugs a YAML scalar of another spelling could give (numbers, dates, booleans)."""


def _same_slug(head: Side, slugs: set[str]) -> list[str]:
    """Repo paths of posts whose title or slug line slugifies to one of ``slugs``.

    Only the lines that can give one of ``slugs`` are parsed, which keeps a review of one post
    in a large repository from parsing every post's slug line:

    - a ``slug:`` line can only hold a slug written as it is, unless YAML spells it another way:
      escapes (a backslash), a doubled quote, or a number, date or boolean whose text differs
      (a slug like ``1e3``: then every slug line is parsed);
    - a post with a ``slug:`` line in its front matter never takes its slug from its title
      (even an invalid one: the model then reports it and derives nothing), so its title line
      is not slugified. Front matter is what lies between the first two ``---`` lines, when
      nothing is found before the first.
    """
    settings = head.project.settings
    folder = head.repo_path(f"{settings.docs_dir}/{settings.post_dir}")
    # Named once above its lines unless a file's name holds a line break (git's heading
    # cannot tell that name from a line): half the output to read.
    heading = not any("\n" in path for path in head.sizes)
    blocks = git.grep_blocks(head.repo, head.ref, _CANDIDATE_LINES, folder, heading=heading)
    literal = not any(_NOT_TEXT.fullmatch(slug) for slug in slugs)
    found = []
    for path, block in blocks.items():
        # Most posts: the slug line right after the fence, holding none of the slugs.
        at_top = _slug_at_top(block)
        if literal and at_top and not _may_give(block, slugs):
            continue
        matches = block.split("\n")
        explicit = at_top or _has_slug_key(matches)
        for line in matches:
            # Cheap tests first: 10,000 posts give some 40,000 lines, few of them worth a look.
            is_slug = line.startswith("slug:")
            if not is_slug and (explicit or not line.startswith("title:")):
                continue
            if is_slug and literal and not _may_give(line[5:], slugs):
                continue
            match = _FRONT_LINE.match(line)
            if not match:
                continue
            value = _scalar(match.group(2))
            slug = (
                value
                if match.group(1) == "slug"
                else (settings.blog.post_slug(value) if value else "")
            )
            if slug in slugs:
                found.append(path)
                break
    return found


def _slug_at_top(block: str) -> bool:
    """Whether a file's lines (joined) begin as the usual front matter with a slug does: a
    fence, then the slug line or the title line and then the slug line. Decided without the
    walk of :func:`_has_slug_key`, which gives True for them too."""
    if block.startswith("---\nslug:"):
        return True
    if not block.startswith("---\ntitle:"):
        return False
    end = block.find("\n", 4)  # the end of the title line
    return end > 0 and block.startswith("slug:", end + 1)


def _has_slug_key(lines: list[str]) -> bool:
    """Whether the front matter (the lines between the first two fences) has a slug line.

    ``lines`` may hold other lines that start with ``---`` (rules, ``----``): not fences.
    """
    fenced = False
    for line in lines:
        if line.startswith("-"):
            if not _FENCE.match(line):
                continue
            if fenced:
                return False
            fenced = True
        elif not fenced:
            return False  # a title or slug line before any fence: no front matter found
        elif line.startswith("slug:"):
            return True
    return False


def _may_give(raw: str, slugs: set[str]) -> bool:
    """Whether a slug line's raw value can be one of ``slugs`` (see :func:`_same_slug`); for
    a file's lines together, whether any of its slug lines can."""
    return "\\" in raw or "''" in raw or any(slug in raw for slug in slugs)


def _scalar(text: str) -> str:
    try:
        value = yaml.load(text, Loader=_SCALAR_LOADER)  # a safe loader either way
    except yaml.YAMLError:
        return text.strip()
    return value if isinstance(value, str) else str(value or "")
