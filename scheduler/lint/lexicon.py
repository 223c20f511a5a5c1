"""The spelling rule's word lists, in a compact form read in a few milliseconds.

pyspellchecker ships each language as gzipped JSON (word → frequency) and builds its
``SpellChecker`` from it: decompressing, parsing, lower-casing every key and collecting the
alphabet takes about 0.2–0.7 s per language, on every run. The rule needs only what that
object holds — each word's frequency, the alphabet its edits use and the longest word — so
those are kept here as package data (``data/lexicon-<lang>.txt``), made from the installed
pyspellchecker by ``python -m portavoz.scheduler.lint.lexicon`` (the tests check that this
gives the very same bytes).

Words are kept as they are read, a few long strings rather than a set: the two lists hold
about 250,000 words, which as ``str`` objects in sets and dicts took 23 MiB for the whole
build; as blocks of words of one length and first letter, run together, they take under 3 MiB,
and a word is found with one ``str.find`` in a block of a few hundred.

The file is UTF-8 text, one fact a line::

    # comment lines (what made the file)
    letters<TAB>abc…ñóú            the alphabet, sorted
    longest<TAB>21                 length of the longest word
    floor<TAB>50                   the lowest frequency, which most words share
    <length><TAB><first letter><TAB><words run together><TAB><their frequencies><TAB><words>

Each block line holds the words of one length and first letter: first those seen more often
than the floor (sorted, with their frequencies), then those seen that rarely (sorted).
"""

from __future__ import annotations

import string
import sys
from array import array
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

LANGUAGES = ("es", "en")
"""Languages with a lexicon in the package."""

_DATA = "data"

Block = tuple[str, "array[int]"]
"""Words of one length and first letter run together, and the frequencies of the first ones
(the others are seen :attr:`Lexicon.floor` times)."""


@dataclass(frozen=True)
class Lexicon:
    """A language's words, as pyspellchecker's list has them.

    Attributes:
        blocks: The words by length and first letter (see :data:`Block`).
        floor: The lowest frequency in the list.
        letters: The alphabet of the list (edits insert and replace only these).
        longest: Length of the longest word.
    """

    blocks: Mapping[tuple[int, str], Block]
    floor: int
    letters: str
    longest: int

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._where(word) is not None

    def frequency(self, word: str) -> int:
        """How often the list saw ``word`` (0 when it is not there)."""
        found = self._where(word)
        if found is None:
            return 0
        counts, index = found
        return counts[index] if index < len(counts) else self.floor

    def _where(self, word: str) -> tuple[array[int], int] | None:
        """The frequencies of ``word``'s block and its place there, if it is listed."""
        size = len(word)
        block = self.blocks.get((size, word[:1]))
        if block is None:
            return None
        text, counts = block
        at = text.find(word)
        while at > 0 and at % size:  # found across two words: look on from the next one
            at = text.find(word, at - at % size + size)
        return (counts, at // size) if at >= 0 else None

    @property
    def common(self) -> dict[str, int]:
        """Frequency of each word seen more often than :attr:`floor` (built on each call)."""
        return {
            text[i * size : (i + 1) * size]: n
            for (size, _), (text, counts) in self.blocks.items()
            for i, n in enumerate(counts)
        }

    @property
    def rare(self) -> frozenset[str]:
        """Words seen exactly :attr:`floor` times (built on each call)."""
        return frozenset(
            text[i * size : (i + 1) * size]
            for (size, _), (text, counts) in self.blocks.items()
            for i in range(len(counts), len(text) // size)
        )

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
    header = dict(line.split("\t", 1) for line in lines[:3])
    blocks: dict[tuple[int, str], Block] = {}
    for line in lines[3:]:
        size, first, common, counts, rare = line.split("\t")
        blocks[int(size), first] = (common + rare, _counts(counts.split()))
    return Lexicon(blocks, int(header["floor"]), header["letters"], int(header["longest"]))


def _counts(numbers: list[str]) -> array[int]:
    """Frequencies as 4-byte numbers, or 8-byte ones for a list that counts past 2³²."""
    values = list(map(int, numbers))
    try:
        return array("I", values)
    except OverflowError:
        return array("Q", values)


def lexicon_text(frequencies: Mapping[str, int], source: str) -> str:
    """A lexicon file's text for a word list (word → frequency); the same list, the same text.

    Args:
        frequencies: The words, lower-cased, with how often each was seen.
        source: What the list is, for the comment line.

    Raises:
        ValueError: A word is empty or holds white space (the format separates fields by tabs
            and lines).
    """
    floor = min(frequencies.values())
    blocks: defaultdict[tuple[int, str], list[str]] = defaultdict(list)
    for word in frequencies:
        if not word or any(c.isspace() for c in word):
            raise ValueError(f"{source}: word {word!r} cannot be written in a lexicon")
        blocks[len(word), word[0]].append(word)
    letters = "".join(sorted(set().union(*frequencies)))
    longest = max(map(len, frequencies))
    lines = [
        f"# {source}; made by python -m portavoz.scheduler.lint.lexicon",
        f"letters\t{letters}",
        f"longest\t{longest}",
        f"floor\t{floor}",
        *(_block_line(key, blocks[key], frequencies, floor) for key in sorted(blocks)),
    ]
    return "\n".join(lines) + "\n"


def _block_line(
    key: tuple[int, str], words: list[str], frequencies: Mapping[str, int], floor: int
) -> str:
    common = sorted(w for w in words if frequencies[w] > floor)
    rare = sorted(w for w in words if frequencies[w] == floor)
    counts = " ".join(str(frequencies[w]) for w in common)
    return f"{key[0]}\t{key[1]}\t{''.join(common)}\t{counts}\t{''.join(rare)}"


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
