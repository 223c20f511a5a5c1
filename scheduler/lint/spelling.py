"""The ``spelling`` rule: likely typos in the post's language.

pyspellchecker's dictionaries decide what is a word. Its Spanish list is mostly lemmas and
misses common accented forms (*qué*, *está*, *días*), so checking membership alone would flag
a third of any Spanish post. A word is therefore reported only when both hold:

1. It is unknown: not in the project dictionary (case-insensitive; ``e-Brisa`` also as
   ``ebrisa``), not in the language's dictionary, not an inflection of a word there
   (:mod:`portavoz.scheduler.lint.inflection`), not a common irregular verb form, and — when it
   carries accents — not known without them (the list lacks many accented forms; a misplaced accent
   is the price). In Spanish posts an English word is accepted too: brand copy borrows
   freely (*low cost*, *runner*), at the price of a typo that happens to spell English.
2. It is a likely typo: a known word lies one edit away (a letter added, dropped, changed or
   two swapped). That word is the suggestion; a candidate differing only in accents wins, so
   ``estacion`` suggests ``estación``. Unknown words with no close neighbour are most often
   names and rare words, and are left alone.

Words shorter than four letters or longer than 64 characters, words in capitals (acronyms)
or with inner capitals (``RuedaLibre``), numbers, links, hashtags, mentions and code are never
checked; posts in other languages than those of :data:`LANGUAGES` are not checked. Each
language's list is read once per process, from its compact form in the package
(:mod:`portavoz.scheduler.lint.lexicon`), and each distinct word of a post is checked once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files
from itertools import chain

import regex

from portavoz.scheduler.lint.context import Finding, PostText, at
from portavoz.scheduler.lint.ids import RuleId
from portavoz.scheduler.lint.inflection import (
    english_bases,
    is_spanish_irregular,
    singular_bases,
    spanish_bases,
    strip_accents,
)
from portavoz.scheduler.lint.lexicon import lexicon
from portavoz.scheduler.lint.segments import Segment, by_runs, prose, whole_prose

LANGUAGES = {"es": "Spanish", "en": "English"}
"""Languages the rule checks, with the name used in messages."""

MIN_LENGTH = 4
"""Shorter words are not checked: too many real words lie one edit away from them."""

MAX_LENGTH = 64
"""Longer tokens (hyphens included) are not checked: no dictionary word is that long, and
finding a word's neighbours costs time and memory that grow with the square of its length."""

_WORD = regex.compile(r"(?<![\p{L}\p{M}\p{N}_'’-])[\p{L}\p{M}]+(?:[-'’][\p{L}\p{M}]+)*(?![\p{N}_])")
_ACCENTED = {"a": "á", "e": "é", "i": "í", "o": "ó", "u": "ú", "n": "ñ"}
_BASES: dict[str, Callable[[str], Iterator[str]]] = {"es": spanish_bases, "en": english_bases}


@dataclass(frozen=True)
class Typo:
    """A word reported by the rule.

    Attributes:
        word: The word as written.
        suggestion: The likely intended word, in the same case.
    """

    word: str
    suggestion: str


def language_of(lang: str) -> str | None:
    """The checked language for a post's ``lang`` (``es-ES`` → ``es``), if any."""
    primary = lang.replace("_", "-").split("-")[0].lower()
    return primary if primary in LANGUAGES else None


def words(text: str) -> list[str]:
    """Words of a prose text, hyphenated ones whole (``e-Brisa``); digits end a word."""
    # A word never holds white space, nor has one of its neighbours: each run between white
    # space has the words it has in the text.
    return [word for run in text.split() for word in _run_words(run)]


@lru_cache(maxsize=16384)  # runs recur ("las", "bici.", "(ver"): each is read once
def _run_words(run: str) -> tuple[str, ...]:
    """The words of one run of characters other than white space."""
    core = run.strip(_AROUND)
    if core.isalpha():  # most runs: one word, perhaps with punctuation around it
        return (core,)
    return tuple(_WORD.findall(run))  # the pattern has no groups: each match whole


_AROUND = '.,;:!?()[]{}"«»¿¡…*'
"""Punctuation that neither is part of a word nor keeps one next to it from being one."""


def check_spelling(ctx: PostText) -> Iterator[Finding]:
    """Likely typos in the title, summary, body and variants, each word once, where first seen."""
    lang = language_of(ctx.post.lang)
    if lang is None:
        return
    # Each distinct run of the post is read once; only a post with a typo is read again
    # segment by segment, word by word, for where each one first is.
    typos = find_typos(candidates(ctx.segments, ctx.runs), lang, ctx.settings.dictionary)
    if not typos:
        return
    texts = [prose(s.text) for s in ctx.segments]
    for order, (segment, text) in enumerate(zip(ctx.segments, texts, strict=True)):
        for word in words(text):
            typo = typos.get(word)
            if typo is not None:
                message = (
                    f"'{word}' is not in the {LANGUAGES[lang]} dictionary "
                    f"(did you mean '{typo.suggestion}'?)"
                )
                yield at(RuleId.SPELLING, segment, order, message, word.casefold())


