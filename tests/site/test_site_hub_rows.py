"""A hub page's rows: each post's title, date and summary are made once and shared by its
audiences' pages (issue 16), and every page is the one a row made whole for each page gives:
the example's posts, their texts hostile, and posts listed on several audiences' pages."""

from __future__ import annotations

from dataclasses import replace
from html import escape
from pathlib import Path

import pytest
from babel.dates import format_date

from portavoz.scheduler.content.material_blog import relative_url
from portavoz.scheduler.content.model import Post
from portavoz.scheduler.content.repository import load_posts
from portavoz.scheduler.content.settings import SiteSettings
from portavoz.scheduler.content.urls import post_path
from portavoz.scheduler.project import load_project
from portavoz.scheduler.site import hub
from portavoz.scheduler.site.text import html_text

REPO = Path(__file__).resolve().parents[2]
HOSTILE = ['<b>x</b> & "q" {: onclick=y }', "", "<!-- portavoz:hub-listing -->", "ñ · —"]


def _row(post: Post, here: str, settings: SiteSettings) -> str:
    """A row as it was made before: whole, for each page (the reference)."""
    href = relative_url(post_path(post, settings), here)
    # The day as Babel writes it in the site's language, long form (not through portavoz).
    day = post.date.astimezone(settings.timezone).date()
    when = format_date(day, "long", locale=settings.language)
    row = (
        f'<li><a href="{escape(href)}">{html_text(post.title)}</a> · '
        f'<time datetime="{escape(post.date.isoformat())}">{escape(when)}</time>'
    )
    return row + (f" {html_text(post.summary)}</li>" if post.summary else "</li>")


def _posts(hostile: bool) -> tuple[list[Post], SiteSettings]:
    settings = load_project(REPO / "mkdocs.yml").settings
    posts = list(load_posts(REPO, settings).posts)
    if hostile:
        posts = [
            replace(p, title=text or p.title, summary=text)
            for p, text in zip(posts, HOSTILE * len(posts), strict=False)
        ]
    everyone = tuple(a.id for a in settings.public_audiences)
    posts.append(replace(posts[0], audiences=everyone, title="En todas", summary=""))
    return posts, settings


@pytest.mark.parametrize("hostile", [False, True], ids=["example", "hostile"])
def test_each_page_lists_the_rows_made_whole(hostile: bool) -> None:
    posts, settings = _posts(hostile)

    pages = hub.hub_pages(posts, settings)

    newest = sorted(posts, key=lambda p: p.date, reverse=True)
    for audience in settings.public_audiences:
        src_uri = hub.audience_page(audience.id, settings)
        here = settings.blog.page_url(src_uri)
        rows = [_row(p, here, settings) for p in newest if audience.id in p.audiences]
        page = next(p for p in pages if p.src_uri == src_uri)
        assert page.listing.splitlines()[1:-1] == rows or (not rows and "<ul" not in page.listing)
    assert sum("En todas" in page.listing for page in pages) == len(settings.public_audiences)
