"""Lint settings: the ``lint:`` options of ``portavoz/scheduler``, validated into a frozen value.

.. code-block:: yaml

    plugins:
      - portavoz/scheduler:
          lint:
            dictionary: content/dictionary.txt   # one word per line, "#" comments
            rules:
              spelling: {severity: error}         # warning | error | off
              neutrality: {terms: {es: {deporte: [fútbol]}}, defaults: true}
              banned: {terms: [low cost, chollo]}
              emoji: {max: 3}
              hashtags: {max: {x: 2}}
              caps: {acronyms: [UTM, API], words: 3}
              image-alt: {min_length: 15}
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path

import yaml

from portavoz.scheduler.base.files import read_regular
from portavoz.scheduler.base.options import ConfigError, OptionReader, shown
from portavoz.scheduler.base.problems import ContentError, Severity
from portavoz.scheduler.base.yaml_load import fastest_safe_loader
from portavoz.scheduler.compose.settings import (
    SCHEDULER_PATH,
    network_options,
    scheduler_settings,
)
from portavoz.scheduler.lint.ids import RuleId
from portavoz.scheduler.lint.rules import RULES
from portavoz.scheduler.lint.spelling import read_dictionary
from portavoz.scheduler.networks import get_network, network_names

DEFAULT_DICTIONARY = "content/dictionary.txt"
"""Project dictionary read when ``lint.dictionary`` is not set (if the file exists)."""

DEFAULT_ACRONYMS = frozenset({"API", "CSV", "FAQ", "GPS", "ICS", "PDF", "RSS", "URL", "UTM"})
"""Capitalised words that are not shouting."""

Terms = Mapping[str, Mapping[str, tuple[str, ...]]]
"""Sensitive terms by language, then by topic."""


@dataclass(frozen=True)
class LintSettings:
    """Everything the brand-voice rules need to know about a site.

    Attributes:
        severities: Severity of each rule's findings; ``None`` turns the rule off.
        dictionary: Project words, case-folded (hyphenated words also without the hyphen).
        dictionary_path: Where those words come from (named in spelling messages).
        neutrality: Sensitive terms by language, then topic.
        banned: Words and phrases never to use, in any language.
        emoji_max: Most emoji in one title, summary or variant part.
        hashtag_max: Most hashtags in one variant part, per network that has a limit: the
            fewest of the network's own (as the site configures it) and ``lint``'s ``max``.
        acronyms: Capitalised words that do not count as shouting.
        caps_words: Consecutive capitalised words that count as shouting.
        alt_min_length: Shortest useful alternative text, in characters.
    """

    severities: Mapping[RuleId, Severity | None] = field(
        default_factory=lambda: {rule.id: rule.severity for rule in RULES.values()}
    )
    dictionary: frozenset[str] = frozenset()
    dictionary_path: str = DEFAULT_DICTIONARY
    neutrality: Terms = field(default_factory=lambda: default_neutrality())
    banned: tuple[str, ...] = ()
    emoji_max: int = 3
    hashtag_max: Mapping[str, int] = field(default_factory=lambda: _network_limits())
    acronyms: frozenset[str] = DEFAULT_ACRONYMS
    caps_words: int = 3
    alt_min_length: int = 10

    def severity(self, rule: RuleId) -> Severity | None:
        """Severity of a rule's findings, or ``None`` when the site turned it off."""
        return self.severities.get(rule, RULES[rule].severity)


