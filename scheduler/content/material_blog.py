"""Where MkDocs and Material's blog put pages, read from the blog plugin's own options.

Material's blog (``material/plugins/blog/plugin.py``, ``_format_path_for_post``) moves each post
to a path made from ``post_url_format``; MkDocs then turns a page's path into its URL
(``File.url``, with or without ``use_directory_urls``). The CLI needs those URLs without
building, so this module is the one copy of both rules, and it reads every option they
involve. An option whose value portavoz cannot reproduce (a slug function it does not know, a
placeholder Material does not fill, a time in the URL's date) is refused, naming the option: a
URL guessed differently from Material's would be linked from every social post, feed and hub
page. The site plugin still compares these URLs with the ones MkDocs assigned.
"""

from __future__ import annotations

import functools
import importlib
import posixpath
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from enum import Enum
from pathlib import PurePosixPath
from types import ModuleType
from urllib.parse import quote

from babel.core import Locale
from babel.dates import LC_TIME, DateTimePattern, get_date_format, parse_pattern, tokenize_pattern
from pymdownx.slugs import slugify as _pymdownx_slugify

from portavoz.scheduler.base.options import OptionProblem, OptionReader, shown
from portavoz.scheduler.content.model import Post

BLOG_PATH = "plugins.material/blog"
"""Key path of Material's blog options in ``mkdocs.yml``."""

_USLUGIFY = _pymdownx_slugify().func  # what pymdownx.slugs.slugify(**options) binds


class SlugKind(Enum):
    """The slug functions portavoz reproduces, by the name ``mkdocs.yml`` gives them."""

    PYMDOWNX = "pymdownx.slugs.slugify"
    TOC = "markdown.extensions.toc.slugify"
    TOC_UNICODE = "markdown.extensions.toc.slugify_unicode"


@dataclass(frozen=True)
class SlugFunction:
    """A slug function as ``(text, separator) -> slug``; equal when configured alike.

    Attributes:
        kind: Which function.
        case: pymdownx's ``case`` (``none``, ``lower``, ``lower-ascii``, ``fold``).
        normalize: pymdownx's Unicode normal form.
        percent_encode: pymdownx's ``percent_encode``.
    """

    kind: SlugKind = SlugKind.PYMDOWNX
    case: str = "lower"
    normalize: str = "NFC"
    percent_encode: bool = False

    def __call__(self, text: str, separator: str) -> str:
        if self.kind is SlugKind.TOC:
            return str(_toc().slugify(text, separator))
        if self.kind is SlugKind.TOC_UNICODE:
            return str(_toc().slugify_unicode(text, separator))
        options = {"case": self.case, "normalize": self.normalize}
        return str(_USLUGIFY(text, separator, percent_encode=self.percent_encode, **options))


def _toc() -> ModuleType:
    """Python-Markdown's toc extension, imported when a slug function of its is used.

    Markdown is not needed otherwise by the CLI (about 10 ms of every ``portavoz`` start).
    """
    return importlib.import_module("markdown.extensions.toc")


@functools.lru_cache(maxsize=4096)
def _slug(function: SlugFunction, text: str, separator: str) -> str:
    """``function(text, separator)``, worked out once per name (categories repeat in posts)."""
    return function(text, separator)