def candidates(segments: Iterable[Segment], runs: Iterable[str]) -> set[str]:
    """Every word of the segments' prose, and perhaps a few more (never fewer).

    Each distinct run of the post (``runs``: every segment's, as :attr:`PostText.runs` has
    them) is read once, as it is after white space (:func:`_words_after_space`, kept from
    post to post: runs recur). That is a segment's prose where its prose is its runs' prose
    (:func:`by_runs`), but for its first run, read also as it is at the start; any other
    segment's prose is read whole. A run read where it is not may give a word no segment
    has: a candidate only (typos are looked for in each segment's prose before they are
    reported).
    """
    whole: list[str] = []
    firsts: set[str] = set()
    for segment in segments:
        text = segment.text
        if not by_runs(text):
            whole.append(prose(text))
        elif not text[0].isspace():
            firsts.add(text.split(None, 1)[0])
    found = set(chain.from_iterable(map(_words_after_space, runs)))
    found.update(chain.from_iterable(map(_words_at_start, firsts)))
    found.update(chain.from_iterable(map(_run_words, set(" ".join(whole).split()))))
    return found


@lru_cache(maxsize=16384)  # runs recur from post to post: each is read once
def _words_after_space(run: str) -> tuple[str, ...]:
    """The words of ``run`` where white space comes before it (see :func:`by_runs`)."""
    return tuple(w for piece in whole_prose(" " + run).split() for w in _run_words(piece))


@lru_cache(maxsize=4096)  # a segment's first word: "El", "-", "##"
def _words_at_start(run: str) -> tuple[str, ...]:
    """The words of ``run`` at the very start of a segment."""
    return tuple(w for piece in whole_prose(run).split() for w in _run_words(piece))


def find_typos(candidates: Iterable[str], lang: str, project: frozenset[str]) -> dict[str, Typo]:
    """Check each distinct word once.

    Args:
        candidates: Words as found in the text (repeats are fine).
        lang: A key of :data:`LANGUAGES`.
        project: Project dictionary, case-folded.

    Returns:
        The typos, by the word as written.
    """
    typos: dict[str, Typo] = {}
    for word in dict.fromkeys(candidates):
        suggestion = _check_word(word, lang, project)
        if suggestion is not None:
            typos[word] = Typo(word, suggestion)
    return typos


@lru_cache(maxsize=16384)  # the same words recur from post to post
def _check_word(word: str, lang: str, project: frozenset[str]) -> str | None:
    if len(word) > MAX_LENGTH:
        return None
    folded = word.casefold()
    if folded in project or folded.replace("-", "") in project:
        return None
    for part in regex.split(r"[-'’]", word) if "-" in word else [word]:
        suggestion = _check_part(part, lang, project)
        if suggestion is not None:
            return word.replace(part, suggestion) if part != word else suggestion
    return None


def _check_part(word: str, lang: str, project: frozenset[str]) -> str | None:
    if len(word) < MIN_LENGTH or word.isupper() or any(c.isupper() for c in word[1:]):
        return None
    folded = word.casefold()
    if folded in project or _known(folded, lang):
        return None
    suggestion = _suggest(folded, lang, project)
    if suggestion is None:
        return None
    return suggestion.capitalize() if word[0].isupper() else suggestion


@cache
def _known(word: str, lang: str) -> bool:
    dictionary, extra = lexicon(lang), _extra(lang)
    if any(base in dictionary or base in extra for base in _BASES[lang](word)):
        return True
    if lang == "es" and is_spanish_irregular(word):
        return True
    plain = strip_accents(word)
    if plain != word and any(base in dictionary for base in _BASES[lang](plain)):
        return True
    # Spanish brand copy borrows English (low cost, runner, sharing): a loanword is no typo.
    return lang == "es" and _known(word, "en")


def read_dictionary(text: str) -> frozenset[str]:
    """Words of a dictionary file: one per line, blank lines and ``#`` comments skipped.

    Words are case-folded; ``e-Brisa`` is also kept as ``ebrisa``.
    """
    words: set[str] = set()
    for line in text.splitlines():
        word = line.strip()
        if word and not word.startswith("#"):
            words.add(word.casefold())
            words.add(word.casefold().replace("-", ""))
    return frozenset(words)


@cache
def _extra(lang: str) -> frozenset[str]:
    """Common words the language's list lacks (``data/<lang>.txt``), if that file exists."""
    data = files("portavoz.scheduler.lint").joinpath(f"data/{lang}.txt")
    return read_dictionary(data.read_text(encoding="utf-8")) if data.is_file() else frozenset()


def _suggest(word: str, lang: str, project: frozenset[str]) -> str | None:
    if lang == "es":
        for variant in _accent_variants(word):
            if _plain_frequency(variant, lang):
                return variant
    edits = lexicon(lang).edits(word)
    scored = {c: _plain_frequency(c, lang) for c in edits}
    close = {c: n for c, n in scored.items() if n} | dict.fromkeys(edits & project, 0)
    if not close:
        return None
    return max(close, key=lambda c: (close[c], c))


def _plain_frequency(word: str, lang: str) -> int:
    """How common a word or its singular is; 0 when unknown or mere noise.

    Only these plain readings count for suggestions: the verb rules would accept too many
    invented forms one edit away from a typo.
    """
    # The list's lowest count: words seen that rarely are mostly noise, never suggested.
    listed, floor = lexicon(lang), lexicon(lang).floor
    plain = tuple(singular_bases(word) if lang == "es" else english_bases(word))
    best = max((listed.frequency(base) for base in plain), default=0)
    if best <= floor and any(base in _extra(lang) for base in plain):
        return floor + 1
    return best if best > floor else 0


def _accent_variants(word: str) -> Iterator[str]:
    """``word`` with one more accent: the commonest Spanish typo is a missing one."""
    for i, char in enumerate(word):
        accented = _ACCENTED.get(char)
        if accented:
            yield word[:i] + accented + word[i + 1 :]
