"""The audience hub: one generated page per public audience, and an index linking them.

Titles, summaries, labels and descriptions are writers' and configuration text, so only the
page heading is Markdown (MkDocs takes the page title from it), written with
:func:`~portavoz.scheduler.site.text.html_text` so no attribute list or markup can come out
of it. The listing is a raw HTML block, as the community page's is: Python-Markdown passes it
through untouched, so escaped text stays text and ``{: onmouseover=… }`` in a summary is shown,
never applied. Its links are relative URLs as MkDocs and Material's blog make them
(:mod:`~portavoz.scheduler.content.material_blog`, with or without ``use_directory_urls``;
the site plugin warns when the blog put a post anywhere else).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

from portavoz.scheduler.base.kept import LastBuild, Same
from portavoz.scheduler.content.material_blog import relative_url
from portavoz.scheduler.content.model import Post
from portavoz.scheduler.content.settings import Audience, SiteSettings
from portavoz.scheduler.content.urls import post_path
from portavoz.scheduler.i18n import Messages, Text, messages
from portavoz.scheduler.site.text import html_text

LISTING = "<!-- portavoz:hub-listing -->"
"""Where a hub page's listing goes in the Markdown MkDocs reads (:attr:`HubPage.deferred`).

The listing is one raw HTML block, which Python-Markdown passes through as it is written;
parsing it still cost ~25-50 ms a page for a thousand posts (its HTML parser reads every
row), so the page is read with this comment in its place, a raw block of its own that
comes out the same way, and the listing is put back into the HTML (:meth:`HubPage.filled`).
No writer's text can spell it: every ``<`` in the page's text is escaped."""


@dataclass(frozen=True)
class HubPage:
    """A generated page: where it goes (relative to the content folder) and its Markdown.

    Attributes:
        head: Its heading and introduction (Markdown).
        listing: Its listing, one raw HTML block.
    """

    src_uri: str
    head: str
    listing: str

    @property
    def markdown(self) -> str:
        """The page's Markdown."""
        return f"{self.head}{self.listing}\n"

    @property
    def deferred(self) -> str:
        """The page's Markdown with :data:`LISTING` in place of its listing."""
        return f"{self.head}{LISTING}\n"

    def filled(self, html: str) -> str:
        """The HTML Markdown made of :attr:`deferred`, with the listing put back: the HTML
        it makes of :attr:`markdown`.

        An extension that drops comments (``pymdownx.striphtml``) leaves no mark: the listing,
        the last block of the page, then goes at its end.
        """
        if LISTING in html:
            return html.replace(LISTING, self.listing, 1)
        return f"{html}\n{self.listing}"


_ROWS: LastBuild[tuple[Same[Post], str], str] = LastBuild()
"""Each post's row on an audience page, by the post (the same object while its file reads
alike) and the page, for the site settings the build began with (``mkdocs serve``)."""


def hub_pages(
    live_posts: Iterable[Post], settings: SiteSettings, *, keep: bool = False
) -> list[HubPage]:
    """The hub index and one page per public audience, listing its live posts newest first.

    Args:
        live_posts: The live posts.
        settings: The site's settings.
        keep: Keep each post's row for the next build in this process, and take the last
            build's for the same post and settings (``mkdocs serve``).
    """
    _ROWS.begin(settings, keep=keep)
    posts = sorted(live_posts, key=lambda p: p.date, reverse=True)
    texts = messages(settings.language)
    pages = []
    rows = []
    index_uri = index_page(settings)
    shown: _Shown = {}
    for audience in settings.public_audiences:
        mine = [p for p in posts if audience.id in p.audiences]
        src_uri = audience_page(audience.id, settings)
        pages.append(_audience_page(audience, src_uri, mine, settings, texts, shown, keep))
        href = relative_url(settings.blog.page_url(src_uri), settings.blog.page_url(index_uri))
        rows.append(_index_row(audience, href, len(mine)))
    index = _page(index_uri, texts(Text.HUB_TITLE), "", rows, texts(Text.HUB_NO_AUDIENCES))
    return [index, *pages]


def index_page(settings: SiteSettings) -> str:
    """The hub index, relative to the content folder."""
    return f"{settings.hub_dir}/index.md"


def audience_page(audience: str, settings: SiteSettings) -> str:
    """The hub page of an audience, relative to the content folder."""
    return f"{settings.hub_dir}/{audience}.md"


def _index_row(audience: Audience, href: str, count: int) -> str:
    link = f'<a href="{escape(href)}">{html_text(audience.label)}</a>'
    return f"<li>{link} ({count}): {html_text(audience.description)}</li>"


def _audience_page(
    audience: Audience,
    src_uri: str,
    posts: Sequence[Post],
    settings: SiteSettings,
    texts: Messages,
    shown: _Shown,
    keep: bool,
) -> HubPage:
    here = settings.blog.page_url(src_uri)
    # A plain build keeps no row (see hub_pages): each is made, without asking _ROWS.
    row = _kept_row if keep else _post_row
    rows = [row(post, here, settings, texts, shown) for post in posts]
    return _page(src_uri, audience.label, audience.description, rows, texts(Text.HUB_NO_POSTS))


_Shown = dict[int, tuple[str, str]]
"""Each post's title and the rest of its row after its link, by the post's ``id`` (the posts
are held while the pages are made): the same on each of its audiences' pages."""


def _kept_row(post: Post, here: str, settings: SiteSettings, texts: Messages, shown: _Shown) -> str:
    """:func:`_post_row`, or the last build's for the same post and page."""
    return _ROWS.get((Same(post), here), lambda: _post_row(post, here, settings, texts, shown))


def _post_row(post: Post, here: str, settings: SiteSettings, texts: Messages, shown: _Shown) -> str:
    href = relative_url(post_path(post, settings), here)
    found = shown.get(id(post))
    if found is None:  # a post is listed on each of its audiences' pages: made once
        found = shown[id(post)] = _shown(post, settings, texts)
    title, rest = found
    return f'<li><a href="{escape(href)}">{title}</a> · {rest}'


def _shown(post: Post, settings: SiteSettings, texts: Messages) -> tuple[str, str]:
    """A post's title and what follows its link in its row (its date and summary)."""
    when = texts.date(post.date.astimezone(settings.timezone).date())
    rest = f'<time datetime="{escape(post.date.isoformat())}">{escape(when)}</time>'
    return html_text(post.title), rest + (
        f" {html_text(post.summary)}</li>" if post.summary else "</li>"
    )


def _page(src_uri: str, title: str, intro: str, rows: list[str], empty: str) -> HubPage:
    lines = [f"# {html_text(title)}", ""]
    if intro:
        lines += [f"<p>{html_text(intro)}</p>", ""]
    # No blank line inside the list: it stays one raw HTML block for Python-Markdown.
    # The class underlines its links (portavoz.css): colour alone does not tell them apart.
    listing = ['<ul class="portavoz-hub">', *rows, "</ul>"] if rows else [f"<p>{escape(empty)}</p>"]
    return HubPage(src_uri, "\n".join([*lines, ""]), "\n".join(listing))
