"""A hub page's listing is put into its HTML after Markdown (issue 16: parsing a thousand
rows of raw HTML cost ~25-50 ms a page), and the page comes out as Markdown made it of the
whole page: the example's pages and pages of hostile text, read with the example's own
Markdown extensions."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config

from portavoz.scheduler.content.model import Post
from portavoz.scheduler.content.repository import load_posts
from portavoz.scheduler.project import load_project
from portavoz.scheduler.site.hub import LISTING, HubPage, hub_pages

REPO = Path(__file__).resolve().parents[2]

HOSTILE = [
    "<b>bold</b> {: onmouseover=alert(1) } `code` *em* _em_ [link](http://x.example)",
    f"{LISTING} & &amp; <!-- a comment --> <script>alert(1)</script>",
    "# not a heading\n\n<div markdown=1>*md in html*</div>\n    indented code",
    '!!! note "admonition"\n    body\n\n| a | b |\n| - | - |',
]


def _example_pages(hostile: bool) -> list[HubPage]:
    settings = load_project(REPO / "mkdocs.yml").settings
    posts: list[Post] = load_posts(REPO, settings).posts
    if hostile:
        posts = [
            replace(post, title=text, summary=text)
            for post, text in zip(posts, HOSTILE * len(posts), strict=False)
        ]
    return hub_pages(posts, settings)


def _converter() -> markdown.Markdown:
    config = load_config(str(REPO / "mkdocs.yml"))
    return markdown.Markdown(
        extensions=config.markdown_extensions, extension_configs=config.mdx_configs
    )


@pytest.mark.parametrize("hostile", [False, True], ids=["example", "hostile"])
def test_the_listing_put_back_gives_markdown_s_html_of_the_whole_page(hostile: bool) -> None:
    convert = _converter()
    pages = _example_pages(hostile)
    assert len(pages) > 2 and all(page.listing for page in pages)
    for page in pages:
        whole = convert.reset().convert(page.markdown)
        deferred = convert.reset().convert(page.deferred)

        assert LISTING in deferred and page.listing not in deferred, page.src_uri
        assert page.filled(deferred) == whole, page.src_uri
        assert page.listing in whole  # Markdown passes the block through as written


def test_the_markdown_is_the_heading_then_the_listing() -> None:
    page = _example_pages(False)[1]

    assert page.markdown == page.head + page.listing + "\n"
    assert page.deferred == page.head + LISTING + "\n"
    assert page.markdown.count('<ul class="portavoz-hub">') == 1


def test_comments_stripped_by_an_extension_still_leave_the_listing_at_the_end() -> None:
    # pymdownx.striphtml drops HTML comments, the mark among them: the page must still list.
    config = load_config(str(REPO / "mkdocs.yml"))
    convert = markdown.Markdown(
        extensions=[*config.markdown_extensions, "pymdownx.striphtml"],
        extension_configs=config.mdx_configs,
    )
    for page in _example_pages(False):
        whole = convert.reset().convert(page.markdown)
        deferred = convert.reset().convert(page.deferred)

        assert LISTING not in deferred, page.src_uri
        filled = page.filled(deferred)
        # The same blocks in the same order; only the blank lines between them may differ.
        assert _blocks(filled) == _blocks(whole), page.src_uri
        assert filled.endswith(page.listing)


def _blocks(html: str) -> list[str]:
    return [line for line in html.split("\n") if line.strip()]
