"""Posts that repeat a tag, category, author, audience, language or front-matter key share one
copy of its text (a build holds thousands of posts to its end), and read as before."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from portavoz.scheduler.content.model import Post
from portavoz.scheduler.content.reader import read_post
from portavoz.scheduler.content.settings import Audience, SiteSettings
from portavoz.scheduler.content.validate import build_post

SITE = SiteSettings(
    site_url="https://example.org/",
    language="es",
    timezone=ZoneInfo("Europe/Madrid"),
    audiences={"general": Audience("general", "General"), "socios": Audience("socios", "Socios")},
    default_audience="general",
)


def _post(name: str) -> Post:
    text = (
        f"---\ntitle: Post {name}\ndate: 2030-01-02 10:00:00\nlang: en\naudience: [socios]\n"
        f"authors: [ana]\ncategories: [Movilidad]\ntags: [bicicleta, {name}]\n"
        "lint_ignore: [jargon]\n---\n\nText.\n"
    )
    path = f"content/blog/posts/{name}.md"
    post, problems = build_post(read_post(text.encode(), path), path, path[8:], SITE, {"ana"})
    assert post is not None, problems
    return post


def test_two_posts_share_the_text_of_what_they_repeat() -> None:
    one, two = _post("uno"), _post("dos")

    assert one.tags == ("bicicleta", "uno") and two.tags == ("bicicleta", "dos")
    assert (one.lang, one.audiences, one.authors) == ("en", ("socios",), ("ana",))
    assert (one.categories, one.lint_ignore) == (("Movilidad",), ("jargon",))
    assert one.tags[0] is two.tags[0]
    assert one.lang is two.lang
    assert one.audiences[0] is two.audiences[0]
    assert one.authors[0] is two.authors[0]
    assert one.categories[0] is two.categories[0]
    assert one.lint_ignore[0] is two.lint_ignore[0]
    for key in one.lines:
        assert next(k for k in two.lines if k == key) is key
    assert one.lines == two.lines
