"""Split a long text into numbered parts (``1/3``), each within the network's limit."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from portavoz.scheduler.networks import Count

Measure = Callable[[str], Count]
_SENTENCE = re.compile(r"(?<=[.!?…])\s+")
_WIDEST_NUMBER = "99/99"


def number(parts: Sequence[str]) -> tuple[str, ...]:
    """Append ``i/n`` to each part (a single part stays as it is)."""
    if len(parts) < 2:
        return tuple(parts)
    return tuple(f"{part}\n\n{i}/{len(parts)}" for i, part in enumerate(parts, 1))


def split(
    blocks: Sequence[str], measure: Measure, fits: Callable[[str], bool] | None = None
) -> tuple[str, ...]:
    """Pack paragraphs into as few numbered parts as fit, breaking only between words.

    A paragraph too long for one part is cut between sentences, then between words.

    Args:
        blocks: The paragraphs, in order.
        measure: Counts a text.
        fits: Whether a text fits, as ``measure(text).fits`` says (it may know sooner that a
            text is too long); by default exactly that.
    """
    fits = _fits_with_number(fits or (lambda text: measure(text).fits))
    pieces = [piece for block in blocks for piece in _pieces(block, fits)]
    parts: list[str] = []
    for piece in pieces:
        candidate = f"{parts[-1]}\n\n{piece}" if parts else piece
        if parts and fits(candidate):
            parts[-1] = candidate
        else:
            parts.append(piece)
    return number(parts)


def _fits_with_number(fits: Callable[[str], bool]) -> Callable[[str], bool]:
    def fits_numbered(text: str) -> bool:
        return fits(f"{text}\n\n{_WIDEST_NUMBER}")

    return fits_numbered


def _pieces(block: str, fits: Callable[[str], bool]) -> list[str]:
    if fits(block):
        return [block]
    out: list[str] = []
    for sentence in _SENTENCE.split(block):
        out.extend([sentence] if fits(sentence) else _words(sentence, fits))
    return _merge(out, fits, " ")


def _words(sentence: str, fits: Callable[[str], bool]) -> list[str]:
    return _merge(sentence.split(), fits, " ")


def _merge(items: list[str], fits: Callable[[str], bool], joiner: str) -> list[str]:
    merged: list[str] = []
    for item in items:
        if merged and fits(merged[-1] + joiner + item):
            merged[-1] += joiner + item
        else:
            merged.append(item)
    return merged


def counts(parts: Sequence[str], measure: Measure) -> tuple[Count, ...]:
    """Count every part."""
    return tuple(measure(part) for part in parts)
