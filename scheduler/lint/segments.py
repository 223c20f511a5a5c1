"""The pieces of a post the rules read: title, summary, body lines and variant parts.

Each :class:`Segment` keeps its text as written and where it is (front-matter key, file line,
network), so every finding can name its place. :func:`prose` blanks what is not prose —
links, mentions, hashtags, code, Markdown and HTML syntax — keeping offsets unchanged.
Indented code blocks are read as prose: Material's nested list content is indented the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

from portavoz.scheduler.compose.variant import Variant
from portavoz.scheduler.content.model import Post
from portavoz.scheduler.networks.urls import find_links, word_around

_FENCE = regex.compile(r"^\s*(`{3,}|~{3,})")
_MARKUP = r"""
      `[^`\n]*`                                  # inline code
    | <!--.*?-->                                  # HTML comment on one line
    | </?[A-Za-z][^>\n]*>                         # HTML tag (keeps the text between tags)
    | \]\([^)\s]*(?:\s+"[^"]*")?\)                # Markdown link target ](url "title")
    | ^\s*\[[^\]\n]+\]:\s*\S+.*$                  # reference definition [id]: url
    | \{\s*[:#.][^}\n]*\}                         # attribute list { .class #id }
    | ^\s*(?:!!!|\?\?\?\+?)\s*[\w-]+              # admonition marker (its title stays)
"""
_ADDRESSES = r"""
    | (?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+    # e-mail address, user@server mention
    | (?<![\w@])@[\w.]+(?:@[\w-]+(?:\.[\w-]+)+)?  # mention: @ana, @ana@example.social
"""
_HASHTAG = r"""
    | (?<![\p{L}\p{M}\p{N}_&])[#＃][\p{L}\p{M}\p{N}_]+   # hashtag
"""
_NOT_PROSE = regex.compile(_MARKUP + _ADDRESSES + _HASHTAG, regex.VERBOSE | regex.MULTILINE)
_NOT_PROSE_WITHOUT_AT = regex.compile(_MARKUP + _HASHTAG, regex.VERBOSE | regex.MULTILINE)
"""The same pattern for text without an ``@``, where the address branches cannot match.

The e-mail branch is tried at every word: without it the pattern runs about seven times
faster, and finds the same spans in such text.
"""


@dataclass(frozen=True)
class Segment:
    """A piece of text and its place.

    Attributes:
        key: ``title``, ``summary``, ``body`` or ``channels``.
        line: File line where known.
        text: The text as written.
        network: Network of a variant's part, else ``""``.
        label: How a message names a variant's part (``x``, ``x part 2/3``), else ``""``.
    """

    key: str
    line: int | None
    text: str
    network: str = ""
    label: str = ""

    @property
    def is_variant(self) -> bool:
        return bool(self.network)


def post_segments(post: Post, variants: Sequence[Variant], body_line: int | None) -> list[Segment]:
    """Title, summary, each prose line of the body, then each variant part, in that order."""
    segments = [
        Segment("title", post.line_of("title"), post.title),
        Segment("summary", post.line_of("summary"), post.summary),
    ]
    segments.extend(body_segments(post.body, body_line))
    channels = post.line_of("channels")
    for variant in variants:
        total = len(variant.parts)
        for n, part in enumerate(variant.parts, 1):
            label = variant.network if total == 1 else f"{variant.network} part {n}/{total}"
            segments.append(Segment("channels", channels, part, variant.network, label))
    return [s for s in segments if s.text.strip()]


def body_segments(body: str, first_line: int | None) -> Iterator[Segment]:
    """One segment per line of prose; fenced code blocks and HTML comments are left out."""
    fence = ""
    in_comment = False
    fenced = "```" in body or "~~~" in body  # else no line is a fence: no need to look
    for i, line in enumerate(body.split("\n")):
        number = None if first_line is None else first_line + i
        match = _FENCE.match(line) if fenced else None
        if fence or match:
            if match and (not fence or match.group(1).startswith(fence)):
                fence = "" if fence else match.group(1)[:3]
            continue
        if in_comment or ("<!--" in line and "-->" not in line.split("<!--", 1)[1]):
            in_comment = "-->" not in line or line.rfind("<!--") > line.rfind("-->")
            continue
        if line.strip():
            yield Segment("body", number, line)


