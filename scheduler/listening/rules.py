"""Keyword and regex rules: attach labels and route entries to departments.

Matching is done on *folded* text (accents removed, case folded, ``ñ`` kept — see
:func:`portavoz.scheduler.base.fold.fold`), so the keyword "facturacion" finds "Facturación" and
"FACTURACIÓN", while "ano" does not find "año". Keywords match whole words
(or whole phrases): "luz" does not match "luzmila". Regex patterns are applied to the same
folded text, so write them in lower case and without accents.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from portavoz.scheduler.base.fold import fold
from portavoz.scheduler.listening.normalise import Entry
from portavoz.scheduler.listening.settings import RoutingRule


@dataclass(frozen=True)
class Labelled:
    """An entry that matched at least one rule."""

    entry: Entry
    labels: tuple[str, ...]
    departments: tuple[str, ...]


@dataclass(frozen=True)
class CompiledRule:
    """A rule with its keywords and patterns compiled into one regex over folded text."""

    rule: RoutingRule
    regex: re.Pattern[str]


def compile_rules(rules: Iterable[RoutingRule]) -> tuple[CompiledRule, ...]:
    """Compile rules once per run; patterns were validated in :mod:`.settings`."""
    return tuple(CompiledRule(rule, _regex(rule)) for rule in rules)


def classify(entries: Iterable[Entry], rules: Iterable[CompiledRule]) -> tuple[Labelled, ...]:
    """Return the entries that match any rule, with their labels and departments.

    Args:
        entries: Entries to classify, in the order they should be reported.
        rules: Compiled rules, in config order (labels and departments keep that order).
    """
    compiled = tuple(rules)
    matches = (_classify(entry, compiled) for entry in entries)
    return tuple(match for match in matches if match is not None)


def _classify(entry: Entry, rules: tuple[CompiledRule, ...]) -> Labelled | None:
    folded = fold(f"{entry.text} {entry.author}")
    hits = [r.rule for r in rules if r.regex.search(folded)]
    if not hits:
        return None
    labels = tuple(dict.fromkeys(rule.label for rule in hits))
    departments = tuple(dict.fromkeys(d for rule in hits for d in rule.departments))
    return Labelled(entry, labels, departments)


def _regex(rule: RoutingRule) -> re.Pattern[str]:
    words = [_keyword(k) for k in rule.keywords if k.strip()]
    alternatives = words + [f"(?:{p})" for p in rule.patterns]
    return re.compile("|".join(alternatives) or r"(?!)", re.IGNORECASE)


def _keyword(keyword: str) -> str:
    """Whole word or phrase, any run of spaces between its words."""
    parts = [re.escape(part) for part in fold(keyword).split()]
    return r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)"
