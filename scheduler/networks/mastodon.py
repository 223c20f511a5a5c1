"""Mastodon: grapheme clusters of content warning plus text, as the server validates them.

A port of Mastodon's own rule (``app/validators/status_length_validator.rb``,
``app/lib/extractor.rb``, ``config/initializers/twitter_regex.rb`` and ``Account::MENTION_RE`` of
mastodon/mastodon, 4.5 line): the text's links and mentions are found the way the server finds
them, each link with a scheme (``http``, ``https``, ``dat``, ``dweb``, ``ipfs``, ``ipns``, ``ssb``,
``gopher``, ``gemini``) becomes 23 characters, each remote mention ``@ana@host`` becomes ``@ana``,
and the content warning followed by that text is measured in grapheme clusters. The limit is the
server's (500 unless it changed it). The patterns are the Ruby twitter-text 3.1.0 ones with
Mastodon's overrides, kept here because they differ from the JavaScript ones X counts with.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from stringprep import in_table_a1

import regex

from portavoz.scheduler.networks.base import Count, Defaults, share_query
from portavoz.scheduler.networks.twitter_text import balanced_parens, plain_link
from portavoz.scheduler.networks.units import ONE_PER_CHARACTER, Unit
from portavoz.scheduler.networks.urls import known_tlds

LINK_LENGTH = 23
"""What every link counts (``StatusLengthValidator::URL_PLACEHOLDER_CHARS``)."""
SCHEMES = ("https", "http", "dat", "dweb", "ipfs", "ipns", "ssb", "gopher", "gemini")
"""The schemes whose links count 23: twitter_regex.rb's protocol group, in its order."""
_MAX_URL_LENGTH = 4096  # twitter-text's Extractor::MAX_URL_LENGTH: a longer "link" is text
_MAX_TCO_SLUG_LENGTH = 40
_MAX_DOMAIN_LENGTH = 253  # Extractor::MAX_DOMAIN_LENGTH: past it a mention counts in full

# Ruby twitter-text 3.1.0 (rb/lib/twitter-text/regex.rb), spelt as Ruby spells it: its
# punctuation holds " and ` but not the backslash, unlike the JavaScript library's.
_DIRECTIONAL = r"\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_INVALID = r"\ufffe\ufeff\uffff"
_UNICODE_SPACES = r"\t-\r \x85\xa0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_PUNCTUATION = r"!\"#$%&'()*+,\-./:;<=>?@\[\]^_`{|}~"
_CONTROL = r"\x00-\x1f\x7f"
_LATIN_ACCENTS = (
    r"\xc0-\xd6\xd8-\xf6\xf8-\xff\u0100-\u024f\u0253\u0254\u0256\u0257\u0259\u025b\u0263"
    r"\u0268\u026f\u0272\u0289\u028b\u02bb\u0300-\u036f\u1e00-\u1eff"
)
# Mastodon's query characters add every non-ASCII character of RFC 3987 (its UCHARS).
_UCHARS = (
    r"\xa0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef\U00010000-\U0001fffd\U00020000-\U0002fffd"
    r"\U00030000-\U0003fffd\U00040000-\U0004fffd\U00050000-\U0005fffd\U00060000-\U0006fffd"
    r"\U00070000-\U0007fffd\U00080000-\U0008fffd\U00090000-\U0009fffd\U000a0000-\U000afffd"
    r"\U000b0000-\U000bfffd\U000c0000-\U000cfffd\U000d0000-\U000dfffd\U000e1000-\U000efffd"
    r"\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd"
)
_WORD = r"\p{L}\p{M}\p{Nd}\p{Pc}"  # Onigmo's [[:word:]]; Python's \w differs on marks
# Ruby's ^ and $ are line anchors and every piece is case-insensitive.
_FLAGS = regex.IGNORECASE | regex.MULTILINE | regex.VERSION0

