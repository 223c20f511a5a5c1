"""Find and load every post of a site, with every problem across files."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from scheduler.content.model import Post
from scheduler.content.reader import read_post
from scheduler.content.settings import SiteSettings
from scheduler.content.urls import post_path
from scheduler.content.validate import build_post
from scheduler.problems import ContentError, Problem


@dataclass(frozen=True)
class Loaded:
    """Posts that could be read, and the problems found in all files."""

    posts: tuple[Post, ...]
    problems: tuple[Problem, ...]

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)


def posts_folder(root: Path, settings: SiteSettings) -> Path:
    """Absolute folder holding the posts."""
    return root / settings.docs_dir / settings.post_dir


def discover(root: Path, settings: SiteSettings) -> list[Path]:
    """Every Markdown file under the posts folder, sorted."""
    folder = posts_folder(root, settings)
    return sorted(p for p in folder.rglob("*.md") if p.is_file()) if folder.is_dir() else []


def relative(path: Path, root: Path) -> str:
    """A path relative to ``root`` in posix form (or as given when outside it)."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def load_authors(root: Path, settings: SiteSettings) -> tuple[set[str] | None, list[Problem]]:
    """Author ids from Material's ``.authors.yml``, or ``None`` when there is no such file."""
    path = root / authors_path(settings)
    if not path.is_file():
        return None, []
    return parse_authors(path.read_bytes(), relative(path, root))


def authors_path(settings: SiteSettings) -> str:
    """Path of Material's authors file, relative to the project root."""
    return f"{settings.docs_dir}/{settings.blog_dir}/.authors.yml"


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
    """Read and validate one post file."""
    shown = relative(path, root)
    src_uri = relative(path, root / settings.docs_dir)
    try:
        raw = read_post(path.read_bytes(), shown)
    except ContentError as exc:
        return None, list(exc.problems)
    except OSError as exc:
        return None, [Problem(shown, None, "", f"cannot read the file: {exc.strerror}")]
    return build_post(raw, shown, src_uri, settings, authors)


def load_posts(root: Path, settings: SiteSettings, paths: Iterable[Path] | None = None) -> Loaded:
    """Load posts (all of the site's, or the given files) and check them together.

    Args:
        root: Project root (the folder of ``mkdocs.yml``).
        settings: Site settings.
        paths: Files to load; default: every post of the site.
    """
    authors, problems = load_authors(root, settings)
    posts: list[Post] = []
    for path in discover(root, settings) if paths is None else paths:
        post, found = load_post(path, root, settings, authors)
        problems.extend(found)
        if post is not None:
            posts.append(post)
    problems.extend(duplicate_urls(posts, settings))
    return Loaded(tuple(posts), tuple(problems))


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
