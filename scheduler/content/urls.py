"""A post's URL on the site: the path Material's blog gives it, under ``site_url``.

The path itself is computed by :mod:`~portavoz.scheduler.content.material_blog`, the one copy of
Material's and MkDocs' URL rules; the plugin checks at build time that it matches the URL
MkDocs actually assigned, so the two can never drift apart silently.
"""

from __future__ import annotations

from portavoz.scheduler.content.model import Post
from portavoz.scheduler.content.settings import SiteSettings


def post_path(post: Post, settings: SiteSettings) -> str:
    """The post's URL relative to the site root (``blog/x/``, or ``blog/x.html``)."""
    return settings.blog.post_path(post, settings.language)


def absolute(path: str, settings: SiteSettings) -> str:
    """An absolute URL for a site-relative path (``site_url`` + path)."""
    base = settings.site_url if settings.site_url.endswith("/") else settings.site_url + "/"
    return base + path.lstrip("/")


def post_url(post: Post, settings: SiteSettings) -> str:
    """The post's canonical absolute URL."""
    return absolute(post_path(post, settings), settings)
