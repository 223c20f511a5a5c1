"""Bluesky's rich text: the facets ``@atproto/api`` detects and the app's shortened links.

A port of ``detectFacets`` (``@atproto/api`` 0.21.0, ``rich-text/detection.ts`` and ``util.ts``)
and of the app's ``shortenLinks`` (bluesky-social/social-app, ``src/lib/strings/
rich-text-manip.ts``), which the composer counts and posts with. Their quirks are kept, since
what matters is to agree with them (``tests/networks/test_networks_bluesky_reference.py`` runs
both on thousands of texts):

- links are a scheme link (``http`` in lower case: ``HTTPS://`` is no link) or a bare domain
  whose last label is in the ``tlds`` package's list, compared case-sensitively
  (``example.COM`` is no link); one trailing ``.,;:!?`` and an unmatched ``)`` are left out;
- a mention is ``@`` and a handle whose last label is a known TLD (or ``.test``);
- a hashtag holds something other than digits and punctuation and ends before trailing
  punctuation; a cashtag is ``$`` and one to five letters and digits;
- JavaScript's ``\\s``, ``\\d`` and ``\\b`` are not Python's: they are spelt out below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import regex

from portavoz.scheduler.networks.base import Facet, FacetKind
from portavoz.scheduler.networks.short_url import shorten_for_display
from portavoz.scheduler.networks.units import grapheme_length, utf16_length

# JavaScript's \s: WhiteSpace and LineTerminator (it differs from Python's on \x1c-\x1f, \x85
# and U+FEFF).
_WS = r"\t\n\v\f\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_WORD = "A-Za-z0-9_"  # JavaScript's \b without the u flag
_ZERO_WIDTH = r"\u00ad\u2060\u200a\u200b\u200c\u200d\u20e2"
_MENTION = regex.compile(
    rf"(?:^|[{_WS}]|\()@(?P<handle>[a-zA-Z0-9.-]+)"
    rf"(?:(?<=[{_WORD}])(?![{_WORD}])|(?<![{_WORD}])(?=[{_WORD}]))"
)
_URL = re.compile(  # plain syntax: the standard library's engine runs it twice as fast
    rf"(?:^|[{_WS}]|\()(?P<url>[hH][tT][tT][pP][sS]?://[^{_WS}]+"
    rf"|(?P<domain>[a-zA-Z][a-zA-Z0-9]*(?:\.[a-zA-Z0-9]+)+)[^{_WS}]*)"
)
_TAG = regex.compile(
    rf"(?:^|[{_WS}])[#＃](?P<tag>(?!\ufe0f)[^{_WS}{_ZERO_WIDTH}]*"
    rf"[^0-9{_WS}\p{{P}}{_ZERO_WIDTH}]+[^{_WS}{_ZERO_WIDTH}]*)?"
)
_CASHTAG = regex.compile(
    rf"(?:^|[{_WS}]|\()\$(?P<ticker>[A-Za-z][A-Za-z0-9]{{0,4}})"
    rf"(?=[{_WS}]|\Z|[.,;:!?)\"'\u2019])"
)
_TRAILING_PUNCTUATION = regex.compile(r"\p{P}+\Z")
_TAG_MAX_GRAPHEMES = 64


@cache
def known_tlds() -> tuple[str, ...]:
    """The ``tlds`` package's list, in its order (``bluesky_tlds.txt``)."""
    lines = resources.files(__package__).joinpath("bluesky_tlds.txt").read_text(encoding="utf-8")
    return tuple(line for line in lines.splitlines() if line and not line.startswith("#"))


@cache
def _tld_set() -> frozenset[str]:
    return frozenset(known_tlds())


def is_valid_domain(text: str) -> bool:
    """Whether ``text`` ends with ``.`` and a known TLD, case-sensitively (the library's test)."""
    dot = text.rfind(".")
    # A TLD holds no dot, so the last label is the only candidate.
    return dot >= 0 and text[dot + 1 :] in _tld_set()


