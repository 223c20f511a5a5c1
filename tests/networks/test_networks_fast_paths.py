"""The counters' shortcuts (issue 16) give what the full patterns give.

Each shortcut is checked against the slower way it replaces, kept here as the reference: the
Mastodon top-level-domain test against its pattern, X's link search against a search of every
word, the one-cluster-per-character texts against the grapheme scan, and X's uniform weight
against the weight of each character.
"""

from __future__ import annotations

import re

import pytest
import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

from portavoz.scheduler.networks import get_network, hashtags, mastodon, twitter_text, urls, x
from portavoz.scheduler.networks.threads import LINK_LIMIT
from portavoz.scheduler.networks.units import ONE_PER_CHARACTER, grapheme_length, graphemes

TRICKY = st.sampled_from(
    [
        *"abcxnXN-.@+\n/é",
        *("\u212a", "\u017f", "\u0130", "ö", "嘉里", "大酒店", " ", "\u2028", "es", "com"),
        *("COM", "xn--", "xn--p1ai", "vermögensberater", "рф", "org", "ab1", "t.co"),
    ]
)
TEXT = st.lists(TRICKY, max_size=12).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=TEXT, data=st.data())
def test_mastodon_tld_look_up_is_the_pattern(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    expected = mastodon._tld_pattern().match(text, start, end) is not None
    assert mastodon._tld_at(text, start, end) is expected


_DOT_TLD = re.compile(rf"\.{twitter_text.tld_pattern()}", re.IGNORECASE)


def _urls_by_word(text: str) -> tuple[twitter_text.UrlEntity, ...]:
    """``extract_urls_with_indices`` as it was: every word searched for a dot and a TLD."""
    if "." not in text:
        return ()
    units = twitter_text.utf16_units(text)
    folded = units.translate(twitter_text._FOLD_STAND_INS)
    found: list[twitter_text.UrlEntity] = []
    for word in re.finditer(f"[^{twitter_text._SPACES}]+", folded):
        if _DOT_TLD.search(folded, word.start(), word.end()) is None:
            continue
        start = max(word.start() - 1, 0)
        for match in twitter_text._extract_url().finditer(folded, start, word.end()):
            found.extend(twitter_text._entities_of(match, units))
    return tuple(found)


LINKISH = st.lists(
    st.one_of(
        TRICKY, st.sampled_from(["https://", "http://", "example.com", "a.b.es/ruta", "\u3000"])
    ),
    max_size=16,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=LINKISH)
def test_x_link_search_finds_what_a_search_of_every_word_finds(text: str) -> None:
    assert twitter_text.extract_urls_with_indices(text) == _urls_by_word(text)


def test_every_pair_of_one_cluster_characters_is_two_clusters() -> None:
    singles = [
        chr(c) for c in range(0x2100) if ONE_PER_CHARACTER.fullmatch(chr(c)) and chr(c) != "\r"
    ]
    assert len(singles) > 300
    cluster = regex.compile(r"\X")
    for a in singles:
        for b in singles:
            assert len(cluster.findall(a + b)) == 2, (a, b)


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(
        st.one_of(
            st.characters(max_codepoint=0x30F),
            st.characters(min_codepoint=0x2000, max_codepoint=0x2030),
        ),
        max_size=30,
    )
)
def test_grapheme_length_shortcut_is_the_scan(text: str) -> None:
    assert grapheme_length(text) == len(graphemes(text))


@settings(max_examples=300, deadline=None)
@given(text=st.text(st.characters(exclude_categories=["Cs"]), max_size=30))
def test_x_run_weight_is_each_characters_weight(text: str) -> None:
    units = twitter_text.utf16_units(text)
    expected = sum(w for _, w in x._items(0, units, x.V3))
    assert x._run_weight(units, x.V3) == expected


def test_x_uniform_start_follows_the_ranges() -> None:
    assert x._uniform_start(x.V3.ranges, x.V3.default_weight)[:2] == (4351, 100)
    shifted = (x.WeightRange(0, 99, 100), x.WeightRange(50, 4000, 300))
    assert x._uniform_start(shifted, 200)[:2] == (99, 100)
    assert x._uniform_start((), 200)[:2] == (0xD7FF, 200)


def test_every_character_a_top_level_domain_may_start_with_is_a_letter() -> None:
    """What :func:`links_at_most`, :func:`may_be_linked` and :func:`dotted_words` rest on,
    for every code point."""
    firsts = {tld[0] for tld in urls.known_tlds()} | {"x"}  # "xn--" starts the punycode branch
    first = regex.compile(
        "[" + "".join(map(regex.escape, sorted(firsts))) + "]", regex.IGNORECASE | regex.VERSION0
    )
    # twitter-text's patterns run on the standard engine, on a text whose own folds are
    # swapped for stand-ins beforehand.
    first_re = re.compile(first.pattern, re.IGNORECASE)
    swapped = set(twitter_text._FOLD_STAND_INS_KEYS)
    letter = re.compile(r"[^\W\d_]")
    misses = [
        hex(code)
        for code in range(0x110000)
        if not 0xD800 <= code <= 0xDFFF
        and (first.match(chr(code)) or (chr(code) not in swapped and first_re.match(chr(code))))
        and not letter.match(chr(code))
    ]
    assert misses == []


