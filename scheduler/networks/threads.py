"""Threads: 500 characters, emoji counted as their UTF-8 bytes, 5 links, one topic tag.

Meta's documentation counts an emoji as the bytes of its UTF-8 encoding (a flag is 8, a family
25); other text is counted per code point, the stricter reading of "characters".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from portavoz.scheduler.networks.base import Count, Defaults, share_query, with_warning
from portavoz.scheduler.networks.emojis import emoji_spans
from portavoz.scheduler.networks.hashtags import find_hashtags
from portavoz.scheduler.networks.units import Unit, utf8_length
from portavoz.scheduler.networks.urls import find_links, links_at_most

LINK_LIMIT = 5
TOPIC_TAG_LIMIT = 1
TOPIC_TAG_LENGTH = 50


def threads_length(text: str) -> int:
    """Length of ``text`` as Threads counts it."""
    # Clusters other than emoji count their code points, so only emoji add to len(text).
    return len(text) + sum(
        utf8_length(text[start:end]) - (end - start) for start, end in emoji_spans(text)
    )


@dataclass(frozen=True)
class Threads(Defaults):
    """Threads' rules.

    Attributes:
        limit: Most characters (500).
        link_limit: Most distinct links (5).
    """

    limit: int = 500
    link_limit: int = LINK_LIMIT
    name: str = field(default="threads", init=False)
    label: str = field(default="Threads", init=False)
    hashtag_limit: int | None = field(default=TOPIC_TAG_LIMIT, init=False)
    default_hashtags: int = field(default=1, init=False)
    threadable: bool = field(default=True, init=False)

    def count(self, text: str, *, content_warning: str = "") -> Count:
        """Length with emoji as bytes; too many links or topic tags are problems."""
        full = with_warning(text, content_warning)
        return Count(
            self.name, threads_length(full), self.limit, Unit.CHARACTER, self._problems(full)
        )

    def surely_over(self, text: str, *, content_warning: str = "") -> bool:
        """Over when the characters alone are: an emoji only adds its extra bytes."""
        return len(with_warning(text, content_warning)) > self.limit

    def _problems(self, text: str) -> tuple[str, ...]:
        problems: list[str] = []
        # Most texts cannot hold more links than allowed: then finding them is not needed.
        may_exceed = links_at_most(text) > self.link_limit
        links = {link.href.lower() for link in find_links(text)} if may_exceed else set()
        if len(links) > self.link_limit:
            problems.append(
                f"{len(links)} different links; Threads allows at most {self.link_limit}"
            )
        tags = find_hashtags(text)
        if len(tags) > TOPIC_TAG_LIMIT:
            listed = ", ".join(f"#{tag}" for tag in tags)
            problems.append(f"{len(tags)} hashtags ({listed}); Threads takes one topic tag")
        problems += [
            f"topic tag #{tag} is longer than {TOPIC_TAG_LENGTH} characters"
            for tag in tags
            if len(tag) > TOPIC_TAG_LENGTH
        ]
        return tuple(problems)

    def share_url(self, url: str, title: str, *, server: str) -> str | None:
        """The post intent, with title and link as one text."""
        return f"https://www.threads.com/intent/post?{share_query({'text': f'{title} {url}'})}"
