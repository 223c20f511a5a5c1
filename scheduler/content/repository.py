"""Find and load every post of a site, with every problem across files."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from portavoz.scheduler.base.files import read_regular
from portavoz.scheduler.base.problems import ContentError, Problem
from portavoz.scheduler.content.model import Post
from portavoz.scheduler.content.reader import MAX_BYTES, read_post
from portavoz.scheduler.content.settings import SiteSettings
from portavoz.scheduler.content.urls import post_path
from portavoz.scheduler.content.validate import read_fields


@dataclass(frozen=True)
class Loaded:
    """Posts that could be read, and the problems found in all files."""

    posts: tuple[Post, ...]
    problems: tuple[Problem, ...]
    rejected: tuple[Post, ...] = ()
    """Posts read as far as they could be despite errors: for checks only (composing and
    linting them reports every problem of a post in one run), never built or published."""

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)


def posts_folder(root: Path, settings: SiteSettings) -> Path:
    """Absolute folder holding the posts."""
    return root / settings.docs_dir / settings.post_dir


def discover(root: Path, settings: SiteSettings) -> list[Path]:
    """Every Markdown file under the posts folder, sorted.

    Links and special files named ``*.md`` are listed too, so that reading them reports them
    (``is_file()`` would follow a link, and skip ``/dev/zero`` that MkDocs then reads).
    """
    folder = posts_folder(root, settings)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*.md") if not stat.S_ISDIR(p.lstat().st_mode))


def relative(path: Path, root: Path) -> str:
    """A path relative to ``root`` in posix form (or as given when outside it)."""
    return _relative_in(path, path.parent.resolve(), root.resolve())


def _relative_in(path: Path, folder: Path, root: Path) -> str:
    """:func:`relative` with ``path``'s folder and ``root`` already resolved."""
    try:
        # The file itself is not resolved: a link is named where it is, not where it points.
        return (folder / path.name).relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def load_authors(root: Path, settings: SiteSettings) -> tuple[set[str] | None, list[Problem]]:
    """Author ids from Material's ``.authors.yml``, or ``None`` when there is no such file."""
    if not settings.blog.authors:  # Material's `authors: false`: the blog reads no authors
        return None, []
    path = root / authors_path(settings)
    if not os.path.lexists(path):  # a link or a FIFO there is refused, not skipped
        return None, []
    shown = relative(path, root)
    try:
        data = read_regular(path, shown)
    except ContentError as exc:
        return None, list(exc.problems)
    except OSError as exc:
        return None, [Problem(shown, None, "", f"cannot read the file: {exc.strerror}")]
    return parse_authors(data, shown)


def authors_path(settings: SiteSettings) -> str:
    """Path of Material's authors file (``authors_file``), relative to the project root."""
    return f"{settings.docs_dir}/{settings.blog.authors_file}"


def parse_authors(data: bytes, shown: str) -> tuple[set[str] | None, list[Problem]]:
    """Author ids from the bytes of an authors file."""
    try:
        parsed: object = yaml.safe_load(data.decode("utf-8-sig")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        return None, [Problem(shown, None, "", f"cannot read the authors file: {exc}")]
    authors = parsed.get("authors") if isinstance(parsed, dict) else None
    if not isinstance(authors, dict):
        return None, [Problem(shown, None, "authors", "expected a mapping of author ids")]
    return {str(a) for a in authors}, []


def load_post(
    path: Path, root: Path, settings: SiteSettings, authors: set[str] | None
) -> tuple[Post | None, list[Problem]]:
    """Read and validate one post file.

    Returns:
        The post as far as it could be read (see :func:`read_fields`: check whether a
        problem is an error before using it) and every problem found.
    """
    folder = path.parent.resolve()  # once for both names: each resolve costs system calls
    shown = _relative_in(path, folder, root.resolve())
    src_uri = _relative_in(path, folder, (root / settings.docs_dir).resolve())
    try:
        data = read_regular(path, shown, limit=MAX_BYTES, what="posts")
        raw = read_post(data, shown)
    except ContentError as exc:
        return None, list(exc.problems)
    except OSError as exc:
        return None, [Problem(shown, None, "", f"cannot read the file: {exc.strerror}")]
    content = root / settings.docs_dir
    post, problems = read_fields(
        raw, shown, src_uri, settings, authors, lambda uri: (content / uri).is_file()
    )
    # The caches key a post by these bytes (portavoz.scheduler.usecases.composing_cache).
    digest = hashlib.blake2b(data, digest_size=32).hexdigest()
    return (replace(post, source_digest=digest) if post is not None else None), problems


def load_posts(root: Path, settings: SiteSettings, paths: Iterable[Path] | None = None) -> Loaded:
    """Load posts (all of the site's, or the given files) and check them together.

    Args:
        root: Project root (the folder of ``mkdocs.yml``).
        settings: Site settings.
        paths: Files to load; default: every post of the site.
    """
    authors, problems = load_authors(root, settings)
    posts: list[Post] = []
    rejected: list[Post] = []
    for path in discover(root, settings) if paths is None else paths:
        post, found = load_post(path, root, settings, authors)
        problems.extend(found)
        if post is not None:
            (rejected if any(p.is_error for p in found) else posts).append(post)
    problems.extend(duplicate_urls(posts, settings))
    problems.extend(duplicate_keys(posts))
    return Loaded(tuple(posts), tuple(problems), tuple(rejected))


def duplicate_urls(posts: Iterable[Post], settings: SiteSettings) -> list[Problem]:
    """Two posts at one URL would overwrite each other's page."""
    seen: dict[str, Post] = {}
    problems = []
    for post in posts:
        first = seen.setdefault(post_path(post, settings), post)
        if first is not post:
            msg = f"'{post.slug}' gives the same URL as {first.path}; give one of them another slug"
            problems.append(Problem(post.path, post.line_of("slug"), "slug", msg))
    return problems


def duplicate_keys(posts: Iterable[Post]) -> list[Problem]:
    """Two posts with one key (``id:`` or path) would share their feed ids and calendar UIDs."""
    seen: dict[str, Post] = {}
    problems = []
    for post in posts:
        first = seen.setdefault(post.key, post)
        if first is not post:
            msg = f"'{post.key}' is also the id of {first.path}; give this post another 'id:'"
            problems.append(Problem(post.path, post.line_of("id"), "id", msg))
    return problems