@dataclass(frozen=True)
class _Span:
    """A facet in UTF-16 code units, as the library finds it before turning it into bytes."""

    start: int
    end: int
    kind: FacetKind
    value: str


def detect_facets(text: str) -> tuple[Facet, ...]:
    """The facets ``RichText.detectFacetsWithoutResolution`` finds, in its order.

    Args:
        text: The post as written (links in full).

    Returns:
        Mentions, links, tags and cashtags, sorted by their first byte (ties keep that order).
    """
    # Each kind needs its sign; most texts have no mention or cashtag to look for.
    spans = [
        *(_mentions(text) if "@" in text else ()),
        *_links(text),
        *(_tags(text) if "#" in text or "＃" in text else ()),
        *(_cashtags(text) if "$" in text else ()),
    ]
    encoded = _Utf16Offsets(text)
    facets = [Facet(encoded.utf8(s.start), encoded.utf8(s.end), s.kind, s.value) for s in spans]
    return tuple(sorted(facets, key=lambda facet: facet.byte_start))  # stable, as JS sorts


def _mentions(text: str) -> list[_Span]:
    spans = []
    for match in _MENTION.finditer(text):
        handle = match.group("handle")
        if is_valid_domain(handle) or handle.endswith(".test"):
            start = match.start("handle") - 1
            spans.append(_Span(start, match.end("handle"), FacetKind.MENTION, handle))
    return spans


def _links(text: str) -> list[_Span]:
    spans = []
    for match in _URL.finditer(text):
        uri = match.group("url")
        if not uri.startswith("http"):
            domain = match.group("domain")
            if not domain or not is_valid_domain(domain):
                continue
            uri = f"https://{uri}"
        start, end = match.span("url")
        if uri[-1] in ".,;:!?":
            uri, end = uri[:-1], end - 1
        if uri.endswith(")") and "(" not in uri:
            uri, end = uri[:-1], end - 1
        spans.append(_Span(start, end, FacetKind.LINK, uri))
    return spans


def _tags(text: str) -> list[_Span]:
    spans = []
    for match in _TAG.finditer(text):
        tag = match.group("tag")
        if not tag:
            continue
        tag = _TRAILING_PUNCTUATION.sub("", tag)
        too_long = utf16_length(tag) > _TAG_MAX_GRAPHEMES < grapheme_length(tag)
        if not tag or too_long:
            continue
        start = match.start("tag") - 1
        spans.append(_Span(start, start + 1 + len(tag), FacetKind.TAG, tag))
    return spans


def _cashtags(text: str) -> list[_Span]:
    spans = []
    for match in _CASHTAG.finditer(text):
        ticker = match.group("ticker")
        start = match.start("ticker") - 1
        spans.append(_Span(start, match.end("ticker"), FacetKind.TAG, f"${ticker.upper()}"))
    return spans


class _Utf16Offsets:
    """Code point offsets into UTF-8 byte offsets of one text."""

    def __init__(self, text: str) -> None:
        self._text = text

    def utf8(self, index: int) -> int:
        return len(self._text[:index].encode("utf-8", "surrogatepass"))


@dataclass(frozen=True)
class Shortened:
    """A text as the app posts it: links shortened, facets moved to match.

    Attributes:
        text: The text with each link shown as :func:`shorten_for_display` shows it.
        facets: The detected facets, their offsets into ``text``.
    """

    text: str
    facets: tuple[Facet, ...]


