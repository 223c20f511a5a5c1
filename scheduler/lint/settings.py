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
from importlib.resources import files
from pathlib import Path

import yaml

from portavoz.scheduler.base.files import read_regular
from portavoz.scheduler.base.problems import ContentError, Severity
from portavoz.scheduler.compose.settings import SchedulerConfigError, scheduler_settings
from portavoz.scheduler.lint.rules import RULES
from portavoz.scheduler.networks import get_network, network_names

DEFAULT_DICTIONARY = "content/dictionary.txt"
"""Project dictionary read when ``lint.dictionary`` is not set (if the file exists)."""

DEFAULT_ACRONYMS = frozenset({"API", "CSV", "FAQ", "GPS", "ICS", "PDF", "RSS", "URL", "UTM"})
"""Capitalised words that are not shouting."""

Terms = Mapping[str, Mapping[str, tuple[str, ...]]]
"""Sensitive terms by language, then by topic."""


class LintConfigError(ValueError):
    """A ``lint`` option cannot be used; the message names the option."""


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

    severities: Mapping[str, Severity | None] = field(
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

    def severity(self, rule: str) -> Severity | None:
        """Severity of a rule's findings, or ``None`` when the site turned it off."""
        return self.severities.get(rule, RULES[rule].severity if rule in RULES else None)


def lint_settings(options: Mapping[str, object], root: Path) -> LintSettings:
    """Read the ``lint`` option of ``portavoz/scheduler``.

    Args:
        options: The plugin's raw options (``Project.options("portavoz/scheduler")``).
        root: Project root; the dictionary path is relative to it.

    Returns:
        The settings, with defaults for everything not configured.

    Raises:
        LintConfigError: An option is unknown, of the wrong type, or the dictionary is missing.
    """
    lint = _mapping(options.get("lint"), "lint")
    _known(lint, {"dictionary", "rules"}, "lint")
    rules = _mapping(lint.get("rules"), "lint.rules")
    _known(rules, set(RULES), "lint.rules", what="rule")
    opts = {rid: _mapping(rules.get(rid), f"lint.rules.{rid}") for rid in RULES}
    for rid, given in opts.items():
        _known(given, set(RULES[rid].options), f"lint.rules.{rid}")
    dictionary_path, source = _dictionary(lint.get("dictionary"), root)
    caps = opts["caps"]
    return LintSettings(
        severities={rid: _severity(o, rid) for rid, o in opts.items()},
        dictionary=read_dictionary(source),
        dictionary_path=dictionary_path,
        neutrality=_neutrality(opts["neutrality"]),
        banned=_strings(opts["banned"].get("terms"), "lint.rules.banned.terms"),
        emoji_max=_int(opts["emoji"].get("max", 3), "lint.rules.emoji.max"),
        hashtag_max=_hashtag_limits(options, _hashtag_max(opts["hashtags"].get("max"))),
        acronyms=DEFAULT_ACRONYMS
        | dictionary_acronyms(source)
        | frozenset(_strings(caps.get("acronyms"), "lint.rules.caps.acronyms")),
        caps_words=_int(caps.get("words", 3), "lint.rules.caps.words", least=2),
        alt_min_length=_int(
            opts["image-alt"].get("min_length", 10), "lint.rules.image-alt.min_length"
        ),
    )


def dictionary_acronyms(text: str) -> frozenset[str]:
    """Words a dictionary file writes in capitals (``PEDALEA-ABRIL``): not shouting."""
    words = (line.strip() for line in text.splitlines() if not line.strip().startswith("#"))
    return frozenset(w for w in words if w.isupper())


def read_dictionary(text: str) -> frozenset[str]:
    """Words of a dictionary file: one per line, blank lines and ``#`` comments skipped.

    Words are case-folded; ``e-Brisa`` is also kept as ``ebrisa``.
    """
    words: set[str] = set()
    for line in text.splitlines():
        word = line.strip()
        if word and not word.startswith("#"):
            words.add(word.casefold())
            words.add(word.casefold().replace("-", ""))
    return frozenset(words)


def default_neutrality() -> Terms:
    """The shipped lists of sensitive terms (``scheduler/lint/data/neutrality.yml``)."""
    text = (
        files("portavoz.scheduler.lint").joinpath("data/neutrality.yml").read_text(encoding="utf-8")
    )
    return _terms(yaml.safe_load(text), "neutrality.yml")


def _dictionary(option: object, root: Path) -> tuple[str, str]:
    """The dictionary's path as configured and its text (empty when the default is absent)."""
    if option is None:
        path = root / DEFAULT_DICTIONARY
        found = os.path.lexists(path)  # a link or a FIFO there is refused, not skipped
        return DEFAULT_DICTIONARY, _dictionary_text(path, DEFAULT_DICTIONARY) if found else ""
    if not isinstance(option, str) or not option:
        raise LintConfigError("lint.dictionary: expected a file path relative to mkdocs.yml")
    path = root / option
    if not os.path.lexists(path):
        raise LintConfigError(
            f"lint.dictionary: file '{option}' not found (paths are relative to mkdocs.yml)"
        )
    return option, _dictionary_text(path, option)


def _dictionary_text(path: Path, shown: str) -> str:
    try:
        return read_regular(path, shown, what="dictionaries").decode("utf-8")
    except ContentError as exc:
        raise LintConfigError(f"lint.dictionary: {exc.problems[0].format()}") from None
    except OSError as exc:
        raise LintConfigError(f"lint.dictionary: '{shown}': cannot read: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise LintConfigError(f"lint.dictionary: '{shown}' is not UTF-8 text") from None


def _severity(options: Mapping[str, object], rule: str) -> Severity | None:
    value = options.get("severity", RULES[rule].severity.value)
    if value in ("off", False):
        return None
    if value not in ("warning", "error"):
        raise LintConfigError(
            f"lint.rules.{rule}.severity: expected warning, error or off, found {value!r}"
        )
    return Severity(value)


def _neutrality(options: Mapping[str, object]) -> Terms:
    keep = options.get("defaults", True)
    if not isinstance(keep, bool):
        raise LintConfigError("lint.rules.neutrality.defaults: expected true or false")
    merged = {lang: dict(topics) for lang, topics in default_neutrality().items()} if keep else {}
    extra = _terms(options.get("terms") or {}, "lint.rules.neutrality.terms")
    for lang, topics in extra.items():
        merged.setdefault(lang, {}).update(topics)
    return merged


def _terms(value: object, where: str) -> Terms:
    langs = _mapping(value, where)
    terms: dict[str, dict[str, tuple[str, ...]]] = {}
    for lang, topics in langs.items():
        if isinstance(topics, list):
            topics = {"custom": topics}
        topics = _mapping(topics, f"{where}.{lang}")
        terms[lang] = {t: _strings(v, f"{where}.{lang}.{t}") for t, v in topics.items()}
    return terms


def _network_limits() -> dict[str, int]:
    limits = {name: get_network(name).hashtag_limit for name in network_names()}
    return {name: n for name, n in limits.items() if n is not None}


def _hashtag_limits(options: Mapping[str, object], configured: Mapping[str, int]) -> dict[str, int]:
    try:
        networks = scheduler_settings(options).networks
    except SchedulerConfigError as exc:
        raise LintConfigError(str(exc)) from None
    limits: dict[str, int] = {}
    for name, network in networks.items():
        found = [network.hashtag_limit, configured.get(name), configured.get("*")]
        known = [n for n in found if n is not None]
        if known:
            limits[name] = min(known)
    return limits


def _hashtag_max(value: object) -> dict[str, int]:
    if isinstance(value, int) and not isinstance(value, bool):
        return {"*": _int(value, "lint.rules.hashtags.max")}
    limits = _mapping(value, "lint.rules.hashtags.max")
    return {net: _int(n, f"lint.rules.hashtags.max.{net}") for net, n in limits.items()}


def _mapping(value: object, where: str) -> Mapping[str, object]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise LintConfigError(f"{where}: expected a mapping, found {type(value).__name__}")
    return {str(k): v for k, v in value.items()}


def _known(
    options: Mapping[str, object], known: set[str], where: str, what: str = "option"
) -> None:
    for key in options:
        if key not in known:
            listed = ", ".join(sorted(known))
            raise LintConfigError(f"{where}: unknown {what} '{key}' (known: {listed})")


def _strings(value: object, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise LintConfigError(f"{where}: expected a list of words or phrases")
    return tuple(v.strip() for v in value)


def _int(value: object, where: str, least: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < least:
        raise LintConfigError(f"{where}: expected a whole number of at least {least}")
    return value
