"""One side of a review (the base revision or the head): its config, templates and posts."""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from portavoz.scheduler.base.files import refusal, too_large
from portavoz.scheduler.base.problems import ContentError, Problem
from portavoz.scheduler.compose.factory import composer_for
from portavoz.scheduler.compose.settings import scheduler_settings
from portavoz.scheduler.compose.variant import Composer
from portavoz.scheduler.content.model import Post
from portavoz.scheduler.content.reader import MAX_BYTES, read_post
from portavoz.scheduler.content.repository import authors_path, parse_authors
from portavoz.scheduler.content.validate import build_post
from portavoz.scheduler.project import ConfigError, Project, ReadConfig, parse_project
from portavoz.scheduler.review import git


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
        refused: Links and special files in its content, theme and templates folders (never
            read; a head with any cannot be reviewed).
        sizes: Size of every file in those folders, by repo path (checked before reading).
    """

    repo: Path
    ref: str | None
    prefix: str
    project: Project
    composer: Composer
    authors: set[str] | None
    templates: dict[str, str]
    refused: tuple[Problem, ...] = ()
    sizes: Mapping[str, int] = field(default_factory=dict)

    @property
    def root(self) -> Path:
        """The project folder in the work tree (where ``mkdocs.yml`` is)."""
        return self.repo / self.prefix if self.prefix else self.repo

    def repo_path(self, project_path: str) -> str:
        """A project-relative path as a repo-relative one."""
        return posixpath.join(self.prefix, project_path) if self.prefix else project_path

    def repo_folder(self, project_path: str) -> str:
        """A project-relative path as a normalised repo path ("" when it is absolute or
        outside the repository: git holds nothing there)."""
        if posixpath.isabs(project_path):
            return ""
        path = posixpath.normpath(self.repo_path(project_path))
        return "" if path == ".." or path.startswith("../") else path

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
        refused = [p for p in self.refused if p.path == shown]
        big = too_large(self.sizes.get(repo_path, 0), "posts", MAX_BYTES)
        if refused or big:  # never read: a link's target is not the post, a huge blob not read
            return None, refused or [Problem(shown, None, "", big)]
        try:
            data = git.read(self.repo, self.ref, repo_path)
            if data is None:
                return None, [Problem(shown, None, "", "file not found")]
            raw = read_post(data, shown)
        except ContentError as exc:
            return None, list(exc.problems)
        src_uri = posixpath.relpath(shown, self.project.settings.docs_dir)
        return build_post(raw, shown, src_uri, self.project.settings, self.authors, self.is_file)

    def is_file(self, content_path: str) -> bool:
        """Whether a path relative to the content folder is a file on this side."""
        project_path = posixpath.join(self.project.settings.docs_dir, content_path)
        return self.repo_path(project_path) in self.sizes

    def post_paths(self) -> list[str]:
        """Every post of this side (repo-relative paths)."""
        return sorted(p for p in self.sizes if self.is_post(p))


def open_side(repo: Path, ref: str | None, prefix: str) -> Side:
    """Read the configuration, templates and authors of one revision.

    Raises:
        SideError: There is no usable ``mkdocs.yml`` at that revision.
    """
    config_path = posixpath.join(prefix, "mkdocs.yml") if prefix else "mkdocs.yml"
    where = ref or "the working tree"
    try:
        data = git.read(repo, ref, config_path)
    except ContentError as exc:
        raise SideError(f"{exc.problems[0].format()} (in {where})") from None
    if data is None:
        raise SideError(f"{config_path}: not found in {where}")
    try:
        project = parse_project(
            data.decode("utf-8-sig"), repo / config_path, read=_config_reader(repo, ref)
        )
        options = project.options("portavoz/scheduler")
        settings = scheduler_settings(options, language=project.settings.language)
    except (ConfigError, ContentError, UnicodeDecodeError) as exc:
        raise SideError(f"{config_path} in {where}: {exc}") from None
    inside = _under(prefix)
    folders = [project.settings.docs_dir, project.theme_dir, settings.templates_dir]
    modes, sizes = _listing(repo, ref, [inside(f) for f in folders if f])

    def usable(path: str) -> bool:  # links and special files are never read, nor anything big
        return path in modes and not refusal(modes[path]) and sizes[path] <= MAX_BYTES

    templates = _templates(repo, ref, inside(settings.templates_dir), modes, usable)
    authors_file = inside(authors_path(project.settings))
    reads_authors = project.settings.blog.authors and usable(authors_file)
    authors_data = git.read(repo, ref, authors_file) if reads_authors else None
    authors = parse_authors(authors_data, authors_file)[0] if authors_data is not None else None
    composer = composer_for(project.settings, settings, templates)
    refused = tuple(_refused(modes, sizes, prefix))
    return Side(repo, ref, prefix, project, composer, authors, templates, refused, sizes)


def _listing(
    repo: Path, ref: str | None, folders: list[str]
) -> tuple[dict[str, int], Mapping[str, int]]:
    """Each file's mode and size by repo path (in the working tree, sizes read when asked)."""
    if ref is None:
        modes = git.working_modes(repo, folders)
        return modes, _WorkingSizes(repo, modes)
    return git.tree_files(repo, ref, folders)


