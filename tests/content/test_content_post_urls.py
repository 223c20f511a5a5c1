"""Post URLs made the quick way (issue 16) are the URLs the plain rules give.

``MaterialBlog.post_path`` caches category slugs and babel's parsed date pattern and skips
``PurePosixPath`` and ``quote`` when they would change nothing; the functions below are the
code as it was before, kept as the reference.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from pathlib import PurePosixPath
from urllib.parse import quote

from babel.dates import format_date
from hypothesis import given, settings
from hypothesis import strategies as st

from portavoz.scheduler.content.material_blog import (
    MaterialBlog,
    PythonTag,
    SlugFunction,
    SlugKind,
    _page_name,
    material_blog,
)
from portavoz.scheduler.content.model import Post


def reference_page_url(blog: MaterialBlog, src_uri: str) -> str:
    parent, filename = posixpath.split(PurePosixPath(src_uri).as_posix())
    name = _page_name(filename)
    if not blog.use_directory_urls or name == "index":
        dest = posixpath.join(parent, f"{name}.html")
    else:
        dest = posixpath.join(parent, name, "index.html")
    folder, page = posixpath.split(dest)
    if blog.use_directory_urls and page == "index.html":
        dest = f"{folder or '.'}/"
    return quote(dest)


def reference_post_path(blog: MaterialBlog, post: Post, language: str) -> str:
    form = blog.post_url_format
    categories = post.categories[: blog.post_url_max_categories]
    locale = language.replace("-", "_")
    path = form.format(
        categories="/".join(blog.category_slug(c) for c in categories),
        date=str(format_date(post.url_date, blog.post_url_date_format, locale=locale))
        if "{date" in form
        else "",
        file=_page_name(post.src_uri),
        slug=post.slug,
    )
    path = posixpath.normpath(path.strip("/"))
    return reference_page_url(blog, posixpath.join(blog.blog_dir, f"{path}.md"))


FORMATS = ["{date}/{slug}", "{slug}", "{categories}/{slug}", "{file}", "x/{date}/{categories}"]
DATE_FORMATS = ["yyyy/MM/dd", "yyyy", "long", "short", "MMMM-d", "EEEE"]
PIECES = st.sampled_from([*"abcAZ09 -_./~%?#", "ñ", "é", "Ω", "😀", "//", "./", "..", "\u00a0"])
NAMES = st.lists(PIECES, max_size=8).map("".join)

SLUG_FUNCTIONS = st.sampled_from(
    [
        SlugFunction(),
        SlugFunction(SlugKind.PYMDOWNX, "none", "NFD", percent_encode=True),
        SlugFunction(SlugKind.TOC),
        SlugFunction(SlugKind.TOC_UNICODE),
    ]
)


@st.composite
def blogs(draw: st.DrawFn) -> MaterialBlog:
    return MaterialBlog(
        blog_dir=draw(st.sampled_from(["blog", ".", "news/es", "año"])),
        post_url_format=draw(st.sampled_from(FORMATS)),
        post_url_date_format=draw(st.sampled_from(DATE_FORMATS)),
        post_url_max_categories=draw(st.integers(0, 3)),
        categories_slugify=draw(SLUG_FUNCTIONS),
        categories_slugify_separator=draw(st.sampled_from(["-", "_", ""])),
        use_directory_urls=draw(st.booleans()),
    )


@st.composite
def posts(draw: st.DrawFn) -> Post:
    day = draw(st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)))
    name = draw(NAMES)
    return Post(
        path=f"docs/blog/posts/{name}.md",
        src_uri=draw(st.sampled_from(["blog/posts/", "", "blog//posts/./"])) + f"{name}.md",
        title="t",
        date=dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC),
        url_date=day,
        categories=tuple(draw(st.lists(NAMES, max_size=4))),
        slug=draw(NAMES),
    )


@settings(max_examples=400, deadline=None)
@given(blogs(), posts(), st.sampled_from(["es", "en", "pt-BR", "de", "ar"]))
def test_post_path_is_the_reference(blog: MaterialBlog, post: Post, language: str) -> None:
    assert blog.post_path(post, language) == reference_post_path(blog, post, language)


@settings(max_examples=400, deadline=None)
@given(blogs(), st.lists(st.sampled_from([*"ab./_-~ %", "ñ", "index", "README"])).map("".join))
def test_page_url_is_the_reference(blog: MaterialBlog, src_uri: str) -> None:
    assert blog.page_url(f"{src_uri}.md") == reference_page_url(blog, f"{src_uri}.md")


def test_a_datetime_is_formatted_by_its_day() -> None:
    blog = MaterialBlog(post_url_date_format="yyyy/MM/dd EEEE")
    moment = dt.datetime(2026, 3, 9, 23, 30)
    post = Post("p.md", "blog/posts/p.md", "t", moment.replace(tzinfo=dt.UTC), moment, slug="p")
    assert blog.post_path(post, "es") == "blog/2026/03/09%20lunes/p/"
    assert blog.post_path(post, "es") == reference_post_path(blog, post, "es")


def test_one_moment_on_two_days_has_two_paths() -> None:
    """Paths are kept (worked out once) by the day ``{date}`` shows: two equal moments in two
    offsets fall on two days, and are two paths."""
    blog = MaterialBlog(post_url_date_format="yyyy/MM/dd")
    late = dt.datetime(2026, 3, 9, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-1)))
    early = late.astimezone(dt.UTC)  # 2026-03-10 00:30, the same moment
    made = [Post("p.md", "blog/posts/p.md", "t", m, m, slug="p") for m in (late, early)]
    assert late == early
    assert [blog.post_path(p, "es") for p in made] == ["blog/2026/03/09/p/", "blog/2026/03/10/p/"]


def test_toc_slug_functions_are_still_recognised() -> None:
    from markdown.extensions import toc  # type: ignore[import-untyped]

    for function, kind in (
        (toc.slugify, SlugKind.TOC),
        (toc.slugify_unicode, SlugKind.TOC_UNICODE),
    ):
        options = {"categories_slugify": function}
        assert material_blog(options).categories_slugify == SlugFunction(kind)
        tag = PythonTag(f"name:{kind.value}")
        assert material_blog({"post_slugify": tag}).post_slugify == SlugFunction(kind)
