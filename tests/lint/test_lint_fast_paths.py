"""The lint's shortcuts find what the plain way finds (issue 16: speed, same findings).

Each shortcut is held to a plain reference kept here: the prose pattern without its address
branches on text without an ``@``, the capitals scan that skips lower-case words, and the
compact lexicon against the word → frequency mapping it is made from, and the terms' quick
look at a whole post against what the terms' pattern finds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from types import SimpleNamespace

import pytest
import regex
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from portavoz.scheduler.base.fold import fold
from portavoz.scheduler.lint import LintSettings, caps, emoji, segments, spelling, terms
from portavoz.scheduler.lint.context import PostText
from portavoz.scheduler.lint.lexicon import lexicon_text, parse_lexicon
from portavoz.scheduler.lint.segments import Segment
from portavoz.scheduler.lint.settings import default_neutrality
from portavoz.scheduler.lint.terms import find_terms, may_hold
from portavoz.scheduler.networks import urls
from portavoz.scheduler.networks.emojis import emoji_spans
from portavoz.scheduler.networks.hashtags import find_hashtags
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


# --- LINT2 (issue 16): links, words, emoji, hashtags and the terms' plain text --------------


_REGEX_URL = regex.compile(urls._url_source(), urls._FLAGS)
"""The link pattern in the engine find_links used for every text (now only for non-ASCII)."""


def _find_links_reference(text: str, *, require_scheme: bool = False) -> tuple[urls.Link, ...]:
    """find_links as it was: every word looked at, each searched in place."""
    if "." not in text or (require_scheme and ":" not in text):
        return ()
    links: list[urls.Link] = []
    for token in urls._TOKEN.finditer(text):
        if "." not in token.group() or not urls._may_hold_tld(token.group()):
            continue
        start = max(token.start() - 1, 0)
        for match in _REGEX_URL.finditer(text, start, token.end()):
            links.extend(urls._links_in_match(match, require_scheme=require_scheme))
    return tuple(links)


_LINKY = st.lists(
    st.sampled_from(
        [
            *"aZ0 .-_/:@#?=()\n\t\u3000\xa0é日",
            "https://",
            "http://",
            "www.",
            "x.es",
            ".com",
            ".COM",
            "t.co/abc",
            "xn--p1ai",
            ".рф",
            "ruedalibre-demo.es/tarifas",
            "a.b.c",
        ]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(_LINKY, st.booleans())
@example(".es x.es", False)
@example("(https://www.ruedalibre-demo.es/tarifas).", False)
@example("ahttps://x.es y https://x.es", True)
@example("日本example.com/ruta xn--p1ai.com", False)
def test_find_links_is_the_search_of_every_word(text: str, require_scheme: bool) -> None:
    expected = _find_links_reference(text, require_scheme=require_scheme)
    assert urls.find_links.__wrapped__(text, require_scheme=require_scheme) == expected


def test_a_link_is_found_alike_at_every_place() -> None:
    # The same word is searched once per process: its links are shifted into each place.
    text = "(https://x.es/a). Ver (https://x.es/a). x.es/a"
    found = urls.find_links(text)
    assert [text[k.start : k.end] for k in found] == ["https://x.es/a"] * 2 + ["x.es/a"]
    assert found == _find_links_reference(text)


_PROSE_WORDS = st.lists(
    st.sampled_from([*"aÉñ1_-'’.,;:!?()¿¡«»\"…* \n\t", "\u0301", "\u00a0", "estación", "e-Brisa"]),
    max_size=30,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(_PROSE_WORDS)
@example("estacion1 (hola), ¿qué? e-Brisa 5abc _x x_ «día»…")
def test_words_are_the_patterns(text: str) -> None:
    assert spelling.words(text) == spelling._WORD.findall(text)


def test_words_split_where_the_pattern_sees_no_word() -> None:
    # White space is neither a word character nor a neighbour the pattern minds, and each
    # letter str.isalpha() knows the pattern takes for one (every code point).
    letter = regex.compile(r"[\p{L}\p{M}]")
    minded = regex.compile(r"[\p{L}\p{M}\p{N}_'’-]")
    for code in range(0x110000):
        char = chr(code)
        assert not (char.isspace() and minded.match(char)), hex(code)
        assert not char.isalpha() or letter.match(char), hex(code)
    assert not any(minded.match(c) or c.isalpha() for c in spelling._AROUND)


_EMOJI_TEXT = st.lists(
    st.sampled_from(
        [
            "👆",
            "🚲",
            "🇪",
            "🇸",
            "\u200d",
            "\ufe0f",
            "\u20e3",
            "#",
            "1",
            "©",
            "a",
            "\n",
            "\r",
            " ",
            "🏽",
        ]
    ),
    max_size=20,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(_EMOJI_TEXT)
@example("🇪\n🇸🇪🇸\r\n👆\u200d\n🚲")
def test_emoji_counted_line_by_line_are_the_texts(text: str) -> None:
    assert emoji.count_emoji(text) == len(emoji_spans(text))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["#", "＃", "a", "1", "_", "&", " ", "x.es/", "\ufe0f"])).map("".join)
)
def test_a_text_has_no_more_hashtags_than_signs(text: str) -> None:
    assert len(find_hashtags(text)) <= text.count("#") + text.count("＃")


def test_plain_text_keeps_every_ascii_character_folding_gives() -> None:
    # The terms' quick look reads ASCII pieces in terms.plain instead of the folded
    # text: each character folding to an ASCII one must come out as that one (every code point).
    for code in range(0x110000):
        if 0xD800 <= code < 0xE000:
            continue
        folded = fold(chr(code))
        if folded.isascii():
            assert terms.plain(chr(code)) == folded, hex(code)


def test_white_space_folds_to_white_space() -> None:
    # A term's piece holds no white space once folded, so it lies within one run of the text.
    for code in range(0x110000):
        if chr(code).isspace():
            assert fold(chr(code)).isspace(), hex(code)


@settings(max_examples=300, deadline=None)
@given(
    _TERM_TEXT.map("".join) | st.text(alphabet="AaÁáÑñİıK \n-'", max_size=20),
    st.lists(
        st.sampled_from(["semana santa", "santa", "polític*", "dios", "ano", "año", "i"]),
        min_size=1,
        max_size=3,
    ),
)
def test_the_plain_text_may_hold_every_term_the_pattern_finds(text: str, listed: list[str]) -> None:
    # The quick look at a post's runs (plain or folded) allows whatever the look at the whole
    # folded text allows, so every term the pattern finds.
    listed_terms = tuple(listed)
    segment = SimpleNamespace(text=text)
    post = SimpleNamespace(runs=PostText.runs.func(SimpleNamespace(segments=[segment])))  # type: ignore[arg-type]
    allowed = terms._post_may_hold(post, listed_terms)  # type: ignore[arg-type]
    if list(find_terms(text, listed_terms)):
        assert may_hold(fold(text), listed_terms)
    if may_hold(fold(text), listed_terms):
        assert allowed


_MARKUP_LINES = st.lists(
    st.sampled_from(
        [
            *"a é#＃`<>[](){}:!?/\"' .-",
            *["\n", "\r", "\r\n", "\u2028", "\x85", "\x0b", "\x1c"],
            *["!!! ", "??? ", "???+ ", "<!--", "-->", "[id]: ", "](u)", "{ .c }", "<b>", "  "],
        ]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(_MARKUP_LINES)
@example("a\r[id]: url\u2028!!! note x\x85??? y `c` #t")
def test_markup_tried_where_it_can_begin_is_the_search_of_every_place(text: str) -> None:
    expected = [m.span() for m in segments._NOT_PROSE_WITHOUT_AT.finditer(text)]
    assert list(segments.markup_spans(text)) == expected


def _spans(pattern: regex.Pattern[str] | re.Pattern[str], text: str) -> list[object]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


_ASCII_LINKY = st.lists(
    st.sampled_from(
        [
            *"aZkKsSiI0 .-_/:@#?=()[]&+!*'~|$%ñÉſßµÿıİ\u0250",
            *["https://", "HTTP://", "www.", ".com", ".ES", ".Co"],
            *[".museum", ".xn--p1ai", "t.co/a", "/@a/", "(b)", ":80"],
        ]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(_ASCII_LINKY)
@example(" HTTPS://WWW.Example.COM/Ruta_(x)?utm=1&b=2#f. www.x.es/a. kK.sS.iI")
def test_the_standard_engine_finds_what_regex_finds_in_latin_text(text: str) -> None:
    domain = urls._ascii_domain("é").pattern
    assert _spans(urls._url_pattern(text), text) == _spans(_REGEX_URL, text)
    assert _spans(urls._ascii_domain(text), text) == _spans(urls._for_text(domain, False), text)


def test_each_latin_character_matches_each_piece_of_the_link_pattern_alike_in_both_engines() -> (
    None
):
    # Ignoring case, a character may stand for another in one engine and not in the other
    # (İ and ı for i in the standard engine): every character find_links searches with
    # the standard engine matches each class and each letter of the pattern in both or neither.
    source = urls._url_source() + urls._ascii_domain("é").pattern
    classes = set(regex.findall(r"\[(?:\\.|[^\]\\])*\]", source))
    letters = {c for tld in urls.known_tlds() for c in tld} | {chr(code) for code in range(0x80)}
    pieces = [*classes, *map(regex.escape, letters)]
    assert len(classes) > 8
    for code in range(0x250):
        char = chr(code)
        if not urls._standard_engine_reads(char):
            continue
        for piece in pieces:
            standard = re.fullmatch(piece, char, re.IGNORECASE) is not None
            assert standard == (regex.fullmatch(piece, char, urls._FLAGS) is not None), (
                char,
                piece,
            )
    assert not any(map(urls._standard_engine_reads, "\u0130\u0131\u0250"))


def _word_around_reference(text: str, index: int) -> slice:
    """word_around as it was: a walk back one character at a time."""
    spaces = set(regex.findall(f"[{urls._SPACES}]", "".join(map(chr, range(0x3001)))))
    start = index
    while start > 0 and text[start - 1] not in spaces:
        start -= 1
    end = index
    while end < len(text) and text[end] not in spaces:
        end += 1
    return slice(start, end)


@settings(max_examples=300, deadline=None)
@given(_LINKY.filter(bool), st.data())
def test_the_word_around_a_place_is_the_walks(text: str, data: st.DataObject) -> None:
    index = data.draw(st.integers(min_value=0, max_value=len(text) - 1))
    assert urls.word_around(text, index) == _word_around_reference(text, index)


_LINES = st.lists(
    st.lists(
        st.sampled_from(
            [*"ab é_-.+@#＃`<>():!?/\"' \t", "<!--", "-->", "x.es", "@ana", "https://x.es/a?b=1"]
        ),
        max_size=12,
    ).map("".join),
    min_size=2,
    max_size=5,
).map("\n".join)


@settings(max_examples=400, deadline=None)
@given(_LINES)
@example("Título\n\nResumen con #etiqueta\n\nhttps://x.es/?utm_source=x\n#a #b")
@example("Texto `código\nroto` <b\n>fin")
@example("\néx.es")  # alone, the link pattern takes é for the character before a link
def test_prose_line_by_line_is_the_prose_of_the_whole_text(text: str) -> None:
    assume(segments.by_lines(text))  # "!!!" or "???" may come together: read whole
    assert segments.prose.__wrapped__(text) == segments.whole_prose(text)


@pytest.mark.parametrize(
    "text", ["[a]:\nb", 'a](x\n"t")', "{\n.c}", "!!!\nnote", "???\nnote", "a\n\n[r]: https://x.es"]
)
def test_text_whose_markup_crosses_a_line_is_read_whole(text: str) -> None:
    # Each guard is needed: read line by line, these would lose a match that crosses a line.
    split = "\n".join(segments.whole_prose(line) for line in text.split("\n"))
    assert split != segments.whole_prose(text)
    assert not segments.by_lines(text)
    assert segments.prose.__wrapped__(text) == segments.whole_prose(text)


def _neutrality_messages(text: str, topics: dict[str, tuple[str, ...]]) -> list[str]:
    ctx = SimpleNamespace(
        post=SimpleNamespace(lang="es"),
        settings=LintSettings(neutrality={"es": topics}),
        segments=[Segment("title", 1, text)],
        runs=frozenset(text.split()),
    )
    return [f.message for f in terms.check_neutrality(ctx)]  # type: ignore[arg-type]


def test_the_folded_terms_are_kept_for_each_list_as_it_is() -> None:
    # The terms are folded once per list and process: a list changed in any way is read anew.
    text = "Hablamos de fútbol y de política"
    first = _neutrality_messages(text, {"deporte": ("fútbol",)})
    assert first == [
        "'fútbol' touches on deporte, a sensitive subject; keep the brand neutral or rephrase"
    ]
    assert _neutrality_messages(text, {"juego": ("fútbol",)}) == [
        first[0].replace("deporte", "juego")
    ]
    assert _neutrality_messages(text, {"deporte": ("polític*",)}) == [
        "'política' touches on deporte, a sensitive subject; keep the brand neutral or rephrase"
    ]
    assert _neutrality_messages(text, {"deporte": ("fútbol",)}) == first


def test_the_shipped_terms_are_read_once_and_handed_out_as_copies() -> None:
    mine = default_neutrality()
    mine["es"]["nuevo"] = ("palabra",)  # type: ignore[index]
    assert "nuevo" not in default_neutrality()["es"]
    assert default_neutrality() == default_neutrality()


_SEGMENT_TEXT = st.lists(
    st.sampled_from(
        [
            *"ab é_-.+@#`<>()[]{}:!?/\"' \t\n\u00a0\u180e\x1c",
            *("estacion", "Bicicleat", "x.es", "éx.es", "@ana", "ana@x.es", "](https://x.es)"),
            *("https://x.es/a?utm=1", "!!! ", "]:", "<!--", "-->", "caarril", "\u2028"),
        ]
    ),
    min_size=1,
    max_size=16,
).map("".join)


def _reference_candidates(texts: list[str]) -> set[str]:
    """The words check_spelling looked up as it was: each segment's prose, split."""
    runs = set(" ".join(segments.whole_prose(t) for t in texts).split())
    return {w for run in runs for w in spelling._run_words(run)}