_MENTION = regex.compile(
    rf"(?<![=/{_WORD}])@(?P<name>(?P<user>(?i:[a-z0-9_]+(?:[.-]+[a-z0-9_]+)*))"
    rf"(?:@(?P<domain>[{_WORD}]+(?:[.-]+[{_WORD}]+)*))?)",
    regex.VERSION0,
)
"""``Account::MENTION_RE``: ``@user`` or ``@user@domain``."""
_END_MENTION = regex.compile(rf"[@＠]|[{_LATIN_ACCENTS}]+|://", _FLAGS)
"""twitter-text's ``end_mention_match``: what may not follow a mention."""
_BLANK = regex.compile(r"[\p{White_Space}]*")
"""ActiveSupport's ``blank?``: a text of white space only is no text."""
_GRAPHEME = regex.compile(r"\X")
# Unicode 15.1 joined Indic conjuncts (virama + consonant, rule GB9c) into one cluster; the
# server's Ruby (3.x, Unicode 15.0) still splits them, so each joined consonant counts again.
_CONJOINED = regex.compile(r"(?<!^|\p{Grapheme_Cluster_Break=Prepend})\p{InCB=Consonant}")


_LABEL_CHAR = rf"[^{_DIRECTIONAL}{_PUNCTUATION}{_CONTROL}{_INVALID}{_UNICODE_SPACES}]"
"""What a domain label is made of, besides the ``_`` and ``-`` inside it."""
# A named list tries the longest top-level domain first, as the reverse-sorted alternation
# of tld_lib.yml does ("嘉里大酒店" before "嘉里").
_TLD = r"(?:\L<tlds>(?=[^0-9a-z@+-]|$)|xn--[0-9a-z]+)"


@cache
def _tld_pattern() -> regex.Pattern[str]:
    """The top-level domain of :func:`_url_pattern`, alone (built on first use)."""
    return regex.compile(_TLD, _FLAGS, tlds=sorted(known_tlds()))


@cache
def _url_pattern() -> regex.Pattern[str]:
    """``Twitter::TwitterText::Regex[:valid_url]`` as Mastodon overrides it (built on first use)."""
    # twitter-text's labels, "(?:(?:C(?:[_-]|C)*)?C\.)" for a subdomain and the same without
    # "_" for the domain name, match a run ending in C and a dot; a label holds no dot, so
    # its run is the longest one and is taken at once (atomic) instead of backtracking.
    char = _LABEL_CHAR
    subdomain = rf"(?:{char}(?>(?:[_-]|{char})*)(?<={char})\.)"
    domain_name = rf"(?:{char}(?>(?:-|{char})*)(?<={char})\.)"
    scheme = "|".join(SCHEMES)
    before = rf"(?:[^A-Z0-9@＠$#＃{_INVALID}]|[{_DIRECTIONAL}]|^)"
    return regex.compile(
        rf"{before}(?P<url>(?P<scheme>(?:{scheme})://)?"
        rf"(?P<domain>{subdomain}*{domain_name}{_TLD})(?::[0-9]+)?"
        rf"(?P<path>/{_path()}*)?(?:\?[a-z0-9!?*'();:&=+$/%#\[\]\-_.,~|@^{_UCHARS}]*"
        rf"[a-z0-9_&=#/\-{_UCHARS}])?)",
        _FLAGS,
        tlds=sorted(known_tlds()),
    )


def _path() -> str:
    """Mastodon's ``valid_url_path``: any character but white space, ``<>()?``."""
    char = r"[^\p{White_Space}<>()?]"
    # twitter_regex.rb redefines the ending characters before the balanced parentheses, so
    # a path may end in parentheses of twitter-text's own, narrower, path characters. A path
    # may end in "@" (text_formatter_spec.rb: "https://gta.fandom.com/wiki/TW@" is one link).
    twitter_char = rf"[a-z\p{{Script=Cyrillic}}0-9!*';:=+,.$/%#\[\]\p{{Pd}}_~&|@{_LATIN_ACCENTS}]"
    nested = balanced_parens(twitter_char)
    ending = rf"(?:[^\p{{White_Space}}()?!*\"'「」<>;:=,.$%\[\]~&|]|{nested})"
    return rf"(?:(?:{char}*(?:{balanced_parens(char)}{char}*)*{ending})|(?:{char}+/))"


