"""The persistent cache of composed variants: unchanged posts are read, not composed again.

A post's variants and compose problems are a function of its file's bytes and path (what
reading makes of them depends on the site settings, below), the site settings, the
scheduler's settings, the template overrides and portavoz's own code and data (shipped
templates, counters), plus the libraries and Unicode data the counters and Jinja use.
Composing reads neither the clock nor other posts, with one exception: a render over its
time budget fails on the clock, and the template is then refused for the rest of the run
(:func:`~portavoz.scheduler.compose.sandbox.render_bounded`); results composed while any
template stands refused are not stored (:func:`~portavoz.scheduler.compose.plan.make_plan`).

An entry's key (:meth:`ComposeCache.key`) is a hash of the post's bytes digest, its path
and :func:`composer_fingerprint`. The file is ``<output_dir>/cache/variants.json``, read and
written as :mod:`~portavoz.scheduler.usecases.caching` reads and writes the lint cache.
"""

from __future__ import annotations

import hashlib
import locale
import mimetypes
import os
import stat
import sys
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path

from portavoz.scheduler.base import files
from portavoz.scheduler.base.problems import ContentError, Problem
from portavoz.scheduler.compose.plan import Composed
from portavoz.scheduler.compose.settings import SchedulerSettings
from portavoz.scheduler.compose.variant import Variant
from portavoz.scheduler.content.model import Post
from portavoz.scheduler.content.settings import SiteSettings
from portavoz.scheduler.usecases import caching
from portavoz.scheduler.usecases.cache_codec import LAYOUT, PROBLEMS, VARIANTS, DecodeError

FILE = "variants.json"
SCHEMA = f"portavoz/variants-cache/1-{LAYOUT}"
"""Written in the file; any other value (another version's layout) makes it foreign."""

MAX_BYTES = 256 * 2**20
"""Largest cache file read (about 40,000 posts' variants)."""

MAX_ENTRIES = 100_000
"""Most entries kept."""

MAX_TEMPLATE_FILES = 1_000
"""A templates folder with more files than this is not fingerprinted (nothing is cached)."""

_LIBRARIES = ("jinja2", "markupsafe", "regex", "babel")
"""Libraries whose version can change a variant (rendering, counting, number formats)."""


def _decode(value: object) -> Composed:
    if not isinstance(value, list) or len(value) != 2:
        raise DecodeError("an entry is not its variants and problems")
    variants, problems = value
    if not isinstance(variants, list) or not isinstance(problems, list):
        raise DecodeError("an entry's variants or problems are not lists")
    return tuple(VARIANTS.decode(v) for v in variants), tuple(PROBLEMS.decode(p) for p in problems)


def _encode(entry: Composed) -> object:
    variants, problems = entry
    return [[VARIANTS.encode(v) for v in variants], [PROBLEMS.encode(p) for p in problems]]


VARIANTS_CACHE: caching.CacheKind[Composed] = caching.CacheKind(
    FILE, SCHEMA, _encode, _decode, lambda: MAX_BYTES, MAX_ENTRIES
)
"""The composed variants' cache."""


class ComposeCache:
    """Compose results by post, for one composer's inputs (see :func:`composer_fingerprint`).

    It is what :func:`~portavoz.scheduler.compose.plan.make_plan` reads and fills.

    Attributes:
        file: The cache file, open for this run.
        fingerprint: The composer's inputs, as a hash.
    """

    def __init__(self, file: caching.CacheFile[Composed], fingerprint: str) -> None:
        self.file = file
        self.fingerprint = fingerprint

    def key(self, post: Post) -> str:
        """The key of ``post``'s variants, or ``""`` when it was not read from a file."""
        if not post.source_digest:
            return ""
        text = f"{self.fingerprint}\0{post.source_digest}\0{post.path}\0{post.src_uri}"
        return hashlib.blake2b(text.encode("utf-8"), digest_size=32).hexdigest()

    def get(self, key: str) -> Composed | None:
        """The variants and problems stored under ``key``, if any."""
        return self.file.get(key)

    def put(self, key: str, variants: Sequence[Variant], problems: Sequence[Problem]) -> None:
        """Store a post's variants and problems, composed in this run."""
        self.file.put(key, (tuple(variants), tuple(problems)))

    def save(self) -> None:
        """Write the file if anything new was composed (never raises)."""
        self.file.save()