def _reference_spelling(ctx: SimpleNamespace) -> list[str]:
    """check_spelling as it was: every segment's prose first."""
    texts = [segments.whole_prose(s.text) for s in ctx.segments]
    runs = set(" ".join(texts).split())
    found = (w for run in runs for w in spelling._run_words(run))
    typos = spelling.find_typos(found, "es", ctx.settings.dictionary)
    return [
        f"{segment.key}:{word}:{typos[word].suggestion}"
        for segment, text in zip(ctx.segments, texts, strict=True)
        for word in spelling.words(text)
        if word in typos
    ]


@settings(max_examples=400, deadline=None)
@given(st.lists(_SEGMENT_TEXT.filter(str.strip), min_size=1, max_size=4))
@example(["éx.es y estacion", "Ver https://x.es/a?b=1 del caarril"])
@example(["`estacion del` caarril", "a\x1cx.es estacion"])
def test_spelling_reads_each_run_once_and_finds_what_each_segment_gives(texts: list[str]) -> None:
    # Runs are read on their own where that is their prose in place: never fewer words.
    segs = [Segment("body", n, text) for n, text in enumerate(texts)]
    runs = frozenset(" ".join(texts).split())
    assert spelling.candidates(segs, runs) >= _reference_candidates(texts)
    ctx = SimpleNamespace(
        post=SimpleNamespace(lang="es"),
        segments=segs,
        settings=SimpleNamespace(dictionary=frozenset()),
        runs=runs,
    )
    found = [
        f"{f.key}:{f.message.split(chr(39))[1]}:{f.message.split(chr(39))[3]}"
        for f in spelling.check_spelling(ctx)  # type: ignore[arg-type]
    ]
    assert found == _reference_spelling(ctx)


