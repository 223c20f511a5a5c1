"""The markup of portavoz's theme partials, made in Python once per page.

``partials/portavoz-head.html`` (a dozen ``<meta>`` lines, the JSON-LD and the feed links)
and ``partials/portavoz-post-footer.html`` (a post's audiences and share links) looped in
Jinja on every one of a site's pages, escaping each value with ``| e``; these functions give
the bytes those loops gave, whitespace included, and the partials print them. The escaping
is :func:`markupsafe.escape`, which is what Jinja's ``| e`` is.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence

from markupsafe import Markup, escape

from portavoz.scheduler.base.kept import ByPage
from portavoz.scheduler.site.share import ShareLink

_PAGES: ByPage[object, Mapping[str, object]] = ByPage()
"""The values ``portavoz/site`` gives each page's context (its meta, JSON-LD, share links,
audiences and the markup made of them), kept from one ``mkdocs serve`` build to the next:
most pages are unchanged from one save to the next."""


def begin_pages(inputs: object, *, keep: bool) -> None:
    """A build's pages begin (:meth:`ByPage.begin`): ``inputs`` is what every page's
    values are made from besides the page; ``keep`` for ``mkdocs serve`` only."""
    _PAGES.begin(inputs, keep=keep)


def kept_values(src_uri: str, inputs: object) -> Mapping[str, object] | None:
    """A page's context values for its own ``inputs`` (everything they show besides the
    build's inputs) as a build made them, or ``None``: make them and :func:`keep_values`."""
    return _PAGES.kept(src_uri, inputs)


def keep_values(src_uri: str, inputs: object, values: Mapping[str, object]) -> None:
    """A page's context values made for its own ``inputs``, kept for the next build."""
    _PAGES.keep(src_uri, inputs, values)


def meta_html(meta: Iterable[tuple[str, object]], jsonld: str | None) -> Markup:
    """The Open Graph / Twitter Card ``<meta>`` lines, then the JSON-LD ``<script>``.

    Args:
        meta: (property, value) pairs; ``twitter:`` ones are written with ``name=``.
        jsonld: The JSON-LD document (already safe inside ``<script>``), or ``None``.
    """
    # As escape(): a value that is already Markup (the site's name) is not escaped twice.
    lines = [f'{_meta_opening(p)}{_escaped(v)}">\n  \n' for p, v in meta]
    if jsonld is not None:
        lines.append(f'\n  <script type="application/ld+json">{jsonld}</script>\n')
    return Markup("".join(lines))


# typed: an equal Markup is not escaped as the string is.
@functools.lru_cache(maxsize=64, typed=True)  # a site's pages share a dozen properties
def _meta_opening(name: str) -> str:
    """A ``<meta>`` line up to its value, for property ``name``."""
    key = "name" if name.startswith("twitter:") else "property"
    return f'\n  \n    <meta {key}="{escape(name)}" content="'


def feeds_html(links: Iterable[Mapping[str, str]]) -> Markup:
    """The feeds' autodiscovery ``<link rel="alternate">`` lines."""
    return Markup(
        "".join(
            f'\n  <link rel="alternate" type="{escape(link["media_type"])}" '
            f'title="{escape(link["title"])}" href="{escape(link["url"])}">\n'
            for link in links
        )
    )


def footer_html(
    labels: Mapping[str, str],
    audiences: Sequence[tuple[str, str]],
    share: Sequence[ShareLink],
) -> Markup:
    """A post's footer: the audiences it is written for, then its share links.

    Args:
        labels: The footer's ``audiences``, ``share`` and ``share_nav`` labels.
        audiences: (label, href) of each public audience; an empty href names it unlinked.
            Hrefs as the page links them (MkDocs' ``url`` filter already applied).
        share: The post's share links.

    Returns:
        Nothing when there are neither audiences nor share links.
    """
    if not audiences and not share:
        return Markup("")
    parts = ['\n  <footer class="portavoz-post md-typeset">\n    ']
    if audiences:
        parts.append(_audiences(labels, audiences))
    parts.append("\n    ")
    if share:
        parts.append(_share(labels, share))
    parts.append("\n  </footer>\n")
    return Markup("".join(parts))


def _audiences(labels: Mapping[str, str], audiences: Sequence[tuple[str, str]]) -> str:
    names = [
        f'<a class="portavoz-audience" href="{_escaped(href)}">{_escaped(label)}</a>'
        if href
        else f'<span class="portavoz-audience">{_escaped(label)}</span>'
        for label, href in audiences
    ]
    items = "".join(f"{name}, \n        " for name in names[:-1]) + f"{names[-1]}\n        "
    return (
        '\n      <p class="portavoz-audiences">\n'
        f'        <span class="portavoz-label">{_escaped(labels.get("audiences", ""))}</span>\n'
        f"        {items}\n      </p>\n    "
    )


def _share(labels: Mapping[str, str], share: Sequence[ShareLink]) -> str:
    links = "".join(
        f'{_link_opening(link.network)}{_escaped(link.href)}" target="_blank"'
        f' rel="noopener noreferrer">{_escaped(link.label)}</a>\n        '
        for link in share
    )
    nav = _escaped(labels.get("share_nav", ""))
    return (
        f'\n      <nav class="portavoz-share" aria-label="{nav}">\n'
        f'        <span class="portavoz-label">{_escaped(labels.get("share", ""))}</span>\n'
        f"        {links}\n      </nav>\n    "
    )


@functools.lru_cache(maxsize=64, typed=True)  # a handful of networks, on every post
def _link_opening(network: str) -> str:
    """A share link's markup up to its ``href`` value, for ``network``."""
    name = escape(network)
    return (
        f'\n          <a class="portavoz-share__link portavoz-share__link--{name}"'
        f' data-network="{name}"\n             href="'
    )


def _escaped(value: object) -> str:
    """``str(escape(value))``, what Jinja's ``| e`` writes.

    A plain string is escaped here with the five replacements of markupsafe's own Python
    escaping (its C one gives the same text): ``escape`` makes a ``Markup`` of every value,
    through a ``__new__`` written in Python, a score of times on every page.
    """
    if type(value) is not str:  # Markup stays as it is; anything else as escape() takes it
        return str(escape(value))
    # Most values (URLs, dates, tags, names) have none of the five: five `in` tests cost
    # less than five calls of replace.
    if not ("&" in value or ">" in value or "<" in value or "'" in value or '"' in value):
        return value
    return (
        value.replace("&", "&amp;")
        .replace(">", "&gt;")
        .replace("<", "&lt;")
        .replace("'", "&#39;")
        .replace('"', "&#34;")
    )
