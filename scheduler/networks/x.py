"""X (Twitter): weighted length exactly as twitter-text 3.1.0's ``parseTweet`` measures it.

Text is NFC-normalised; each character weighs 1 if it falls in the configured ranges (Latin,
general punctuation, …) and 2 otherwise; every link (with or without scheme) weighs 23, however
long it is; each emoji twemoji-parser 11 knows weighs 2, while newer ones and clusters that are
no emoji (``🐦‍🔥``, ``🇦🇧``, ``😀`` + a combining mark) weigh their characters, as X counts them.
The walk runs over UTF-16 code units, as the JavaScript does (see ``twitter_text``).
"""

from __future__ import annotations

import bisect
import math
import re
import sys
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cache

from portavoz.scheduler.networks.base import Count, Defaults, share_query, with_warning
from portavoz.scheduler.networks.twitter_text import (
    emoji_entities,
    extract_urls_with_indices,
    utf16_units,
)
from portavoz.scheduler.networks.units import LATIN, Unit, utf16_length

_INVALID_CHARACTERS = frozenset("\ufffe\ufeff\uffff")
_INVALID = re.compile("[\ufffe\ufeff\uffff]")
_LATIN_END = 0x24F
"""The last code point of :data:`LATIN` texts."""


@dataclass(frozen=True)
class WeightRange:
    """Code points from ``start`` to ``end`` (inclusive) weigh ``weight``."""

    start: int
    end: int
    weight: int


@dataclass(frozen=True)
class WeightConfig:
    """A twitter-text configuration (the fields of its ``config/v3.json``).

    Attributes:
        max_weighted_length: Limit, in weighted characters.
        scale: Weights are divided by this to give characters.
        default_weight: Weight of code points outside every range.
        transformed_url_length: Characters a link counts as.
        emoji_parsing: Whether each emoji twemoji-parser finds weighs ``default_weight`` once (v3).
        ranges: Code point ranges with their own weight.
    """

    max_weighted_length: int
    scale: int
    default_weight: int
    transformed_url_length: int
    emoji_parsing: bool
    ranges: tuple[WeightRange, ...]

    @classmethod
    def from_mapping(cls, data: Mapping[str, object]) -> WeightConfig:
        """Build from the JSON form twitter-text publishes (``maxWeightedTweetLength``, …)."""
        raw_ranges = data.get("ranges", [])
        if not isinstance(raw_ranges, list):
            raise TypeError(f"'ranges' must be a list, got {raw_ranges!r}")
        return cls(
            max_weighted_length=_int(data, "maxWeightedTweetLength"),
            scale=_int(data, "scale"),
            default_weight=_int(data, "defaultWeight"),
            transformed_url_length=_int(data, "transformedURLLength"),
            emoji_parsing=bool(data.get("emojiParsingEnabled", False)),
            ranges=tuple(
                WeightRange(_int(r, "start"), _int(r, "end"), _int(r, "weight")) for r in raw_ranges
            ),
        )

    def weight(self, char: str) -> int:
        """Weight of one code point."""
        code = ord(char)
        for weight_range in self.ranges:
            if weight_range.start <= code <= weight_range.end:
                return weight_range.weight
        return self.default_weight


def _int(data: object, key: str) -> int:
    value = data.get(key) if isinstance(data, Mapping) else None
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{key!r} must be an integer, got {value!r}")
    return value


V3 = WeightConfig(
    max_weighted_length=280,
    scale=100,
    default_weight=200,
    transformed_url_length=23,
    emoji_parsing=True,
    ranges=(
        WeightRange(0, 4351, 100),
        WeightRange(8192, 8205, 100),
        WeightRange(8208, 8223, 100),
        WeightRange(8242, 8247, 100),
    ),
)


@dataclass(frozen=True)
class ParsedTweet:
    """twitter-text's ``parseTweet`` result; ranges are UTF-16 indices, both ends inclusive.

    Attributes:
        weighted_length: Length in weighted characters.
        valid: Within the limit, not empty, and free of invalid characters.
        permillage: ``weighted_length`` as thousandths of the limit (rounded down).
        display_range_start: First UTF-16 index of the text (always 0).
        display_range_end: Last UTF-16 index of the text.
        valid_range_start: First UTF-16 index of the part within the limit (always 0).
        valid_range_end: Last UTF-16 index of the part within the limit.
    """

    weighted_length: int
    valid: bool
    permillage: int
    display_range_start: int
    display_range_end: int
    valid_range_start: int
    valid_range_end: int