@dataclass(frozen=True)
class PythonTag:
    """A ``!!python/…`` value of ``mkdocs.yml`` as the CLI reads it: named, never imported.

    Attributes:
        tag: The tag after ``!!python/`` (``name:markdown.extensions.toc.slugify``).
        kwds: The keyword arguments of an ``object/apply:`` tag.
    """

    tag: str
    kwds: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class MaterialBlog:
    """Material's blog options that decide where pages go, with Material's defaults.

    Attributes:
        blog_dir: The blog's folder in the content folder, normalised (``.``: the site root).
        post_dir: The posts' folder in the content folder (``{blog}`` resolved).
        post_url_format: Path of a post under ``blog_dir``.
        post_url_date_format: Babel pattern (or ``long``…) of ``{date}``.
        post_url_max_categories: How many categories ``{categories}`` joins.
        post_slugify: Slug of a post without ``slug:`` (from its title).
        post_slugify_separator: Separator given to ``post_slugify``.
        categories_slugify: Slug of a category (its page, ``{categories}``).
        categories_slugify_separator: Separator given to ``categories_slugify``.
        authors: Whether the blog reads its authors file.
        authors_file: The authors file in the content folder (``{blog}`` resolved).
        use_directory_urls: MkDocs' ``use_directory_urls`` (``x/`` or ``x.html``).
    """

    blog_dir: str = "blog"
    post_dir: str = "blog/posts"
    post_url_format: str = "{date}/{slug}"
    post_url_date_format: str = "yyyy/MM/dd"
    post_url_max_categories: int = 1
    post_slugify: SlugFunction = field(default_factory=SlugFunction)
    post_slugify_separator: str = "-"
    categories_slugify: SlugFunction = field(default_factory=SlugFunction)
    categories_slugify_separator: str = "-"
    authors: bool = True
    authors_file: str = "blog/.authors.yml"
    use_directory_urls: bool = True

    def post_slug(self, title: str) -> str:
        """The slug Material gives a post without ``slug:``."""
        return self.post_slugify(title, self.post_slugify_separator)

    def category_slug(self, name: str) -> str:
        """The slug of a category (its page and ``{categories}`` in post URLs)."""
        return self.categories_slugify(name, self.categories_slugify_separator)

    def post_path(self, post: Post, language: str) -> str:
        """The post's URL relative to the site root (``blog/x/``, or ``blog/x.html``).

        Args:
            post: The post.
            language: The site's language (Material's ``theme.language``), for ``{date}``.
        """
        # What the path is made of, as one key: a build asks for each post's several times.
        # The day as {date} shows it (equal moments in two offsets can fall on two days).
        day = post.url_date
        day = day.date() if isinstance(day, datetime) else day
        return _post_path(self, language, day, post.src_uri, post.slug, post.categories)

    def __hash__(self) -> int:
        # The key of every post's path (_post_path): its fields' hash, worked out once.
        return self._hash

    @functools.cached_property
    def _hash(self) -> int:
        return hash(tuple(getattr(self, f.name) for f in fields(self)))

    def page_url(self, src_uri: str) -> str:
        """MkDocs' URL of a Markdown page (``File.url``), percent-encoded as MkDocs writes it."""
        parent, filename = posixpath.split(_as_posix(src_uri))
        name = _page_name(filename)
        if not self.use_directory_urls or name == "index":
            dest = posixpath.join(parent, f"{name}.html")
        else:
            dest = posixpath.join(parent, name, "index.html")
        folder, page = posixpath.split(dest)
        if self.use_directory_urls and page == "index.html":
            dest = f"{folder or '.'}/"
        # quote() leaves these as they are: most URLs need no call (a few µs a post).
        return dest if _UNQUOTED.fullmatch(dest) else quote(dest)

    def media_uri(self, src_uri: str) -> str:
        """Where the blog publishes a file that is not a page (posts' media leave ``post_dir``)."""
        if src_uri.startswith(self.post_dir + "/"):
            inside = src_uri[len(self.post_dir) + 1 :]
            return posixpath.normpath(posixpath.join(self.blog_dir, inside))
        return src_uri


@functools.lru_cache(maxsize=1 << 15)  # a pure function of its arguments: a site's posts
def _post_path(
    blog: MaterialBlog,
    language: str,
    day: date,
    src_uri: str,
    slug: str,
    categories: tuple[str, ...],
) -> str:
    """:meth:`MaterialBlog.post_path` of a post with these fields, worked out once: a build
    asks for each post's in planning, in the duplicate-URL check, on the hub and against the
    URL MkDocs gave its page (``mkdocs serve``, in every rebuild)."""
    form = blog.post_url_format
    listed = categories[: blog.post_url_max_categories] if "{categories" in form else ()
    separator = blog.categories_slugify_separator
    path = form.format(
        categories="/".join(_slug(blog.categories_slugify, c, separator) for c in listed),
        # Formatting a date with babel is slow; most formats ("{slug}") do not show it.
        date=_url_date(blog.post_url_date_format, day, language) if "{date" in form else "",
        file=_page_name(src_uri),
        slug=slug,
    )
    path = posixpath.normpath(path.strip("/"))
    return blog.page_url(posixpath.join(blog.blog_dir, f"{path}.md"))


def _url_date(form: str, day: date, language: str) -> str:
    # The date as written: Material formats the front matter's own value (see _date_format).
    pattern, locale = _date_pattern(form, language.replace("-", "_"))
    return str(pattern.apply(day, locale))


@functools.lru_cache(maxsize=64)
def _date_pattern(form: str, locale: str) -> tuple[DateTimePattern, Locale]:
    """``babel.dates.format_date``'s locale and parsed pattern, made once, not for every post."""
    found = Locale.parse(locale or LC_TIME)
    named = form in {"full", "long", "medium", "short"}
    pattern = get_date_format(form, locale=found) if named else form  # type: ignore[arg-type]
    return parse_pattern(pattern), found


_UNQUOTED = re.compile(r"[A-Za-z0-9_.~/-]*")
"""What ``urllib.parse.quote`` (``safe="/"``) never changes."""


