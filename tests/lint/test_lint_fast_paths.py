"""The lint's shortcuts find what the plain way finds (issue 16: speed, same findings).

Each shortcut is held to a plain reference kept here: the prose pattern without its address
branches on text without an ``@``, the capitals scan that skips lower-case words, and the
compact lexicon against the word → frequency mapping it is made from, and the terms' quick
look at a whole post against what the terms' pattern finds.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

from portavoz.scheduler.base.fold import fold
from portavoz.scheduler.lint import caps, segments
from portavoz.scheduler.lint.lexicon import lexicon_text, parse_lexicon
from portavoz.scheduler.lint.terms import find_terms, may_hold
from portavoz.scheduler.networks.urls import find_links

_MARKUP = st.lists(
    st.sampled_from(
        [*"ab é_-.+@#＃`<>[](){}:!?/\"' \n", "!!! ", "??? ", "<!--", "-->", "x.es", "@ana"]
    ),
    max_size=40,
).map("".join)


def _prose_reference(text: str) -> str:
    """prose() as it was: the full pattern on every text."""
    chars = list(text)
    spans = [(link.start, link.end) for link in find_links(text)]
    spans.extend(m.span() for m in segments._NOT_PROSE.finditer(text))
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


@settings(max_examples=400, deadline=None)
@given(_MARKUP)
@example("Un #hashtag, `code`, <b>tag</b> y [enlace](https://x.es) { .c }")
@example('!!! note "Título"\n[ref]: https://x.es')
def test_prose_without_an_at_is_the_full_patterns(text: str) -> None:
    assert segments.prose.__wrapped__(text) == _prose_reference(text)


def test_the_address_branches_are_what_the_short_pattern_lacks() -> None:
    text = "Escribe a ana@example.com o a @ana@example.social #hoy"
    assert "@" in text
    assert segments.prose(text) == _prose_reference(text)
    short = [m.span() for m in segments._NOT_PROSE_WITHOUT_AT.finditer(text)]
    assert short != [m.span() for m in segments._NOT_PROSE.finditer(text)]


_WORD = regex.compile(r"[\p{L}\p{M}]+(?:[-'’][\p{L}\p{M}]+)*")


def _shouting_reference(text: str, acronyms: frozenset[str], least: int) -> Iterator[str]:
    """caps.shouting as it was: every word's letters counted."""
    run: list[regex.Match[str]] = []
    for match in _WORD.finditer(segments.prose(text)):
        word = match.group()
        if sum(c.isalpha() for c in word) < 2 or word in acronyms:
            continue
        if word.isupper():
            run.append(match)
            continue
        if len(run) >= least:
            yield text[run[0].start() : run[-1].end()]
        run = []
    if len(run) >= least:
        yield text[run[0].start() : run[-1].end()]


_WORDS = st.lists(st.sampled_from(["OFERTA", "YA", "hoy", "API", "A", "x", "ÉL", "Ñ", "a-B"]))


@settings(max_examples=300, deadline=None)
@given(_WORDS, st.integers(min_value=2, max_value=4))
def test_shouting_is_the_full_scans(words: list[str], least: int) -> None:
    text = " ".join(words)
    acronyms = frozenset({"API"})
    expected = list(_shouting_reference(text, acronyms, least))
    assert list(caps.shouting(text, acronyms, least)) == expected


_LISTED = st.dictionaries(
    st.text(alphabet="abñé'", min_size=1, max_size=5), st.sampled_from([50, 50, 51, 90, 2**33])
)


@settings(max_examples=300, deadline=None)
@given(_LISTED.filter(bool), st.lists(st.text(alphabet="abñé'", max_size=6), max_size=30))
@example({"aab": 50, "aac": 90}, ["aba", "aab", "aac", "aca", ""])
def test_the_compact_lexicon_answers_as_its_mapping(
    listed: dict[str, int], probes: list[str]
) -> None:
    found = parse_lexicon(lexicon_text(listed, "test"))
    floor = min(listed.values())

    assert found.floor == floor
    assert found.common == {w: n for w, n in listed.items() if n > floor}
    assert found.rare == {w for w, n in listed.items() if n == floor}
    for word in [*listed, *probes]:
        assert found.frequency(word) == listed.get(word, 0), word
        assert (word in found) == (word in listed), word


_TERM_TEXT = st.lists(
    st.sampled_from(["semana", "santa", "Política", "polític*", "ios", " ", "\n"])
)


@settings(max_examples=300, deadline=None)
@given(
    _TERM_TEXT.map("".join),
    st.lists(
        st.sampled_from(["semana santa", "santa", "polític*", "*", "dios", "semana*  s*"])
        | _TERM_TEXT.map("".join),
        min_size=1,
        max_size=4,
    ),
)
@example("Semana  Santa en https://x.es/semana", ["semana santa", "santa"])
@example("La Política", ["polític*"])
def test_a_post_may_hold_every_term_the_pattern_finds(text: str, listed: list[str]) -> None:
    terms = tuple(listed)
    if list(find_terms(text, terms)):
        assert may_hold(fold(text), terms)


def test_a_post_without_the_pieces_holds_no_term() -> None:
    terms = ("semana santa", "polític*")
    assert not may_hold(fold("Una semana en bici por la playa"), terms)
    assert may_hold(fold("La Semana Santa"), terms)
    assert list(find_terms("La Semana Santa", terms)) == [(3, "Semana Santa")]