@pytest.mark.parametrize(
    "text", ["`a b` x", "<!-- a -->", '<a href="x">', "{ .c }", '[a](x "t")', "[r]: x", "!!! a"]
)
def test_text_whose_markup_holds_white_space_is_read_whole(text: str) -> None:
    by_run = " ".join(segments.whole_prose(" " + run)[1:] for run in text.split())
    assert by_run.split() != segments.whole_prose(text).split()
    assert not segments.by_runs(text)


def _reference_body_segments(body: str) -> list[segments.Segment]:
    """body_segments as it was: every line tried as a fence."""
    found, fence, in_comment = [], "", False
    for i, line in enumerate(body.split("\n")):
        match = segments._FENCE.match(line)
        if fence or match:
            if match and (not fence or match.group(1).startswith(fence)):
                fence = "" if fence else match.group(1)[:3]
            continue
        if in_comment or ("<!--" in line and "-->" not in line.split("<!--", 1)[1]):
            in_comment = "-->" not in line or line.rfind("<!--") > line.rfind("-->")
            continue
        if line.strip():
            found.append(segments.Segment("body", 1 + i, line))
    return found


_BODY_LINES = st.sampled_from(["```", "~~~", "````", " ```py", "``", "~~", "a", "<!--", "-->"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_BODY_LINES, max_size=8))
def test_a_body_without_three_backticks_or_tildes_has_no_fence(lines: list[str]) -> None:
    body = "\n".join(lines)
    assert list(segments.body_segments(body, 1)) == _reference_body_segments(body)
