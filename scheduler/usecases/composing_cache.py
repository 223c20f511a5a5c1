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
import json
import locale
import mimetypes
import os
import re
import stat
import sys
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from portavoz.scheduler.base import files
from portavoz.scheduler.base.problems import ContentError, Problem
from portavoz.scheduler.compose.plan import Composed, Variants
from portavoz.scheduler.compose.settings import SchedulerSettings
from portavoz.scheduler.compose.variant import Variant
from portavoz.scheduler.content.model import Post
from portavoz.scheduler.content.settings import SiteSettings
from portavoz.scheduler.usecases import caching
from portavoz.scheduler.usecases.cache_codec import LAYOUT, PROBLEMS, VARIANTS, DecodeError

FILE = "variants.json"
SCHEMA = f"portavoz/variants-cache/2-{LAYOUT}"
"""Written in the file; any other value (another version's layout) makes it foreign."""

MAX_BYTES = 256 * 2**20
"""Largest cache file read (about 40,000 posts' variants)."""

MAX_ENTRIES = 100_000
"""Most entries kept."""

MAX_TEMPLATE_FILES = 1_000
"""A templates folder with more files than this is not fingerprinted (nothing is cached)."""

_LIBRARIES = ("jinja2", "markupsafe", "regex", "babel")
"""Libraries whose version can change a variant (rendering, counting, number formats)."""


_PARSER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")
"""What JSON allows between values."""


def _decode_text(data: bytes) -> Composed:
    """An entry from its stored text, ``[networks, problems, variants]``: its networks and
    problems parsed and checked now, its variants (most of its bytes) when first asked for
    (:class:`~portavoz.scheduler.compose.plan.Variants`: a malformed one is then found by
    the :class:`ComposeCache` that served it).

    Raises:
        ValueError: The networks or problems are not of their form (a ``DecodeError``), or
            not JSON.
    """
    text = data.decode("utf-8")
    at = _SPACE.match(text).end()  # type: ignore[union-attr]  # matches the empty text
    if not text.startswith("[", at):
        raise DecodeError("an entry is not its networks, problems and variants")
    networks, at = _item(text, at + 1)
    problems, at = _item(text, at)
    rest = text[at:].rstrip(" \t\n\r")  # the variants, then the entry's closing bracket
    if type(networks) is not list or any(type(n) is not str for n in networks):
        raise DecodeError("an entry's networks are not a list of names")
    if type(problems) is not list or not rest.endswith("]"):
        raise DecodeError("an entry's problems or variants are not lists")
    names = tuple(networks)

    def make() -> tuple[Variant, ...]:
        variants = json.loads(rest[:-1])
        if type(variants) is not list or len(variants) != len(names):
            raise DecodeError("an entry's variants are not one for each of its networks")
        made = tuple(map(VARIANTS.decode, variants))
        if tuple(v.network for v in made) != names:
            raise DecodeError("an entry's variants are not those of its networks")
        return made

    return Variants(names, make=make), tuple(map(PROBLEMS.decode, problems))


def _item(text: str, at: int) -> tuple[object, int]:
    """The JSON value at ``at`` in ``text`` (spaces first skipped) and where the next one
    starts, after its comma.

    Raises:
        ValueError: No value there, or no comma after it.
    """
    at = _SPACE.match(text, at).end()  # type: ignore[union-attr]
    value, at = _PARSER.raw_decode(text, at)
    at = _SPACE.match(text, at).end()  # type: ignore[union-attr]
    if not text.startswith(",", at):
        raise DecodeError("an entry is not its networks, problems and variants")
    return value, at + 1


def _decode(value: object) -> Composed:
    """An entry from its parsed JSON form (see :func:`_decode_text`)."""
    return _decode_text(json.dumps(value).encode("utf-8"))


def _encode(entry: Composed) -> object:
    variants, problems = entry
    return [
        list(variants.networks),
        [PROBLEMS.encode(p) for p in problems],
        [VARIANTS.encode(v) for v in variants.get()],
    ]