class _WorkingSizes(Mapping[str, int]):
    """The sizes of the listed working-tree files, each ``lstat``-ed when first asked.

    A review of one post in a 10,000-post tree asks a handful; reading a file checks its size
    again (``files.read_regular``), so a file that changes meanwhile is still capped.
    """

    def __init__(self, repo: Path, modes: Mapping[str, int]) -> None:
        self._repo, self._modes, self._known = repo, modes, dict[str, int]()

    def __getitem__(self, path: str) -> int:
        if path not in self._modes:
            raise KeyError(path)
        if path not in self._known:
            try:
                self._known[path] = os.lstat(self._repo / path).st_size
            except OSError:  # gone since it was listed: reading it says so
                self._known[path] = 0
        return self._known[path]

    def __iter__(self) -> Iterator[str]:
        return iter(self._modes)

    def __len__(self) -> int:
        return len(self._modes)

    def __contains__(self, path: object) -> bool:
        return path in self._modes


def _config_reader(repo: Path, ref: str | None) -> ReadConfig:
    """Reads a file ``INHERIT`` names as it is at ``ref`` (outside the repository: none)."""

    def read(path: Path) -> str | None:
        if not path.is_relative_to(repo):
            return None
        data = git.read(repo, ref, path.relative_to(repo).as_posix())
        return None if data is None else data.decode("utf-8-sig")

    return read


def _under(prefix: str) -> Callable[[str], str]:
    """Project-relative path → repo-relative path."""
    return lambda path: posixpath.normpath(posixpath.join(prefix, path)) if prefix else path


def _templates(
    repo: Path,
    ref: str | None,
    folder: str,
    listed: Mapping[str, int],
    usable: Callable[[str], bool],
) -> dict[str, str]:
    """The usable overrides in ``folder`` (repo-relative) as name → source."""
    return {
        posixpath.relpath(p, folder): (git.read(repo, ref, p) or b"").decode("utf-8", "replace")
        for p in sorted(listed)
        if p.endswith(".j2") and p.startswith(f"{folder}/") and usable(p)
    }


def _refused(modes: Mapping[str, int], sizes: Mapping[str, int], prefix: str) -> list[Problem]:
    """A problem for each link, special file or oversized template (paths project-relative,
    as in every message)."""
    problems = []
    # A tree holds a few modes, and most of its files are regular ones that are no template.
    regular = {mode for mode in set(modes.values()) if not refusal(mode)}
    for path, mode in modes.items():
        if mode in regular and not path.endswith(".j2"):
            continue
        why = refusal(mode)
        if not why and path.endswith(".j2"):
            why = too_large(sizes[path], "templates", MAX_BYTES)
        if why:
            shown = posixpath.relpath(path, prefix) if prefix else path
            problems.append(Problem(shown, None, "", why))
    return problems