@lru_cache(maxsize=4096)  # counting, facets and the API text of one part ask the same
def shorten_links(text: str) -> Shortened:
    """What the app's ``shortenLinks`` makes of a text whose facets it detected.

    Each link's text is replaced by its display in facet order, and every facet is moved as
    ``RichText.insert`` and ``delete`` move them: the insertion shifts facets by the display's
    length in UTF-16 units and the deletion by bytes (they agree unless a link the URL parser
    refuses holds non-ASCII text).
    """
    data = text.encode("utf-8")
    moving = [_Moving(f.byte_start, f.byte_end, f) for f in detect_facets(text)]
    # The loop walks the detected facets while each deletion keeps only the non-empty ones in
    # ``moving``, which are the facets the result carries.
    for entry in list(moving):
        if entry.facet.kind is not FacetKind.LINK:
            continue
        start, end = entry.start, entry.end
        shown = shorten_for_display(_bytes(data[start:end]).decode("utf-8")).encode("utf-8")
        data = _insert(data, moving, start, shown, utf16_length(shown.decode("utf-8")))
        entry.start, entry.end = start, start + len(shown)
        data = _delete(data, moving, start + len(shown), end + len(shown))
    facets = tuple(Facet(m.start, m.end, m.facet.kind, m.facet.value) for m in moving)
    return Shortened(data.decode("utf-8", "replace"), facets)


@lru_cache(maxsize=4096)  # the fitter counts each text it tries once, its parts again
def shortened_text(text: str) -> str:
    """``shorten_links(text).text``, without detecting and moving the other facets.

    Each link is replaced by its display at once. That is what the app's edits come to while
    every display is ASCII (its UTF-16 length, by which the insertion shifts the facets, is
    its length in bytes, by which the deletion shifts them back) and the text has no byte
    order mark (which a slice would drop) and no lone surrogate (which ``shorten_links``
    refuses): links never overlap, and the facets of other kinds change no text.
    """
    if "\ufeff" in text or _SURROGATE.search(text) is not None:
        return shorten_links(text).text
    pieces: list[str] = []
    position = 0
    for span in _links(text):
        shown = shorten_for_display(text[span.start : span.end])
        if not shown.isascii():
            return shorten_links(text).text
        pieces += [text[position : span.start], shown]
        position = span.end
    pieces.append(text[position:])
    return "".join(pieces)


_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass
class _Moving:
    """A facet whose offsets ``shorten_links`` moves while it edits the text."""

    start: int
    end: int
    facet: Facet


def _insert(data: bytes, facets: list[_Moving], at: int, piece: bytes, shift: int) -> bytes:
    for facet in facets:  # RichText.insert's scenarios A (before) and B (inner)
        if at <= facet.start:
            facet.start, facet.end = facet.start + shift, facet.end + shift
        elif at < facet.end:
            facet.end += shift
    return _bytes(data[:at]) + piece + _bytes(data[at:])


def _delete(data: bytes, facets: list[_Moving], start: int, end: int) -> bytes:
    removed = end - start
    for facet in facets:  # RichText.delete's scenarios A to F, in its order
        if start <= facet.start and end >= facet.end:
            facet.start = facet.end = 0
        elif start > facet.end:
            continue
        elif facet.start < start <= facet.end < end:
            facet.end = start
        elif start >= facet.start and end <= facet.end:
            facet.end -= removed
        elif start < facet.start <= end <= facet.end:
            facet.start, facet.end = start, facet.end - removed
        elif end < facet.start:
            facet.start, facet.end = facet.start - removed, facet.end - removed
    facets[:] = [facet for facet in facets if facet.start < facet.end]  # delete's last pass
    return _bytes(data[:start]) + _bytes(data[end:])


def _bytes(piece: bytes) -> bytes:
    """A slice as ``UnicodeString.slice`` returns it, re-encoded.

    ``TextDecoder`` turns broken bytes into U+FFFD and drops a byte order mark at the start of
    a slice: a U+FEFF right after a link is lost, and the facets after it are 3 bytes off.
    """
    return piece.decode("utf-8-sig", "replace").encode("utf-8")


def app_length(text: str) -> int:
    """The count Bluesky's composer shows for ``text``: graphemes once its links are shortened."""
    return grapheme_length(shorten_links(text).text)
