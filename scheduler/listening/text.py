"""Plain text from hostile feed HTML, and ASCII slugs for file names.

Feed text is data: it is sanitised with nh3 (an allow-list HTML cleaner backed by the Rust
``ammonia`` crate) and turned into plain text before anything else sees it.
"""

from __future__ import annotations

import html
import re
import unicodedata
from urllib.parse import urljoin

import nh3

from portavoz.scheduler.base.inert import markdown_text
from portavoz.scheduler.listening.links import safe_url

# Tags kept in sanitised HTML for the internal JSON outputs; everything else (script, style,
# svg, iframe, object, forms, event-handler attributes) is removed by nh3.
SAFE_TAGS = frozenset(
    {"a", "p", "br", "em", "strong", "b", "i", "ul", "ol", "li", "blockquote", "code", "pre"}
)
SAFE_ATTRIBUTES = {"a": {"href", "title"}}
SAFE_SCHEMES = frozenset({"http", "https"})
LINK_REL = "nofollow noopener ugc"

# Contents of these elements are not text a reader would see.
_DROPPED_CONTENT = {"script", "style", "template", "noscript", "title", "svg", "math"}
# Block boundaries become spaces, so "<p>a</p><p>b</p>" reads "a b", not "ab".
_BLOCK_BOUNDARY = re.compile(r"(?i)<(?=/?(?:p|br|div|li|h[1-6]|tr|td|blockquote|pre)\b)")
_SPACES = re.compile(r"\s+")


def sanitise_html(fragment: str, base: str = "") -> str:
    """Return ``fragment`` with only harmless markup left.

    Args:
        fragment: HTML from a feed.
        base: Absolute URL relative links are resolved against (the element's ``xml:base``
            or the feed's address); without one, relative links are dropped.

    Returns:
        HTML with an allow-list of tags and ``rel="nofollow noopener ugc"`` on every ``a``;
        an ``href`` is kept only as an absolute ``http``/``https`` URL, so an ``a`` whose
        target was ``javascript:``, ``data:`` or empty is text, not a link.
    """
    return nh3.clean(
        fragment,
        tags=set(SAFE_TAGS),
        attributes={k: set(v) for k, v in SAFE_ATTRIBUTES.items()},
        attribute_filter=lambda _tag, name, value: (
            _safe_href(value, base) if name == "href" else value
        ),
        url_schemes=set(SAFE_SCHEMES),
        link_rel=LINK_REL,
        clean_content_tags=set(_DROPPED_CONTENT),
    )


def _safe_href(value: str, base: str) -> str | None:
    # nh3 gives the value decoded (``&#106;avascript:`` arrives as ``javascript:``) and has
    # already refused absolute URLs of other schemes; a relative one is resolved here.
    if not value.strip():
        return None
    return safe_url(urljoin(base, value)) if base else safe_url(value)


def html_to_text(fragment: str) -> str:
    """Return the visible text of an HTML fragment, entities decoded, whitespace collapsed."""
    spaced = _BLOCK_BOUNDARY.sub(" <", fragment)
    stripped = nh3.clean(spaced, tags=set(), clean_content_tags=set(_DROPPED_CONTENT))
    return clean_text(html.unescape(stripped))


def clean_text(text: str) -> str:
    """Drop control and format characters (bidi overrides too) and collapse whitespace."""
    kept = "".join(
        ch if ch.isspace() or unicodedata.category(ch) not in {"Cc", "Cf", "Co", "Cs"} else " "
        for ch in text
    )
    return _SPACES.sub(" ", kept).strip()


def excerpt(text: str, limit: int = 280) -> str:
    """Cut plain ``text`` at a word boundary so it is at most ``limit`` characters."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-") + "…"


def slugify(name: str) -> str:
    """Return an ASCII file-name slug: ``"Facturación"`` → ``"facturacion"``, ``"Ñu"`` → ``"nu"``.

    Not :func:`~portavoz.scheduler.base.fold.fold`: a file name needs ASCII, so NFKD splits
    every letter from its marks (``ñ`` too) and ``casefold`` turns ``ß`` into ``ss``.
    """
    ascii_name = unicodedata.normalize("NFKD", name.casefold()).encode("ascii", "ignore")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.decode("ascii")).strip("-")
    return slug or "sin-nombre"


def escape_markdown(value: str) -> str:
    """Return plain ``value`` as Markdown that renders as the same text and nothing more.

    Control characters are dropped and whitespace collapsed first; then the one Markdown
    escaper of portavoz (:func:`portavoz.scheduler.base.inert.markdown_text`) makes sure feed
    text cannot open a link, an image, raw HTML, a list or a mention.
    """
    return markdown_text(clean_text(value))
