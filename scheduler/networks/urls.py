"""Finding links in text the way twitter-text does (the rule X and Mastodon count with).

A link is ``http(s)://`` followed by a domain, or a bare domain whose top-level domain is in
``tlds.txt`` (``example.com``, ``www.example.com/ruta``). Domains whose labels are longer than
DNS allows once punycoded are not links, so a very long "domain" counts as the text it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import regex

_MAX_URL_LENGTH = 4096
_MAX_TCO_SLUG_LENGTH = 40

_INVALID = "\ufffe\ufeff\uffff"
_DIRECTIONAL = "\u202a-\u202e\u061c\u200e\u200f\u2066-\u2069"
_SPACES = "\t-\r \x85\xa0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_PUNCTUATION = r"!'#%&()*+,\\\-./:;<=>?@\[\]^_{|}~$"
_LATIN_ACCENTS = (
    "\xc0-\xd6\xd8-\xf6\xf8-\xff\u0100-\u024f\u0253\u0254\u0256\u0257\u0259\u025b\u0263"
    "\u0268\u026f\u0272\u0289\u028b\u02bb\u0300-\u036f\u1e00-\u1eff"
)
_CYRILLIC = "\u0400-\u04ff"


@dataclass(frozen=True)
class Link:
    """A link found in a text.

    Attributes:
        start: Index of its first code point in the text.
        end: Index just past its last code point.
        url: The link as written.
        scheme: ``"http://"`` or ``"https://"`` as written (any case), or ``""`` for a bare domain.
    """

    start: int
    end: int
    url: str
    scheme: str = ""

    @property
    def href(self) -> str:
        """The link with a scheme, as a browser would open it."""
        return self.url if self.scheme else f"https://{self.url}"


@cache
def known_tlds() -> frozenset[str]:
    """The top-level domains (lower case) that make a bare domain a link."""
    lines = resources.files(__package__).joinpath("tlds.txt").read_text(encoding="utf-8")
    return frozenset(
        line.strip().lower() for line in lines.splitlines() if line.strip() and line[0] != "#"
    )


@lru_cache(maxsize=4096)  # counters of one variant ask about the same text several times
def find_links(text: str, *, require_scheme: bool = False) -> tuple[Link, ...]:
    """Find the links in ``text``, in order.

    Args:
        text: Text to search.
        require_scheme: Only ``http(s)://`` links (Mastodon's rule); bare domains are text.

    Returns:
        The links, with code point indices into ``text``.
    """
    if "." not in text or (require_scheme and ":" not in text):
        return ()
    # Every link holds "." + a top-level domain; most prose has none, and this check is far
    # cheaper than trying the whole pattern at every word.
    # A link never holds white space, so only the words with a dot and a known TLD need the
    # (costly) full pattern; each is searched alone and its links shifted back into place.
    links: list[Link] = []
    for word in _tld_words(text):
        # Keep the white space before the word: the pattern looks at the character before a
        # link, and at the very start a letter could otherwise be taken for it.
        start = max(word.start - 1, 0)
        found = _links_in_word(text[start : word.stop], require_scheme=require_scheme)
        if start == 0:  # the word begins the text, or right after its first character
            links.extend(found)
        else:
            links.extend(Link(k.start + start, k.end + start, k.url, k.scheme) for k in found)
    return tuple(links)


@lru_cache(maxsize=4096)  # the same links recur from post to post (the site's own pages)
def _links_in_word(piece: str, *, require_scheme: bool) -> tuple[Link, ...]:
    """The links in one word and the white space before it (none if it begins the text).

    The pattern has no look-behind and ``^`` matches only at the very start, so a word searched
    alone finds what it finds in place: a white space character never begins a link.
    """
    head, mark, query = piece.partition("?")
    if mark and _WHOLE_QUERY.fullmatch(query):
        base = _query_base(head)
        if base is not None:  # one post's link with each network's UTM query: searched once
            return _with_query(base, query)
    return _searched(piece, require_scheme=require_scheme)


def _searched(piece: str, *, require_scheme: bool) -> tuple[Link, ...]:
    """:func:`_links_in_word` by the pattern alone (the reference for :func:`_query_base`)."""
    found: list[Link] = []
    for match in _url_pattern(piece).finditer(piece):
        found.extend(_links_in_match(match, require_scheme=require_scheme))
    return tuple(found)


_WHOLE_QUERY = re.compile(r"[A-Za-z0-9!?*'@();:&=+$/%#\[\]\-_.,~|]*[A-Za-z0-9\-_&=#/]")
"""A query the pattern's query part takes whole after a link (ASCII: no case-folding)."""


