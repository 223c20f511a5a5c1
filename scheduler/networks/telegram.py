"""Telegram: a message may be up to 4,096 UTF-16 code units (entities use UTF-16 offsets too)."""

from __future__ import annotations

from dataclasses import dataclass, field

from portavoz.scheduler.networks.base import Count, Defaults, share_query, with_warning
from portavoz.scheduler.networks.units import Unit, utf16_length


@dataclass(frozen=True)
class Telegram(Defaults):
    """Telegram's rules.

    Attributes:
        limit: Most UTF-16 code units of a text message (4,096).
    """

    limit: int = 4096
    name: str = field(default="telegram", init=False)
    label: str = field(default="Telegram", init=False)
    default_hashtags: int = field(default=2, init=False)
    threadable: bool = field(default=False, init=False)

    def count(self, text: str, *, content_warning: str = "") -> Count:
        """UTF-16 length of the text."""
        full = with_warning(text, content_warning)
        return Count(self.name, utf16_length(full), self.limit, Unit.UTF16)

    def share_url(self, url: str, title: str, *, server: str) -> str | None:
        """The share dialog, with the title as the message and the link apart."""
        return f"https://t.me/share/url?{share_query({'text': title, 'url': url})}"
