"""Types shared by every network: the result of a count, a rich-text facet and a network's shape.

A network is one module under ``networks/`` holding every fact about it behind
:class:`Network` (limits and counting, default hashtags, threads, the displayed link, facets,
the API text, the share URL and the shipped template), plus its template in
``networks/templates/``. Nothing outside ``networks/`` asks which network it has in hand.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from types import MappingProxyType
from typing import ClassVar, Protocol

from portavoz.scheduler.i18n import Text
from portavoz.scheduler.networks.units import Unit


@dataclass(frozen=True)
class Count:
    """How a text measures on one network, and what else breaks its rules.

    Attributes:
        network: Network name, e.g. ``"x"``.
        length: The network's own measure of the text.
        limit: The most ``length`` may be.
        unit: What ``length`` counts, e.g. :attr:`Unit.WEIGHTED`.
        problems: Other rule breaches (byte limit, too many links or hashtags, …),
            each a sentence a writer can act on.
    """

    network: str
    length: int
    limit: int
    unit: Unit
    problems: tuple[str, ...] = ()

    @property
    def fits(self) -> bool:
        """Whether the text can be published as it is."""
        return self.length <= self.limit and not self.problems

    @property
    def remaining(self) -> int:
        """How many units are left (negative when over the limit)."""
        return self.limit - self.length


class FacetKind(enum.StrEnum):
    """What a rich-text facet marks: a link, a hashtag (or cashtag) or a mention."""

    LINK = "link"
    TAG = "tag"
    MENTION = "mention"


@dataclass(frozen=True)
class Facet:
    """A rich-text facet over a span of the text, with UTF-8 byte offsets.

    It is the shape of an ``app.bsky.richtext.facet`` with one feature.

    Attributes:
        byte_start: UTF-8 offset of the first byte of the span.
        byte_end: UTF-8 offset just past its last byte.
        kind: What the span is.
        value: The link's full address, the tag without ``#`` (a cashtag keeps its ``$``), or
            the mentioned handle without ``@`` (publishing resolves it to a DID).
    """

    byte_start: int
    byte_end: int
    kind: FacetKind
    value: str

    def as_record(self) -> dict[str, object]:
        """The facet as the ``app.bsky.feed.post`` record carries it.

        A mention carries ``handle`` where the record needs ``did``: resolving a handle is
        a network call, which belongs to publishing.
        """
        field = {FacetKind.LINK: "uri", FacetKind.TAG: "tag", FacetKind.MENTION: "handle"}
        feature = {"$type": f"app.bsky.richtext.facet#{self.kind}", field[self.kind]: self.value}
        index = {"byteStart": self.byte_start, "byteEnd": self.byte_end}
        return {"index": index, "features": [feature]}


class Network(Protocol):
    """Everything portavoz knows about one social network (read-only: frozen dataclasses)."""

    @property
    def name(self) -> str:
        """Identifier used in front matter and on the command line, e.g. ``"mastodon"``."""
        ...

    @property
    def label(self) -> str:
        """Human name, e.g. ``"Mastodon"``."""
        ...

    @property
    def limit(self) -> int:
        """Most units a post may have."""
        ...

    @property
    def hashtag_limit(self) -> int | None:
        """Most hashtags a post may carry, or ``None`` when the network sets no limit."""
        ...

    @property
    def default_hashtags(self) -> int:
        """How many hashtags a variant carries unless the site says otherwise."""
        ...

    @property
    def threadable(self) -> bool:
        """Whether a long post may go out as a thread of numbered parts."""
        ...

    @property
    def link_in_bio(self) -> str:
        """The line that stands in for the link where links do not click, or ``""``."""
        ...

    @property
    def needs_image(self) -> bool:
        """Whether a post there is an image (Instagram): a variant without one is an error."""
        ...

    @property
    def image_types(self) -> tuple[str, ...]:
        """The media types of the images the network takes (``image/jpeg``), or ``()`` for any."""
        ...

    @property
    def template(self) -> Traversable:
        """The shipped plain-text template, used unless the site overrides ``<name>.txt.j2``."""
        ...

    def count(self, text: str, *, content_warning: str = "") -> Count:
        """Measure ``text`` (and a content warning where the network has one)."""
        ...

    def surely_over(self, text: str, *, content_warning: str = "") -> bool:
        """True only when ``text`` is over the limit for sure, told without counting it.

        A cheap lower bound of :meth:`count`'s length: the fitter and the thread splitter
        try many texts that are far too long, and need only know that they do not fit.
        ``False`` says nothing (count to know).
        """
        ...

    def display_link(self, url: str) -> str:
        """The link as the post shows it (the full address stays in the facets)."""
        ...

    def facets(self, parts: Sequence[str]) -> tuple[tuple[Facet, ...], ...]:
        """Rich-text facets of each part's :meth:`api_text`, or ``()`` where there are none.

        Args:
            parts: The post's parts as pasted (full links).
        """
        ...

    def api_text(self, text: str) -> str:
        """The text as the network's API expects it."""
        ...

    def share_url(self, url: str, title: str, *, server: str) -> str | None:
        """The public URL that opens the network's composer with the post, or ``None``.

        portavoz/site asks it once a build with stand-in texts and fills in each post's URL
        and title quoted by :func:`share_query`, when a few probes give the same URL as this
        method (``site/share.py``); a network whose URL depends on the texts otherwise (cut,
        stripped, a field left out when empty...) is asked for each post instead.

        Args:
            url: The post's page.
            title: The post's title.
            server: The server to share from, for networks where each reader has their own
                (a Mastodon instance); other networks ignore it.
        """
        ...