@dataclass(frozen=True)
class _Base:
    """The one link of a word before its ``?``, reaching its end (see :func:`_query_base`)."""

    link: Link
    domain: str


@lru_cache(maxsize=1024)
def _query_base(head: str) -> _Base | None:
    """The link that ``head + "?" + query`` extends by the query, for a :data:`_WHOLE_QUERY`.

    That holds when the pattern finds exactly one match in ``head``, a scheme link reaching
    its end: every part of the pattern before the query (scheme, domain, top-level domain and
    its look-ahead, port, path) takes a ``?`` as it takes the end of the text (none holds
    one, and the look-ahead accepts either), so each attempt before the query goes as it went
    in ``head`` alone, and the query part then takes the whole query.
    """
    matches: list[regex.Match[str] | re.Match[str]] = list(_url_pattern(head).finditer(head))
    if len(matches) != 1 or not matches[0].group("scheme"):
        return None
    match = matches[0]
    if match.end("url") != len(head):
        return None
    start = match.start("url")
    return _Base(
        Link(start, len(head), match.group("url"), match.group("scheme")), match.group("domain")
    )


def _with_query(base: _Base, query: str) -> tuple[Link, ...]:
    """What :func:`_links_in_match` makes of the match of ``base`` extended by ``?query``."""
    link = base.link
    url = f"{link.url}?{query}"
    if not _valid_length(url, link.scheme, base.domain) or not _tco_ok(url):
        return ()
    return (_cut_tco(Link(link.start, link.end + 1 + len(query), url, link.scheme)),)


def _tld_words(text: str) -> Iterator[slice]:
    """Each run of characters other than white space where :func:`_may_hold_tld` holds, in order.

    Only the dots followed by a known top-level domain are looked at, not every word (a loop
    over every word of a long text costs more than the rest of the search).
    """
    if "--" in text and "xn--" in text.lower():  # rare: a punycode label, look at each word
        for token in _TOKEN.finditer(text):
            if "." in token.group() and _may_hold_tld(token.group()):
                yield slice(token.start(), token.end())
        return
    end = -1
    for dot in _tld_dots(text):
        if dot >= end:  # not in the word just given
            word = word_around(text, dot)
            end = word.stop
            yield word


def _tld_dots(text: str) -> Iterator[int]:
    """Where a ``.`` is followed by letters or digits that begin with a known top-level domain."""
    for match in _AFTER_DOT.finditer(text):
        if _begins_with_tld(match.group(1).lower()):
            yield match.start()


@lru_cache(maxsize=4096)  # the same few words follow dots: the site's domains, "com", "es"
def _begins_with_tld(word: str) -> bool:
    tlds = known_tlds()
    return any(word[:size] in tlds for size in range(len(word), 1, -1))


_TOKEN = regex.compile(rf"[^{_SPACES}]+")
"""A run of text without twitter-text's white space (links never cross it)."""
_SPACE = re.compile(f"[{_SPACES}]")
_SPACE_BEFORE = regex.compile(f"[{_SPACES}]", regex.REVERSE)
"""The last white space character before a place (searching backwards from it)."""
_DOT_LETTER = re.compile(r"\.(?=[^\W\d_])")
"""A dot before a letter: every link holds one, where its top-level domain starts."""


