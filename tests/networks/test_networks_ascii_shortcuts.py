"""Small shortcuts of the counters (issue 16) against the code they replace.

X's ``toAscii`` leaves an ASCII domain to the label lengths (punycode.js changes no ASCII
label); Bluesky's display splits a path at both slashes with ``str`` methods instead of a
pattern looked up in ``regex``'s cache on every call, and takes a lower-case ASCII host as
its own ASCII form without idna's mapping; Mastodon's bound finds the runs of a
text without mentions from each ``://`` instead of splitting the whole text; Instagram looks
for hashtags only in a caption with more signs than it allows.
"""

from __future__ import annotations

import idna
import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from portavoz.scheduler.networks import get_network, mastodon, short_url, twitter_text
from portavoz.scheduler.networks.hashtags import find_hashtags


def _to_ascii_reference(domain: str) -> str | None:
    """``_to_ascii`` as it was: every label through punycode.js's ``toASCII``."""
    fold = twitter_text._FOLD_STAND_INS
    if domain[:4] == "xn--" and not twitter_text._valid_ascii_domain().search(
        domain.translate(fold)
    ):
        return None
    for label in domain.split("."):
        encoded = twitter_text._punycode_to_ascii(twitter_text.from_units(label))
        if not 1 <= len(encoded) <= twitter_text._MAX_DOMAIN_LABEL_LENGTH:
            return None
    return domain


LABEL = st.one_of(
    st.sampled_from(["", "a", "xn--", "xn--p1ai", "ejemplo", "a" * 63, "a" * 64, "\x7f", "é"]),
    st.text(alphabet="ab-_\x7f\u3002é", max_size=70),
)


@settings(max_examples=500, deadline=None)
@given(labels=st.lists(LABEL, min_size=1, max_size=4))
def test_to_ascii_is_punycode_js_to_ascii(labels: list[str]) -> None:
    domain = ".".join(labels)
    assert twitter_text._to_ascii(domain) == _to_ascii_reference(domain)


def _pathname_reference(path: str) -> str:
    """``_pathname`` as it was, splitting with ``regex``."""
    segments: list[str] = []
    pieces = regex.split(r"[/\\]", path[1:]) if path else [""]
    for i, piece in enumerate(pieces):
        last = i == len(pieces) - 1
        segment = short_url._encode(piece, short_url._PATH_SET)
        if segment.lower() in short_url._DOUBLE_DOT:
            if segments:
                segments.pop()
            if last:
                segments.append("")
        elif segment.lower() in short_url._SINGLE_DOT:
            if last:
                segments.append("")
        else:
            segments.append(segment)
    return "/" + "/".join(segments)


@settings(max_examples=500, deadline=None)
@given(path=st.text(alphabet="/\\.a%2eE é", max_size=20))
def test_pathname_splits_at_both_slashes(path: str) -> None:
    assert short_url._pathname(path) == _pathname_reference(path)


def _latin_cut_reference(text: str) -> int:
    """``Mastodon.surely_over``'s cut as it was: every run of the text looked at."""
    cut = 0
    for run in mastodon._LATIN_RUN_END.split(text):
        if "@" in run:
            cut += len(run)
        elif "://" in run:
            cut += max(len(run) - mastodon.LINK_LENGTH, 0)
    return cut


RUN_PIECE = st.sampled_from(
    [" ", "\t", "\n", "\n\n", "://", ":", "/", "a", "palabra", "https://ejemplo.es/" + "r" * 30]
)


@settings(max_examples=500, deadline=None)
@given(pieces=st.lists(RUN_PIECE, max_size=16), mention=st.booleans())
def test_mastodon_bound_cuts_what_the_runs_cut(pieces: list[str], mention: bool) -> None:
    text = "".join(pieces) + (" @ana" if mention else "")
    assert mastodon._latin_cut(text) == _latin_cut_reference(text)


def _host_to_ascii_reference(domain: str) -> str:
    """Bluesky's ``_to_ascii`` as it was: every host through UTS #46's mapping."""
    try:
        mapped = idna.uts46_remap(domain, std3_rules=False, transitional=False)
    except idna.IDNAError:
        raise short_url.InvalidURL(domain) from None
    labels = mapped.split(".")
    for label in labels:
        short_url._unicode_label(label)
    return ".".join(short_url._label_to_ascii(label) for label in labels)


def _percent_decode_reference(text: str) -> str:
    """``_percent_decode`` as it was: byte by byte."""
    data = text.encode("utf-8", "surrogatepass")
    out = bytearray()
    i = 0
    while i < len(data):
        hexa = data[i + 1 : i + 3]
        if (
            data[i] == 0x25
            and len(hexa) == 2
            and all(chr(b) in "0123456789abcdefABCDEF" for b in hexa)
        ):
            out.append(int(hexa, 16))
            i += 3
        else:
            out.append(data[i])
            i += 1
    return out.decode("utf-8", "replace")


HOST = st.one_of(
    st.text(alphabet="ab09.-", max_size=12),
    st.lists(
        st.sampled_from(["xn--p1ai", "xn--", "xn--a", "ejemplo", "", "-", "A", "ß", "%41"])
    ).map(".".join),
)


@settings(max_examples=500, deadline=None)
@given(host=HOST)
def test_host_to_ascii_is_uts46(host: str) -> None:
    try:
        expected = _host_to_ascii_reference(host)
    except short_url.InvalidURL:
        with pytest.raises(short_url.InvalidURL):
            short_url._to_ascii(host)
        return
    assert short_url._to_ascii(host) == expected
    assert short_url._percent_decode(host) == _percent_decode_reference(host)


CAPTION_PIECE = st.sampled_from(["#", "＃", "#tag", "＃etiqueta", "a", " ", "#1", "ejemplo.com/#x"])


@settings(max_examples=500, deadline=None)
@given(pieces=st.lists(CAPTION_PIECE, max_size=12), limit=st.integers(0, 4))
def test_instagram_hashtag_problem_is_the_hashtags_found(pieces: list[str], limit: int) -> None:
    text = "".join(pieces)
    tags = find_hashtags(text)
    expected = (f"{len(tags)} hashtags; Instagram allows {limit}",) if len(tags) > limit else ()
    assert get_network("instagram", hashtag_limit=limit).count(text).problems == expected
