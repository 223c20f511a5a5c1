"""One side of a review (the base revision or the head): its config, templates and posts."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path

from scheduler.compose.settings import SchedulerConfigError, scheduler_settings
from scheduler.compose.templates import environment
from scheduler.compose.variant import Composer
from scheduler.content.model import Post
from scheduler.content.reader import read_post
from scheduler.content.repository import authors_path, parse_authors
from scheduler.content.urls import post_url
from scheduler.content.validate import build_post
from scheduler.problems import ContentError, Problem
from scheduler.project import ConfigError, Project, parse_project
from scheduler.review import git


class SideError(ValueError):
    """A side of the review cannot be read (no config at that revision, bad config…)."""


@dataclass(frozen=True)
class Side:
    """A revision of the project, read through git (``ref`` ``None``: the working tree).

    Attributes:
        repo: Root of the git work tree.
        ref: Revision, or ``None`` for the working tree.
        prefix: Folder of ``mkdocs.yml`` relative to the repo root (``""`` at the root).
        project: The configuration at that revision.
        composer: Variant composer with that revision's templates and options.
        authors: Author ids at that revision, or ``None`` without an authors file.
        templates: Template overrides at that revision (name → source).
        scheduler_options: Raw ``portavoz/scheduler`` options (to detect config changes).
    """

    repo: Path
    ref: str | None
    prefix: str
    project: Project
    composer: Composer
    authors: set[str] | None
    templates: dict[str, str]

    @property
    def root(self) -> Path:
        """The project folder in the work tree (where ``mkdocs.yml`` is)."""
        return self.repo / self.prefix if self.prefix else self.repo

    def repo_path(self, project_path: str) -> str:
        """A project-relative path as a repo-relative one."""
        return posixpath.join(self.prefix, project_path) if self.prefix else project_path

    def project_path(self, repo_path: str) -> str:
        """A repo-relative path as a project-relative one."""
        return posixpath.relpath(repo_path, self.prefix) if self.prefix else repo_path

    def is_post(self, repo_path: str) -> bool:
        """Whether a repo path is a post of this side's blog."""
        folder = f"{self.project.settings.docs_dir}/{self.project.settings.post_dir}/"
        path = self.project_path(repo_path)
        return path.startswith(folder) and path.endswith(".md")

    def post(self, repo_path: str) -> tuple[Post | None, list[Problem]]:
        """Read and validate a post as it is on this side."""
        shown = self.project_path(repo_path)
        data = git.read(self.repo, self.ref, repo_path)
        if data is None:
            return None, [Problem(shown, None, "", "file not found")]
        try:
            raw = read_post(data, shown)
        except ContentError as exc:
            return None, list(exc.problems)
        src_uri = posixpath.relpath(shown, self.project.settings.docs_dir)
        return build_post(raw, shown, src_uri, self.project.settings, self.authors)

    def post_paths(self) -> list[str]:
        """Every post of this side (repo-relative paths)."""
        settings = self.project.settings
        folder = self.repo_path(f"{settings.docs_dir}/{settings.post_dir}")
        return [p for p in git.list_files(self.repo, self.ref, folder) if p.endswith(".md")]


def open_side(repo: Path, ref: str | None, prefix: str) -> Side:
    """Read the configuration, templates and authors of one revision.

    Raises:
        SideError: There is no usable ``mkdocs.yml`` at that revision.
    """
    config_path = posixpath.join(prefix, "mkdocs.yml") if prefix else "mkdocs.yml"
    data = git.read(repo, ref, config_path)
    where = ref or "the working tree"
    if data is None:
        raise SideError(f"{config_path}: not found in {where}")
    try:
        project = parse_project(data.decode("utf-8-sig"), repo / config_path)
        options = project.options("portavoz/scheduler")
        settings = scheduler_settings(options)
    except (ConfigError, SchedulerConfigError, UnicodeDecodeError) as exc:
        raise SideError(f"{config_path} in {where}: {exc}") from None
    side_prefix = prefix
    folder = posixpath.join(prefix, settings.templates_dir) if prefix else settings.templates_dir
    templates = {
        posixpath.relpath(p, folder): (git.read(repo, ref, p) or b"").decode("utf-8", "replace")
        for p in git.list_files(repo, ref, folder)
        if p.endswith(".j2")
    }
    authors_file = (
        posixpath.join(prefix, authors_path(project.settings))
        if prefix
        else (authors_path(project.settings))
    )
    authors_data = git.read(repo, ref, authors_file)
    authors = parse_authors(authors_data, authors_file)[0] if authors_data is not None else None
    composer = Composer(
        project.settings,
        settings,
        environment(templates),
        lambda post: post_url(post, project.settings),
    )
    return Side(repo, ref, side_prefix, project, composer, authors, templates)