def share_query(fields: Mapping[str, str]) -> str:
    """``urllib.parse.urlencode(fields)`` for text values: the query of a share URL.

    Not memoised: pages ask for share links after a plain build has let go of the networks'
    memos (``usecases/releasing``), and one kept there would outlive it.
    """
    return "&".join(f"{_quote_plus(key)}={_quote_plus(value)}" for key, value in fields.items())


# quote_plus's form of each byte of a text's UTF-8: letters, digits and "_.-~" as they are,
# the space a "+", any other byte "%XX". Looked up in a list: quote_plus looks each byte up
# in a dict subclass once a text has one such byte, and every title and URL has some (a
# post's share links quote its title and URL several times over).
_PLUS_QUOTED = [
    chr(byte)
    if chr(byte).isascii() and (chr(byte).isalnum() or chr(byte) in "_.-~")
    else f"%{byte:02X}"
    for byte in range(256)
]
_PLUS_QUOTED[ord(" ")] = "+"


def _quote_plus(text: str) -> str:
    """``urllib.parse.quote_plus(text)``."""
    return "".join([_PLUS_QUOTED[byte] for byte in text.encode()])


TEMPLATES = files("portavoz.scheduler.networks") / "templates"
"""The shipped templates: one ``<name>.txt.j2`` per network and the shapes they extend."""


class Defaults:
    """What most networks share; a network's dataclass inherits it and overrides what differs.

    Links are shown as they are, no hashtag limit, no image needed and any image taken, no
    facets, the API takes the text as written, no share URL, and the template is
    ``templates/<name>.txt.j2``.
    """

    name: str
    hashtag_limit: int | None = None
    link_in_bio: str = ""
    worded: ClassVar[Mapping[str, Text]] = MappingProxyType({})
    """Options whose defaults are words, by catalog key: given in the site's language."""
    needs_image: ClassVar[bool] = False
    image_types: ClassVar[tuple[str, ...]] = ()

    @property
    def template(self) -> Traversable:
        """The shipped ``templates/<name>.txt.j2``."""
        return TEMPLATES / f"{self.name}.txt.j2"

    def surely_over(self, text: str, *, content_warning: str = "") -> bool:
        """Never sure: count to know."""
        return False

    def display_link(self, url: str) -> str:
        """The full address."""
        return url

    def facets(self, parts: Sequence[str]) -> tuple[tuple[Facet, ...], ...]:
        """None: the network finds links in the text itself."""
        return ()

    def api_text(self, text: str) -> str:
        """The text as written."""
        return text

    def share_url(self, url: str, title: str, *, server: str) -> str | None:
        """None: the network has no web share URL."""
        return None


def with_warning(text: str, content_warning: str) -> str:
    """The text as published where a network has no content-warning field: warning first."""
    return f"{content_warning}\n{text}" if content_warning else text
