"""Hypothesis strategies for social text: words in many scripts, emoji sequences, URLs,
hashtags and mentions — the pieces the counters and the fitter must never break."""

from __future__ import annotations

from hypothesis import strategies as st

ANY_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=400)
"""Arbitrary Unicode text without lone surrogates (which no file or network can carry)."""

EMOJI = st.sampled_from(
    [
        "👋",
        "🚲",
        "❤️",
        "1️⃣",
        "🇪🇸",
        "🏴󠁧󠁢󠁳󠁣󠁴󠁿",
        "👩🏽‍🚀",
        "👨‍👩‍👧‍👦",
        "🏳️‍🌈",
        "🧑🏿‍🤝‍🧑🏻",
    ]
)
"""Single code points, keycaps, flags, tag sequences, skin tones and ZWJ families."""

LETTERS = st.characters(categories=["Ll", "Lu", "Lo", "Nd"], exclude_characters="#@")
WORD = st.one_of(
    st.text(LETTERS, min_size=1, max_size=10),
    st.sampled_from(["año", "pingüino", "e\u0301", "ñandú", "Ελλάδα", "日本語", "ان", "हिन्दी"]),
).flatmap(lambda w: st.sampled_from([w, w + ",", w + ".", w + "—", w + ":"]))
"""A word, sometimes with the punctuation a shortened summary strips before its ellipsis."""

URL = st.builds(
    "https://{}.{}/{}".format,
    st.text("abcdefghijklmnop", min_size=1, max_size=10),
    st.sampled_from(["com", "es", "org", "net", "social"]),
    st.text("abcxyz0123456789-_/.~", max_size=16),
)
HASHTAG = st.text(st.characters(categories=["Ll", "Lu", "Nd"]), min_size=1, max_size=12).map(
    "#{}".format
)
MENTION = st.text("abcdefghijk_", min_size=1, max_size=10).map("@{}".format)

TOKEN = st.one_of(WORD, WORD, WORD, EMOJI, URL, HASHTAG, MENTION)
SOCIAL_TEXT = st.lists(TOKEN, max_size=60).map(" ".join)
"""Text built from whole tokens, so a test can tell whether one was cut."""
