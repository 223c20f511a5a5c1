"""A ninth network that lives only in the tests: Pregón, a (fictional) town crier's board.

It is written as a network module of ``portavoz.scheduler.networks`` is, with its template
beside it, and nothing else in the repository knows it: registering it must be enough for
front matter, composing, counting, share links and feeds (test_networks_ninth.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from pathlib import Path
from urllib.parse import urlencode

from portavoz.scheduler.networks.base import Count, Defaults, with_warning
from portavoz.scheduler.networks.units import Unit

TEMPLATE = Path(__file__).with_name("pregon.txt.j2")


@dataclass(frozen=True)
class Pregon(Defaults):
    """Pregón's rules: 500 code points, read aloud in capitals, one hashtag.

    Attributes:
        limit: Most code points (500).
    """

    limit: int = 500
    name: str = field(default="pregon", init=False)
    label: str = field(default="Pregón", init=False)
    default_hashtags: int = field(default=1, init=False)
    threadable: bool = field(default=True, init=False)

    @property
    def template(self) -> Traversable:
        """The template beside this module, not in the shipped folder."""
        return TEMPLATE

    def count(self, text: str, *, content_warning: str = "") -> Count:
        """Code points of the text, the warning first."""
        length = len(with_warning(text, content_warning))
        return Count(self.name, length, self.limit, Unit.CHARACTER)

    def display_link(self, url: str) -> str:
        """The crier says the link without its scheme."""
        return url.removeprefix("https://")

    def api_text(self, text: str) -> str:
        """The board takes capitals only."""
        return text.upper()

    def share_url(self, url: str, title: str, *, server: str) -> str | None:
        """The board's share form, with title and link apart."""
        return f"https://pregon.example/compartir?{urlencode({'titulo': title, 'enlace': url})}"