def parse_tweet(text: str, config: WeightConfig = V3) -> ParsedTweet:
    """Measure ``text`` as X does (twitter-text 3.1.0's ``parseTweet``).

    Args:
        text: The post.
        config: Weighting rules; the current ones by default.

    Returns:
        Weighted length, validity and the display and valid ranges.
    """
    normalized = unicodedata.normalize("NFC", text)
    units = utf16_units(normalized)
    limit = config.max_weighted_length * config.scale
    total, valid, valid_end = 0, True, 0
    for start, end, weight, plain in _weighted_runs(normalized, units, config):
        run = units[start:end]
        # A plain run is weighed at once unless the limit or an invalid character falls in it;
        # then it is walked character by character, as twitter-text walks every one.
        if plain and (not valid or total + weight <= limit) and _clean(run):
            total += weight
            valid_end = end - 1 if valid else valid_end
            continue
        for last, item_weight in _items(start, run, config) if plain else [(end - 1, weight)]:
            total += item_weight
            # twitter-text tests only the last code unit of a link or emoji for validity.
            valid = valid and units[last] not in _INVALID_CHARACTERS
            if valid and total <= limit:
                valid_end = last
    # Offsets are reported on the text as given, so NFC's change in length is added back.
    length = utf16_length(text)
    return ParsedTweet(
        weighted_length=total // config.scale,
        valid=valid and 0 < total <= limit,
        # Floating point, in twitter-text's order of operations, so it rounds as it does.
        permillage=math.floor(total / config.scale / config.max_weighted_length * 1000),
        display_range_start=0,
        display_range_end=max(length - 1, 0),
        valid_range_start=0,
        valid_range_end=valid_end + length - len(units),
    )


def weighted_length(text: str, config: WeightConfig = V3) -> int:
    """``parse_tweet(text, config).weighted_length``, without the ranges.

    The same runs summed at once: only the valid range needs the walk character by character
    past the limit, and counting a text that is too long (the fitter's first try) is the
    common case.
    """
    normalized = unicodedata.normalize("NFC", text)
    units = utf16_units(normalized)
    total = sum(weight for _, _, weight, _ in _weighted_runs(normalized, units, config))
    return total // config.scale


def _weighted_runs(
    text: str, units: str, config: WeightConfig
) -> Iterator[tuple[int, int, int, bool]]:
    """Yield ``(start, end, weight, plain)`` (UTF-16 indices) of each link or emoji and of each
    run of plain characters between them (``plain``; its weight is the sum of theirs)."""
    entities = {
        url.start: (
            url.start + len(utf16_units(url.url)),
            config.transformed_url_length * config.scale,
        )
        for url in extract_urls_with_indices(text)
    }
    if config.emoji_parsing:
        for start, end in emoji_entities(text):
            entities.setdefault(start, (end, config.default_weight))
    starts = sorted(entities)
    index = 0
    while index < len(units):
        # The next entity starting here or later; one starting inside the last is skipped.
        following = bisect.bisect_left(starts, index)
        upcoming = starts[following] if following < len(starts) else len(units)
        if upcoming > index:
            upcoming += _splits_pair(units, upcoming)
            yield index, upcoming, _run_weight(units[index:upcoming], config), True
            index = upcoming
            continue
        # A link is skipped by its text's length, as twitter-text does, not by its indices.
        end, weight = entities[index]
        yield index, end, weight, False
        index = end


def _splits_pair(units: str, index: int) -> int:
    """1 when ``index`` falls between the halves of a surrogate pair (walked as one character)."""
    return int(0 < index < len(units) and _is_high(units[index - 1]) and _is_low(units[index]))


def _is_high(unit: str) -> bool:
    return "\ud800" <= unit <= "\udbff"


def _is_low(unit: str) -> bool:
    return "\udc00" <= unit <= "\udfff"


def _items(start: int, run: str, config: WeightConfig) -> list[tuple[int, int]]:
    """``(last unit index, weight)`` of each character; a pair weighs as its low half does
    (twitter-text reads ``charCodeAt`` after stepping over the high half)."""
    items: list[tuple[int, int]] = []
    index = 0
    while index < len(run):
        index += _splits_pair(run, index + 1)
        items.append((start + index, config.weight(run[index])))
        index += 1
    return items


def _clean(run: str) -> bool:
    return _INVALID_CHARACTERS.isdisjoint(run)


def _run_weight(run: str, config: WeightConfig) -> int:
    """Sum of the characters' weights, counted per weight class by regular expressions.

    ``run`` is UTF-16 code units; a surrogate pair weighs as its low half alone.
    """
    default, classes, uniform = _weight_classes(config.ranges, config.default_weight)
    top, uniform_weight, heavier = uniform
    if (run.isascii() and top >= 0x7F) or heavier.search(run) is None:
        return uniform_weight * len(run)  # most runs: every character in the first range
    units = default * len(run) + sum((w - default) * len(p.findall(run)) for p, w in classes)
    return units - sum(config.weight(pair[0]) for pair in _PAIR.findall(run))


_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")


_Classes = tuple[int, tuple[tuple[re.Pattern[str], int], ...], tuple[int, int, re.Pattern[str]]]
"""The default weight, a class per other weight, and the uniform start (:func:`_uniform_start`)."""