def word_around(text: str, index: int) -> slice:
    """The run of characters other than twitter-text's white space that holds ``text[index]``."""
    after = _SPACE.search(text, index)
    before = _SPACE_BEFORE.search(text, 0, index)
    return slice(before.end() if before else 0, after.start() if after else len(text))


def dotted_words(text: str) -> Iterator[slice]:
    """Each run of characters other than white space holding a dot before a letter, in order.

    Every link is in one of them (see :func:`links_at_most`), so a search for links need
    look nowhere else.
    """
    end = -1
    for dot in _DOT_LETTER.finditer(text):
        if dot.start() < end:
            continue  # in the word just given
        word = word_around(text, dot.start())
        end = word.stop
        yield word


def links_at_most(text: str) -> int:
    """An upper bound on ``len(find_links(text))``, found without the link pattern.

    Links do not overlap, and each holds a dot followed by its top-level domain, whose first
    character is a letter (so is every character that case-folds to one): there are no more
    links than such dots.
    """
    return len(_DOT_LETTER.findall(text))


def may_be_linked(text: str, index: int) -> bool:
    """False when no link :func:`find_links` finds can hold ``text[index]``: the run of
    characters other than white space around it has no dot before a letter."""
    word = word_around(text, index)
    return _DOT_LETTER.search(text, word.start, word.stop) is not None


_AFTER_DOT = regex.compile(r"\.([^\W_]+)")


def _may_hold_tld(text: str) -> bool:
    """False only when no ``.`` in ``text`` is followed by a known top-level domain."""
    return "xn--" in text.lower() or next(_tld_dots(text), None) is not None


def _links_in_match(match: regex.Match[str] | re.Match[str], *, require_scheme: bool) -> list[Link]:
    url, scheme, domain = match.group("url"), match.group("scheme") or "", match.group("domain")
    start, end = match.span("url")
    if not _valid_length(url, scheme or "https://", domain):
        return []
    if scheme:
        return [_cut_tco(Link(start, end, url, scheme))] if _tco_ok(url) else []
    if require_scheme or regex.search(r"[-_./]$", match.group("before")):
        return []
    # A bare domain is a link only as far as its ASCII part reaches ("日本example.com").
    found = [
        Link(start + m.start(), start + m.end(), m.group())
        for m in _ascii_domain(domain).finditer(domain)
    ]
    if found and match.group("path"):
        last = found[-1]
        found[-1] = Link(last.start, end, match.string[last.start : end])
    return found


def _valid_length(url: str, scheme: str, domain: str) -> bool:
    try:
        ascii_domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        return False
    return bool(ascii_domain) and len(scheme) + len(url) - len(domain) + len(ascii_domain) <= (
        _MAX_URL_LENGTH
    )


def _tco_ok(url: str) -> bool:
    match = _tco().match(url)
    return match is None or len(match.group(1)) <= _MAX_TCO_SLUG_LENGTH


def _cut_tco(link: Link) -> Link:
    # A t.co link ends at its slug and query: what follows is text, not part of the link.
    match = _tco().match(link.url)
    if match is None:
        return link
    return Link(link.start, link.start + match.end(), match.group(), link.scheme)


_FLAGS = regex.IGNORECASE | regex.VERSION0


@cache
def _tld() -> str:
    return _tld_of(known_tlds())


def _tld_of(tlds: frozenset[str]) -> str:
    if not tlds:  # an empty trie would match the empty string
        return r"(?:xn--[-0-9a-z]+)"
    return rf"(?:{_trie(sorted(tlds))}(?=[^0-9a-z@+-]|$)|xn--[-0-9a-z]+)"


def _tlds_after_dots(text: str) -> frozenset[str]:
    """The known top-level domains that begin, ignoring ASCII case, right after a dot in the
    ASCII ``text``: the only ones the pattern can match there (see :func:`_url_pattern`)."""
    tlds, longest = known_tlds(), _longest_tld()
    found: set[str] = set()
    dot = text.find(".")
    while dot >= 0:
        rest = text[dot + 1 : dot + 1 + longest].lower()
        found.update(rest[:size] for size in range(1, len(rest) + 1) if rest[:size] in tlds)
        dot = text.find(".", dot + 1)
    return frozenset(found)


