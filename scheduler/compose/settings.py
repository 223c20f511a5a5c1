"""Scheduler options (``portavoz/scheduler`` plugin config), read alike by the CLI and builds."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields

from portavoz.scheduler.base.options import OptionReader, shown
from portavoz.scheduler.networks import Network, get_network, network_names

DEFAULT_TEMPLATES_DIR = "social"
"""Where a site's template overrides live: beside ``mkdocs.yml``, outside the content folder
and the theme's ``custom_dir`` (MkDocs publishes every file of those two)."""


SCHEDULER_PATH = "plugins.portavoz/scheduler"
"""Key path of portavoz/scheduler's options in ``mkdocs.yml`` (named in every problem)."""


@dataclass(frozen=True)
class UtmSettings:
    """UTM parameters added to links in social variants (never to feeds or the site).

    Attributes:
        medium: ``utm_medium``.
        campaign: ``utm_campaign`` pattern; ``{campaign}`` is the post's campaign or its slug.
        enabled: Whether to add UTM parameters at all.
    """

    medium: str = "social"
    campaign: str = "{campaign}"
    enabled: bool = True


@dataclass(frozen=True)
class FeedOptions:
    """Which public feeds to write and how long they are.

    The site-wide feed (``site_feed``) sits at the site root: Material fetches ``sitemap.xml``
    beside every ``link[rel=alternate]`` of a page, and only the root has one.

    Attributes:
        enabled: Whether to write feeds at all.
        per_audience: One feed per public audience.
        per_category: One feed per category.
        per_network: One feed per network, whose items are that network's variant.
        size: Entries per feed.
        folder: Folder of the audience, category and network feeds in the site.
        site_feed: Path stem of the site-wide feed.
    """

    enabled: bool = True
    per_audience: bool = True
    per_category: bool = True
    per_network: bool = True
    size: int = 20
    folder: str = "feeds"
    site_feed: str = "feed"


@dataclass(frozen=True)
class SchedulerSettings:
    """Everything that shapes the variants.

    Attributes:
        networks: Network counters with their per-site options (limits, link in bio…).
        hashtags: Most hashtags per network variant; a network left out carries its own
            ``default_hashtags``.
        utm: UTM settings.
        feeds: Which public feeds to write.
        templates_dir: Folder of template overrides, relative to the project root.
        body_paragraphs: Paragraphs of the body used in an automatic thread.
        output_dir: Folder of internal outputs, relative to the project root.
        calendar_days: How far back the editorial calendar shows published posts.
    """

    networks: Mapping[str, Network]
    hashtags: Mapping[str, int] = field(default_factory=dict)
    utm: UtmSettings = UtmSettings()
    feeds: FeedOptions = FeedOptions()
    templates_dir: str = DEFAULT_TEMPLATES_DIR
    body_paragraphs: int = 3
    output_dir: str = ".portavoz"
    calendar_days: int = 180


def scheduler_settings(
    options: Mapping[str, object], where: str = "mkdocs.yml", *, language: str | None = None
) -> SchedulerSettings:
    """Build settings from the plugin's options (a plain mapping): the one constructor.

    The CLI passes the options as ``mkdocs.yml`` writes them, the plugin MkDocs' validated
    config; every default is the dataclass's own.

    Args:
        options: The ``portavoz/scheduler`` options.
        where: Config file named in problems.
        language: The site's language (``theme.language``), for defaults that are words
            (Instagram's ``link_in_bio``); English when unknown or ``None``.

    Raises:
        ConfigError: Every option that cannot be used, each with its key path.
    """
    reader = OptionReader(SCHEDULER_PATH, where)
    d = SchedulerSettings
    networks, hashtags = network_options(options.get("networks"), reader, language)
    settings = SchedulerSettings(
        networks=networks,
        hashtags=hashtags,
        utm=_utm(reader.mapping(options.get("utm"), "utm"), reader),
        feeds=_feeds(reader.mapping(options.get("feeds"), "feeds"), reader),
        templates_dir=reader.text(options, "templates_dir", d.templates_dir) or d.templates_dir,
        output_dir=reader.text(options, "output_dir", d.output_dir) or d.output_dir,
        calendar_days=reader.whole(options, "calendar_days", d.calendar_days),
    )
    reader.raise_problems()
    return settings


