"""Where internal folders may be: never where MkDocs would publish their files.

MkDocs copies every file under ``docs_dir`` into the site, and the site is whatever lands in
``site_dir``. portavoz's internal folders hold what must not be public (the schedule names
unpublished posts; the listening cache keeps raw, unsanitised feeds), so each is refused inside
either folder. The build and the CLI ask the same question here.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from portavoz.scheduler.base.problems import Problem, Severity
from portavoz.scheduler.compose.settings import SchedulerSettings

SCHEDULER = "portavoz/scheduler"
LISTENING = "portavoz/listening"

HOLDS: dict[str, str] = {
    "output_dir": "schedule.json, the calendar and the texts of unpublished posts",
    "cache_dir": "raw copies of the listening feeds",
    "internal_dir": "the listening digests, crisis.json and influencers",
}
"""What each internal folder holds, by option name (said in the refusal)."""


@dataclass(frozen=True)
class Places:
    """The folders of a build: the project root and the two folders whose files are public.

    Attributes:
        root: Folder of ``mkdocs.yml``; internal folders are relative to it.
        docs_dir: MkDocs' ``docs_dir`` (absolute, or relative to ``root``).
        site_dir: MkDocs' ``site_dir`` (absolute, or relative to ``root``).
    """

    root: Path
    docs_dir: Path
    site_dir: Path

    @classmethod
    def of_build(cls, config_file: str | None, docs_dir: str, site_dir: str) -> Places:
        """The folders of a build, from MkDocs' ``config_file_path``, ``docs_dir``, ``site_dir``."""
        return cls(
            Path(config_file or "mkdocs.yml").resolve().parent, Path(docs_dir), Path(site_dir)
        )

    def shown(self, folder: Path) -> str:
        """A folder as a writer knows it: relative to the project when it is inside."""
        path, root = (self.root / folder).resolve(), self.root.resolve()
        return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)

    def lexical(self, folder: Path) -> Path:
        """``folder`` joined to the root and normalised, without touching the disk."""
        # Lexical first: `..` in an option is judged as written, whatever symlinks exist.
        return Path(os.path.normpath(self.root / folder))


def misplaced(key: str, value: str, places: Places, where: str = "mkdocs.yml") -> Problem | None:
    """A refusal when the internal folder ``key`` (set to ``value``) is inside a public folder.

    Args:
        key: The option (``output_dir``, ``cache_dir``, ``internal_dir``).
        value: Its value, relative to the project root (or absolute).
        places: The build's folders.
        where: Config file named in the problem.

    Returns:
        The problem, or ``None`` when the folder is outside ``docs_dir`` and ``site_dir``.
    """
    for option, public in (("docs_dir", places.docs_dir), ("site_dir", places.site_dir)):
        if _inside(Path(value), public, places):
            message = (
                f"'{value}' is inside {option} '{places.shown(public)}', so {HOLDS[key]} would "
                "be published; use a folder outside docs_dir and site_dir, such as one under "
                "'.portavoz/'"
            )
            return Problem(where, None, key, message, Severity.ERROR, "config")
    return None


def _inside(folder: Path, public: Path, places: Places) -> bool:
    """Whether ``folder`` is ``public`` or below it, as written or once symlinks are resolved."""
    lexical = places.lexical(folder).is_relative_to(places.lexical(public))
    # Resolved too: a symlink pointing into the content folder writes there all the same.
    resolved = (places.root / folder).resolve().is_relative_to((places.root / public).resolve())
    return lexical or resolved


def project_problems(
    plugins: Mapping[str, Mapping[str, object]], places: Places, where: str = "mkdocs.yml"
) -> list[Problem]:
    """Every internal folder of the configured, enabled portavoz plugins that is misplaced.

    Args:
        plugins: Raw options of each plugin, by name (as ``mkdocs.yml`` lists them).
        places: The project's folders.
        where: Config file named in the problems.
    """
    found = (misplaced(key, value, places, where) for key, value in _configured(plugins))
    return [problem for problem in found if problem is not None]


def _configured(plugins: Mapping[str, Mapping[str, object]]) -> Iterator[tuple[str, str]]:
    """``(option, value)`` of each internal folder in use (defaults where not written)."""
    scheduler = plugins.get(SCHEDULER)
    if scheduler is not None and scheduler.get("enabled", True) is not False:
        yield "output_dir", str(scheduler.get("output_dir") or SchedulerSettings.output_dir)
    listening = plugins.get(LISTENING)
    if listening is not None and listening.get("enabled", True) is not False:
        for key in ("cache_dir", "internal_dir"):
            yield key, str(listening.get(key) or _listening_default(key))


def _listening_default(key: str) -> str:
    # Imported only when an option is not written: the listening stack (httpx) is slow to load.
    from portavoz.scheduler.listening.settings import Settings

    return str(getattr(Settings, key))
