"""A seeded corpus of adversarial texts for Bluesky's facets and count, built from fragments.

Each text joins a few fragments (words in several scripts and normalisation forms, emoji of
every shape, links of every shape, handles, hashtags, cashtags) with spaces, newlines,
punctuation or nothing, so facets end up glued to letters, marks and brackets. Some texts are
padded to land around Bluesky's limit of 300 graphemes.
"""

from __future__ import annotations

import random
import unicodedata

# fmt: off
WORDS = (
    "hola", "Año", "cafe\u0301", "über", "Ελλάδα", "привет", "日本語", "中文字", "한국어",
    "ภาษาไทย", "ह\u093fन\u094dद\u0940", "क\u094dष", "क\u094d\u200dष", "ক\u09cdষ",
    "ன\u0bcdற\u0bc1", "ગ\u0acdન", "ത\u0d4dര", "మ\u0c4dమ", "ଷ\u0b4dଟ", "مرحبا", "שלום",
    "ｆｕｌｌ", "ſ", "K", "ß", "x\u0301\u0302", "\u0301", "…", "—", "“”", "€100", "𝒳", "𠀋",
    "a\u200db", "각", "e\u0308\u0301",
)
EMOJI = (
    "😀", "👍🏽", "👨\u200d👩\u200d👧\u200d👦", "🇪🇸", "🇦🇧", "🇦", "🐦\u200d🔥", "🫱🏻\u200d🫲🏿",
    "❤\ufe0f", "❤", "#\ufe0f\u20e3", "#\u20e3", "1\ufe0f\u20e3", "5\u20e3", "*\ufe0f\u20e3",
    "©\ufe0f", "\ufe0f", "\u200d", "😀\u0301",
    "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f", "🏳\ufe0f\u200d🌈",
    "👩🏽\u200d💻", "🏻", "👍🏽🏽", "😀\ufe0e", "🙂\u200d↔\ufe0f",
)
LINKS = (
    "example.com", "www.example.com", "EXAMPLE.com", "example.COM", "Example.Com/X",
    "example.com/ruta", "example.com/ruta/", "sub.example.co.uk", "example.comx", "a.b.c.io",
    "https://example.com", "http://example.com/a?b=c&d=e", "HTTPS://Example.com/X",
    "Https://example.com", "httpS://Example.COM/Y", "https://example.com/",
    "https://es.wikipedia.org/wiki/Python_(lenguaje)", "https://example.com/a_(b_(c))",
    "https://example.com:443/x", "http://example.com:80/", "https://example.com:8443/ruta",
    "http://example.com:443/", "https://example.com:0443/", "https://example.com:99999/x",
    "example.com:8080", "https://[::1]/x", "http://[2001:DB8:0:0:0:0:0:1]:80/p",
    "https://[2001:db8::ffff:1.2.3.4]/", "https://[::1", "http://127.0.0.1/x",
    "https://0x7f.1/x", "https://1.2.3/", "https://999.1.1.1/", "https://a.1/",
    "https://münchen.de/straße", "https://ÉXAMPLE.es/á", "https://日本.jp/パス",
    "https://example。com/x", "https://ＥＸＡＭＰＬＥ．com/", "https://xn--mnchen-3ya.de/a",
    "münchen.de", "https://a.com/./b/../c", "https://a.com/%2e%2E/b/.%2e/c", "https://a.com/.",
    "https://a.com/..", "https://a.com/b/..", "https://a.com\\b\\c", "https://user:pw@a.com/x",
    "https://@a.com/", "https://a.com/?q=1'", "https://a.com/#x`y", "https://a.com/^`{}|x",
    "https://a.com?", "https://a.com#", "https://a.com/?", "https://a.com/ruta?x=ñ#é",
    "https://example.com/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "https://example.com/12345678901234",
    "https://example.com/123456789012345", "https://example.com/path.",
    "https://example.com/p,", "https://example.com/p!?", "https://example.com/(a)",
    "example.com/(x", "(example.com)", "https://example.com/@user",
    "https://example.com/(@ana.bsky.social", "https://example.com/($AAPL)", "https://",
    "https://.", "https://-a.com", "https://a..b/", "https://a_b.com", "https://i❤.ws/",
    "https://a\u200db.com", "https://exa%41mple.com/", "https://a%zz.com", "https://a<b.com",
    "ftp://example.com", "mailto:ana@example.com", "ana@example.com", "example.onion",
    "bsky.app/profile/ana", "t.co/abc", ".com", "example.",
)
HANDLES = (
    "@ana.bsky.social", "@ana.bsky.social.", "@Ana.Bsky.Social", "@ana.bsky.SOCIAL", "@ana",
    "@ana.test", "@ana.example", "@-ana.com", "@ana-.com", "@ana--", "@.social", "@a.b.c.d.com",
    "@ana@example.social", "@ana@mastodon.social", "@ana_b.com", "@ana.com:", "@ana.com,",
    "@ana.bsky.social's", "(@ana.bsky.social)", "@日本.jp", "@", "@@ana.com", "＠ana.com",
)
TAGS = (
    "#etiqueta", "#Etiqueta.", "#tag!", "#tag,", "#tag...", "#tag…", "#tag's", "#日本", "#123",
    "#123abc", "#1.5", "#2024", "#_", "#-", "#tag-with-dash", "#tag_under", "＃fullwidth",
    "#\ufe0f\u20e3", "#\u20e3", "#\u200dtag", "#tag\u200b", "#tag\u00ad", "##tag", "#",
    "#abbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
    "#abbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
    "#éééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé",
    "#ééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé", "#e\u0301", "#🐦",
    "#tag🇪🇸", "#(tag)", "#tag)", "#«tag»", "#ñandú", "#Ελλάδα", "#مرحبا", "$TSLA", "$tsla",
    "$A", "$ABCDE", "$ABCDEF", "$A1", "$1A", "$TSLA.", "$TSLA,", "$TSLA)", "$TSLA’", "$TSLA'",
    "($AAPL)", "$",
)
SEPARATORS = (
    " ", " ", " ", " ", "", "\u000a", "\u000a\u000a", "\u000d\u000a", "\u0009", "\u00a0",
    "\u3000", "\u2028", "\u200b", "\ufeff", "\u0085", "\u001c", "(", ")", "\"", "'", ".", ",",
    "!", "?", ":", ";", "-", "/", "…", "«", "»", "¡", "\u200e", "\u202b", "。", "\u0301",
)
# fmt: on
_KINDS = ((WORDS, 5), (EMOJI, 2), (LINKS, 3), (HANDLES, 2), (TAGS, 3))


def fragment(rng: random.Random) -> str:
    """One fragment, sometimes decomposed (NFD) or upper-cased."""
    pool = rng.choices([k for k, _ in _KINDS], weights=[w for _, w in _KINDS])[0]
    piece = rng.choice(pool)
    roll = rng.random()
    if roll < 0.1:
        return unicodedata.normalize("NFD", piece)
    if roll < 0.13:
        return piece.upper()
    return piece


def text(rng: random.Random) -> str:
    """One text: fragments joined by separators, sometimes padded near the 300 limit."""
    pieces = []
    for _ in range(rng.randint(1, 8)):
        pieces += [fragment(rng), rng.choice(SEPARATORS)]
    joined = "".join(pieces[:-1] if rng.random() < 0.5 else pieces)
    if rng.random() < 0.08:
        pad = rng.choice(("a", "ñ", "😀", "e\u0301", " ", "日"))
        joined = pad * rng.randint(280, 310) + " " + joined
    return joined


def corpus(seed: int = 13, size: int = 6000) -> list[str]:
    """``size`` texts from ``seed`` (the same list on every run)."""
    rng = random.Random(seed)
    return [text(rng) for _ in range(size)]
