"""Facebook: a post's text may be up to 63,206 UTF-16 code units."""

from __future__ import annotations

from dataclasses import dataclass, field

from portavoz.scheduler.networks.base import Count, Defaults, share_query, with_warning
from portavoz.scheduler.networks.units import Unit, utf16_length


@dataclass(frozen=True)
class Facebook(Defaults):
    """Facebook's rules.

    Attributes:
        limit: Most UTF-16 code units (63,206).
    """

    limit: int = 63_206
    name: str = field(default="facebook", init=False)
    label: str = field(default="Facebook", init=False)
    default_hashtags: int = field(default=2, init=False)
    threadable: bool = field(default=False, init=False)

    def count(self, text: str, *, content_warning: str = "") -> Count:
        """UTF-16 length of the text."""
        full = with_warning(text, content_warning)
        return Count(self.name, utf16_length(full), self.limit, Unit.UTF16)

    def share_url(self, url: str, title: str, *, server: str) -> str | None:
        """The sharer, which reads the title from the page itself."""
        return f"https://www.facebook.com/sharer/sharer.php?{share_query({'u': url})}"