def _weight_classes(ranges: tuple[WeightRange, ...], default: int) -> _Classes:
    """One character class per weight (where ranges overlap the first one wins, as in
    weight()), and the code points from U+0000 that all weigh the same: ``(last, weight)``.

    Kept by the ranges' identity: hashing them (frozen dataclasses) would cost more than a
    short count.
    """
    key = (id(ranges), default)
    known = _CLASSES.get(key)
    if known is None or known[0] is not ranges:
        known = _CLASSES[key] = (ranges, _classes(ranges, default))
    return known[1]


_CLASSES: dict[tuple[int, int], tuple[tuple[WeightRange, ...], _Classes]] = {}
"""By the ranges' id and the default weight; the ranges are kept, so their id stays theirs."""


@cache
def _classes(ranges: tuple[WeightRange, ...], default: int) -> _Classes:
    covered: list[tuple[int, int]] = []
    by_weight: dict[int, list[tuple[int, int]]] = {}
    for r in ranges:
        for piece in _uncovered(max(r.start, 0), min(r.end, sys.maxunicode), covered):
            by_weight.setdefault(r.weight, []).append(piece)
            covered.append(piece)
    classes = tuple(
        (re.compile("[" + "".join(f"{_escape(a)}-{_escape(b)}" for a, b in pieces) + "]"), w)
        for w, pieces in by_weight.items()
        if w != default
    )
    return default, classes, _uniform_start(ranges, default)


def _uniform_start(
    ranges: tuple[WeightRange, ...], default: int
) -> tuple[int, int, re.Pattern[str]]:
    """The last code point up to which every one from U+0000 weighs as U+0000 does, below the
    surrogates (which weigh in pairs), that weight, and a pattern finding any other character.
    The weight only changes where a range starts or ends, so only those points are looked at."""
    config = WeightConfig(0, 1, default, 0, emoji_parsing=False, ranges=ranges)
    first = config.weight("\0")
    edges = sorted({r.start for r in ranges} | {r.end + 1 for r in ranges})
    top = 0xD7FF
    for edge in edges:
        if 0 < edge <= top and config.weight(chr(edge)) != first:
            top = edge - 1
            break
    return top, first, re.compile(f"[^{_escape(0)}-{_escape(top)}]")


def _uncovered(start: int, end: int, covered: list[tuple[int, int]]) -> list[tuple[int, int]]:
    pieces = [(start, end)] if start <= end else []
    for a, b in covered:
        pieces = [
            part
            for s, e in pieces
            for part in ((s, min(e, a - 1)), (max(s, b + 1), e))
            if part[0] <= part[1]
        ]
    return pieces


def _escape(code: int) -> str:
    return f"\\U{code:08x}"


@dataclass(frozen=True)
class X(Defaults):
    """X's rules: 280 weighted characters, every link 23, every emoji twitter-text knows 2.

    Attributes:
        limit: Most weighted characters (280; longer for paid accounts).
        config: Weighting rules, the current v3 ones by default.
    """

    limit: int = V3.max_weighted_length
    config: WeightConfig = V3
    name: str = field(default="x", init=False)
    label: str = field(default="X", init=False)
    default_hashtags: int = field(default=2, init=False)
    threadable: bool = field(default=True, init=False)

    def count(self, text: str, *, content_warning: str = "") -> Count:
        """Weighted length of ``text``; X has no warning field, so one given goes first."""
        full = with_warning(text, content_warning)
        # The weighted length does not depend on the limit: only parse_tweet's validity does.
        length = weighted_length(full, self.config)
        problems: tuple[str, ...] = ()
        if _INVALID.search(full):
            problems = ("contains characters X rejects (U+FFFE, U+FEFF or U+FFFF)",)
        elif (
            length == 0
            and not parse_tweet(full, replace(self.config, max_weighted_length=self.limit)).valid
        ):
            problems = ("is empty; X publishes no post without text",)
        return Count(self.name, length, self.limit, Unit.WEIGHTED, problems)

    def surely_over(self, text: str, *, content_warning: str = "") -> bool:
        """Over when a Latin text is, with each word that may hold a link as one link.

        In a Latin text already in NFC every character weighs the same (no emoji, whose
        patterns need code points from U+2000), and a link holds a ``.`` and no white space:
        such a word weighs at least a link or its own characters, whichever is less.
        """
        full = with_warning(text, content_warning)
        if not LATIN.fullmatch(full) or not unicodedata.is_normalized("NFC", full):
            return False
        config = self.config
        top, weight, _ = _weight_classes(config.ranges, config.default_weight)[2]
        if top < _LATIN_END:
            return False
        link = config.transformed_url_length * config.scale
        linked = sum(max(weight * len(w) - link, 0) for w in full.split() if "." in w)
        return (weight * len(full) - linked) // config.scale > self.limit

    def share_url(self, url: str, title: str, *, server: str) -> str | None:
        """The post intent, with the title as text and the link apart."""
        return f"https://x.com/intent/post?{share_query({'text': title, 'url': url})}"