def _as_posix(path: str) -> str:
    """``PurePosixPath(path).as_posix()``, without making a path when nothing would change."""
    plain = not path.startswith("./") and "//" not in path and "/./" not in path
    if plain and path not in {"", "."} and not path.endswith(("/", "/.")):
        return path
    return PurePosixPath(path).as_posix()


def relative_url(url: str, other: str) -> str:
    """``url`` relative to the page at ``other`` (``mkdocs.utils.get_relative_url``)."""
    folder, _, last = other.rpartition("/")
    if "." in last:  # a file (``x.html``): its folder
        other = folder
    here, there = _parts(other), _parts(url)
    common = 0
    for a, b in zip(here, there, strict=False):
        if a != b:
            break
        common += 1
    found = "/".join([".."] * (len(here) - common) + there[common:]) or "."
    return f"{found}/" if url.endswith("/") else found


def _parts(path: str) -> list[str]:
    normal = posixpath.normpath("/" + path.lstrip("/"))[1:]
    return normal.split("/") if normal else []


def _page_name(src_uri: str) -> str:
    """MkDocs' ``File.name``: the file's stem, ``README`` read as ``index``."""
    stem = posixpath.splitext(posixpath.basename(src_uri))[0]
    return "index" if stem == "README" else stem


def material_blog(
    options: Mapping[str, object], *, use_directory_urls: object = True, where: str = "mkdocs.yml"
) -> MaterialBlog:
    """Read Material's blog options (as written, or as MkDocs validated them).

    Args:
        options: The ``material/blog`` options (empty: Material's defaults).
        use_directory_urls: MkDocs' ``use_directory_urls``.
        where: The configuration file, for messages.

    Raises:
        ConfigError: Every option that is wrong or that portavoz cannot reproduce.
    """
    r = OptionReader(BLOG_PATH, where)
    d = MaterialBlog
    blog_dir = _folder(r, options, "blog_dir", d.blog_dir)
    found = MaterialBlog(
        blog_dir=blog_dir,
        post_dir=_with_blog(r, options, "post_dir", "{blog}/posts", blog_dir),
        post_url_format=_post_url_format(r, r.text(options, "post_url_format", d.post_url_format)),
        post_url_date_format=_date_format(
            r, r.text(options, "post_url_date_format", d.post_url_date_format)
        ),
        post_url_max_categories=_integer(
            r, options, "post_url_max_categories", d.post_url_max_categories
        ),
        post_slugify=_slug_function(r, options, "post_slugify"),
        post_slugify_separator=r.text(options, "post_slugify_separator", "-"),
        categories_slugify=_slug_function(r, options, "categories_slugify"),
        categories_slugify_separator=r.text(options, "categories_slugify_separator", "-"),
        authors=r.boolean(options, "authors", d.authors),
        authors_file=_with_blog(r, options, "authors_file", "{blog}/.authors.yml", blog_dir),
        use_directory_urls=_directory_urls(r, use_directory_urls),
    )
    r.raise_problems()
    return found


def _folder(r: OptionReader, options: Mapping[str, object], name: str, default: str) -> str:
    value = r.text(options, name, default)
    normal = posixpath.normpath(value)
    if value.startswith("/") or normal == ".." or normal.startswith("../"):
        message = f"{shown(value)} is outside the content folder; write a folder inside it"
        r.problem(r.key(name), message)
        return default
    return normal


def _with_blog(
    r: OptionReader, options: Mapping[str, object], name: str, default: str, blog_dir: str
) -> str:
    """A path in the content folder where ``{blog}`` is ``blog_dir`` (``post_dir``…)."""
    value = r.text(options, name, default)
    try:
        return posixpath.normpath(value.format(blog=blog_dir))
    except (KeyError, IndexError, ValueError, AttributeError):
        r.problem(r.key(name), f"{shown(value)}: Material fills only {{blog}} here")
        return posixpath.normpath(default.format(blog=blog_dir))


_POST_PLACEHOLDERS = ("categories", "date", "file", "slug")


def _post_url_format(r: OptionReader, value: str) -> str:
    """``post_url_format`` as Material fills it; another placeholder would stop its build."""
    try:
        value.format(**dict.fromkeys(_POST_PLACEHOLDERS, ""))
    except (KeyError, IndexError, ValueError, AttributeError):
        known = ", ".join(f"{{{p}}}" for p in _POST_PLACEHOLDERS)
        odd = _odd_placeholder(value)
        r.problem(r.key("post_url_format"), f"{shown(value)} uses {odd}; Material fills {known}")
        return MaterialBlog.post_url_format
    return value


def _odd_placeholder(value: str) -> str:
    try:
        names = [n for _, n, _, _ in string.Formatter().parse(value) if n is not None]
    except ValueError:
        return "a broken placeholder"
    odd = [n for n in names if n.split(".")[0].split("[")[0] not in _POST_PLACEHOLDERS]
    return f"{{{odd[0]}}}" if odd else "a broken placeholder"


