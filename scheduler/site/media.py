"""Which files beside the posts are published: only those a live page uses.

MkDocs publishes every file of the content folder, so an image beside a future, draft,
internal, withdrawn or held post would be public before its post (a launch photo on the eve of
the launch). A file in the posts folder that is not a post is therefore published only when a
page that stays in the site names it: its body (images, links, raw HTML), its front-matter
``image`` or a network's override ``image``. Files outside the posts folder are site assets
and are not judged here.

Finding a name is deliberately generous (any token of a live page that resolves to the file
counts, code blocks included): a wrong "used" publishes what a live page mentions, while a
wrong "unused" would make MkDocs report a link to a missing file, never publish silently.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable, Iterator
from urllib.parse import quote, unquote, urlsplit

from portavoz.scheduler.content.model import Post
from portavoz.scheduler.content.settings import SiteSettings

_TOKEN = re.compile(r"""[^\s"'()<>\[\]|`*]+""")
"""Runs of characters that can be part of a path written in Markdown, HTML or YAML."""
_ENCLOSED = re.compile(r"<([^<>\n]+)>|\(([^()\n]+)\)")
"""``<path with spaces>`` and ``(path "title")`` as Markdown writes link targets."""
_SEGMENT = re.compile(r"""[^\s"'()<>\[\]|`*/#?,;:!]+""")
"""Runs that can be a file name: what a page must contain before it is read closely."""
_TRAILING = ".,;:!?"


def is_post_media(src_uri: str, settings: SiteSettings) -> bool:
    """Whether a file of the content folder lies in the posts folder and is not Markdown."""
    return src_uri.startswith(settings.post_dir + "/") and not src_uri.endswith(".md")


def post_text(post: Post) -> str:
    """Everything of a post that can name a file: its body and its images, one a line."""
    images = [post.image or "", *(channel.image or "" for channel in post.channels)]
    return "\n".join([post.body, *filter(None, images)])


def unused_media(
    media: Iterable[str],
    pages: Iterable[tuple[str, str]],
    settings: SiteSettings,
    also_used: Iterable[str] = (),
) -> list[str]:
    """The media files that no page of the site uses (they must stay out of the site).

    Args:
        media: ``src_uri`` of every file in the posts folder that is not a post.
        pages: ``(src_uri, text)`` of every page that stays in the site (live posts included).
        settings: Site settings (posts folder, blog folder, site URL).
        also_used: Paths relative to the content folder used by the site itself (its
            default social image, extra CSS…).

    Returns:
        The unused ``src_uri``, sorted.
    """
    media = list(media)
    names = {n for m in media for n in _names(posixpath.basename(m))}
    used = {posixpath.normpath(p.lstrip("/")) for p in also_used}
    for page_uri, text in pages if media else ():
        # Most pages name no media file at all; a set of words is quick to rule them out.
        if not names.isdisjoint(s.rstrip(".") for s in _SEGMENT.findall(text)):
            used.update(references(page_uri, text, settings))
    return sorted(m for m in media if not {m, published_uri(m, settings)} & used)


def _names(name: str) -> set[str]:
    """The words a page naming this file must contain (as is, percent- or entity-encoded)."""
    spellings = (name, quote(name), html.escape(name, quote=False))
    return {s.rstrip(".") for spelling in spellings for s in _SEGMENT.findall(spelling)}


def published_uri(src_uri: str, settings: SiteSettings) -> str:
    """Where Material's blog puts a posts-folder file in the site (without the posts folder)."""
    return settings.blog.media_uri(src_uri)


def references(page_uri: str, text: str, settings: SiteSettings) -> set[str]:
    """Every path relative to the content folder that some token of a page may point to."""
    folder = posixpath.dirname(page_uri)
    found = set()
    for token in _tokens(text):
        target = _target(token, folder, settings.site_url)
        if target:
            found.add(target)
    return found


def _tokens(text: str) -> Iterator[str]:
    for match in _ENCLOSED.finditer(text):
        inner = (match.group(1) or match.group(2) or "").strip()
        yield inner.removeprefix("<").partition(">")[0]  # `(<path with spaces> "title")`
        yield inner.split(" ", 1)[0]  # `(path "title")`
    for token in _TOKEN.findall(text):
        yield token
        yield token.rstrip(_TRAILING)


def _target(token: str, folder: str, site_url: str) -> str:
    """The content-relative path a link target names, or ``""`` when it names none."""
    if site_url and token.startswith(site_url):
        token = "/" + token[len(site_url) :]
    try:
        parts = urlsplit(html.unescape(token))
    except ValueError:  # an invalid IPv6 host: not a path either
        return ""
    if parts.scheme or parts.netloc or not parts.path:
        return ""
    path = unquote(parts.path)
    joined = path.lstrip("/") if path.startswith("/") else posixpath.join(folder, path)
    normal = posixpath.normpath(joined)
    return "" if normal.startswith("../") or normal == ".." else normal
