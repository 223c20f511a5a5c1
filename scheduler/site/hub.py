"""The audience hub: one generated page per public audience, and an index linking them.

Pages are Markdown with links to the posts' source files, so MkDocs resolves them to the
posts' final URLs and ``--strict`` catches any link that would break.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from babel.dates import format_date

from scheduler.content.model import Post
from scheduler.content.settings import Audience, SiteSettings


@dataclass(frozen=True)
class HubPage:
    """A generated page: where it goes (relative to the content folder) and its Markdown."""

    src_uri: str
    markdown: str


def hub_pages(live_posts: Iterable[Post], settings: SiteSettings) -> list[HubPage]:
    """The hub index and one page per public audience, listing its live posts newest first."""
    posts = sorted(live_posts, key=lambda p: p.date, reverse=True)
    pages = []
    rows = []
    for audience in settings.public_audiences:
        mine = [p for p in posts if audience.id in p.audiences]
        src_uri = f"{settings.hub_dir}/{audience.id}.md"
        pages.append(HubPage(src_uri, _audience_page(audience, mine, src_uri, settings)))
        rows.append(
            f"- [{_escape(audience.label)}]({audience.id}.md) ({len(mine)}): "
            f"{_escape(audience.description)}"
        )
    index = "\n".join(["# Audiencias", "", *rows, ""])
    return [HubPage(f"{settings.hub_dir}/index.md", index), *pages]


def _audience_page(
    audience: Audience, posts: Sequence[Post], src_uri: str, settings: SiteSettings
) -> str:
    lines = [f"# {_escape(audience.label)}", "", _escape(audience.description), ""]
    if not posts:
        lines.append("Todavía no hay artículos publicados para esta audiencia.")
    for post in posts:
        link = posixpath.relpath(post.src_uri, posixpath.dirname(src_uri))
        when = format_date(
            post.date.astimezone(settings.timezone).date(),
            "long",
            locale=settings.language.replace("-", "_"),
        )
        lines.append(
            f'- [{_escape(post.title)}]({link}) · <time datetime="'
            f'{post.date.isoformat()}">{when}</time>'
        )
        if post.summary:
            lines.append(f"  {_escape(post.summary)}")
    return "\n".join([*lines, ""])


def _escape(text: str) -> str:
    """Writers' text shown as text: no HTML, no Markdown links or emphasis."""
    out = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for char in "\\`*_[]#|":
        out = out.replace(char, "\\" + char)
    return out