def open_compose_cache(
    folder: Path,
    shown: str,
    site: SiteSettings,
    settings: SchedulerSettings,
    templates: Path | Mapping[str, str] | None,
) -> ComposeCache | None:
    """The compose cache in ``folder`` for these inputs; ``None`` when they have no hash.

    Args:
        folder: The cache's folder (``<output_dir>/cache``, absolute).
        shown: That folder as messages name it.
        site: The site's settings.
        settings: The scheduler's options.
        templates: The override folder, or name → source (a git revision), or none.
    """
    try:
        fingerprint = composer_fingerprint(site, settings, templates)
    except caching.Uncacheable:
        return None
    return ComposeCache(caching.CacheFile.open(VARIANTS_CACHE, folder, shown), fingerprint)


def composer_fingerprint(
    site: SiteSettings, settings: SchedulerSettings, templates: Path | Mapping[str, str] | None
) -> str:
    """A hash of everything besides the post that a composer's results depend on.

    Raises:
        Uncacheable: A setting has no canonical form, or the templates folder cannot be
            fingerprinted.
    """
    if isinstance(templates, Path):
        overrides: object = ["folder", _folder_fingerprint(templates)]
    elif templates:
        overrides = ["revision", dict(templates)]
    else:
        overrides = None
    return caching.digest(
        [caching.code_version(), _environment(), site, settings, overrides, "compose"]
    )


def _environment() -> list[object]:
    """What besides portavoz's code can change a variant: libraries, Python's Unicode data,
    the MIME types an image's problem is decided by, the locale dates may be formatted in."""
    versions = caching.library_versions(_LIBRARIES)
    mimetypes.init() if not mimetypes.inited else None
    types = hashlib.blake2b(repr(sorted(mimetypes.types_map.items())).encode()).hexdigest()
    return [
        sys.version,
        unicodedata.unidata_version,
        versions,
        types,
        locale.setlocale(locale.LC_TIME),
    ]


def _folder_fingerprint(folder: Path) -> object:
    """Every entry under the templates folder: name, kind and bytes (links and special files
    by name and kind: composing refuses them, whatever they point to).

    Raises:
        Uncacheable: The folder holds more than :data:`MAX_TEMPLATE_FILES` entries.
    """
    try:
        mode = folder.lstat().st_mode
    except FileNotFoundError:
        return None
    if not stat.S_ISDIR(mode):
        return ["not a folder", stat.S_IFMT(mode)]
    found: list[object] = []
    for top, dirs, names in os.walk(folder):  # links to folders are listed, not followed
        dirs.sort()
        for name in sorted(names + [d for d in dirs if Path(top, d).is_symlink()]):
            found.append(_entry(Path(top, name), folder))
            if len(found) > MAX_TEMPLATE_FILES:
                raise caching.Uncacheable("too many files in the templates folder")
    return found


def _entry(path: Path, folder: Path) -> object:
    name = path.relative_to(folder).as_posix()
    try:
        found = path.lstat()
        if not stat.S_ISREG(found.st_mode):
            return [name, stat.S_IFMT(found.st_mode)]
        if found.st_size > files.MAX_BYTES:  # refused by composing while it stays this big
            return [name, "too large"]
        data = files.read_regular(path, name, what="templates")
    except (OSError, ContentError) as exc:  # swapped or unreadable: compose, do not cache
        raise caching.Uncacheable(f"{name}: cannot be fingerprinted") from exc
    return [name, "file", hashlib.blake2b(data, digest_size=32).hexdigest()]