@dataclass(frozen=True)
class _Entity:
    """A span the validator rewrites: a link (23 ``x``) or a mention (its local part)."""

    start: int
    end: int
    replacement: str


def _links(text: str) -> list[_Entity]:
    """``extract_urls_with_indices(text, extract_url_without_protocol: false)``."""
    if "://" not in text:
        return []
    found: list[_Entity] = []
    # No match holds ASCII white space (a query may hold other spaces), so only the runs with
    # a "://" can hold a link, and each is scanned alone from the character before it: the
    # server scans the whole text, but what it finds in other runs has no scheme.
    scheme = text.find("://")
    while scheme >= 0:
        start = max(text.rfind(space, 0, scheme) for space in _RUN_ENDS) + 1
        after = _RUN_END.search(text, scheme)
        end = after.start() if after else len(text)
        scan = max(start - 1, 0)
        # What the pattern sees of the text: the run, the character before it, and the one
        # before that (for "^" after a line feed); the same link in every text tried is
        # then scanned once.
        window = max(scan - 1, 0)
        found += [
            _Entity(window + a, window + b, replacement)
            for a, b, replacement in _window_links(text[window:end], scan - window)
        ]
        scheme = text.find("://", end)
    return found


@lru_cache(maxsize=1024)
def _window_links(window: str, start: int) -> tuple[tuple[int, int, str], ...]:
    """``_links_in(window, start, len(window))`` as ``(start, end, replacement)``."""
    plain = plain_link(window, start)
    if plain is not None:  # the link fills the run: the pattern need not be built
        url_start, url_end, domain = plain
        valid = _valid_domain(url_end - url_start, domain)
        return ((url_start, url_end, "x" * LINK_LENGTH),) if valid else ()
    return tuple((e.start, e.end, e.replacement) for e in _links_in(window, start, len(window)))


_RUN_ENDS = "\t\n\v\f\r \x85"
"""The white space no link holds: runs of anything else are searched one by one."""
_RUN_END = regex.compile(f"[{_RUN_ENDS}]")
_LATIN_RUN_END = re.compile("[\t\n ]")
"""``_RUN_ENDS`` as they can be in a text of :data:`ONE_PER_CHARACTER`."""


_SCHEME_AT = regex.compile(rf"(?=(?:{'|'.join(SCHEMES)})://)", _FLAGS)
_CHAIN = regex.compile(rf"(?:{_LABEL_CHAR}|[_.-])+", _FLAGS)
"""A run of labels and dots: no domain reaches past one."""


def _url_matches(text: str, start: int, end: int) -> Iterator[regex.Match[str]]:
    """``_url_pattern().finditer(text, start, end)``, tried only where a match may start.

    Tried at every position, the pattern runs through a whole dotted run ("a.a.a.…") before
    it fails there, which makes a long run quadratic; :func:`_match_starts` leaves out the
    positions where it must fail, so each run is walked a bounded number of times.
    """
    pattern = _url_pattern()
    starts = _match_starts(text, start, end)
    index = 0
    while index < len(starts):
        match = pattern.match(text, starts[index], end)
        if match is None:
            index += 1
            continue
        yield match
        index = bisect_left(starts, match.end(), index + 1)


def _match_starts(text: str, start: int, end: int) -> list[int]:
    """The positions where a URL match may start: at or just before a scheme or a domain."""
    urls = {match.start() for match in _SCHEME_AT.finditer(text, start, end)}
    for chain in _CHAIN.finditer(text, start, end):
        if "." in chain.group():  # a single label starts no domain
            urls.update(_domain_starts(text, chain.start(), chain.end(), end))
    # The character before a link is the pattern's "before" (or none, at a line's start).
    return sorted({position for url in urls for position in (url - 1, url) if position >= start})