@lru_cache(maxsize=4096)  # several rules ask for the prose of the same segment
def prose(text: str) -> str:
    """``text`` with everything that is not prose replaced by spaces (same length)."""
    if "\n" in text and by_lines(text):
        # A variant repeats the post's title and summary line for line, and its hashtag line
        # recurs from post to post: each line is worked out once (these are memoised).
        first, *rest = text.split("\n")
        return "\n".join([prose(first), *map(_later_line, rest)])
    return whole_prose(text)


def _later_line(line: str) -> str:
    """:func:`prose` of a line after a line break, as it is in place.

    The link pattern may take a line's first character for the one before a link (``éx.es``
    alone is the link ``x.es``; after a line break, ``éx.es``): a first word that may hold a
    link (a dot) is read after its line break.
    """
    if "." in line[word_around(line, 0)]:
        return whole_prose("\n" + line)[1:]
    return prose(line)


def whole_prose(text: str) -> str:
    """:func:`prose` of the whole text at once (the reference for :func:`by_lines`)."""
    spans = [(link.start, link.end) for link in find_links(text)]
    if "@" in text:
        spans.extend(m.span() for m in _NOT_PROSE.finditer(text))
    elif any(map(text.__contains__, _SIGNS)):  # each branch of the pattern needs one of these
        spans.extend(markup_spans(text))
    return blank(text, spans) if spans else text


def by_lines(text: str) -> bool:
    """Whether the prose of ``text`` is the prose of each of its lines, joined.

    It is unless one of the branches that can cross a line break may match: a link target's
    title, a reference definition, an attribute list (``\\s`` in each) or an admonition
    marker. Nothing else that is blanked holds white space (links, addresses, mentions,
    hashtags), or it stops at a line break (code, tags, comments); the look-behinds refuse a
    character a line break is not, so a line alone gives what it gives in place.
    """
    # Substring searches: far quicker than a set's isdisjoint, which hashes every character.
    return not any(map(text.__contains__, ("[", "]", "{", "!!!", "???")))


def by_runs(text: str) -> bool:
    """Whether the prose of ``text`` is each of its runs (``str.split``) read in place.

    It is where nothing that may be blanked holds white space: no code, comment or tag (``` ` ```,
    ``<``), attribute list (``{``), link target with a title (``](`` with ``"``), reference
    definition (``]:``) or admonition marker, the only branches anchored at a line's start
    too. What is left (links, addresses, mentions, hashtags, link targets) never begins with
    white space, and its look-behinds refuse any white space character, so a run read after
    one white space character (or alone, at the start) gives what it gives in place. The
    file separators ``\\x1c``-``\\x1f`` split runs but not links: none may be there either.
    """
    if any(map(text.__contains__, _NOT_BY_RUNS)):  # substring searches: quicker than a regex
        return False
    return not ("](" in text and '"' in text)


_NOT_BY_RUNS = ("`", "<", "{", "]:", "!!!", "???", "\x1c", "\x1d", "\x1e", "\x1f")


_SIGNS = ("`", "<", "]", "{", "[", "!", "?", "#", "＃")
"""The characters one of which every match of ``_NOT_PROSE_WITHOUT_AT`` holds (looked for
one by one: each a substring search, far quicker than a set's isdisjoint)."""
_STARTS = re.compile("[`<\\]{#＃\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
"""A match of ``_NOT_PROSE_WITHOUT_AT`` begins at its sign, or at a line's start: at 0 or
after a line break (any of Unicode's: more places to try never change what is found)."""
_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")


def markup_spans(text: str) -> Iterator[tuple[int, int]]:
    """The spans ``_NOT_PROSE_WITHOUT_AT.finditer(text)`` finds, for text without an ``@``.

    The pattern is tried only where a match can begin, not at every character (a scan in C
    finds those places): the same leftmost matches, several times quicker on long lines.
    """
    end = 0
    for at in _places(text):
        if at >= end:
            match = _NOT_PROSE_WITHOUT_AT.match(text, at)
            if match is not None:
                end = match.end()
                yield match.span()


def _places(text: str) -> Iterator[int]:
    yield 0
    for sign in _STARTS.finditer(text):
        yield sign.end() if sign.group() in _BREAKS else sign.start()


def blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with each ``(start, end)`` span replaced by as many spaces (spans may overlap)."""
    pieces: list[str] = []
    done = 0  # text[:done] is in pieces
    for start, end in sorted(spans):
        if end <= done:
            continue
        start = max(start, done)
        pieces += (text[done:start], " " * (end - start))
        done = end
    pieces.append(text[done:])
    return "".join(pieces)
