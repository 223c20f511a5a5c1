"""Base forms a word may come from, so a dictionary of lemmas accepts inflected words.

pyspellchecker's Spanish list is mostly lemmas: it knows *estación*, *tener* and *poder* but
not *estaciones*, *tenemos* or *puedes*. :func:`spanish_bases` undoes the regular inflections
(plural, feminine, verb endings with their stem changes and spelling changes, enclitic
pronouns as in *límpiala*) and the common irregular stems; a word is accepted when one of its
bases is known. The rules only ever add readings, so they can hide a typo that happens to be
an inflection of a real word — rare, and a fair price for not flooding writers.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_AR = _words(
    "o as a amos ais an e es emos eis en aste asteis aron aba abas abamos abais aban "
    "are aras ara aremos areis aran aria arias ariamos ariais arian aramos arais ase ases "
    "asemos asen ando ado ada ados adas ad ar"
)
_ER_IR = _words(
    "o es e emos imos eis is en a as amos ais an i iste io isteis ieron ia ias iamos iais ian "
    "ere eras era eremos ereis eran eria erias eriamos eriais erian ire iras ira iremos ireis "
    "iran iria irias iriamos iriais irian iera ieras ieramos ierais ieran iese iesen iendo "
    "yendo yo yeron ido ida idos idas ed id er ir"
)
_SUFFIXES: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
    sorted(
        {
            **dict.fromkeys(_ER_IR, ("ar", "er", "ir")),
            **{s: ("ar",) for s in _AR if s not in _ER_IR},
        }.items(),
        key=lambda item: -len(item[0]),
    )
)
# Stem changes (puedo → poder, quiero → querer, pido → pedir, duermo → dormir) and spelling
# changes before an ending (busqué → buscar, llegué → llegar, empecé → empezar, elijo → elegir,
# conozco → conocer, sigo → seguir), applied to the end of the stem.
_STEM_CHANGES = (
    ("ue", "o"), ("ie", "e"), ("ie", "i"), ("i", "e"), ("u", "o"), ("qu", "c"), ("gu", "g"),
    ("c", "z"), ("z", "c"), ("j", "g"), ("zc", "c"), ("g", "gu"), ("y", "i"), ("y", ""),
)  # fmt: skip
_VOWEL_CHANGES = frozenset({"ue", "ie", "i", "u"})
_IRREGULAR_STEMS = {
    "tendr": "ten", "tuv": "ten", "podr": "pod", "pud": "pod", "habr": "hab", "hub": "hab",
    "har": "hac", "hic": "hac", "hiz": "hac", "dir": "dec", "dij": "dec", "querr": "quer",
    "quis": "quer", "sabr": "sab", "sup": "sab", "sep": "sab", "saldr": "sal", "salg": "sal",
    "vendr": "ven", "ving": "ven", "vin": "ven", "veng": "ven", "pondr": "pon", "pus": "pon",
    "pong": "pon", "teng": "ten", "estuv": "est", "anduv": "and", "traj": "tra", "traig": "tra",
    "cup": "cab", "valdr": "val", "hag": "hac", "dig": "dec", "produj": "produc",
    "conduj": "conduc", "oig": "o",
}  # fmt: skip
_IRREGULAR_FORMS = frozenset(
    _words(
        "fue fui fuiste fuimos fueron fuera fueran fuese era eras eramos eran soy eres somos son "
        "sea seas seamos sean sera seras seremos seran seria serian sido siendo "
        "voy vas va vamos vais van vaya vayas vayamos vayan ido yendo ve id "
        "he has ha hemos habeis han hay haya hayas hayamos hayan habia habian "
        "estoy estas esta estamos estais estan este estes estemos esten "
        "doy das da damos dan de des den dio dieron diera "
        "veo ves ve vemos veis ven vea vean vio vieron visto "
        "tengo tienes tiene tienen hecho dicho puesto vuelto escrito roto abierto muerto"
    )
)
_ENCLITICS = ("nos", "los", "las", "les", "me", "te", "se", "lo", "la", "le", "os")
_ACUTE = {"a": "á", "e": "é", "i": "í", "o": "ó", "u": "ú"}
_PLURALS = (("iones", "ión"), ("ces", "z"), ("es", ""), ("s", ""))
# Nouns and adjectives made from verbs and adjectives: aparcamiento → aparcar,
# señalización → señalizar, disponible → disponer, rápidamente → rápida.
# Matched on the word as written, so "estacion" (a missing accent) is not read as estar.
_DERIVATIONS = (
    ("amiento", "ar"), ("imiento", "er"), ("imiento", "ir"), ("ación", "ar"), ("aciones", "ar"),
    ("ición", "ir"), ("iciones", "ir"), ("ador", "ar"), ("adora", "ar"), ("edor", "er"),
    ("idor", "ir"), ("able", "ar"), ("ible", "er"), ("ible", "ir"), ("mente", ""),
)  # fmt: skip


def strip_accents(word: str) -> str:
    """``word`` without acute accents or diaeresis (ñ stays: it is a letter of its own)."""
    out = []
    for char in word:
        if char in "ñÑ":
            out.append(char)
            continue
        base = unicodedata.normalize("NFD", char)[0]
        out.append(base)
    return "".join(out)


def spanish_bases(word: str) -> Iterator[str]:
    """Forms a lower-case Spanish word may be an inflection of (the word itself first)."""
    plain = strip_accents(word)
    yield word
    yield plain
    for base in _without_enclitics(plain, plain != word):
        yield base
        yield from _nominal(base)
        yield from _verbal(base)
    yield from _nominal(word)
    yield from _derived(word)
    for base in _derived(word):
        yield from _nominal(base)


def is_spanish_irregular(word: str) -> bool:
    """Whether a lower-case word is a common irregular verb form (*fue*, *hemos*, *vayan*…)."""
    return strip_accents(word) in _IRREGULAR_FORMS


def english_bases(word: str) -> Iterator[str]:
    """Forms a lower-case English word may be an inflection of (the word itself first)."""
    yield word
    for ending, replacement in (("'s", ""), ("’s", ""), ("s", ""), ("es", ""), ("ies", "y")):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            yield word[: -len(ending)] + replacement


def _without_enclitics(word: str, accented: bool) -> Iterator[str]:
    yield word
    for first in _ENCLITICS:
        if word.endswith(first):
            rest = word[: -len(first)]
            if _takes_enclitic(rest, accented):
                yield rest
            for second in ("me", "te", "se", "nos", "os"):
                if rest.endswith(second) and _takes_enclitic(rest[: -len(second)], accented):
                    yield rest[: -len(second)]


def _takes_enclitic(base: str, accented: bool) -> bool:
    """Pronouns attach to infinitives (cancelarlo), gerunds (cerrándolo) and imperatives.

    An imperative with a pronoun is written with an accent (límpiala, cuéntanos): without
    one, a vowel-final base is more likely a noun that happens to end like a pronoun.
    """
    if len(base) < 3:
        return False
    return base.endswith(("r", "ndo")) or (accented and base[-1] in "aeiou")


def singular_bases(word: str) -> Iterator[str]:
    """A Spanish word and the singulars it may be the plural of (*rincones* → *rincón*)."""
    yield word
    for ending, replacement in _PLURALS:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            singular = word[: -len(ending)] + replacement
            yield singular
            yield strip_accents(singular)
            if ending == "es":
                yield _accent_last_vowel(singular)  # rincones → rincón, ingleses → inglés


def _nominal(word: str) -> Iterator[str]:
    """Singular and masculine readings of a noun or adjective (*abiertas* → *abierto*)."""
    for singular in singular_bases(word):
        yield singular
        if singular.endswith("a") or singular.endswith("o"):
            yield singular[:-1] + ("o" if singular.endswith("a") else "a")


def _accent_last_vowel(word: str) -> str:
    for i in range(len(word) - 1, -1, -1):
        if word[i] in _ACUTE:
            return word[:i] + _ACUTE[word[i]] + word[i + 1 :]
    return word


def _derived(word: str) -> Iterator[str]:
    for ending, replacement in _DERIVATIONS:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            base = word[: -len(ending)] + replacement
            yield base
            if base.endswith("a"):
                yield base[:-1] + "o"


def _verbal(word: str) -> Iterator[str]:
    for suffix, infinitives in _SUFFIXES:
        if not word.endswith(suffix) or len(word) - len(suffix) < 1:
            continue
        stem = word[: -len(suffix)]
        for variant in _stems(stem):
            for infinitive in infinitives:
                yield variant + infinitive


def _stems(stem: str) -> Iterator[str]:
    yield stem
    if stem in _IRREGULAR_STEMS:
        yield _IRREGULAR_STEMS[stem]
    for old, new in _STEM_CHANGES:
        at = stem.rfind(old)
        if at >= 0 and (
            old not in ("qu", "gu", "c", "z", "j", "zc", "g", "y") or stem.endswith(old)
        ):
            yield stem[:at] + new + stem[at + len(old) :]
