"""twitter-text 3.1.0's link and emoji finding, ported line for line from its JavaScript.

The reference is the npm package ``twitter-text`` 3.1.0 (Apache-2.0, Copyright Twitter, Inc.):
``extractUrlsWithIndices.js``, ``lib/idna.js`` and the ``regexp/`` pieces named below, and the
emoji pattern of ``twemoji-parser`` 11.0.2 (MIT), which its ``parseTweet`` uses (copied into
``twemoji-regex.txt``). See ``NOTICE.md`` beside this module.

JavaScript matches these patterns over UTF-16 code units, so they are matched here over a string
of the text's code units (:func:`utf16_units`): a lone surrogate can then precede or start a
link exactly as in JavaScript, and every index is a UTF-16 index as twitter-text reports it.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from portavoz.scheduler.networks.units import ASTRAL
from portavoz.scheduler.networks.urls import dotted_words, known_tlds, tld_pattern

_MAX_URL_LENGTH = 4096
_MAX_TCO_SLUG_LENGTH = 40
_MAX_DOMAIN_LABEL_LENGTH = 63
_DEFAULT_PROTOCOL = "https://"

# regexp/invalidCharsGroup.js, directionalMarkersGroup.js, spacesGroup.js, punct.js,
# latinAccentChars.js and cyrillicLettersAndMarks.js, as the insides of a character class.
_INVALID = "\ufffe\ufeff\uffff"
_DIRECTIONAL = "\u202a-\u202e\u061c\u200e\u200f\u2066\u2067\u2068\u2069"
_SPACES = "\t-\r \x85\xa0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_PUNCT = re.escape("!'#%&'()*+,\\-./:;<=>?@[]^_{|}~$")
_LATIN_ACCENTS = (
    "\xc0-\xd6\xd8-\xf6\xf8-\xff\u0100-\u024f\u0253\u0254\u0256\u0257\u0259\u025b\u0263"
    "\u0268\u026f\u0272\u0289\u028b\u02bb\u0300-\u036f\u1e00-\u1eff"
)
_CYRILLIC = "\u0400-\u04ff"

# JavaScript's case-insensitive matching (without the u flag) folds a character to its simple
# upper case, but never a non-ASCII one onto ASCII; Python's also folds these onto ASCII
# (ſ ~ s, K ~ k, ı ~ I, Å ~ å). Before matching they are swapped, one unit for one, for stand-ins
# that JavaScript's patterns treat alike: a Latin letter with no ASCII fold (U+0101), or a sign
# outside every class (U+2118). U+A7DC folds into the Latin range only in newer Unicode.
_FOLD_STAND_INS_KEYS = "\u0130\u0131\u017f\ua7dc\u212a\u212b"
_FOLD_STAND_INS = str.maketrans(
    {"\u0130": "\u0101", "\u0131": "\u0101", "\u017f": "\u0101", "\ua7dc": "\u0101"}
    | {"\u212a": "\u2118", "\u212b": "\u2118"}
)


@dataclass(frozen=True)
class UrlEntity:
    """A link as ``extractUrlsWithIndices`` gives it.

    Attributes:
        url: The link's text (for a bare domain with a path, from its ASCII part on).
        start: UTF-16 index of its first code unit.
        end: UTF-16 index just past its last code unit.
    """

    url: str
    start: int
    end: int


def utf16_units(text: str) -> str:
    """``text`` as a string of its UTF-16 code units (a character above U+FFFF becomes two)."""
    if text.isascii() or ASTRAL.search(text) is None:
        return text
    units = array("H")
    units.frombytes(text.encode("utf-16-le", "surrogatepass"))
    return "".join(map(chr, units))


def from_units(units: str) -> str:
    """The text behind a string of UTF-16 code units (surrogate pairs joined again)."""
    return units.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def extract_urls_with_indices(text: str) -> tuple[UrlEntity, ...]:
    """The links twitter-text finds in ``text`` (``extractUrlsWithIndices``, bare domains too).

    Args:
        text: The text, already normalised as the caller wants it (``parseTweet`` uses NFC).

    Returns:
        The links in order, with UTF-16 indices.
    """
    if "." not in text:
        return ()
    units = utf16_units(text)
    folded = units.translate(_FOLD_STAND_INS) if _FOLDED.search(units) else units
    entities: list[UrlEntity] = []
    # Every link holds "." and a top-level domain, and no white space. So only the words that
    # hold one are searched, each from the character before it, which finds what a search of
    # the whole text finds (a match cannot reach across white space) in a fraction of the time.
    # Those words are among the ones with a dot before a letter (a TLD starts with a letter,
    # in any case fold), found without compiling the TLD pattern a second time.
    for word in dotted_words(folded):
        scan = max(word.start - 1, 0)
        # What the search sees: the word, the character before it, and whether that is the
        # text's start (where "^" matches), so one more before it. Every text the fitter
        # tries holds the same link: the window is searched once.
        window = max(scan - 1, 0)
        entities += [
            UrlEntity(found.url, window + found.start, window + found.end)
            for found in _window_urls(
                folded[window : word.stop], units[window : word.stop], scan - window
            )
        ]
    return tuple(entities)


@lru_cache(maxsize=1024)
def _window_urls(folded: str, units: str, start: int) -> tuple[UrlEntity, ...]:
    """The links ``extractUrl`` finds in ``folded`` from ``start`` (indices into the window)."""
    plain = plain_link(folded, start)
    if plain is not None:  # units == folded: a plain link is ASCII
        url_start, url_end, domain = plain
        url = folded[url_start:url_end]
        protocol = url[: url.index("//") + 2]
        return (UrlEntity(url, url_start, url_end),) if _is_valid_url(url, protocol, domain) else ()
    found: list[UrlEntity] = []
    for match in _extract_url().finditer(folded, start):
        found.extend(_entities_of(match, units))
    return tuple(found)


_FOLDED = re.compile(f"[{''.join(_FOLD_STAND_INS_KEYS)}]")


_PLAIN_LINK = re.compile(
    r"https?://(?P<domain>(?:[a-z0-9]+(?:-[a-z0-9]+)*\.)+(?P<tld>[a-z]+))"
    r"(?P<path>/[A-Za-z0-9/_.-]*)?(?P<query>\?[A-Za-z0-9_.=&%-]*)?"
)
"""A link of the plainest kind: an ASCII host, then path and query of a few characters."""
_PLAIN_ENDINGS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/-_=&")
"""Characters every path and query of :data:`_PLAIN_LINK` may end in, in both patterns."""
_PLAIN_BEFORE = frozenset(" \t\n\r")


def plain_link(window: str, start: int) -> tuple[int, int, str] | None:
    """``(start, end, domain)`` of the link filling a window, when it is a plain link.

    A window is a run without white space, searched from ``start``: the character before the
    run, or the run itself at the text's start. When the run is one ``http(s)://`` link of
    :data:`_PLAIN_LINK` whose host ends in a listed top-level domain and whose path and query
    end in a character both link patterns end a path or a query with, twitter-text's
    ``extractUrl`` and Mastodon's ``valid_url`` match the whole run there: the character
    before is their preceding character (or the start, ``^``), every character is one their
    host, path and query take, and their greedy parts stop only where the run does. So
    neither pattern need be built or tried; the callers check the domain as after a match.
    ``None`` for anything else (the patterns decide), t.co links and punycode included.
    """
    url_start = start + 1 if window[start : start + 1] in _PLAIN_BEFORE else start
    if url_start == start and start != 0:
        return None
    match = _PLAIN_LINK.fullmatch(window, url_start)
    if match is None or match.group("tld") not in known_tlds():
        return None
    domain, path, query = match.group("domain", "path", "query")
    if domain == "t.co" or "xn--" in domain:
        return None
    if path is not None and len(path) > 1 and path[-1] not in _PLAIN_ENDINGS:
        return None
    if query is not None and (len(query) < 2 or query[-1] not in _PLAIN_ENDINGS):
        return None
    return url_start, len(window), domain


def _entities_of(match: re.Match[str], units: str) -> list[UrlEntity]:
    """What one match of ``extractUrl`` adds (the body of the JavaScript loop)."""
    start, end = match.span("url")
    url, domain = units[start:end], units[slice(*match.span("domain"))]
    protocol = match.group("protocol") or ""
    if not _is_valid_url(url, protocol or _DEFAULT_PROTOCOL, domain):
        return []
    if protocol:
        tco = _valid_tco_url().match(match.group("url"))
        if tco is not None:
            if len(tco.group(1)) > _MAX_TCO_SLUG_LENGTH:
                return []
            url, end = url[: tco.end()], start + tco.end()
        return [UrlEntity(from_units(url), start, end)]
    if re.search(r"[-_./]$", match.group("before")):  # invalidUrlWithoutProtocolPrecedingChars
        return []
    return _ascii_domains(match, units, url, domain)


def _ascii_domains(match: re.Match[str], units: str, url: str, domain: str) -> list[UrlEntity]:
    """The ASCII-only domains of a link without protocol; the last one takes the path."""
    start, end = match.span("url")
    found: list[UrlEntity] = []
    ascii_end = 0
    for part in _valid_ascii_domain().finditer(match.group("domain")):
        ascii_domain = domain[part.start() : part.end()]
        # twitter-text places each part with indexOf from the end of the last one: where the
        # same text comes earlier in the domain ("example.comx…example.com"), it reports there.
        ascii_start = domain.find(ascii_domain, ascii_end)
        ascii_end = ascii_start + len(ascii_domain)
        found.append(UrlEntity(from_units(ascii_domain), start + ascii_start, start + ascii_end))
    if found and match.group("path") is not None:
        # url.replace(domain, lastUrl.url): the text from the domain's ASCII part on, while the
        # indices still end where the whole match ends.
        last = found[-1]
        found[-1] = UrlEntity(
            from_units(url.replace(domain, units[last.start : last.end], 1)), last.start, end
        )
    return found


def _is_valid_url(url: str, protocol: str, domain: str) -> bool:
    ascii_domain = _to_ascii(domain)
    if not ascii_domain:
        return False
    return len(protocol) + len(url) + len(ascii_domain) - len(domain) <= _MAX_URL_LENGTH


def _to_ascii(domain: str) -> str | None:
    """``lib/idna.js``'s ``toAscii``: ``None`` when a label is empty or over 63 once punycoded.

    As in the JavaScript, the domain itself comes back, not its punycoded form.
    """
    if domain[:4] == "xn--" and not _valid_ascii_domain().search(domain.translate(_FOLD_STAND_INS)):
        return None
    labels = domain.split(".")
    if _NON_ASCII.search(domain) is None:  # punycode.js leaves every label as it is
        fits = all(1 <= len(label) <= _MAX_DOMAIN_LABEL_LENGTH for label in labels)
        return domain if fits else None
    for label in labels:
        encoded = _punycode_to_ascii(from_units(label))
        if not 1 <= len(encoded) <= _MAX_DOMAIN_LABEL_LENGTH:
            return None
    return domain


def _punycode_to_ascii(label: str) -> str:
    """punycode.js's ``toASCII`` (its length is all that matters): each part between dots,
    ideographic and full-width dots included, is ``xn--`` + RFC 3492 where it is not ASCII.

    A domain label never holds "@" (it is punctuation), so ``toASCII``'s e-mail case is left out.
    """
    parts = _SEPARATORS.split(label)
    return ".".join("xn--" + _punycode(p) if _NON_ASCII.search(p) else p for p in parts)


_SEPARATORS = re.compile("[.\u3002\uff0e\uff61]")
_NON_ASCII = re.compile("[^\0-\x7e]")  # punycode.js's: DEL (U+007F) is encoded too


def _punycode(part: str) -> str:
    # Python's codec is RFC 3492 as punycode.js is; a lone surrogate still is one code point.
    return part.encode("punycode").decode("ascii")


@cache
def _extract_url() -> re.Pattern[str]:
    """``regexp/extractUrl.js`` (flags gi), with the named groups the JavaScript reads."""
    preceding = rf"(?:[^A-Za-z0-9@＠$#＃{_INVALID}]|[{_DIRECTIONAL}]|^)"  # validUrlPrecedingChars
    return re.compile(
        rf"(?P<before>{preceding})(?P<url>(?P<protocol>https?://)?(?P<domain>{_valid_domain()})"
        rf"(?::[0-9]+)?(?P<path>/{_valid_url_path()}*)?"
        rf"(?:\?{_QUERY_CHARS}*{_QUERY_ENDING_CHARS})?)",
        re.IGNORECASE,
    )


def _valid_domain() -> str:
    """``regexp/validDomain.js``: subdomains, a domain name and a top-level domain."""
    char = f"[^{_PUNCT}{_SPACES}{_INVALID}{_DIRECTIONAL}]"  # validDomainChars
    subdomain = rf"(?:(?:{char}(?:[_-]|{char})*)?{char}\.)"
    domain_name = rf"(?:(?:{char}(?:-|{char})*)?{char}\.)"
    return rf"(?:{subdomain}*{domain_name}{tld_pattern()})"


def balanced_parens(char: str) -> str:
    """``validUrlBalancedParens``: parentheses around path characters ``char``, one level nested.

    The Ruby twitter-text Mastodon builds on has the same rule over its own path characters.
    """
    return rf"\((?:{char}+|(?:{char}*\({char}+\){char}*))\)"


def _valid_url_path() -> str:
    """``regexp/validUrlPath.js``, with its balanced parentheses and ending characters."""
    general = rf"[a-z{_CYRILLIC}0-9!*';:=+,.$/%#\[\]\-\u2013_~@|&{_LATIN_ACCENTS}]"
    parens = balanced_parens(general)
    # validUrlPathEndingChars is spliced in as its source, unbracketed: its "|" splits the
    # first branch, so a path may also be just one bracketed group.
    ending = rf"[+\-a-z{_CYRILLIC}0-9=_#/{_LATIN_ACCENTS}]|(?:{parens})"
    return rf"(?:(?:{general}*(?:{parens}{general}*)*{ending})|(?:@{general}+/))"


_QUERY_CHARS = r"[a-z0-9!?*'@();:&=+$/%#\[\]\-_.,~|]"  # regexp/validUrlQueryChars.js
_QUERY_ENDING_CHARS = r"[a-z0-9\-_&=#/]"  # regexp/validUrlQueryEndingChars.js


@cache
def _valid_tco_url() -> re.Pattern[str]:
    """``regexp/validTcoUrl.js``: a t.co link ends at its slug and query."""
    query = rf"\?{_QUERY_CHARS}*{_QUERY_ENDING_CHARS}"
    return re.compile(rf"^https?://t\.co/([a-z0-9]+)(?:{query})?", re.IGNORECASE)


@cache
def _valid_ascii_domain() -> re.Pattern[str]:
    """``regexp/validAsciiDomain.js`` (flags gi)."""
    return re.compile(rf"(?:(?:[\-a-z0-9{_LATIN_ACCENTS}]+)\.)+{tld_pattern()}", re.IGNORECASE)


@cache
def _emoji() -> re.Pattern[str]:
    """twemoji-parser's pattern, read from ``twemoji-regex.txt``."""
    data = resources.files(__package__).joinpath("twemoji-regex.txt").read_text(encoding="utf-8")
    (source,) = (line for line in data.splitlines() if line and not line.startswith("#"))
    return re.compile(source)


_EMOJI_UNIT = re.compile("[\u200d\u203c-\U0010ffff]")
"""What every match of the emoji pattern holds (see :func:`emoji_entities`)."""


def emoji_entities(text: str) -> tuple[tuple[int, int], ...]:
    """The ``(start, end)`` UTF-16 spans of the emoji twemoji-parser's ``parse`` finds."""
    # Every match of the pattern holds a code unit from U+2000 up: its only characters below
    # are '#', '*', digits (keycaps, which need U+20E3) and '©', '®' (which need U+FE0F).
    # From U+2000 to U+203B it has only the joiner U+200D, so general punctuation (dashes,
    # quotes, the ellipsis of a shortened summary) starts no match either. Most texts have
    # none of these, and the pattern is slow to try at every position.
    if _EMOJI_UNIT.search(text) is None:
        return ()
    return tuple(m.span() for m in _emoji().finditer(utf16_units(text)))
