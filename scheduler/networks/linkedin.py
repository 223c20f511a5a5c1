"""LinkedIn: 3000 UTF-16 code units, and the "little" text format of the Posts API.

In ``little``, the commentary's reserved characters ``\\ | { } @ [ ] ( ) < > # * _ ~`` start
mentions, hashtags and templates; left unescaped, LinkedIn may cut the post at the first one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from portavoz.scheduler.networks.base import Count, Defaults, share_query, with_warning
from portavoz.scheduler.networks.units import Unit, utf16_length

RESERVED = frozenset("\\|{}@[]()<>#*_~")
_RESERVED_RUN = regex.compile(r"[\\|{}@\[\]()<>#*_~]")
_HASHTAG_START = regex.compile(r"(?<![\p{L}\p{M}\p{N}_&])#(?=[\p{L}\p{M}\p{N}_]*\p{L})")


def escape_little(text: str, *, keep_hashtags: bool = False) -> str:
    """Escape ``text`` for the ``commentary`` of a LinkedIn post.

    Args:
        text: Plain text.
        keep_hashtags: Leave the ``#`` of hashtags unescaped so that LinkedIn makes them
            hashtag elements (a ``_`` or other reserved character inside is still escaped).

    Returns:
        The text with a backslash before every reserved character.
    """
    keep = {m.start() for m in _HASHTAG_START.finditer(text)} if keep_hashtags else set()
    return _RESERVED_RUN.sub(lambda m: m.group() if m.start() in keep else "\\" + m.group(), text)


@dataclass(frozen=True)
class LinkedIn(Defaults):
    """LinkedIn's rules.

    Attributes:
        limit: Most UTF-16 code units of the commentary (3000), counted before escaping.
    """

    limit: int = 3000
    name: str = field(default="linkedin", init=False)
    label: str = field(default="LinkedIn", init=False)
    default_hashtags: int = field(default=3, init=False)
    threadable: bool = field(default=False, init=False)

    def count(self, text: str, *, content_warning: str = "") -> Count:
        """UTF-16 length of the text as readers see it."""
        full = with_warning(text, content_warning)
        return Count(self.name, utf16_length(full), self.limit, Unit.UTF16)

    def api_text(self, text: str) -> str:
        """The commentary in "little": reserved characters escaped, hashtags kept."""
        return escape_little(text, keep_hashtags=True)

    def share_url(self, url: str, title: str, *, server: str) -> str | None:
        """The share-offsite page, which reads the title from the page itself."""
        return f"https://www.linkedin.com/sharing/share-offsite/?{share_query({'url': url})}"