def _hashtags_with_every_link(text: str) -> tuple[tuple[int, int], ...]:
    links = urls.find_links(text)
    return tuple(
        m.span()
        for m in hashtags._HASHTAG.finditer(text)
        if not any(link.start <= m.start() < link.end for link in links)
    )


HASHTAGGED = st.lists(
    st.one_of(
        TRICKY,
        st.sampled_from(["#uno", "#", "example.com/#ancla", "a.es#b", " #dos", "x.co/#", "&#3"]),
    ),
    max_size=14,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=HASHTAGGED)
def test_hashtags_outside_links_without_looking_for_links_first(text: str) -> None:
    assert hashtags.hashtag_spans(text) == _hashtags_with_every_link(text)
    assert urls.links_at_most(text) >= len(urls.find_links(text))


DOMAIN = st.builds(
    "{}{}.{}{}".format,
    st.sampled_from(["", "https://", "www."]),
    st.text("abcd", min_size=1, max_size=3),
    st.sampled_from(["es", "com", "ORG"]),
    st.sampled_from(["", "/ruta", ".", "/x.es"]),
)


@settings(max_examples=200, deadline=None)
@given(links=st.lists(DOMAIN, max_size=9), joiner=st.sampled_from([" ", ". Y ", "\n"]))
def test_threads_link_limit_with_and_without_the_bound(links: list[str], joiner: str) -> None:
    text = joiner.join(links)
    found = {link.href.lower() for link in urls.find_links(text)}
    problems = get_network("threads").count(text).problems
    assert any("different links" in p for p in problems) is (len(found) > LINK_LIMIT)


