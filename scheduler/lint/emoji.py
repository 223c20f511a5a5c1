"""The ``emoji`` rule: a few emoji help, a string of them reads as noise."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from portavoz.scheduler.lint.context import Finding, PostText, at
from portavoz.scheduler.lint.ids import RuleId
from portavoz.scheduler.networks.emojis import emoji_spans


def count_emoji(text: str) -> int:
    """``len(emoji_spans(text))``, line by line: an emoji never holds a line break (a grapheme
    cluster ends at one), and a variant repeats the title's and the summary's lines."""
    return sum(map(_line_emoji, text.split("\n")))


@lru_cache(maxsize=4096)
def _line_emoji(line: str) -> int:
    return len(emoji_spans(line))


def check_emoji(ctx: PostText) -> Iterator[Finding]:
    """More emoji than allowed in the title, the summary or a variant part."""
    most = ctx.settings.emoji_max
    for order, segment in enumerate(ctx.segments):
        if segment.key == "body":
            continue
        found = count_emoji(segment.text)
        if found > most:
            message = f"{found} emoji, more than the {most} allowed; keep those that carry meaning"
            yield at(RuleId.EMOJI, segment, order, message, f"{segment.key} {segment.label}")
