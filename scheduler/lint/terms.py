"""The ``neutrality`` and ``banned`` rules: listed words and phrases, found as whole words.

Matching ignores case and accents (``religion`` finds *Religión*); a trailing ``*`` matches
any ending (``polític*`` finds *política*, *políticos*). Links are skipped: a term inside a
URL is not something a reader sees as a word.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cache, lru_cache
from itertools import chain
from types import MappingProxyType

import regex

from portavoz.scheduler.base.fold import fold
from portavoz.scheduler.lint.context import Finding, PostText, at
from portavoz.scheduler.lint.ids import RuleId
from portavoz.scheduler.lint.segments import Segment
from portavoz.scheduler.lint.spelling import language_of
from portavoz.scheduler.networks.urls import find_links

_ANY = r"\p{L}*"


@cache
def term_pattern(terms: tuple[str, ...]) -> regex.Pattern[str] | None:
    """One pattern matching any of ``terms`` (folded) as whole words, or ``None`` if empty."""
    alternatives = []
    for term in sorted(set(terms), key=len, reverse=True):
        words = [w for w in fold(term).split() if w]
        parts = [
            regex.escape(w.rstrip("*")) + (r"\p{L}*" if w.endswith("*") else "") for w in words
        ]
        if parts:
            alternatives.append(r"\s+".join(parts))
    if not alternatives:
        return None
    return regex.compile(r"(?<![\p{L}\p{N}])(?:" + "|".join(alternatives) + r")(?![\p{L}\p{N}])")


@cache
def term_pieces(terms: tuple[str, ...]) -> tuple[frozenset[str], ...]:
    """For each term, the literal pieces (folded words, ``*`` cut) any match of it holds."""
    return tuple(frozenset(w.rstrip("*") for w in fold(term).split()) for term in set(terms))


def may_hold(folded: str, terms: tuple[str, ...]) -> bool:
    """False only when no term can match in ``folded`` text: one of each term's pieces is
    missing (a substring search in C, far cheaper than the pattern on every segment)."""
    found = {piece for piece in _every_piece(terms) if piece in folded}
    return any(found.issuperset(pieces) for pieces in term_pieces(terms))


@cache
def _every_piece(terms: tuple[str, ...]) -> frozenset[str]:
    return frozenset().union(*term_pieces(terms))


def find_terms(text: str, terms: tuple[str, ...]) -> Iterator[tuple[int, str]]:
    """``(offset, text as written)`` of each listed term in ``text``, outside links."""
    pattern = term_pattern(terms)
    if pattern is None:
        return
    links: list[tuple[int, int]] | None = None  # looked for once a term is found: rarely
    for match in pattern.finditer(fold(text)):
        if links is None:
            links = [(link.start, link.end) for link in find_links(text)]
        if not any(start <= match.start() < end for start, end in links):
            yield match.start(), text[match.start() : match.end()]


def check_banned(ctx: PostText) -> Iterator[Finding]:
    """Every banned word or phrase, in any language."""
    for order, segment, _, found in _occurrences(ctx, ctx.settings.banned):
        message = f"'{found}' is on the brand's banned list; rephrase without it"
        yield at(RuleId.BANNED, segment, order, message, " ".join(fold(found).split()))


def check_neutrality(ctx: PostText) -> Iterator[Finding]:
    """Every sensitive term of the post's language, named with its topic."""
    lang = language_of(ctx.post.lang) or ctx.post.lang
    topics: Mapping[str, tuple[str, ...]] = ctx.settings.neutrality.get(lang, {})
    topic_of = _topic_of(tuple(topics.items()))
    every = tuple(topic_of)
    for order, segment, _, found in _occurrences(ctx, every):
        topic = _topic(" ".join(fold(found).split()), topic_of)
        message = (
            f"'{found}' touches on {topic}, a sensitive subject; keep the brand neutral or rephrase"
        )
        yield at(RuleId.NEUTRALITY, segment, order, message, " ".join(fold(found).split()))


@lru_cache(maxsize=64)  # the same lists for every post: each term is folded once
def _topic_of(topics: tuple[tuple[str, tuple[str, ...]], ...]) -> Mapping[str, str]:
    """Each listed term, folded, with its topic (the last topic listing it)."""
    return MappingProxyType({fold(t): topic for topic, terms in topics for t in terms})


def _occurrences(ctx: PostText, terms: Iterable[str]) -> Iterator[tuple[int, Segment, int, str]]:
    listed = tuple(terms)
    if not listed or not _post_may_hold(ctx, listed):
        return  # most posts hold no listed term: the whole post is looked through at once
    for order, segment in enumerate(ctx.segments):
        for offset, found in find_terms(segment.text, listed):
            yield order, segment, offset, found


def _post_may_hold(ctx: PostText, terms: tuple[str, ...]) -> bool:
    """:func:`may_hold` for the whole post, from the pieces in each of its distinct runs.

    A piece holds no white space, and white space folds to white space (checked for every code
    point), so a piece is in the folded post only within one run; runs recur from post to
    post, and each one's pieces are looked for once per process.
    """
    found = set(chain.from_iterable(map(_pieces_finder(terms), ctx.runs)))  # gathered in C
    return any(found.issuperset(pieces) for pieces in term_pieces(terms))


@cache
def _pieces_finder(terms: tuple[str, ...]) -> Callable[[str], frozenset[str]]:
    """The pieces of ``terms`` one run holds, once per run (ASCII pieces in its plain form)."""
    every = _every_piece(terms)
    readable = plain if all(piece.isascii() for piece in every) else fold

    @lru_cache(maxsize=16384)
    def pieces_in(run: str) -> frozenset[str]:
        text = readable(run)
        return frozenset(piece for piece in every if piece in text)

    return pieces_in


def plain(text: str) -> str:
    """``text`` in lower case, decomposed, with every non-ASCII character left out.

    Four times quicker than folding, and an ASCII word is in it wherever it is in the folded
    text: each character that folds to an ASCII one becomes that one here too (checked for
    every code point), the rest only drops out. Not one character for each: for looking up
    ASCII words, not for offsets.
    """
    return unicodedata.normalize("NFD", text.lower()).encode("ascii", "ignore").decode()


def _topic(found: str, topic_of: Mapping[str, str]) -> str:
    if found in topic_of:
        return topic_of[found]
    for term, topic in topic_of.items():
        if term.endswith("*") and found.startswith(term.rstrip("*")):
            return topic
    return next(iter(topic_of.values()), "")