def network_options(
    value: object, reader: OptionReader, language: str | None = None
) -> tuple[dict[str, Network], dict[str, int]]:
    """The ``networks`` option: each network with its options, and its hashtag count.

    Problems go to ``reader`` (``…networks.x.hashtags: expected a whole number…``); options
    left out whose defaults are words are in ``language`` (see :func:`get_network`).
    """
    per_network = reader.mapping(value, "networks")
    known = network_names()
    reader.known(per_network, known, "networks", what="network")
    networks: dict[str, Network] = {}
    hashtags: dict[str, int] = {}
    for name in known:
        opts = dict(reader.mapping(per_network.get(name), "networks", name))
        default = get_network(name).default_hashtags
        hashtags[name] = reader.whole(opts, "hashtags", default, "networks", name)
        opts.pop("hashtags", None)
        try:
            given = {k: v for k, v in opts.items() if v is not None}
            networks[name] = get_network(name, language=language, **given)
        except (KeyError, TypeError, ValueError) as exc:
            reader.problem(reader.key("networks", name), str(exc.args[0]).removeprefix(f"{name}: "))
            networks[name] = get_network(name, language=language)
    return networks, hashtags


def check_option(key: str) -> Callable[[object], None]:
    """A check of the option ``key`` alone (for MkDocs' schema): raises :class:`ConfigError`."""

    def check(value: object) -> None:
        scheduler_settings({key: value})

    return check


def _utm(utm: Mapping[str, object], reader: OptionReader) -> UtmSettings:
    d = UtmSettings
    reader.known(utm, ("medium", "campaign", "enabled"), "utm")
    campaign = reader.text(utm, "campaign", d.campaign, "utm") or d.campaign
    return UtmSettings(
        medium=reader.text(utm, "medium", d.medium, "utm") or d.medium,
        campaign=_campaign_pattern(campaign, reader),
        enabled=reader.boolean(utm, "enabled", d.enabled, "utm"),
    )


def _feeds(feeds: Mapping[str, object], reader: OptionReader) -> FeedOptions:
    d = FeedOptions
    reader.known(feeds, [f.name for f in fields(FeedOptions)], "feeds")
    flags = {
        name: reader.boolean(feeds, name, getattr(d, name), "feeds")
        for name in ("enabled", "per_audience", "per_category", "per_network")
    }
    return FeedOptions(
        **flags,
        size=reader.whole(feeds, "size", d.size, "feeds", least=1),
        folder=_site_path(reader, feeds, "folder", d.folder),
        site_feed=_site_path(reader, feeds, "site_feed", d.site_feed),
    )


def _site_path(reader: OptionReader, feeds: Mapping[str, object], name: str, default: str) -> str:
    """A path inside the site, written with or without slashes around it."""
    path = reader.text(feeds, name, default, "feeds").strip("/")
    if not path or ".." in path.split("/"):
        message = f"expected a path inside the site like {shown(default)}, found {shown(path)}"
        reader.problem(reader.key("feeds", name), message)
        return default
    return path


def _campaign_pattern(pattern: str, reader: OptionReader) -> str:
    """The ``utm.campaign`` pattern, checked now rather than failing on the first post."""
    try:
        pattern.format(campaign="")
    except KeyError as exc:
        problem = f"unknown field {{{exc.args[0]}}}"
    except (AttributeError, IndexError, ValueError) as exc:
        problem = str(exc)
    else:
        return pattern
    reader.problem(
        reader.key("utm", "campaign"),
        f"cannot use {shown(pattern)} ({problem}); the only field is {{campaign}}, "
        "and literal braces are written {{ and }}",
    )
    return UtmSettings.campaign
