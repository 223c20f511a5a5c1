"""Open Graph and Twitter Card values for a page, with absolute URLs, and a post's JSON-LD."""

from __future__ import annotations

import functools
import json
import posixpath
from dataclasses import dataclass

from babel.core import Locale, UnknownLocaleError, get_global

from portavoz.scheduler.content.model import Post
from portavoz.scheduler.content.settings import SiteSettings
from portavoz.scheduler.content.urls import absolute

ROBOTS = "robots.txt"
"""Written at the site root unless the content folder has its own."""


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


@dataclass(frozen=True)
class Card:
    """What a page's card shows: the site's name and its image, with the image's size and
    alt text (the site's card, or a post's own).

    Attributes:
        site_name: ``site_name`` (``og:site_name``).
        size: The card image's ``(width, height)`` in pixels, when it could be read.
        alt: The card image's alternative text.
        image: The card image's absolute URL (:func:`image_url`), or ``""`` for none.
    """

    site_name: str = ""
    size: tuple[int, int] | None = None
    alt: str = ""
    image: str = ""


@functools.lru_cache(maxsize=32)  # a pure function of the tag, asked for on every page
def og_locale(tag: str) -> str:
    """An Open Graph locale (``es_ES``, ``en_US``) for a language tag (``es``, ``en-GB``).

    Open Graph wants ``language_TERRITORY``; a tag without a region gets the one CLDR's likely
    subtags give its language (through Babel), so ``es`` is ``es_ES`` and ``pt`` is ``pt_BR``.
    """
    try:
        locale = Locale.parse(tag, sep="-" if "-" in tag else "_")
    except (UnknownLocaleError, ValueError, TypeError):
        return tag.replace("-", "_")
    territory = locale.territory or _likely_territory(locale.language)
    return f"{locale.language}_{territory}" if territory else locale.language


def _likely_territory(language: str) -> str:
    likely = str(get_global("likely_subtags").get(language, ""))  # "es" → "es_Latn_ES"
    return likely.split("_")[-1] if likely.count("_") >= 1 else ""


def post_meta(
    post: Post, url: str, settings: SiteSettings, card: Card = Card()
) -> list[tuple[str, str]]:
    """``(property, content)`` pairs for a post page, in the order they are written.

    ``card`` describes the image shown: the post's own (its URL, size and ``image_alt``),
    else the site's default card.
    """
    image = card.image
    pairs = [
        ("og:type", "article"),
        ("og:site_name", card.site_name),
        ("og:title", post.title),
        ("og:url", url),
        ("og:description", post.summary),
        ("og:locale", og_locale(post.lang)),
        ("article:published_time", post.date.isoformat()),
    ]
    if post.updated:
        pairs.append(("article:modified_time", post.updated.isoformat()))
    pairs.extend(("article:tag", tag) for tag in post.tags)
    if image:
        pairs.extend(_image_pairs(image, card))
    pairs.append(("twitter:card", "summary_large_image" if image else "summary"))
    return [(k, v) for k, v in pairs if v]


def _image_pairs(image: str, card: Card) -> list[tuple[str, str]]:
    width, height = card.size or (0, 0)
    return [
        ("og:image", image),
        ("og:image:width", str(width) if width else ""),
        ("og:image:height", str(height) if height else ""),
        ("og:image:alt", card.alt),
    ]


def page_meta(
    title: str, url: str, description: str, settings: SiteSettings, card: Card = Card()
) -> list[tuple[str, str]]:
    """``(property, content)`` pairs for any page that is not a post (``card``: the site's
    name and its default image, with the image's size and alt text)."""
    image = card.image
    pairs = [
        ("og:type", "website"),
        ("og:site_name", card.site_name),
        ("og:title", title),
        ("og:url", url),
        ("og:description", description),
        ("og:locale", og_locale(settings.language)),
        *(_image_pairs(image, card) if image else []),
        ("twitter:card", "summary_large_image" if image else "summary"),
    ]
    return [(k, v) for k, v in pairs if v]


# Inside <script>, "</script" ends the element whatever JSON means, and "<!--" changes how it
# is parsed: "<", ">" and "&" as JSON escapes keep any text data (the same data, to JSON).
# Replaced one by one (no replacement holds another's character): str.translate with a
# table looks up every character in Python, several times slower on every post page.
_SCRIPT_SAFE = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"))
_JSON = json.JSONEncoder(ensure_ascii=False)
"""``json.dumps(…, ensure_ascii=False)``'s encoder, made once: dumps makes one on every call
given an option."""


def blog_posting(
    post: Post, url: str, settings: SiteSettings, *, image: str, authors: list[str]
) -> str:
    """The post as schema.org ``BlogPosting`` JSON-LD, safe inside ``<script>`` as it is.

    Args:
        post: The post.
        url: Its canonical URL.
        settings: The site (for absolute image URLs).
        image: The card image's absolute URL, or ``""``.
        authors: The authors' display names.
    """
    document: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": post.title,
        "description": post.summary,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": post.date.isoformat(),
        "dateModified": (post.updated or post.date).isoformat(),
        "inLanguage": post.lang,
        "keywords": list(post.tags),
        "image": image,
        "author": [{"@type": "Person", "name": name} for name in authors],
    }
    kept = {key: value for key, value in document.items() if value}
    text = _JSON.encode(kept)
    for character, escaped in _SCRIPT_SAFE:
        text = text.replace(character, escaped)
    return text


def robots_txt(site_url: str) -> str:
    """A ``robots.txt`` that lets every crawler in and names the sitemap MkDocs writes."""
    sitemap = site_url if site_url.endswith("/") else f"{site_url}/"
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap}sitemap.xml\n"