@cache
def _longest_tld() -> int:
    return max(map(len, known_tlds()))


def tld_pattern() -> str:
    """twitter-text's ``(?:validGTLD|validCCTLD|validPunycode)``, for a case-insensitive pattern.

    The longest top-level domain is tried first, as twitter-text's own ordering of the list does
    wherever one domain begins another (``嘉里大酒店`` before ``嘉里``).
    """
    return _tld()


def _ascii_domain(domain: str) -> regex.Pattern[str] | re.Pattern[str]:
    """The ASCII part of a bare domain, for searching ``domain`` (see :func:`_url_pattern`)."""
    tld = _tld_of(_tlds_after_dots(domain)) if domain.isascii() else _tld()
    return _for_text(rf"(?:[\-a-z0-9{_LATIN_ACCENTS}]+\.)+{tld}", _standard_engine_reads(domain))


def _trie(words: list[str]) -> str:
    """One regex matching any of ``words``, longest first, as a trie of nested groups.

    A flat alternation of ~1,500 TLDs takes a quarter of a second to compile, which every
    ``portavoz`` command would pay; the trie compiles in a fraction of that and matches the
    same words, trying longer ones first (greedy optional groups backtrack to shorter ones).
    """
    children: dict[str, list[str]] = {}
    ends = False
    for word in words:
        if word:
            children.setdefault(word[0], []).append(word[1:])
        else:
            ends = True
    branches = [regex.escape(c) + _trie(rest) for c, rest in sorted(children.items())]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if ends else body


def _url_pattern(text: str) -> regex.Pattern[str] | re.Pattern[str]:
    """twitter-text's link pattern, for searching ``text``.

    For Latin text, the standard engine's compilation of the same pattern: three times quicker
    to compile (every command that finds a link pays it) and to match, and alike there: each
    character up to U+024F but the Turkish İ and ı matches each character class and letter of the
    pattern, ignoring case, in both engines or in neither (checked in the tests for every one
    of them, with the two engines compared on Latin words).

    For ASCII text, the pattern's top-level domains are only those that begin right after one
    of its dots: each is matched only after the dot that ends a domain's last label, and
    ASCII text matches a top-level domain ignoring case only where its lower case spells it
    (no known one holds a character, such as the Kelvin sign, whose case holds an ASCII
    letter: checked in the tests), so the others can match nowhere. The same matches, in the
    same order (two domains that match at one place are on one path of the trie, longest
    first), from a pattern that compiles in a few milliseconds instead of some fifty: a
    command that looks at one post's links pays for the few domains it holds. Its character
    classes are the ASCII characters each matches, compiled with ``re.ASCII`` (the same
    matches in ASCII text; under a millisecond to compile instead of about four).

    Any pattern whose domains include the text's own finds the same there (the others still
    match nowhere), so the last one made is used again whenever it holds them all.
    """
    if text.isascii():
        return _ascii_url_pattern(_tlds_after_dots(text))
    return _for_text(_url_source(), _standard_engine_reads(text))


_LAST_ASCII: list[tuple[frozenset[str], re.Pattern[str]]] = []
"""The last pattern :func:`_ascii_url_pattern` made, with its top-level domains."""
_MOST_KEPT = 64
"""The most top-level domains one reused pattern gathers (each compile grows with them)."""


def _ascii_url_pattern(needed: frozenset[str]) -> re.Pattern[str]:
    """A pattern of at least the top-level domains ``needed`` (see :func:`_url_pattern`).

    A post's links end in a few domains, one or two a word, and each pattern costs some
    milliseconds to compile: one made for every domain met so far serves each later word
    that holds no new one (a review of one post compiles once, not once a word).
    """
    if _LAST_ASCII and needed <= _LAST_ASCII[0][0]:
        return _LAST_ASCII[0][1]
    tlds = needed | _LAST_ASCII[0][0] if _LAST_ASCII else needed
    if len(tlds) > _MOST_KEPT:  # a long run (serve) met many: start again from these
        tlds = needed
    pattern = re.compile(_url_source_of(tlds, ascii_only=True), re.IGNORECASE | re.ASCII)
    _LAST_ASCII[:] = [(tlds, pattern)]
    return pattern


