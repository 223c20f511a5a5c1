"""A plain link is found without the link patterns (issue 16), as the patterns find it.

``twitter_text.plain_link`` answers for a window holding one ``http(s)://`` link of the plainest
kind, so that X's ``extractUrl`` and Mastodon's ``valid_url`` need not be built or tried. The
references are the patterns themselves, run over the same windows as before the shortcut:
every window here, plain or a near miss, gives what the pattern gives.
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from portavoz.scheduler.networks import mastodon, twitter_text

SCHEME = st.one_of(
    st.sampled_from(["https://", "http://"]),
    st.sampled_from(["HTTPS://", "ftp://", "https:/", "gemini://"]),
)
# Each part is plain half of the time (so whole plain links are common) or a near miss.
LABEL = st.one_of(
    st.sampled_from(["blog", "a", "ruedalibre-demo", "1", "t", "co"]),
    st.sampled_from(["x-", "-x", "a_b", "ABC", "é", "xn--p1ai", "a--b"]),
)
TLD = st.one_of(
    st.sampled_from(["es", "com", "co", "org", "social"]),
    st.sampled_from(["comx", "e", "COM", "рф", "xn--p1ai"]),
)
PIECE = st.sampled_from(
    [*"/-_.%=&~+()!?#@:;,'", "a", "B", "utm_source", "2030", "é", "\xa0", "blog/", "x-1"]
)
PLAIN_PIECE = st.sampled_from([*"/-_.%=&", "a", "B", "utm_source", "2030", "blog/", "x-1"])
RUN = st.one_of(st.lists(PIECE, max_size=8), st.lists(PLAIN_PIECE, max_size=8)).map("".join)
PORT = st.sampled_from(["", "", "", "", "", ":8080", ":"])
BEFORE = st.one_of(
    st.sampled_from(["", " ", "\n", "\t", "\r"]),
    st.sampled_from(["(", "a", "\xa0", "@", ".", "/", "#"]),
)
EXTRA = st.sampled_from(["", "a", "\n", " "])


@st.composite
def windows(draw: st.DrawFn) -> tuple[str, int]:
    """A window as the link scans cut one: the run, the character before, one more."""
    host = ".".join([*draw(st.lists(LABEL, min_size=1, max_size=3)), draw(TLD)])
    path = draw(st.one_of(st.just(""), RUN.map(lambda run: "/" + run)))
    query = draw(st.one_of(st.just(""), RUN.map(lambda run: "?" + run)))
    url = draw(SCHEME) + host + draw(PORT) + path + query
    before = draw(BEFORE)
    if not before:
        return url, 0  # the run at the text's start
    extra = draw(EXTRA)
    return extra + before + url, len(extra)


def _x_reference(window: str, start: int) -> tuple[twitter_text.UrlEntity, ...]:
    """What ``_window_urls`` gave before the shortcut: every match of ``extractUrl``."""
    units = twitter_text.utf16_units(window)
    folded = units.translate(twitter_text._FOLD_STAND_INS)
    found: list[twitter_text.UrlEntity] = []
    for match in twitter_text._extract_url().finditer(folded, start):
        found.extend(twitter_text._entities_of(match, units))
    return tuple(found)


def _mastodon_reference(window: str, start: int) -> tuple[tuple[int, int, str], ...]:
    """What ``_window_links`` gave before the shortcut: Mastodon's pattern over the run."""
    return tuple(
        (e.start, e.end, e.replacement) for e in mastodon._links_in(window, start, len(window))
    )


@settings(max_examples=1500, deadline=None)
@given(window=windows())
# Near misses a loose shortcut would take: the patterns end a path or query before these.
@example(window=(" https://a.es/x.", 0))
@example(window=("https://blog.es?.", 0))
@example(window=("\n\nhttps://a.es/x?u=1%", 1))
@example(window=("https://a.es/x,", 0))
@example(window=("ahttps://a.es/x", 0))
@example(window=("a https://a.es:80/x", 1))
@example(window=("https://a.comx/x", 0))
def test_plain_links_are_what_the_patterns_find(window: tuple[str, int]) -> None:
    text, start = window
    units = twitter_text.utf16_units(text)
    folded = units.translate(twitter_text._FOLD_STAND_INS)
    assert twitter_text._window_urls.__wrapped__(folded, units, start) == _x_reference(text, start)
    assert mastodon._window_links.__wrapped__(text, start) == _mastodon_reference(text, start)


@settings(max_examples=300, deadline=None)
@given(
    before=st.sampled_from(["", " ", "\n"]),
    labels=st.lists(st.sampled_from(["blog", "ruedalibre-demo", "a1", "x-y-z"]), min_size=1),
    tld=st.sampled_from(["es", "com", "org", "social"]),
    path=st.lists(st.sampled_from(["/", "blog", "post-00793", ".", "_", "-", "2030"])),
    query=st.lists(st.sampled_from(["utm_source=x", "&", "utm_campaign=campana-17", "%20", "."])),
)
def test_the_links_a_post_gets_take_the_shortcut(
    before: str, labels: list[str], tld: str, path: list[str], query: list[str]
) -> None:
    """The shortcut answers for the links composing adds, and agrees with both patterns."""
    path_text = "/" + "".join(path) + "/"
    query_text = "?" + "".join(query) + "utm_medium=social"
    url = "https://" + ".".join([*labels, tld]) + path_text + query_text
    text = "\n" + before + url if before else url
    start = 1 if before else 0
    assert twitter_text.plain_link(text, start) == (
        len(text) - len(url),
        len(text),
        ".".join([*labels, tld]),
    )
    assert twitter_text._window_urls.__wrapped__(text, text, start) == _x_reference(text, start)
    assert mastodon._window_links.__wrapped__(text, start) == _mastodon_reference(text, start)