BOUNDED = st.lists(
    st.one_of(
        st.sampled_from(["hola", "año", "—", "…", "“cita”", "@ana@ejemplo.social", "@bea", "y."]),
        st.sampled_from(["https://ejemplo.es/una/ruta/larga?utm_source=x", "ejemplo.com/ruta"]),
        st.sampled_from(["#etiqueta", "e\u0301", "🚲", "日本", "\xa0", "\t", "\n\n"]),
    ),
    max_size=40,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(
    text=BOUNDED,
    name=st.sampled_from(["x", "mastodon", "threads", "bluesky"]),
    limit=st.integers(1, 400),
    warning=st.sampled_from(["", "CW: spoiler", "🚲"]),
)
def test_surely_over_only_when_the_count_is_over(
    text: str, name: str, limit: int, warning: str
) -> None:
    network = get_network(name, limit=limit)
    if network.surely_over(text, content_warning=warning):
        count = network.count(text, content_warning=warning)
        assert count.length > count.limit


def test_surely_over_tells_long_latin_texts() -> None:
    text = "palabra " * 100 + "https://ejemplo.es/" + "r" * 200
    for name in ("x", "mastodon", "threads", "bluesky"):
        assert get_network(name).surely_over(text), name
        assert not get_network(name).surely_over("corto https://ejemplo.es/" + "r" * 400), name


def _mastodon_links_by_run(text: str) -> list[mastodon._Entity]:
    """Mastodon's link scan as it was: every run with a "://", in the whole text."""
    found: list[mastodon._Entity] = []
    for run in regex.finditer(r"[^\t-\r \x85]+", text):
        if "://" in run.group():
            found += mastodon._links_in(text, max(run.start() - 1, 0), run.end())
    return found


SCHEMED = st.lists(
    st.one_of(
        TRICKY,
        st.sampled_from(["https://a.es/x", "http://b.com", "://", "gemini://c.org", "\n", "\t"]),
    ),
    max_size=14,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=SCHEMED)
def test_mastodon_links_from_kept_windows_are_the_scan_of_the_text(text: str) -> None:
    assert mastodon._links(text) == _mastodon_links_by_run(text)


_HEADS = st.sampled_from(
    [
        " https://blog.ruedalibre-demo.es/blog/entrada-00164/",
        "https://x.es",
        " http://x.es/a.",
        "(https://x.es/ruta)",
        " https://t.co/abc",
        " x.es/ruta",
        " https://a.es,https://b.es/",
        " https://x.es:80",
        " https://ex\u0131mple.com/",
        " https://dömäin.de/ö",
        "\nhttps://x.co.uk/a(b)",
        " https://" + "a" * 60 + ".es/" + "b" * 4010,  # 6 characters short of too long
    ]
)
_QUERIES = st.lists(
    st.sampled_from([*"az09=&%+-_.~!?*'@();:$/#[]|, é\u017f\u212a", "utm_source", "x.com"]),
    max_size=12,
).map("".join)


@settings(max_examples=600, deadline=None)
@given(head=_HEADS, query=_QUERIES, scheme=st.booleans())
@example(head=" https://" + "a" * 60 + ".es/" + "b" * 4010, query="utm=ab", scheme=False)
def test_a_link_with_a_query_is_its_head_searched_once(head: str, query: str, scheme: bool) -> None:
    # The UTM link of each network: the word before the query is searched once for all.
    piece = f"{head}?{query}"
    expected = urls._searched(piece, require_scheme=scheme)
    assert urls._links_in_word.__wrapped__(piece, require_scheme=scheme) == expected


_ASCII_PIECES = st.sampled_from(
    [
        *"abXN-.@+/?#:_ \n(),'",
        *'"`\x7f\x01\t$%=~|&;!*[]{}<>^\\',  # classes differ here: each is listed as ASCII
        *("com", "co", "COM", "Co", "uk", "es", "ES", "org", "xn--", "xn--p1ai", "t.co", "ab1"),
        *("http://", "https://", "HTTPS://", "www.", "example", "museum", "amsterdam", "80"),
    ]
)
_ASCII_TEXT = st.lists(_ASCII_PIECES, max_size=14).map("".join)


def _matches(pattern: regex.Pattern[str] | re.Pattern[str], text: str) -> list[object]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


@settings(max_examples=800, deadline=None)
@given(text=_ASCII_TEXT)
@example(text="see x.Co.uk and y.example")  # no top-level domain after the last dot
@example(text="a.b")  # none at all: only the punycode branch is left
@example(text='x"`\x7f\x01.es/a`b"(c)d~ "https://e.es/f|g')  # controls and quotes in a domain
def test_ascii_text_finds_with_its_own_top_level_domains_what_every_one_finds(text: str) -> None:
    # The pattern of every known top-level domain is the reference; review and check pay for
    # the domains a text holds only.
    every = urls._for_text(urls._url_source(), True)
    assert _matches(urls._url_pattern(text), text) == _matches(every, text)
    every_domain = re.compile(
        rf"(?:[\-a-z0-9{urls._LATIN_ACCENTS}]+\.)+{urls._tld()}", re.IGNORECASE
    )
    assert _matches(urls._ascii_domain(text), text) == _matches(every_domain, text)


@settings(max_examples=300, deadline=None)
@given(texts=st.lists(_ASCII_TEXT, min_size=1, max_size=6))
def test_a_pattern_made_for_other_texts_before_finds_what_every_domain_finds(
    texts: list[str],
) -> None:
    # One pattern serves every later text whose domains it holds: each text, searched after
    # the ones before it, finds what the pattern of every known domain finds.
    every = urls._for_text(urls._url_source(), True)
    urls._LAST_ASCII.clear()
    for text in texts:
        assert _matches(urls._url_pattern(text), text) == _matches(every, text)


def test_a_text_of_known_domains_only_reuses_the_last_pattern() -> None:
    urls._LAST_ASCII.clear()
    first = urls._url_pattern("see https://a.es/x and b.org")
    assert urls._url_pattern("then c.es") is first  # nothing new: no compile
    wider = urls._url_pattern("and d.museum")
    assert wider is not first
    assert urls._url_pattern("e.org, f.museum") is wider  # the new one holds the old ones too


def test_the_reused_pattern_stops_growing_at_its_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    # A long process meets many domains: past the bound a pattern holds the text's own alone.
    monkeypatch.setattr(urls, "_MOST_KEPT", 2)
    urls._LAST_ASCII.clear()
    urls._url_pattern("a.es b.org")
    text = "c.museum"
    pattern = urls._url_pattern(text)
    assert urls._LAST_ASCII[0][0] == urls._tlds_after_dots(text)
    every = urls._for_text(urls._url_source(), True)
    assert _matches(pattern, text) == _matches(every, text)
    urls._LAST_ASCII.clear()


def test_no_known_top_level_domain_matches_ascii_text_but_by_its_lower_case() -> None:
    # The shortcut above relies on it: a character like the Kelvin sign (K, which the standard
    # engine takes for k ignoring case) in a known domain would match ASCII text otherwise.
    ascii_chars = [chr(c) for c in range(128)]
    odd = {
        char
        for tld in urls.known_tlds()
        for char in tld
        if not char.isascii()
        and any(re.fullmatch(re.escape(char), a, re.IGNORECASE) for a in ascii_chars)
    }
    assert odd == set()
    assert all(tld == tld.lower() for tld in urls.known_tlds())