def _standard_engine_reads(text: str) -> bool:
    if text.isascii():  # most text, found in C without a look at each character
        return True
    # İ (U+0130) and ı (U+0131): the standard engine takes them for i ignoring case, regex not.
    return max(text) < "\u0250" and "\u0130" not in text and "\u0131" not in text


@lru_cache(maxsize=256)
def _for_text(source: str, standard: bool) -> regex.Pattern[str] | re.Pattern[str]:
    return re.compile(source, re.IGNORECASE) if standard else regex.compile(source, _FLAGS)


@cache
def _tco() -> regex.Pattern[str]:
    return regex.compile(rf"https?://t\.co/([a-z0-9]+)(?:{_QUERY})?", _FLAGS)


_QUERY = r"\?[a-z0-9!?*'@();:&=+$/%#\[\]\-_.,~|]*[a-z0-9\-_&=#/]"


@cache
def _url_source() -> str:
    return _url_source_of(known_tlds())


@lru_cache(maxsize=256)  # a site's links end in a few top-level domains
def _url_source_of(tlds: frozenset[str], *, ascii_only: bool = False) -> str:
    """twitter-text's link pattern with the top-level domains ``tlds``.

    ``ascii_only``: each character class is given as the ASCII characters it matches, for a
    pattern compiled with ``re.ASCII`` that searches ASCII text only (see
    :func:`_ascii_url_pattern`).
    """
    klass = _ascii_class if ascii_only else str
    tld = _tld_of(tlds)
    char = klass(rf"[^{_PUNCTUATION}{_SPACES}{_INVALID}{_DIRECTIONAL}]")
    subdomain = rf"(?:(?:{char}(?:[_-]|{char})*)?{char}\.)"
    domain_name = rf"(?:(?:{char}(?:-|{char})*)?{char}\.)"
    path_char = klass(rf"[a-z{_CYRILLIC}0-9!*';:=+,.$/%#\[\]\-\u2013_~@|&{_LATIN_ACCENTS}]")
    parens = rf"\((?:{path_char}+|{path_char}*\({path_char}+\){path_char}*)\)"
    last_char = klass(rf"[+\-a-z{_CYRILLIC}0-9=_#/{_LATIN_ACCENTS}]")
    path_end = rf"(?:{last_char}|{parens})"
    path = rf"(?:{path_char}*(?:{parens}{path_char}*)*{path_end}|@{path_char}+/)"
    not_before, directional = klass(rf"[^A-Za-z0-9@＠$#＃{_INVALID}]"), klass(f"[{_DIRECTIONAL}]")
    before = rf"(?P<before>{not_before}|{directional}|^)"
    return (
        rf"{before}(?P<url>(?P<scheme>https?://)?(?P<domain>{subdomain}*{domain_name}{tld})"
        rf"(?::[0-9]+)?(?P<path>/{path}*)?(?:{_QUERY})?)"
    )


@cache
def _ascii_class(source: str) -> str:
    """The ASCII characters the class ``source`` matches ignoring case, as a class of ranges
    (``(?!)``, which matches nothing, when there are none).

    Found by trying each of the 128 with the standard engine and ``re.IGNORECASE``, as the
    whole pattern is compiled for other text: the same characters by construction.
    """
    pattern = re.compile(source, re.IGNORECASE)
    runs: list[list[int]] = []
    for code in range(128):
        if pattern.fullmatch(chr(code)):
            if runs and runs[-1][1] == code - 1:
                runs[-1][1] = code
            else:
                runs.append([code, code])
    ranges = (f"\\x{a:02x}" if a == b else f"\\x{a:02x}-\\x{b:02x}" for a, b in runs)
    return f"[{''.join(ranges)}]" if runs else "(?!)"