VARIANTS_CACHE: caching.CacheKind[Composed] = caching.CacheKind(
    FILE, SCHEMA, _encode, _decode, lambda: MAX_BYTES, MAX_ENTRIES, decode_text=_decode_text
)
"""The composed variants' cache."""


class ComposeCache:
    """Compose results by post, for one composer's inputs (see :func:`composer_fingerprint`).

    It is what :func:`~portavoz.scheduler.compose.plan.make_plan` reads and fills.

    Attributes:
        file: The cache file, open for this run.
        fingerprint: The composer's inputs, as a hash.
        warn: Told when a stored entry served is found malformed once its variants are
            asked for (:meth:`mend`); none: each entry's variants are decoded as it is
            served, and a malformed one makes the whole file unusable
            (:attr:`caching.CacheFile.warning`), as for any other cache.
    """

    def __init__(
        self,
        file: caching.CacheFile[Composed],
        fingerprint: str,
        warn: Callable[[Problem], None] | None = None,
    ) -> None:
        self.file = file
        self.fingerprint = fingerprint
        self.warn = warn
        self._warned = False  # one warning a run, however many entries are mended

    def key(self, post: Post) -> str:
        """The key of ``post``'s variants, or ``""`` when it was not read from a file."""
        if not post.source_digest:
            return ""
        text = f"{self.fingerprint}\0{post.source_digest}\0{post.path}\0{post.src_uri}"
        return hashlib.blake2b(text.encode("utf-8"), digest_size=32).hexdigest()

    def get(self, key: str) -> Composed | None:
        """The variants and problems stored under ``key``, if any (the variants decoded
        when first asked for, unless no :attr:`warn` is given)."""
        found = self.file.get(key)
        if found is None or self.warn is not None:
            return found
        try:
            found[0].get()
        except (ValueError, TypeError, RecursionError) as exc:
            self.file.refuse(exc, key)
            return None
        return found

    def put(self, key: str, variants: Sequence[Variant], problems: Sequence[Problem]) -> None:
        """Store a post's variants and problems, composed in this run."""
        self.file.put(key, (Variants.of(variants), tuple(problems)))

    def mend(
        self,
        key: str,
        variants: Sequence[Variant],
        problems: Sequence[Problem],
        reason: Exception,
        *,
        store: bool,
    ) -> None:
        """Put the variants composed again in place of the malformed ones ``get`` served
        under ``key`` (the file is written again), and tell :attr:`warn` (once a run)."""
        entry = (Variants.of(variants), tuple(problems)) if store else None
        warning = self.file.mend(key, entry, reason)
        if self.warn is not None and not self._warned:
            self._warned = True
            self.warn(warning)

    def save(self) -> None:
        """Write the file if anything new was composed (never raises; held, when opened
        with ``hold``)."""
        self.file.save()


def open_compose_cache(
    folder: Path,
    shown: str,
    site: SiteSettings,
    settings: SchedulerSettings,
    templates: Path | Mapping[str, str] | None,
    warn: Callable[[Problem], None] | None = None,
    *,
    hold: bool = False,
) -> ComposeCache | None:
    """The compose cache in ``folder`` for these inputs; ``None`` when they have no hash.

    Args:
        folder: The cache's folder (``<output_dir>/cache``, absolute).
        shown: That folder as messages name it.
        site: The site's settings.
        settings: The scheduler's options.
        templates: The override folder, or name → source (a git revision), or none.
        warn: See :attr:`ComposeCache.warn`.
        hold: Saved in this process, not written (see :meth:`caching.CacheFile.open`).
    """
    try:
        fingerprint = composer_fingerprint(site, settings, templates)
    except caching.Uncacheable:
        return None
    file = caching.CacheFile.open(VARIANTS_CACHE, folder, shown, hold=hold)
    return ComposeCache(file, fingerprint, warn)


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