def lint_settings(
    options: Mapping[str, object], root: Path | None, where: str = "mkdocs.yml"
) -> LintSettings:
    """Read the ``lint`` option of ``portavoz/scheduler``: the one constructor.

    Args:
        options: The plugin's options (``Project.options("portavoz/scheduler")``).
        root: Project root; the dictionary path is relative to it. ``None`` checks the
            options alone, without reading the dictionary (as MkDocs' schema does).
        where: Config file named in problems.

    Returns:
        The settings, with defaults for everything not configured.

    Raises:
        ConfigError: Every option that is unknown or of the wrong type, and a missing
            dictionary, each with its key path.
    """
    reader = OptionReader(SCHEDULER_PATH, where)
    lint = reader.mapping(options.get("lint"), "lint")
    reader.known(lint, {"dictionary", "rules"}, "lint")
    rules = reader.mapping(lint.get("rules"), "lint", "rules")
    reader.known(rules, set(RULES), "lint", "rules", what="rule")
    opts = {rid: reader.mapping(rules.get(rid), "lint", "rules", rid) for rid in RULES}
    for rid, given in opts.items():
        reader.known(given, set(RULES[rid].options), "lint", "rules", rid)
    dictionary_path, source = _dictionary(lint.get("dictionary"), root, reader)
    at = _Rules(reader, opts)
    hashtag_max = _hashtag_max(opts[RuleId.HASHTAGS].get("max"), reader)
    settings = LintSettings(
        severities={rid: _severity(o, rid, reader) for rid, o in opts.items()},
        dictionary=read_dictionary(source),
        dictionary_path=dictionary_path,
        neutrality=_neutrality(opts[RuleId.NEUTRALITY], reader),
        banned=at.words(RuleId.BANNED, "terms"),
        emoji_max=at.whole(RuleId.EMOJI, "max", LintSettings.emoji_max),
        hashtag_max=_hashtag_limits(options, hashtag_max),
        acronyms=DEFAULT_ACRONYMS
        | dictionary_acronyms(source)
        | frozenset(at.words(RuleId.CAPS, "acronyms")),
        caps_words=at.whole(RuleId.CAPS, "words", LintSettings.caps_words, least=2),
        alt_min_length=at.whole(RuleId.IMAGE_ALT, "min_length", LintSettings.alt_min_length),
    )
    reader.raise_problems()
    return settings


@dataclass(frozen=True)
class _Rules:
    """Reads ``lint.rules.<rule>.<option>`` values."""

    reader: OptionReader
    opts: Mapping[RuleId, Mapping[str, object]]

    def whole(self, rule: RuleId, name: str, default: int, least: int = 0) -> int:
        return self.reader.whole(self.opts[rule], name, default, "lint", "rules", rule, least=least)

    def words(self, rule: RuleId, name: str) -> tuple[str, ...]:
        return _strings(self.opts[rule].get(name), self.reader, "lint", "rules", rule, name)


def check_lint(value: object, where: str = "mkdocs.yml") -> None:
    """Raise :class:`ConfigError` when the ``lint`` option cannot be used (for schemas).

    The dictionary file is not read: only its path is checked (the commands read it).
    """
    lint_settings({"lint": value}, None, where)


def dictionary_acronyms(text: str) -> frozenset[str]:
    """Words a dictionary file writes in capitals (``PEDALEA-ABRIL``): not shouting."""
    words = (line.strip() for line in text.splitlines() if not line.strip().startswith("#"))
    return frozenset(w for w in words if w.isupper())


def default_neutrality() -> Terms:
    """The shipped lists of sensitive terms (``scheduler/lint/data/neutrality.yml``)."""
    return {lang: dict(topics) for lang, topics in _shipped_neutrality().items()}


@cache  # a file of the package: read once per process (a review's settings are read twice)
def _shipped_neutrality() -> Terms:
    text = (
        files("portavoz.scheduler.lint").joinpath("data/neutrality.yml").read_text(encoding="utf-8")
    )
    reader = OptionReader("", where="neutrality.yml")
    # libyaml's parser where it is installed: the same values (checked in tests/lint), a
    # tenth of the time; every command that lints pays this once.
    terms = _terms(yaml.load(text, Loader=fastest_safe_loader()), reader)
    reader.raise_problems()
    return terms


