"""What to listen to and what to do with it: sources, rules, departments, crisis, people.

The MkDocs plugin validates the shapes (types, choices) with its typed config; this module
turns the validated plain data into frozen dataclasses and checks what only makes sense as a
whole (unique names, known departments, valid regexes, http(s) URLs). The CLI reads the same
plugin config, so both see one set of rules.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from portavoz.scheduler.base.problems import ContentError, Problem, Severity
from portavoz.scheduler.listening.addresses import HostPort, parse_host_port
from portavoz.scheduler.listening.fetch import FetchPolicy
from portavoz.scheduler.listening.links import safe_url


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
class Rule:
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


@dataclass(frozen=True)
class CommunityPage:
    """Where and how the public community page ("planet") is published."""

    enabled: bool = True
    path: str = "comunidad/index.md"
    title: str = "Comunidad"
    intro: str = "Lo que escribe nuestra comunidad."
    limit: int = 30
    kinds: tuple[str, ...] = ("community",)


@dataclass(frozen=True)
class VoicesPage:
    """Whether and where the top voices are published (internal only by default)."""

    public: bool = False
    path: str = "comunidad/voces.md"
    title: str = "Voces de la comunidad"
    intro: str = "Quién habla más de nosotros."
    limit: int = 10
    #: Labels that count as "speaking about the brand"; empty means any rule label.
    labels: tuple[str, ...] = ()


@dataclass(frozen=True)
class Settings:
    """Everything listening needs, apart from the clock.

    ``cache_dir`` and ``internal_dir`` are relative to the folder of ``mkdocs.yml``.
    """

    sources: tuple[Source, ...] = ()
    rules: tuple[Rule, ...] = ()
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


def load_settings(data: Mapping[str, object], *, where: str = "mkdocs.yml") -> Settings:
    """Build :class:`Settings` from the plugin's validated config (or any plain mapping).

    Args:
        data: The ``portavoz/listening`` options.
        where: Config file named in problems.

    Returns:
        The settings.

    Raises:
        ContentError: If sources, rules or departments cannot be used.
    """
    reader = _Reader(where)
    settings = Settings(
        sources=tuple(reader.source(i, s) for i, s in enumerate(reader.maps(data, "sources"))),
        rules=tuple(reader.rule(i, r) for i, r in enumerate(reader.maps(data, "rules"))),
        departments=reader.strings(data, "departments"),
        crisis=reader.crisis(reader.mapping(data, "crisis")),
        people=tuple(reader.person(p) for p in reader.maps(data, "people")),
        window_days=reader.integer(data, "window_days", Settings.window_days),
        offline=bool(data.get("offline", False)),
        fetch=reader.fetch(data),
        cache_dir=reader.text(data, "cache_dir", Settings.cache_dir),
        internal_dir=reader.text(data, "internal_dir", Settings.internal_dir),
        community=reader.community(reader.mapping(data, "community")),
        voices=reader.voices(reader.mapping(data, "voices")),
    )
    reader.check_whole(settings)
    if reader.problems:
        raise ContentError(reader.problems)
    return settings


class _Reader:
    """Reads plain config data, collecting every problem instead of stopping at the first."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.problems: list[Problem] = []

    def problem(self, key: str, message: str) -> None:
        self.problems.append(Problem(self.where, None, key, message, Severity.ERROR, "listening"))

    def mapping(self, data: Mapping[str, object], key: str) -> Mapping[str, object]:
        value = data.get(key)
        return value if isinstance(value, Mapping) else {}

    def maps(self, data: object, key: str) -> list[Mapping[str, object]]:
        value = data.get(key) if isinstance(data, Mapping) else None
        items = value if isinstance(value, Sequence) and not isinstance(value, str) else []
        return [item for item in items if isinstance(item, Mapping)]

    def strings(self, data: object, key: str) -> tuple[str, ...]:
        value = data.get(key) if isinstance(data, Mapping) else None
        if isinstance(value, str):
            return (value,)
        items = value if isinstance(value, Sequence) else []
        return tuple(str(item) for item in items)

    def text(self, data: Mapping[str, object], key: str, default: str = "") -> str:
        value = data.get(key)
        return default if value is None else str(value)

    def integer(self, data: Mapping[str, object], key: str, default: int) -> int:
        value = data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self.problem(key, f"expected a whole number of at least 1, found {value!r}")
            return default
        return value

    def seconds(self, data: Mapping[str, object], key: str, default: float) -> float:
        value = data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            self.problem(key, f"expected a number of seconds above 0, found {value!r}")
            return default
        return float(value)

    def fetch(self, data: Mapping[str, object]) -> FetchPolicy:
        return FetchPolicy(
            timeout=self.seconds(data, "timeout", FetchPolicy.timeout),
            max_bytes=self.integer(data, "max_bytes", FetchPolicy.max_bytes),
            concurrency=self.integer(data, "concurrency", FetchPolicy.concurrency),
            allow_private=self.host_ports(data, "allow_private"),
        )

    def host_ports(self, data: Mapping[str, object], key: str) -> tuple[HostPort, ...]:
        found: list[HostPort] = []
        for index, text in enumerate(self.strings(data, key)):
            pair = parse_host_port(text)
            if pair is None:
                expected = "expected 'host:port' such as '127.0.0.1:8080'"
                self.problem(f"{key}[{index}]", f"{expected}, found {text!r}")
            else:
                found.append(pair)
        return tuple(found)

    def community(self, data: Mapping[str, object]) -> CommunityPage:
        d = CommunityPage
        return CommunityPage(
            enabled=bool(data.get("enabled", d.enabled)),
            path=self.page_path(data, d.path),
            title=self.text(data, "title", d.title),
            intro=self.text(data, "intro", d.intro),
            limit=self.integer(data, "limit", d.limit),
            kinds=self.strings(data, "kinds") or d.kinds,
        )

    def voices(self, data: Mapping[str, object]) -> VoicesPage:
        d = VoicesPage
        return VoicesPage(
            public=bool(data.get("public", d.public)),
            path=self.page_path(data, d.path),
            title=self.text(data, "title", d.title),
            intro=self.text(data, "intro", d.intro),
            limit=self.integer(data, "limit", d.limit),
            labels=self.strings(data, "labels"),
        )

    def page_path(self, data: Mapping[str, object], default: str) -> str:
        path = self.text(data, "path", default).strip("/")
        if not path.endswith(".md") or ".." in path.split("/"):
            self.problem("path", f"expected a Markdown page path like {default!r}, found {path!r}")
            return default
        return path

    def source(self, index: int, data: Mapping[str, object]) -> Source:
        key = f"sources[{index}]"
        url = self.text(data, "url")
        if safe_url(url) is None:
            self.problem(f"{key}.url", f"expected an http(s) feed URL, found {url!r}")
        kind = self.text(data, "kind", SourceKind.COMMUNITY)
        if kind not in KINDS:
            self.problem(f"{key}.kind", f"unknown kind {kind!r} (known: {', '.join(KINDS)})")
            kind = SourceKind.COMMUNITY  # the run stops on the problem; the source stays typed
        name = self.text(data, "name").strip()
        if not name:
            self.problem(f"{key}.name", "every source needs a name (it is shown and cached)")
        return Source(name, url, SourceKind(kind), self.strings(data, "tags"))

    def rule(self, index: int, data: Mapping[str, object]) -> Rule:
        key = f"rules[{index}]"
        rule = Rule(
            label=self.text(data, "label").strip(),
            keywords=self.strings(data, "keywords"),
            patterns=self.strings(data, "patterns"),
            departments=self.strings(data, "departments"),
        )
        if not rule.label:
            self.problem(f"{key}.label", "every rule needs a label")
        if not rule.keywords and not rule.patterns:
            self.problem(key, f"rule {rule.label!r} has neither keywords nor patterns")
        for pattern in rule.patterns:
            try:
                re.compile(pattern)
            except re.error as error:
                self.problem(f"{key}.patterns", f"invalid regex {pattern!r}: {error}")
        return rule

    def crisis(self, data: object) -> CrisisPolicy:
        values = data if isinstance(data, Mapping) else {}
        return CrisisPolicy(
            label=self.text(values, "label", "crisis"),
            threshold=self.integer(values, "threshold", 3),
            hours=self.integer(values, "hours", 24),
        )

    def person(self, data: Mapping[str, object]) -> Person:
        handles = data.get("handles")
        pairs = handles.items() if isinstance(handles, Mapping) else []
        return Person(
            name=self.text(data, "name").strip(),
            handles=tuple((str(k), str(v)) for k, v in pairs),
            feeds=self.strings(data, "feeds"),
            aliases=self.strings(data, "aliases"),
        )

    def check_whole(self, settings: Settings) -> None:
        names = [s.name for s in settings.sources]
        for name in sorted({n for n in names if names.count(n) > 1}):
            self.problem("sources", f"two sources are named {name!r}; names must be unique")
        known = set(settings.departments)
        for rule in settings.rules:
            for department in rule.departments:
                if department not in known:
                    self.problem(
                        "rules",
                        f"rule {rule.label!r} routes to unknown department {department!r} "
                        f"(declared: {', '.join(settings.departments) or 'none'})",
                    )
