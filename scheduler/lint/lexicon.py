"""The spelling rule's word lists, in a compact form read in a few milliseconds.

pyspellchecker ships each language as gzipped JSON (word → frequency) and builds its
``SpellChecker`` from it: decompressing, parsing, lower-casing every key and collecting the
alphabet takes about 0.2–0.7 s per language, on every run. The rule needs only what that
object holds — each word's frequency, the alphabet its edits use and the longest word — so
those are kept here as package data (``data/lexicon-<lang>.txt``), made from the installed
pyspellchecker by ``python -m portavoz.scheduler.lint.lexicon`` (the tests check that this
gives the very same bytes).

The file is UTF-8 text, one fact a line::

    # comment lines (what made the file)
    letters<TAB>abc…ñóú            the alphabet, sorted
    longest<TAB>21                 length of the longest word
    <frequency><TAB>word word …    the words seen that often, sorted; most frequent first

Its last line holds the lowest frequency, which most words share (they are kept as a set).
"""

from __future__ import annotations

import string
import sys
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

LANGUAGES = ("es", "en")
"""Languages with a lexicon in the package."""

_DATA = "data"


@dataclass(frozen=True)
class Lexicon:
    """A language's words, as pyspellchecker's list has them.

    Attributes:
        common: Frequency of each word seen more often than :attr:`floor`.
        rare: Words seen exactly :attr:`floor` times (most of the list).
        floor: The lowest frequency in the list.
        letters: The alphabet of the list (edits insert and replace only these).
        longest: Length of the longest word.
    """

    common: Mapping[str, int]
    rare: frozenset[str]
    floor: int
    letters: str
    longest: int

    def __contains__(self, word: object) -> bool:
        return word in self.common or word in self.rare

    def frequency(self, word: str) -> int:
        """How often the list saw ``word`` (0 when it is not there)."""
        found = self.common.get(word)
        if found is not None:
            return found
        return self.floor if word in self.rare else 0

    def edits(self, word: str) -> set[str]:
        """Every string one edit from ``word``, as ``SpellChecker.edit_distance_1`` gives them.

        A deletion, a swap of neighbours, a replacement or an insertion of a letter of the
        list's alphabet; ``word`` alone when pyspellchecker would not check it (a number, or
        too long to be a word of the list).
        """
        word = word.lower()
        if not _checkable(word, self.longest):
            return {word}
        splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
        deletes = [a + b[1:] for a, b in splits if b]
        swaps = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
        replaces = [a + c + b[1:] for a, b in splits if b for c in self.letters]
        inserts = [a + c + b for a, b in splits for c in self.letters]
        return set(deletes + swaps + replaces + inserts)


def _checkable(word: str, longest: int) -> bool:
    """pyspellchecker's own test of what it computes edits for (``_check_if_should_check``)."""
    if len(word) == 1 and word in string.punctuation:
        return False
    if len(word) > longest + 3:
        return False
    if word in ("nan", "inf", "infinity"):
        return True
    try:
        float(word)
    except ValueError:
        return True
    return False


@cache
def lexicon(lang: str) -> Lexicon:
    """The packaged lexicon of ``lang`` (a member of :data:`LANGUAGES`), read once per process."""
    data = files("portavoz.scheduler.lint").joinpath(f"{_DATA}/lexicon-{lang}.txt")
    return parse_lexicon(data.read_text(encoding="utf-8"))


def parse_lexicon(text: str) -> Lexicon:
    """Read a lexicon file's text (see the module's docstring for the format)."""
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    header = dict(line.split("\t", 1) for line in lines[:2])
    common: dict[str, int] = {}
    for line in lines[2:-1]:
        frequency, words = line.split("\t", 1)
        common.update(dict.fromkeys(words.split(" "), int(frequency)))
    floor, rare = lines[-1].split("\t", 1)
    return Lexicon(
        common, frozenset(rare.split(" ")), int(floor), header["letters"], int(header["longest"])
    )


def lexicon_text(frequencies: Mapping[str, int], source: str) -> str:
    """A lexicon file's text for a word list (word → frequency); the same list, the same text.

    Args:
        frequencies: The words, lower-cased, with how often each was seen.
        source: What the list is, for the comment line.

    Raises:
        ValueError: A word holds white space (the format separates words by spaces).
    """
    by_frequency: defaultdict[int, list[str]] = defaultdict(list)
    for word, frequency in frequencies.items():
        if not word or any(c.isspace() for c in word):
            raise ValueError(f"{source}: word {word!r} cannot be written in a lexicon")
        by_frequency[frequency].append(word)
    letters = "".join(sorted(set().union(*frequencies)))
    longest = max(map(len, frequencies))
    lines = [
        f"# {source}; made by python -m portavoz.scheduler.lint.lexicon",
        f"letters\t{letters}",
        f"longest\t{longest}",
        *(f"{n}\t{' '.join(sorted(by_frequency[n]))}" for n in sorted(by_frequency, reverse=True)),
    ]
    return "\n".join(lines) + "\n"


def pyspellchecker_text(lang: str) -> str:
    """The lexicon of ``lang`` made from the installed pyspellchecker's list (no network)."""
    from importlib.metadata import version

    from spellchecker import SpellChecker  # only to make the files: the rule never loads it

    checker = SpellChecker(language=lang, distance=1)
    source = f"{lang}: pyspellchecker {version('pyspellchecker')}"
    return lexicon_text(checker.word_frequency.dictionary, source)


def main(folder: Path | None = None) -> None:
    """Write ``data/lexicon-<lang>.txt`` for every language (after a pyspellchecker update)."""
    target = folder or Path(__file__).parent / _DATA
    for lang in LANGUAGES:
        path = target / f"lexicon-{lang}.txt"
        path.write_bytes(pyspellchecker_text(lang).encode("utf-8"))
        print(path, file=sys.stderr)


if __name__ == "__main__":
    main()
