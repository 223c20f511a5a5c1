"""Where a post lands on the site, computed the way Material's blog plugin computes it.

The CLI needs post URLs without building; the plugin checks at build time that these match the
URLs MkDocs actually assigned, so the two can never drift apart silently.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from pathlib import PurePosixPath
from urllib.parse import quote

from babel.dates import format_date
from pymdownx.slugs import slugify

from portavoz.scheduler.content.model import Post
from portavoz.scheduler.content.settings import SiteSettings

_category_slug_function = slugify(case="lower")


def post_path(post: Post, settings: SiteSettings) -> str:
    """The post's URL path relative to the site root, with a trailing slash (``blog/x/``)."""
    form = settings.post_url_format
    # Formatting a date with babel is slow; most formats ("{slug}") do not show it.
    category = [category_slug(c) for c in post.categories[:1]] if "{categories" in form else []
    path = form.format(
        categories="/".join(category),
        date=_url_date(post.url_date, settings) if "{date" in form else "",
        file=PurePosixPath(post.src_uri).stem,
        slug=post.slug,
    )
    path = posixpath.normpath(path.strip("/"))
    # Percent-encoded, as MkDocs writes page URLs.
    return quote(f"{posixpath.join(settings.blog_dir, path)}/")


def absolute(path: str, settings: SiteSettings) -> str:
    """An absolute URL for a site-relative path (``site_url`` + path)."""
    base = settings.site_url if settings.site_url.endswith("/") else settings.site_url + "/"
    return base + path.lstrip("/")


def post_url(post: Post, settings: SiteSettings) -> str:
    """The post's canonical absolute URL."""
    return absolute(post_path(post, settings), settings)


def category_slug(name: str) -> str:
    """Material's default ``categories_slugify`` (used by ``{categories}`` in URLs)."""
    return str(_category_slug_function(name, "-"))


def _url_date(date: dt.date, settings: SiteSettings) -> str:
    locale = settings.language.replace("-", "_")
    return str(format_date(date, settings.post_url_date_format, locale=locale))