_NAMED_DATE_FORMATS = frozenset({"full", "long", "medium", "short"})
# Babel's date fields; time fields are refused (see _date_format).
_DATE_FIELDS = frozenset("GyYuQqMLwWdDFgEec")


def _date_format(r: OptionReader, value: str) -> str:
    """A babel date pattern of calendar fields only.

    Material formats the front matter's date with its time; portavoz keeps only the calendar
    date as written (a date alone is midnight UTC to Material), so a time in the URL is refused.
    """
    if value in _NAMED_DATE_FORMATS:
        return value
    try:
        fields = {token[1][0] for token in tokenize_pattern(value) if token[0] == "field"}
    except (ValueError, TypeError):
        fields = {"'"}
    other = sorted(fields - _DATE_FIELDS)
    if other:
        message = (
            f"{shown(value)} has {', '.join(other)}, which portavoz cannot reproduce; "
            "use date fields only (y, M, d…), like yyyy/MM/dd"
        )
        r.problem(r.key("post_url_date_format"), message)
        return MaterialBlog.post_url_date_format
    return value


def _integer(r: OptionReader, options: Mapping[str, object], name: str, default: int) -> int:
    """A number as Material's ``Type(int)`` takes it (a slice bound: negative counts back)."""
    value = options.get(name, default)
    if value is None:
        return default
    if not isinstance(value, int):
        r.problem(r.key(name), f"expected a whole number, found {shown(value)}")
        return default
    return value


def _directory_urls(r: OptionReader, value: object) -> bool:
    if isinstance(value, bool):
        return value
    found = f"expected true or false, found {shown(value)}"
    r.problems.append(OptionProblem("use_directory_urls", found))
    return True


_KNOWN_TAGS = {
    f"name:{kind.value}": SlugFunction(kind) for kind in (SlugKind.TOC, SlugKind.TOC_UNICODE)
}


def _known_function(value: object) -> SlugFunction | None:
    """The slug function of toc's that ``value`` is, if it is one (MkDocs passes callables)."""
    if getattr(value, "__module__", None) != "markdown.extensions.toc":
        return None  # not imported for anything else (see _toc)
    toc = _toc()
    if value is toc.slugify:
        return SlugFunction(SlugKind.TOC)
    return SlugFunction(SlugKind.TOC_UNICODE) if value is toc.slugify_unicode else None


_NORMAL_FORMS = frozenset({"NFC", "NFD", "NFKC", "NFKD"})


def _slug_function(r: OptionReader, options: Mapping[str, object], name: str) -> SlugFunction:
    """``post_slugify`` or ``categories_slugify``: a callable (MkDocs) or a tag (the CLI)."""
    value = options.get(name)
    if value is None:
        return SlugFunction()
    if isinstance(value, functools.partial) and value.func is _USLUGIFY and not value.args:
        return _pymdownx(r, name, value.keywords)
    if isinstance(value, PythonTag):
        if value.tag == f"object/apply:{SlugKind.PYMDOWNX.value}":
            return _pymdownx(r, name, value.kwds)
        if value.tag in _KNOWN_TAGS and not value.kwds:
            return _KNOWN_TAGS[value.tag]
    else:
        known_function = _known_function(value)
        if known_function is not None:
            return known_function
    known = ", ".join(k.value for k in SlugKind)
    message = (
        f"{_function_name(value)} is not a slug function portavoz can reproduce, so check and "
        f"review would compute other URLs than the blog; use one of {known}"
    )
    r.problem(r.key(name), message)
    return SlugFunction()


def _pymdownx(r: OptionReader, name: str, options: Mapping[str, object]) -> SlugFunction:
    """pymdownx's configurable slugify, with its own defaults (not Material's)."""
    case = options.get("case", "none")
    normalize = options.get("normalize", "NFC")
    percent = options.get("percent_encode", False)
    if not isinstance(case, str) or normalize not in _NORMAL_FORMS or not isinstance(percent, bool):
        message = (
            f"pymdownx.slugs.slugify with {shown(dict(options))}; write case as text, "
            "normalize as NFC, NFD, NFKC or NFKD and percent_encode as true or false"
        )
        r.problem(r.key(name), message)
        return SlugFunction()
    return SlugFunction(SlugKind.PYMDOWNX, case, str(normalize), percent)


def _function_name(value: object) -> str:
    if isinstance(value, PythonTag):
        return f"!!python/{value.tag}"
    if isinstance(value, functools.partial):
        value = value.func
    module = getattr(value, "__module__", None)
    qualname = getattr(value, "__qualname__", None)
    return f"{module}.{qualname}" if module and qualname else shown(value)