def _domain_starts(text: str, start: int, stop: int, end: int) -> list[int]:
    """Where in the dotted run ``text[start:stop]`` a domain (labels, then a TLD) may begin.

    A domain is labels each ending in a dot, the last without ``_``, then a top-level domain;
    a label starts and ends with a label character. Walking the labels from the right, each
    one knows whether a domain may go on from it to a TLD.
    """
    labels = text[start:stop].split(".")
    offsets = [start]
    for label in labels:
        offsets.append(offsets[-1] + len(label) + 1)
    found: list[int] = []
    goes_on = False  # a domain may start with the next label as a subdomain
    for index in range(len(labels) - 2, -1, -1):  # the last label has no dot after it
        label, first = labels[index], offsets[index]
        tld_next = _tld_at(text, offsets[index + 1], end)
        if label[-1:] in ("", "_", "-"):
            goes_on = False
            continue
        if goes_on:
            found += range(first, first + len(label))
        elif tld_next:  # only the part after a "_" may be the domain name
            found += range(first + label.rfind("_") + 1, first + len(label))
        whole = label[0] not in "_-"
        goes_on = whole and ((tld_next and "_" not in label) or goes_on)
    return found


def _tld_at(text: str, start: int, end: int) -> bool:
    """Whether :func:`_tld_pattern` matches ``text[start:end]`` at ``start``.

    Where the top-level domain would be ASCII letters, digits and hyphens followed by ASCII
    (or by the end), the answer is a look-up in the list, without building the pattern: no
    listed domain has a character that folds into ASCII, so only the whole run can match,
    and the lookahead then refuses just ``@`` and ``+`` (the run took letters, digits and
    ``-``). Before other characters (which may fold into ``[0-9a-z]``, as K and ſ do, or
    go on into a domain such as ``vermögensberater``) the pattern decides.
    """
    run = _ASCII_RUN.match(text, start, end)
    stop = run.end() if run else start
    after = text[stop] if stop < end else ""
    if not after.isascii():
        return _tld_pattern().match(text, start, end) is not None
    label = text[start:stop].lower()
    if label in known_tlds() and after not in ("@", "+"):
        return True
    return len(label) > 4 and label.startswith("xn--") and label[4] != "-"


_ASCII_RUN = regex.compile(r"[A-Za-z0-9-]+")
_TCO = regex.compile(r"https?://t\.co/([a-z0-9]+)", regex.IGNORECASE)


def _links_in(text: str, start: int, end: int) -> list[_Entity]:
    found: list[_Entity] = []
    # Every match consumes its text, also those without a scheme that are then dropped: a
    # scheme further inside them ("example.com/?u=https://…") starts no link.
    for match in _url_matches(text, start, end):
        if match.group("scheme") is None:
            continue
        url, start = match.group("url"), match.start("url")
        tco = _TCO.match(url)
        if tco is not None:
            if len(tco.group(1)) > _MAX_TCO_SLUG_LENGTH:
                continue
            url = tco.group()  # a t.co link ends at its slug; what follows is text
        if _valid_domain(len(url), match.group("domain")):
            found.append(_Entity(start, start + len(url), "x" * LINK_LENGTH))
    return found


def _valid_domain(url_length: int, domain: str) -> bool:
    """twitter-text's ``is_valid_domain``: the domain converts to ASCII and the link fits.

    The server converts with libidn (IDNA2003, unassigned code points refused); Python's codec
    is the same IDNA2003 but allows code points unassigned in Unicode 3.2, such as emoji.
    """
    if any(in_table_a1(character) for character in domain):
        return False
    try:
        ascii_length = len(domain.encode("idna"))
    except UnicodeError:
        return False
    return url_length + max(ascii_length - len(domain), 0) <= _MAX_URL_LENGTH