def _dictionary(option: object, root: Path | None, reader: OptionReader) -> tuple[str, str]:
    """The dictionary's path as configured and its text (empty when the default is absent)."""
    key = reader.key("lint", "dictionary")
    if option is None:
        path = None if root is None else root / DEFAULT_DICTIONARY
        found = path is not None and os.path.lexists(path)  # a link or a FIFO is refused
        text = _dictionary_text(path, DEFAULT_DICTIONARY, reader) if path and found else ""
        return DEFAULT_DICTIONARY, text
    if not isinstance(option, str) or not option:
        found_value = shown(option)
        reader.problem(key, f"expected a file path relative to mkdocs.yml, found {found_value}")
        return DEFAULT_DICTIONARY, ""
    if root is None:
        return option, ""
    path = root / option
    if not os.path.lexists(path):
        reader.problem(key, f"file {shown(option)} not found (paths are relative to mkdocs.yml)")
        return option, ""
    return option, _dictionary_text(path, option, reader)


def _dictionary_text(path: Path, shown_as: str, reader: OptionReader) -> str:
    key = reader.key("lint", "dictionary")
    try:
        return read_regular(path, shown_as, what="dictionaries").decode("utf-8")
    except ContentError as exc:
        reader.problem(key, exc.problems[0].format())
    except OSError as exc:
        reader.problem(key, f"{shown(shown_as)}: cannot read: {exc.strerror}")
    except UnicodeDecodeError:
        reader.problem(key, f"{shown(shown_as)} is not UTF-8 text")
    return ""


def _severity(options: Mapping[str, object], rule: RuleId, reader: OptionReader) -> Severity | None:
    value = options.get("severity", RULES[rule].severity.value)
    if value in ("off", False):
        return None
    if value not in ("warning", "error"):
        reader.problem(
            reader.key("lint", "rules", rule, "severity"),
            f"expected warning, error or off, found {shown(value)}",
        )
        return RULES[rule].severity
    return Severity(value)


def _neutrality(options: Mapping[str, object], reader: OptionReader) -> Terms:
    keep = reader.boolean(options, "defaults", True, "lint", "rules", RuleId.NEUTRALITY)
    merged = {lang: dict(topics) for lang, topics in default_neutrality().items()} if keep else {}
    terms = options.get("terms") or {}
    extra = _terms(terms, reader, "lint", "rules", RuleId.NEUTRALITY, "terms")
    for lang, topics in extra.items():
        merged.setdefault(lang, {}).update(topics)
    return merged


def _terms(value: object, reader: OptionReader, *key: str) -> Terms:
    langs = reader.mapping(value, *key)
    terms: dict[str, dict[str, tuple[str, ...]]] = {}
    for lang, topics in langs.items():
        if isinstance(topics, list):
            topics = {"custom": topics}
        found = reader.mapping(topics, *key, lang)
        terms[lang] = {t: _strings(v, reader, *key, lang, t) for t, v in found.items()}
    return terms


def _network_limits() -> dict[str, int]:
    limits = {name: get_network(name).hashtag_limit for name in network_names()}
    return {name: n for name, n in limits.items() if n is not None}


def _hashtag_limits(options: Mapping[str, object], configured: Mapping[str, int]) -> dict[str, int]:
    # The networks' own problems are scheduler_settings' to report: here they read as defaults.
    try:
        networks = scheduler_settings(options).networks
    except ConfigError:
        networks = network_options(None, OptionReader(SCHEDULER_PATH))[0]
    limits: dict[str, int] = {}
    for name, network in networks.items():
        found = [network.hashtag_limit, configured.get(name), configured.get("*")]
        known = [n for n in found if n is not None]
        if known:
            limits[name] = min(known)
    return limits


def _hashtag_max(value: object, reader: OptionReader) -> dict[str, int]:
    key = ("lint", "rules", RuleId.HASHTAGS)
    if isinstance(value, int) and not isinstance(value, bool):
        return {"*": reader.whole({"max": value}, "max", 0, *key)}
    limits = reader.mapping(value, *key, "max")
    return {net: reader.whole(limits, net, 0, *key, "max") for net in limits}


def _strings(value: object, reader: OptionReader, *key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        reader.problem(
            reader.key(*key), f"expected a list of words or phrases, found {shown(value)}"
        )
        return ()
    return tuple(v.strip() for v in value)
