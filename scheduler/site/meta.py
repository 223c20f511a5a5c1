"""Open Graph and Twitter Card values for a page, with absolute URLs."""

from __future__ import annotations

import posixpath

from portavoz.scheduler.content.model import Post
from portavoz.scheduler.content.settings import SiteSettings
from portavoz.scheduler.content.urls import absolute


def image_url(image: str, post: Post | None, settings: SiteSettings) -> str:
    """Absolute URL of an image given relative to a post file (or to the content folder)."""
    if image.startswith(("http://", "https://")):
        return image
    if image.startswith("/"):
        return absolute(image, settings)
    base = posixpath.dirname(post.src_uri) if post else ""
    path = posixpath.normpath(posixpath.join(base, image))
    # Material moves media inside the posts folder next to the blog's pages.
    return absolute(settings.blog.media_uri(path), settings)


def post_meta(
    post: Post, url: str, settings: SiteSettings, default_image: str = ""
) -> list[tuple[str, str]]:
    """``(property, content)`` pairs for a post page, in the order they are written."""
    image = image_url(post.image, post, settings) if post.image else ""
    image = image or (image_url(default_image, None, settings) if default_image else "")
    pairs = [
        ("og:type", "article"),
        ("og:title", post.title),
        ("og:url", url),
        ("og:description", post.summary),
        ("og:locale", post.lang.replace("-", "_")),
        ("article:published_time", post.date.isoformat()),
    ]
    if post.updated:
        pairs.append(("article:modified_time", post.updated.isoformat()))
    pairs.extend(("article:tag", tag) for tag in post.tags)
    if image:
        pairs.append(("og:image", image))
        if post.image_alt:
            pairs.append(("og:image:alt", post.image_alt))
    pairs.append(("twitter:card", "summary_large_image" if image else "summary"))
    return [(k, v) for k, v in pairs if v]


def page_meta(
    title: str, url: str, description: str, settings: SiteSettings, default_image: str = ""
) -> list[tuple[str, str]]:
    """``(property, content)`` pairs for any page that is not a post."""
    image = image_url(default_image, None, settings) if default_image else ""
    pairs = [
        ("og:type", "website"),
        ("og:title", title),
        ("og:url", url),
        ("og:description", description),
        ("og:locale", settings.language.replace("-", "_")),
        ("og:image", image),
        ("twitter:card", "summary_large_image" if image else "summary"),
    ]
    return [(k, v) for k, v in pairs if v]
