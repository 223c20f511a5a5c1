"""What to listen to and what to do with it: sources, rules, departments, crisis, people.

:func:`load_settings` is the one constructor: it turns the options as written into frozen
dataclasses that own every default, and checks types, choices and what only makes sense as a
whole (unique names, known departments, valid regexes, http(s) URLs). The MkDocs plugin's
schema checks each option through it (nested ``crisis``, ``community`` and ``voices``
included) and ``portavoz listen`` reads ``mkdocs.yml`` through it, so both see one set of rules.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields

from portavoz.scheduler.base.options import OptionReader, shown
from portavoz.scheduler.i18n import Messages, Text, messages
from portavoz.scheduler.listening.links import safe_url
from portavoz.scheduler.listening.policy import FetchPolicy, HostPort, parse_host_port


class SourceKind(enum.StrEnum):
    """Kinds of source a community manager follows, and what each usually is."""

    COMMUNITY = "community"  # a community member's blog or channel
    MENTION = "mention"  # an alert or search feed about the brand (Google Alerts, a tag, Reddit)
    NEWS = "news"  # the press
    COMPETITOR = "competitor"  # a competitor's blog or newsroom
    VIDEO = "video"  # a video channel feed (YouTube)
    FORUM = "forum"  # a forum or subreddit feed


#: The kinds' names, in the order they are listed to writers.
KINDS: tuple[str, ...] = tuple(k.value for k in SourceKind)
#: Kinds whose entries are aggregated from many publishers: the voice is the linked site.
AGGREGATOR_KINDS = frozenset({SourceKind.MENTION, SourceKind.FORUM})


@dataclass(frozen=True)
class Source:
    """One feed to listen to."""

    name: str
    url: str
    kind: SourceKind = SourceKind.COMMUNITY
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class RoutingRule:
    """Keywords and regexes that attach ``label`` and route matches to ``departments``."""

    label: str
    keywords: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()


@dataclass(frozen=True)
class CrisisPolicy:
    """A crisis is ``threshold`` entries labelled ``label`` within the last ``hours``."""

    label: str = "crisis"
    threshold: int = 3
    hours: int = 24


@dataclass(frozen=True)
class Person:
    """Someone the community manager can reach: names they write under, handles, feeds."""

    name: str
    handles: tuple[tuple[str, str], ...] = ()
    feeds: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


_ENGLISH = messages(None)
"""The defaults of a page that are words, when no language is given (``load_settings`` gives
the site's)."""


@dataclass(frozen=True)
class CommunityPage:
    """Where and how the public community page ("planet") is published."""

    enabled: bool = True
    path: str = _ENGLISH(Text.COMMUNITY_PATH)
    title: str = _ENGLISH(Text.COMMUNITY_TITLE)
    intro: str = _ENGLISH(Text.COMMUNITY_INTRO)
    limit: int = 30
    kinds: tuple[str, ...] = ("community",)

    @classmethod
    def in_language(cls, say: Messages) -> CommunityPage:
        """The defaults in a language: the path follows it (``comunidad/`` in Spanish)."""
        return cls(
            path=say(Text.COMMUNITY_PATH),
            title=say(Text.COMMUNITY_TITLE),
            intro=say(Text.COMMUNITY_INTRO),
        )


@dataclass(frozen=True)
class VoicesPage:
    """Whether and where the top voices are published (internal only by default)."""

    public: bool = False
    path: str = _ENGLISH(Text.VOICES_PATH)
    title: str = _ENGLISH(Text.VOICES_TITLE)
    intro: str = _ENGLISH(Text.VOICES_INTRO)
    limit: int = 10
    #: Labels that count as "speaking about the brand"; empty means any rule label.
    labels: tuple[str, ...] = ()

    @classmethod
    def in_language(cls, say: Messages) -> VoicesPage:
        """The defaults in a language: the path follows it (``comunidad/voces.md`` in Spanish)."""
        return cls(
            path=say(Text.VOICES_PATH), title=say(Text.VOICES_TITLE), intro=say(Text.VOICES_INTRO)
        )


@dataclass(frozen=True)
class Settings:
    """Everything listening needs, apart from the clock.

    ``cache_dir`` and ``internal_dir`` are relative to the folder of ``mkdocs.yml``.
    """

    sources: tuple[Source, ...] = ()
    rules: tuple[RoutingRule, ...] = ()
    departments: tuple[str, ...] = ()
    crisis: CrisisPolicy = field(default_factory=CrisisPolicy)
    people: tuple[Person, ...] = ()
    window_days: int = 30
    offline: bool = False
    fetch: FetchPolicy = field(default_factory=FetchPolicy)
    cache_dir: str = ".portavoz/cache/listening"
    internal_dir: str = ".portavoz/listening"
    community: CommunityPage = field(default_factory=CommunityPage)
    voices: VoicesPage = field(default_factory=VoicesPage)
    messages: Messages = _ENGLISH
    """The texts and dates of the pages and internal outputs: the site's ``theme.language``."""


LISTENING_PATH = "plugins.portavoz/listening"
"""Key path of portavoz/listening's options in ``mkdocs.yml`` (named in every problem)."""


def load_settings(
    data: Mapping[str, object],
    *,
    where: str = "mkdocs.yml",
    whole: bool = True,
    language: str | None = None,
) -> Settings:
    """Build :class:`Settings` from the plugin's options: the one constructor.

    The CLI passes the options as ``mkdocs.yml`` writes them, the plugin MkDocs' validated
    config; both are checked here alike (types, choices, unique names, known departments,
    valid regexes, http(s) URLs), and every default is the dataclasses' own.

    Args:
        data: The ``portavoz/listening`` options.
        where: Config file named in problems.
        whole: Also check what only makes sense as a whole (unique source names, rules'
            departments declared); off when one option is checked alone.
        language: The site's ``theme.language``: the pages' default paths, titles and
            intros, and every text portavoz writes, are in it (English when unknown).

    Returns:
        The settings.

    Raises:
        ConfigError: Every option that cannot be used, each with its key path.
    """
    reader = _Reader(LISTENING_PATH, where, messages(language))
    d = Settings
    settings = Settings(
        sources=tuple(reader.source(i, s) for i, s in enumerate(reader.mappings(data, "sources"))),
        rules=tuple(reader.rule(i, r) for i, r in enumerate(reader.mappings(data, "rules"))),
        departments=reader.texts(data, "departments"),
        crisis=reader.crisis(reader.mapping(data.get("crisis"), "crisis")),
        people=tuple(reader.person(i, p) for i, p in enumerate(reader.mappings(data, "people"))),
        window_days=reader.whole(data, "window_days", d.window_days, least=1),
        offline=reader.boolean(data, "offline", d.offline),
        fetch=reader.fetch(data),
        cache_dir=reader.text(data, "cache_dir", d.cache_dir),
        internal_dir=reader.text(data, "internal_dir", d.internal_dir),
        community=reader.community(reader.mapping(data.get("community"), "community")),
        voices=reader.voices(reader.mapping(data.get("voices"), "voices")),
        messages=reader.say,
    )
    if whole:
        reader.check_whole(settings)
    reader.raise_problems()
    return settings


def check_option(key: str) -> Callable[[object], None]:
    """A check of the option ``key`` alone (for MkDocs' schema): raises :class:`ConfigError`."""

    def check(value: object) -> None:
        load_settings({key: value}, whole=False)

    return check


class _Reader(OptionReader):
    """Reads listening's sections, collecting every problem instead of stopping at the first."""

    def __init__(self, path: str, where: str, say: Messages) -> None:
        super().__init__(path, where)
        self.say = say

    def seconds(self, data: Mapping[str, object], key: str, default: float) -> float:
        value = data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            self.problem(
                self.key(key), f"expected a number of seconds above 0, found {shown(value)}"
            )
            return default
        return float(value)

    def fetch(self, data: Mapping[str, object]) -> FetchPolicy:
        d = FetchPolicy
        return FetchPolicy(
            timeout=self.seconds(data, "timeout", d.timeout),
            max_bytes=self.whole(data, "max_bytes", d.max_bytes, least=1),
            concurrency=self.whole(data, "concurrency", d.concurrency, least=1),
            allow_private=self.host_ports(data, "allow_private"),
        )

    def host_ports(self, data: Mapping[str, object], key: str) -> tuple[HostPort, ...]:
        found: list[HostPort] = []
        for index, text in enumerate(self.texts(data, key)):
            pair = parse_host_port(text)
            if pair is None:
                expected = "expected 'host:port' such as '127.0.0.1:8080'"
                self.problem(self.key(key, index), f"{expected}, found {shown(text)}")
            else:
                found.append(pair)
        return tuple(found)

    def kinds(
        self, data: Mapping[str, object], default: tuple[str, ...], *key: str
    ) -> tuple[str, ...]:
        found = self.texts(data, "kinds", *key) or default
        for kind in found:
            if kind not in KINDS:
                message = f"unknown kind {shown(kind)} (known: {', '.join(KINDS)})"
                self.problem(self.key(*key, "kinds"), message)
        return tuple(k for k in found if k in KINDS)

    def community(self, data: Mapping[str, object]) -> CommunityPage:
        d, key = CommunityPage.in_language(self.say), "community"
        self.known(data, [f.name for f in fields(CommunityPage)], key)
        return CommunityPage(
            enabled=self.boolean(data, "enabled", d.enabled, key),
            path=self.page_path(data, d.path, key),
            title=self.text(data, "title", d.title, key),
            intro=self.text(data, "intro", d.intro, key),
            limit=self.whole(data, "limit", d.limit, key, least=1),
            kinds=self.kinds(data, d.kinds, key),
        )

    def voices(self, data: Mapping[str, object]) -> VoicesPage:
        d, key = VoicesPage.in_language(self.say), "voices"
        self.known(data, [f.name for f in fields(VoicesPage)], key)
        return VoicesPage(
            public=self.boolean(data, "public", d.public, key),
            path=self.page_path(data, d.path, key),
            title=self.text(data, "title", d.title, key),
            intro=self.text(data, "intro", d.intro, key),
            limit=self.whole(data, "limit", d.limit, key, least=1),
            labels=self.texts(data, "labels", key),
        )

    def page_path(self, data: Mapping[str, object], default: str, key: str) -> str:
        path = self.text(data, "path", default, key).strip("/")
        if not path.endswith(".md") or ".." in path.split("/"):
            message = f"expected a Markdown page path like {shown(default)}, found {shown(path)}"
            self.problem(self.key(key, "path"), message)
            return default
        return path

    def source(self, index: int, data: Mapping[str, object]) -> Source:
        key: tuple[str, int] = ("sources", index)
        self.known(data, [f.name for f in fields(Source)], *key)
        url = self.text(data, "url", "", *key)
        if safe_url(url) is None:
            self.problem(self.key(*key, "url"), f"expected an http(s) feed URL, found {shown(url)}")
        kind = self.text(data, "kind", "community", *key)
        if kind not in KINDS:
            message = f"unknown kind {shown(kind)} (known: {', '.join(KINDS)})"
            self.problem(self.key(*key, "kind"), message)
        name = self.text(data, "name", "", *key).strip()
        if not name:
            message = "every source needs a name (it is shown and cached)"
            self.problem(self.key(*key, "name"), message)
        known = SourceKind(kind) if kind in KINDS else SourceKind.COMMUNITY
        return Source(name, url, known, self.texts(data, "tags", *key))

    def rule(self, index: int, data: Mapping[str, object]) -> RoutingRule:
        key: tuple[str, int] = ("rules", index)
        at = self.key(*key)
        rule = RoutingRule(
            label=self.text(data, "label", "", *key).strip(),
            keywords=self.texts(data, "keywords", *key),
            patterns=self.texts(data, "patterns", *key),
            departments=self.texts(data, "departments", *key),
        )
        if not rule.label:
            self.problem(self.key(*key, "label"), "every rule needs a label")
        if not rule.keywords and not rule.patterns:
            self.problem(at, f"rule {shown(rule.label)} has neither keywords nor patterns")
        for pattern in rule.patterns:
            try:
                re.compile(pattern)
            except re.error as error:
                message = f"invalid regex {shown(pattern)}: {error}"
                self.problem(self.key(*key, "patterns"), message)
        return rule

    def crisis(self, data: Mapping[str, object]) -> CrisisPolicy:
        d, key = CrisisPolicy, "crisis"
        self.known(data, [f.name for f in fields(CrisisPolicy)], key)
        return CrisisPolicy(
            label=self.text(data, "label", d.label, key),
            threshold=self.whole(data, "threshold", d.threshold, key, least=1),
            hours=self.whole(data, "hours", d.hours, key, least=1),
        )

    def person(self, index: int, data: Mapping[str, object]) -> Person:
        key: tuple[str, int] = ("people", index)
        handles = self.mapping(data.get("handles"), *key, "handles")
        for network, handle in handles.items():
            if not isinstance(handle, str):
                message = f"expected a handle as text, found {shown(handle)}"
                self.problem(self.key(*key, "handles", network), message)
        return Person(
            name=self.text(data, "name", "", *key).strip(),
            handles=tuple((k, v) for k, v in handles.items() if isinstance(v, str)),
            feeds=self.texts(data, "feeds", *key),
            aliases=self.texts(data, "aliases", *key),
        )

    def check_whole(self, settings: Settings) -> None:
        names = [s.name for s in settings.sources]
        for name in sorted({n for n in names if n and names.count(n) > 1}):
            message = f"two sources are named {shown(name)}; names must be unique"
            self.problem(self.key("sources"), message)
        known = set(settings.departments)
        for index, rule in enumerate(settings.rules):
            for department in rule.departments:
                if department not in known:
                    self.problem(
                        self.key("rules", index, "departments"),
                        f"rule {shown(rule.label)} routes to unknown department "
                        f"{shown(department)} "
                        f"(declared: {', '.join(settings.departments) or 'none'})",
                    )
