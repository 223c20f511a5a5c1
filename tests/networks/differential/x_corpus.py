"""A seeded corpus of adversarial texts for X's counter, built from the fragments below.

Each text joins a few fragments (words in several scripts and normalisation forms, emoji of
every shape, links of every shape, mentions, hashtags, cashtags) with spaces, newlines,
punctuation or nothing at all, so links end up glued to letters, marks and brackets. Some texts
are padded to land around X's limit of 280.
"""

from __future__ import annotations

import random
import unicodedata

# One table of fragments per line reads better than one fragment per line.
# fmt: off
WORDS = (
    "hola", "Año", "añadir", "cafe\u0301", "über", "Ελλάδα", "ΣΊΣΥΦΟΣ", "привет", "日本語",
    "中文字", "한국어", "ภาษาไทย", "हिन्दी", "مرحبا", "שלום", "عربي", "ｆｕｌｌ", "ſ", "K", "ǅ",
    "ⱥ", "ʒ", "İstanbul", "ß", "ﬁ", "x\u0301\u0302", "\u0301", "a\u200db", "…", "—", "‘’", "“”",
    "€100", "ℌ", "𝒳", "𠀋", "Ꙛ", "ᲀ", "ǈ", "ŉ", "\u0958", "\u2126",
)
EMOJI = (
    "😀", "👍\U0001f3fd", "👨\u200d👩\u200d👧\u200d👦", "🇪🇸", "🇯🇵", "🇨🇶", "🇦🇧", "🇦",
    "🐦\u200d🔥", "🫱\U0001f3fb\u200d🫲\U0001f3ff", "🫶\U0001f3fd", "\U0001fa77",
    "🙂\u200d↔\ufe0f", "❤\ufe0f", "❤", "❤\ufe0f\u200d🔥", "❤\ufe0f\u200d🩹", "#\ufe0f\u20e3",
    "#\u20e3", "1\ufe0f\u20e3", "5\u20e3", "*\ufe0f\u20e3", "©", "©\ufe0f", "®", "™\ufe0f", "‼",
    "☺", "☺\ufe0f", "\ufe0f", "\u200d", "😀\u0301", "👍\u200d🇪🇸",
    "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",
    "🏴\U000e0061\U000e0062\U000e007f", "🏳\ufe0f\u200d🌈", "🏳\ufe0f\u200d⚧\ufe0f",
    "👩\U0001f3fd\u200d💻", "🧑\u200d🤝\u200d🧑", "🤌\U0001f3ff", "🥲", "🫠", "⌚", "⌛\ufe0f",
    "🅰", "🅰\ufe0f", "🈁", "0\u20e31\u20e3", "❤\ufe0f❤\ufe0f", "1\ufe0f\u20e32\ufe0f\u20e3",
    "👁\ufe0f\u200d🗨\ufe0f", "🧔\u200d♂\ufe0f", "🦩", "💯", "\U0001f3fb", "\U0001f3fb\U0001f3fb",
    "👍\U0001f3fd\U0001f3fd", "😀\ufe0e",
)
LINKS = (
    "example.com", "www.example.com", "EXAMPLE.COM", "example.com/ruta", "example.com/ruta/",
    "https://example.com", "http://example.com/a?b=c&d=e", "HTTPS://Example.Com/X",
    "https://es.wikipedia.org/wiki/Python_(lenguaje)", "https://example.com/a_(b_(c))",
    "https://example.com:8080/x", "example.com:8080", "https://[::1]/x",
    "http://[2001:db8::1]:80", "http://127.0.0.1/x", "192.168.0.1", "https://münchen.de",
    "münchen.de", "日本.jp", "例え.テスト", "xn--mnchen-3ya.de", "https://xn--mnchen-3ya.de/a",
    "みんな.みんな", "example.みんな", "sub.example.co.uk", "example.comx", "example.co",
    "a.b.c.d.e.io", "t.co/abc", "https://t.co/abc123", "https://t.co/abc123?x=1/more",
    "http://t.co/" + "a" * 41, "ftp://example.com", "mailto:user@example.com",
    "user@example.com", "user.name@example.org", "@user@mastodon.social",
    "https://example.com/@user/", "https://example.com/@user", "https://example.com/path.",
    "https://example.com/path,", "https://example.com/путь", "https://example.com/ñandú?q=ñ",
    "https://example.com/?q=1=", "https://example.com/#frag", "https://example.com/a~b|c",
    "https://-bad-.com", "https://ex_ample.com", "ex_ample.com", "example.com\u0301",
    "مرحباexample.com", "שלוםexample.com", "example.com\u3002", "example\u3002com",
    "example\uff0ecom", "example.com\u3002jp", "日本example.com", "ｅｘａｍｐｌｅ.com",
    "https://example.com/" + "x" * 30, "a" * 64 + ".com", "a" * 63 + ".com", "example.onion",
    "example.COM.", "https://example.com?", "https://example.com/(a)", "example.com/(x",
    "http://例え.jp/パス", "https://ex\u200eample.com", "https://example.com\u200f/x",
    "www.ПРИМЕР.рф", "пример.рф", "example.рус", "https://example.com/a\ufeff", "a.co.ſe",
    "example.coK", "example.com-", "-example.com", "example.com_", "example.com@", "bit.ly/xyz",
    "ex\x7fample.com", "a" * 55 + "\u00fc.com", "https://" + "a" * 56 + "\u00fc\u00fc.de",
    "https://example.com/a..b", ".com", "example.", "http://", "https://.com",
)
TAGS = (
    "@usuario", "@user_name", "＠fullwidth", "#etiqueta", "#日本", "#123", "＃tag", "$TSLA",
    "$tsla", "$A.B", "@user@host.example", ".@user", "@", "#", "$",
)
SEPARATORS = (
    " ", " ", " ", "", "\n", "\n\n", "\t", "\u00a0", "\u3000", "\u200b", "(", ")", "[", "]",
    "\"", "'", ".", ",", "!", "?", ":", ";", "-", "_", "/", "…", "«", "»", "¡", "\u200e",
    "\u202b", "\u2066", "\u3002", "\uff0e", "\u0301", "\ufffe", "\ufeff", "\uffff",
)
# fmt: on
POOLS = (WORDS, EMOJI, LINKS, TAGS)


def corpus(size: int, seed: int) -> list[str]:
    """``size`` texts, always the same ones for one ``seed``."""
    rng = random.Random(seed)
    return [_text(rng) for _ in range(size)]


def _text(rng: random.Random) -> str:
    parts = [_fragment(rng) + rng.choice(SEPARATORS) for _ in range(rng.randint(0, 8))]
    text = "".join(parts)
    if rng.random() < 0.15:
        text = _padded(rng, text)
    form = rng.choice(("NFC", "NFC", "NFD", "none"))
    return text if form == "none" else unicodedata.normalize(form, text)


def _fragment(rng: random.Random) -> str:
    pool = rng.choice(POOLS)
    fragment = rng.choice(pool)
    if pool is LINKS and rng.random() < 0.3:
        fragment = rng.choice(("(", "[", '"', "«", "¿")) + fragment + rng.choice((")", ".", "!"))
    return fragment


def _padded(rng: random.Random, text: str) -> str:
    """``text`` grown towards 280 weighted characters, to land at, under and over the limit."""
    filler = rng.choice(("a", "b ", "ñ", "日", "😀", "é"))
    weight = 2 if filler in {"日", "😀"} else 1
    target = rng.randint(270, 290) - len(text)
    return text + filler * max(target // (weight * len(filler)), 0)
