"""The publish window in real builds of the example at simulated clocks (PORTAVOZ_NOW).

What should be live is worked out here from the posts' front matter alone (python-frontmatter
and zoneinfo), then compared with what the built site lists; and nothing of a post that is not
live may appear in any file of the site (pages, search index, sitemaps, feeds, listings).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from site_reading import (
    REPO,
    SourcePost,
    listed_titles,
    listing_pages,
    site_texts,
    soup,
    source_posts,
    unique_sentences,
)

from portavoz.scheduler.project import load_project

EXAMPLE = load_project(REPO / "mkdocs.yml").settings
MADRID = ZoneInfo("Europe/Madrid")
INTERNAL = {a.id for a in EXAMPLE.audiences.values() if not a.public}
POSTS = source_posts()

FUTURE_AT = "2027-02-15T09:00:00+01:00"
"""The future post's moment: its date 2027-02-15 09:00:00 has no offset, so Madrid time."""
CLOCKS = [
    "2026-11-23T12:00:00+01:00",  # an ordinary day: every kind of non-live post at once
    "2026-06-30T23:58:00+02:00",  # the promotion one minute before it expires
    "2026-07-01T00:00:00+02:00",  # and one minute after
    "2027-02-15T08:59:00+01:00",  # the future post one minute before its moment
    FUTURE_AT,  # and exactly at it
]


def _moment(value: object) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=MADRID)
    assert isinstance(value, dt.date), value
    return dt.datetime.combine(value, dt.time(), tzinfo=MADRID)


def _audiences(post: SourcePost) -> set[str]:
    value = post.meta.get("audience") or [EXAMPLE.default_audience]
    return {value} if isinstance(value, str) else set(value)


def _is_live(post: SourcePost, clock: str) -> bool:
    now = dt.datetime.fromisoformat(clock)
    expires = post.meta.get("expires")
    return (
        not post.meta.get("draft", False)
        and not _audiences(post) & INTERNAL
        and _moment(post.meta["date"]) <= now
        and (expires is None or _moment(expires) > now)
    )


def _find(**wanted: Callable[[SourcePost], bool]) -> dict[str, SourcePost]:
    found = {}
    for name, test in wanted.items():
        (found[name],) = [p for p in POSTS if test(p)]
    return found


SPECIAL = _find(
    future=lambda p: _moment(p.meta["date"]) > dt.datetime(2027, 1, 1, tzinfo=MADRID),
    expired=lambda p: "expires" in p.meta,
    draft=lambda p: p.meta.get("draft") is True,
    internal=lambda p: bool(_audiences(p) & INTERNAL),
)


@pytest.fixture(scope="module", params=CLOCKS)
def clocked(request: pytest.FixtureRequest, built_at: Callable[[str], Any]) -> tuple[str, Any]:
    return request.param, built_at(request.param)


def test_example_has_every_kind_of_unpublished_post() -> None:
    """The example must keep these posts for the tests below to mean anything."""
    assert _moment(SPECIAL["future"].meta["date"]) == dt.datetime.fromisoformat(FUTURE_AT)
    assert _moment(SPECIAL["expired"].meta["expires"]) == dt.datetime(
        2026, 6, 30, 23, 59, tzinfo=MADRID
    )
    for post in SPECIAL.values():
        assert len(unique_sentences(post, POSTS)) >= 2, post.file.name


@pytest.mark.parametrize("kind", ["index", "archive"])
def test_listings_show_each_live_post_once(clocked: tuple[str, Any], kind: str) -> None:
    clock, result = clocked
    expected = Counter(p.title for p in POSTS if _is_live(p, clock))

    listed = Counter(listed_titles(listing_pages(result.site_dir, kind)))

    assert listed == expected


