"""The review files each problem under the variant its ``network`` names, whatever it says.

Messages are for people: a message may quote a text that happens to begin with another
network's name (``x: …``), and a post-level message may too. Which variant a problem belongs
to is a field of the problem, never read back from its wording.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from review_repo import AT

from portavoz.scheduler.base.problems import Problem, Severity
from portavoz.scheduler.compose.variant import Variant
from portavoz.scheduler.content.model import Post
from portavoz.scheduler.project import build_window
from portavoz.scheduler.review.formats import to_json
from portavoz.scheduler.review.review import review
from portavoz.scheduler.review.side import Side, open_side

POST = "content/blog/posts/2026-05-05-presentamos-la-e-brisa.md"


def test_problems_follow_their_network_field(repo: Path) -> None:
    """A Mastodon problem quoting ``x: …`` stays Mastodon's; a post-level one stays the post's."""
    post_file = repo / POST
    post_file.write_text(post_file.read_text(encoding="utf-8") + "\nUna línea más.\n", "utf-8")
    quoted = Problem(
        POST, 10, "channels", "x: la bici más ligera: quoted from the summary; say it once",
        Severity.WARNING, "tone", network="mastodon",
    )  # fmt: skip
    about_the_post = Problem(
        POST, 10, "channels", "x: mastodon: list the networks in the site's order",
        Severity.WARNING, "order",
    )  # fmt: skip

    def lint(post: Post, variants: Sequence[Variant], side: Side) -> list[Problem]:
        return [quoted, about_the_post] if post.path == POST else []

    head = open_side(repo, None, "")
    window = build_window(head.project.settings, at=AT)
    found = json.loads(to_json(review(open_side(repo, "base", ""), head, window, lint=lint)))

    (post,) = [p for p in found["posts"] if p["path"] == POST]
    messages = {v["network"]: [p["message"] for p in v["problems"]] for v in post["variants"]}
    assert messages["mastodon"] == [quoted.message]
    assert messages["x"] == []
    assert [p["message"] for p in post["problems"]] == [about_the_post.message]
    assert found["warnings"] == 2
