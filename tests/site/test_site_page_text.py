"""Page text made faster for the build (issue 16), the same as before: the hub pages format
each day once (Babel is asked per distinct day, not per row), and the JSON-LD escapes as the
translation table did, and so does html_text."""

from __future__ import annotations

import datetime as dt
import functools
import json
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.dates import format_date
from hypothesis import given, settings
from hypothesis import strategies as st

from portavoz.scheduler import i18n
from portavoz.scheduler.content.model import Post
from portavoz.scheduler.content.repository import load_posts
from portavoz.scheduler.content.settings import SiteSettings
from portavoz.scheduler.project import load_project
from portavoz.scheduler.site.hub import hub_pages
from portavoz.scheduler.site.meta import blog_posting
from portavoz.scheduler.site.text import html_text

REPO = Path(__file__).resolve().parents[2]


class _Times(HTMLParser):
    """The ``datetime`` attribute and the text of every ``<time>`` element."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "time":
            self._open = dict(attrs).get("datetime") or ""

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self.found.append((self._open, data))
            self._open = None


def test_each_day_is_formatted_once(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_project(REPO / "mkdocs.yml").settings
    posts = load_posts(REPO, settings).posts
    asked: list[dt.date] = []

    def counted(day: dt.date, form: str = "long", locale: str = "en") -> str:
        asked.append(day)
        return format_date(day, form, locale=locale)

    monkeypatch.setattr(i18n, "format_date", counted)
    i18n.messages.cache_clear()  # a catalog keeps its dates for the process: none yet
    pages = hub_pages(posts, settings)
    times = _Times()
    for page in pages:
        times.feed(page.markdown)
    locale = i18n.messages(settings.language).locale
    days = [
        dt.datetime.fromisoformat(when).astimezone(settings.timezone).date()
        for when, _ in times.found
    ]
    # Posts are listed once per audience: more rows than days, each day formatted once.
    assert len(days) > len(set(days)) > 1
    assert sorted(asked) == sorted(set(days))
    assert [text for _, text in times.found] == [
        format_date(d, "long", locale=locale) for d in days
    ]


# The JSON-LD escapes, as they were written: str.translate with a table (the reference).
_REFERENCE_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


@settings(max_examples=200, deadline=None)
@given(
    title=st.text(alphabet=st.sampled_from("<>&\\/u0a \"'é🚲\u2028"), max_size=20),
    summary=st.text(max_size=30),
    author=st.text(alphabet=st.sampled_from("<>&ab "), max_size=8),
)
def test_json_ld_escapes_as_the_table_did(title: str, summary: str, author: str) -> None:
    site, posts = _example()
    post = replace(posts[0], title=title, summary=summary)
    url = "https://blog.example.org/a&b<c>/"
    text = blog_posting(
        post, url, site, image="https://x.example/i.png?a=1&b=<2>", authors=[author]
    )
    document = {k: v for k, v in _reference_document(post, url, author).items() if v}
    assert text == json.dumps(document, ensure_ascii=False).translate(_REFERENCE_SAFE)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text).get("headline", "") == title


@functools.cache
def _example() -> tuple[SiteSettings, tuple[Post, ...]]:
    site = load_project(REPO / "mkdocs.yml").settings
    return site, tuple(load_posts(REPO, site).posts)


def _reference_document(post: Post, url: str, author: str) -> dict[str, object]:
    return {
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
        "image": "https://x.example/i.png?a=1&b=<2>",
        "author": [{"@type": "Person", "name": author}],
    }


# html_text as it was written: str.translate with the same references (the reference).
_REFERENCE_TEXT = str.maketrans(
    {
        **{"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"},
        **{char: f"&#{ord(char)};" for char in "\\`*_{}[]()#!|~^=+:\r\n"},
    }
)


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.one_of(st.sampled_from("&<>\"'\\`*_{}[]()#!|~^=+:\r\n-. "), st.characters())
    )
)
def test_html_text_escapes_as_the_table_did(value: str) -> None:
    assert html_text(value) == value.translate(_REFERENCE_TEXT)