@pytest.mark.parametrize("kind", ["category", "author"])
def test_category_and_author_pages_show_only_live_posts(
    clocked: tuple[str, Any], kind: str
) -> None:
    clock, result = clocked
    expected = {p.title for p in POSTS if _is_live(p, clock)}

    assert set(listed_titles(listing_pages(result.site_dir, kind))) == expected


def test_blog_index_is_newest_first(clocked: tuple[str, Any]) -> None:
    clock, result = clocked
    live = sorted(
        (p for p in POSTS if _is_live(p, clock)),
        key=lambda p: _moment(p.meta["date"]),
        reverse=True,
    )

    assert listed_titles(listing_pages(result.site_dir, "index")) == [p.title for p in live]


def test_nothing_of_an_unpublished_post_reaches_the_site(clocked: tuple[str, Any]) -> None:
    clock, result = clocked
    texts = site_texts(result.site_dir)
    hidden = [p for p in POSTS if not _is_live(p, clock)]
    assert {"draft", "internal"} <= {k for k, p in SPECIAL.items() if p in hidden}

    leaks = [
        (post.file.name, text, path.relative_to(result.site_dir).as_posix())
        for post in hidden
        for text in [post.title, *unique_sentences(post, POSTS)]
        for path, content in texts.items()
        if text in content
    ]

    assert leaks == []


def test_live_posts_are_found_by_the_same_search(clocked: tuple[str, Any]) -> None:
    """The search above does find live posts: sentences in their page and in the search index
    (JSON with escaped accents), titles in the feeds; and it reads the gzipped sitemap."""
    clock, result = clocked
    texts = site_texts(result.site_dir)
    sitemap = result.site_dir / "sitemap.xml"
    assert texts[sitemap.with_suffix(".xml.gz")] == texts[sitemap]
    for post in (p for p in POSTS if _is_live(p, clock)):
        sentence = unique_sentences(post, POSTS)[0]
        with_sentence = {_rel(result, p) for p, t in texts.items() if sentence in t}
        with_title = {_rel(result, p) for p, t in texts.items() if post.title in t}
        assert "search/search_index.json" in with_sentence, post.file.name
        assert any(w.endswith("/index.html") for w in with_sentence), post.file.name
        assert "feed.rss.xml" in with_title, post.file.name


def _rel(result: Any, path: Path) -> str:
    return path.relative_to(result.site_dir).as_posix()


def _post_page_titles(result: Any) -> set[str]:
    """Titles (h1) of every page laid out as a blog post (Material's post sidebar)."""
    found = set()
    for page in (result.site_dir / "blog").rglob("index.html"):
        doc = soup(page)
        h1 = doc.select_one("article h1")
        if doc.select_one(".md-sidebar .md-post__back") and h1 is not None:
            found.add(" ".join(h1.get_text().split()))
    return found


@pytest.mark.parametrize(
    ("clock", "present"),
    [("2027-02-15T08:59:00+01:00", False), (FUTURE_AT, True)],
    ids=["one minute before", "exactly at its moment"],
)
def test_future_post_appears_once_its_moment_passes(
    clock: str, present: bool, built_at: Callable[[str], Any]
) -> None:
    result = built_at(clock)
    title = SPECIAL["future"].title

    assert (title in _post_page_titles(result)) is present
    assert listed_titles(listing_pages(result.site_dir, "index")).count(title) == int(present)
    assert (result.site_dir / "blog" / "archive" / "2027").is_dir() is present


@pytest.mark.parametrize(
    ("clock", "present"),
    [("2026-06-30T23:58:00+02:00", True), ("2026-07-01T00:00:00+02:00", False)],
    ids=["one minute before expiry", "one minute after expiry"],
)
def test_expired_post_disappears_after_its_expiry(
    clock: str, present: bool, built_at: Callable[[str], Any]
) -> None:
    result = built_at(clock)
    title = SPECIAL["expired"].title

    assert (title in _post_page_titles(result)) is present
    assert listed_titles(listing_pages(result.site_dir, "archive")).count(title) == int(present)
