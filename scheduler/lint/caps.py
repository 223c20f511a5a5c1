"""The ``caps`` rule: a run of words in capitals reads as shouting.

Words of one letter and listed acronyms (``UTM``, ``API``, the project dictionary's
capitalised words such as promo codes) neither count nor break a run; links, hashtags,
mentions and code are not read.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from portavoz.scheduler.lint.context import Finding, PostText, at
from portavoz.scheduler.lint.ids import RuleId
from portavoz.scheduler.lint.segments import prose

_WORD = regex.compile(r"[\p{L}\p{M}]+(?:[-'’][\p{L}\p{M}]+)*")


def shouting(text: str, acronyms: frozenset[str], least: int) -> Iterator[str]:
    """Each run of at least ``least`` capitalised words in ``text``, as written."""
    if sum(map(str.isupper, text)) < least:
        return  # each word of a run holds an upper-case letter: most titles have one or two
    run: list[regex.Match[str]] = []
    for match in _WORD.finditer(prose(text)):
        word = match.group()
        if not run and not word.isupper():
            continue  # skipped or not, such a word leaves the run empty: no need to look closer
        letters = sum(c.isalpha() for c in word)
        if letters < 2 or word in acronyms:
            continue
        if word.isupper():
            run.append(match)
            continue
        if len(run) >= least:
            yield text[run[0].start() : run[-1].end()]
        run = []
    if len(run) >= least:
        yield text[run[0].start() : run[-1].end()]


def check_caps(ctx: PostText) -> Iterator[Finding]:
    """Shouting in the title, the summary and each variant part."""
    settings = ctx.settings
    for order, segment in enumerate(ctx.segments):
        if segment.key == "body":
            continue
        for run in shouting(segment.text, settings.acronyms, settings.caps_words):
            message = f"'{run}' is in capitals, which reads as shouting; write it in sentence case"
            yield at(RuleId.CAPS, segment, order, message, run)
