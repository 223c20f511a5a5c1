"""Reading and validating a post never fails with anything but a located problem.

``read_post`` may raise :class:`ContentError` (and only that); ``build_post`` returns problems
and never raises; a post that validates composes its variants without raising, and every
variant said to fit counts within its network's limit when counted again.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from props_strategies import ANY_TEXT, SOCIAL_TEXT

from portavoz.scheduler.base.problems import ContentError, Problem
from portavoz.scheduler.compose.settings import scheduler_settings
from portavoz.scheduler.compose.templates import environment
from portavoz.scheduler.compose.variant import Composer
from portavoz.scheduler.content.reader import read_post
from portavoz.scheduler.content.repository import load_authors
from portavoz.scheduler.content.urls import post_url
from portavoz.scheduler.content.validate import build_post
from portavoz.scheduler.networks import get_network
from portavoz.scheduler.project import load_project

REPO = Path(__file__).resolve().parents[2]
PROJECT = load_project(REPO / "mkdocs.yml")
SETTINGS = PROJECT.settings
AUTHORS, _ = load_authors(PROJECT.root, SETTINGS)
COMPOSER = Composer(
    SETTINGS,
    scheduler_settings(PROJECT.options("portavoz/scheduler")),
    environment({}),
    lambda post: post_url(post, SETTINGS),
)
NETWORK_OPTIONS = {"mastodon": {"limit": 500}}
"""The example's per-network options that change a limit (mkdocs.yml)."""


def quoted(text: str) -> str:
    return '"' + text.replace("\\", "").replace('"', "") + '"'


KEYS = st.sampled_from(
    [
        "title", "date", "updated", "expires", "draft", "channels", "audience", "summary",
        "tags", "categories", "authors", "slug", "lang", "thread", "image", "image_alt",
        "campaign", "lint_ignore", "chanels", "audiance", "description", "x", "<<",
    ]
)  # fmt: skip
SCALARS = st.one_of(
    st.sampled_from(
        [
            "2026-05-04", "2026-02-30", "2026-05-04 09:30:00", "2026-05-04T09:30:00+02:00",
            "2026-13-45 99:99:99", "true", "no", "null", "~", "0x1F", ".inf", "-.nan", "1e400",
            "[x, mastodon]", "{x: {text: hola}}", "[x, {mastodon: null}]", "&a [1, 2]", "*a",
            "*undefined", "!!binary aGVsbG8=", "!!python/object/apply:os.system [ls]",
            "!!timestamp nope", "!!int x", '"unclosed', "'it''s'", "|\n  bloque\n  literal",
            "[[[[]]]]", "{a: {b: {c: {}}}}", "\t- tab", "-", "? complex\n: key", "",
            "general", "[general, equipo]", "es-ES", "../../x", "archive", "lucia",
        ]
    ),
    SOCIAL_TEXT.map(lambda t: quoted(t)),
    ANY_TEXT,
)  # fmt: skip
FRONT_MATTER = st.lists(st.tuples(KEYS, SCALARS), max_size=10).map(
    lambda pairs: "\n".join(f"{k}: {v}" for k, v in pairs)
)
DOCUMENT = st.one_of(
    st.tuples(FRONT_MATTER, ANY_TEXT).map(lambda d: f"---\n{d[0]}\n---\n\n{d[1]}".encode()),
    st.tuples(FRONT_MATTER, st.sampled_from(["utf-8-sig", "utf-16", "latin-1"])).map(
        lambda d: f"---\n{d[0]}\n---\n".encode(d[1], errors="replace")
    ),
    st.binary(max_size=600),
    ANY_TEXT.map(str.encode),
)
VALID_HEAD = (
    "---\ntitle: {title}\nslug: entrada\ndate: 2026-05-04 09:30:00\nsummary: {summary}\n"
    "channels: [x, mastodon, bluesky, threads, linkedin, instagram, telegram, facebook]\n"
    "tags: [{tags}]\n---\n\n{body}\n"
)


def load(data: bytes) -> tuple[object, list[Problem]]:
    try:
        raw = read_post(data, "content/blog/posts/p.md")
    except ContentError as exc:
        assert exc.problems and all(p.path == "content/blog/posts/p.md" for p in exc.problems)
        return None, list(exc.problems)
    return build_post(raw, "content/blog/posts/p.md", "blog/posts/p.md", SETTINGS, AUTHORS)


@settings(max_examples=60, deadline=None)
@given(data=DOCUMENT)
def test_any_file_is_read_or_refused_with_problems(data: bytes) -> None:
    post, problems = load(data)

    assert all(isinstance(p, Problem) and p.message for p in problems)
    assert post is not None or problems
    if post is not None:
        COMPOSER.compose(post)  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None)
@given(
    title=SOCIAL_TEXT.filter(str.strip),
    summary=SOCIAL_TEXT.filter(str.strip),
    tags=st.lists(st.text("abcdefghijklmnñopqrstuvwxyzá", min_size=1, max_size=12), max_size=8),
    body=SOCIAL_TEXT,
)
def test_composed_variants_that_fit_count_within_their_limit(
    title: str, summary: str, tags: list[str], body: str
) -> None:
    text = VALID_HEAD.format(
        title=quoted(title), summary=quoted(summary), tags=", ".join(map(quoted, tags)), body=body
    )
    post, problems = load(text.encode())
    assert post is not None, problems

    variants, _ = COMPOSER.compose(post)  # type: ignore[arg-type]

    for variant in variants:
        network = get_network(variant.network, **NETWORK_OPTIONS.get(variant.network, {}))
        for part, count in zip(variant.parts, variant.counts, strict=True):
            again = network.count(part, content_warning=variant.content_warning)
            assert again == count
            if count.fits:
                assert again.length <= network.limit
