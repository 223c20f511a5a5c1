"""An independent reader of a built site: every address a browser would load from another host.

Written from the HTML and CSS specifications, not from portavoz or Material: an element loads
its ``src``/``href``/``srcset``/``poster``/``data`` (a ``<link>`` unless every ``rel`` it has
only names another document, as ``alternate`` and ``canonical`` do), CSS loads ``url()`` and
``@import``, and a script may load any absolute address it spells out. Links people follow
(``<a href>``, ``<form action>``) and meta values (``og:image``) are not requests of the page.

Material's bundle spells out three addresses it loads only under a condition; each is listed in
:data:`CONDITIONAL_SCRIPT_URLS` with a check that no built page meets that condition.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

LOADED_ATTRIBUTES = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "source": ("src", "srcset"),
    "track": ("src",),
    "input": ("src",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
    "link": ("href", "imagesrcset"),
}
"""Attributes whose address the browser fetches by itself, per element."""
DOCUMENT_RELS = {"alternate", "canonical", "author", "license", "help", "me", "next", "prev"}
"""``<link rel>`` values that name another document without fetching it."""
CSS_URL = re.compile(
    r"""url\(\s*(['"]?)(?P<url>[^'")]*)\1\s*\)"""  # url(…), url('…'), url("…")
    r"""|@import\s+(['"])(?P<imp>[^'"]*)\3"""  # @import "…" (@import url(…) is the first)
)
# A quote, then an address whose host is dotted or computed ("…"//comment is not one).
SCRIPT_URL = re.compile(r"""["'`](?P<url>(?:https?:)?//(?:\$\{|[\w-]+(?:\.[\w-]+)+)[^"'`\s]*)""")
NOT_REQUESTS = (
    "http://www.w3.org/",  # XML namespaces handed to createElementNS
    "https://developer.mozilla.org/",  # a link in an error message of lunr's wordcut.js
)
"""Absolute addresses in scripts that are text, never fetched."""


@dataclass(frozen=True)
class Condition:
    """An address Material's bundle loads only when a page has ``selector`` (or never here)."""

    why: str
    selector: str | None


CONDITIONAL_SCRIPT_URLS = {
    "https://unpkg.com/mermaid@": Condition("Mermaid diagrams", ".mermaid"),
    "https://api.github.com/": Condition("repository facts", "[data-md-component=source]"),
    # GitLab and Gitea facts: the host is repo_url's, computed in the script.
    "https://${": Condition("repository facts", "[data-md-component=source]"),
    # Only where the browser has no ResizeObserver (Chrome < 64, Firefox < 69, Safari < 13.1):
    # no page can rule it out, so the README lists it as a limit.
    "https://unpkg.com/resize-observer-polyfill": Condition("old browsers", None),
}


@dataclass(frozen=True)
class Reference:
    """One address a built file makes the browser load."""

    file: str
    where: str
    url: str

    def __str__(self) -> str:
        return f"{self.file}: {self.where}: {self.url}"


def is_third_party(url: str, own_host: str) -> bool:
    """Whether loading ``url`` asks a host other than ``own_host`` (relative, data: and blob:
    addresses stay on the page's own host)."""
    parts = urlsplit(url.strip())
    if parts.scheme in {"data", "blob", "javascript", "about", "mailto"}:
        return False
    return bool(parts.netloc) and parts.netloc.lower() != own_host.lower()


class _Loads(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []
        self.css: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if values.get("style"):
            self.css.append(values["style"])
        self._in_style = tag == "style"
        if tag == "link" and set(values.get("rel", "").lower().split()) <= DOCUMENT_RELS:
            return
        for name in LOADED_ATTRIBUTES.get(tag, ()):
            for url in _addresses(name, values.get(name, "")):
                self.found.append((f"<{tag} {name}>", url))

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.css.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False


def _addresses(name: str, value: str) -> list[str]:
    if not value:
        return []
    if name.endswith("srcset"):  # "a.png 1x, b.png 2x": the address is each first token
        return [part.split()[0] for part in value.split(",") if part.split()]
    return [value]


def css_urls(text: str) -> list[str]:
    """Addresses a style sheet loads: ``url(…)`` and ``@import "…"``."""
    return [m["url"] or m["imp"] for m in CSS_URL.finditer(text) if m["url"] or m["imp"]]


def html_loads(text: str) -> list[tuple[str, str]]:
    """``(where, address)`` of everything an HTML page loads by itself."""
    parser = _Loads()
    parser.feed(text)
    parser.close()
    inline = [("inline CSS", url) for css in parser.css for url in css_urls(css)]
    return parser.found + inline


def script_urls(text: str) -> list[str]:
    """Absolute addresses a script spells out, minus namespaces and message text."""
    return [m["url"] for m in SCRIPT_URL.finditer(text) if not m["url"].startswith(NOT_REQUESTS)]


READERS: dict[str, Callable[[str], Iterable[tuple[str, str]]]] = {
    ".html": html_loads,
    ".css": lambda text: (("CSS", url) for url in css_urls(text)),
    ".js": lambda text: (("script", url) for url in script_urls(text)),
}


def third_party_references(site_dir: Path, own_host: str) -> list[Reference]:
    """Every address on another host that a built HTML, CSS or JS file makes a browser load
    (scripts' conditional loads of :data:`CONDITIONAL_SCRIPT_URLS` aside)."""
    found = []
    for path in sorted(site_dir.rglob("*")):
        reader = READERS.get(path.suffix)
        if reader is None or not path.is_file():
            continue
        name = path.relative_to(site_dir).as_posix()
        for where, url in reader(path.read_text(encoding="utf-8", errors="replace")):
            conditional = where == "script" and url.startswith(tuple(CONDITIONAL_SCRIPT_URLS))
            if is_third_party(url, own_host) and not conditional:
                found.append(Reference(name, where, url))
    return found


def pages_meeting_conditions(site_dir: Path) -> list[str]:
    """Pages where Material's bundle would load one of its conditional third-party scripts."""
    met = []
    for page in sorted(site_dir.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8", errors="replace"), "html.parser")
        for prefix, condition in CONDITIONAL_SCRIPT_URLS.items():
            if condition.selector and soup.select_one(condition.selector):
                met.append(f"{page.relative_to(site_dir)}: {condition.why} load {prefix}")
    return met