def _mentions(text: str) -> list[_Entity]:
    """Mastodon's ``extract_mentions_or_lists_with_indices``, as the validator rewrites them."""
    if "@" not in text and "＠" not in text:
        return []
    found: list[_Entity] = []
    for match in _MENTION.finditer(text):
        if _END_MENTION.match(text, match.end()):
            continue
        domain = match.group("domain")
        if domain is not None and len(domain) > _MAX_DOMAIN_LENGTH:
            continue
        found.append(_Entity(match.start(), match.end(), "@" + match.group("user")))
    return found


def countable_text(text: str) -> str:
    """The text as the server measures it: links as 23 ``x``, remote mentions local.

    Overlapping entities keep the one that starts first, as ``remove_overlapping_entities``.
    """
    if _BLANK.fullmatch(text):
        return ""
    pieces: list[str] = []
    position = 0
    for entity in sorted(_links(text) + _mentions(text), key=lambda entity: entity.start):
        if entity.start < position:
            continue
        pieces += [text[position : entity.start], entity.replacement]
        position = entity.end
    pieces.append(text[position:])
    return "".join(pieces)


def server_graphemes(text: str) -> int:
    """Grapheme clusters as Ruby's ``each_grapheme_cluster`` (Unicode 15.0) counts them.

    Python's ``regex`` follows a newer Unicode; the one rule since 15.0 that joins what Ruby
    splits is GB9c, so each consonant it joined to a cluster counts one more.
    """
    if ONE_PER_CHARACTER.fullmatch(text):  # no Indic consonant either
        return len(text)
    return sum(1 + len(_CONJOINED.findall(cluster)) for cluster in _GRAPHEME.findall(text))


@dataclass(frozen=True)
class Mastodon(Defaults):
    """Mastodon's rules.

    Attributes:
        limit: The server's character limit (500 unless the server changed it).
    """

    limit: int = 500
    name: str = field(default="mastodon", init=False)
    label: str = field(default="Mastodon", init=False)
    default_hashtags: int = field(default=4, init=False)
    threadable: bool = field(default=True, init=False)

    def count(self, text: str, *, content_warning: str = "") -> Count:
        """Graphemes of the content warning joined to the countable text; blank text is refused.

        The two are measured as one string, as the server joins them: a text that starts with
        a combining mark joins the warning's last character.
        """
        length = server_graphemes(content_warning + countable_text(text))
        problems: tuple[str, ...] = ()
        if _BLANK.fullmatch(text):
            problems = ("the text is blank; Mastodon refuses a post without text",)
        return Count(self.name, length, self.limit, Unit.GRAPHEME, problems)

    def surely_over(self, text: str, *, content_warning: str = "") -> bool:
        """Over when a Latin text is, with each link as 23 and each mention as nothing.

        In such a text each character is a cluster. Links and mentions hold no ASCII white
        space: a run of other characters holding a ``://`` counts at least 23 (or its own
        length), one holding an ``@`` at least nothing; every other character counts one.
        """
        full = content_warning + text
        if not ONE_PER_CHARACTER.fullmatch(full) or not text.strip():
            return False  # a blank text counts as none at all
        return len(full) - _latin_cut(text) > self.limit

    def share_url(self, url: str, title: str, *, server: str) -> str | None:
        """The share page of the reader's server, with title and link as one text."""
        return f"https://{server}/share?{share_query({'text': f'{title} {url}'})}"


def _latin_cut(text: str) -> int:
    """What :meth:`Mastodon.surely_over` leaves out of a Latin text's length at most."""
    if "@" in text:
        cut = 0
        for run in _LATIN_RUN_END.split(text):
            if "@" in run:
                cut += len(run)
            elif "://" in run:
                cut += max(len(run) - LINK_LENGTH, 0)
        return cut
    # Without mentions only the runs around each "://" count less; they are found from it.
    cut, scheme = 0, text.find("://")
    while scheme >= 0:
        start = max(text.rfind(end, 0, scheme) for end in "\t\n ") + 1
        after = _LATIN_RUN_END.search(text, scheme)
        stop = after.start() if after else len(text)
        cut += max(stop - start - LINK_LENGTH, 0)
        scheme = text.find("://", stop)
    return cut
