"""``portavoz/listening``: feeds about the brand → community page, digests, crisis, voices.

A thin adapter over :mod:`portavoz.scheduler.listening`: options are validated here, then
every decision (fetching, caching, rules, digests, crisis, influencers, page markup) is made
by the core.
"""

from __future__ import annotations

from datetime import UTC
from pathlib import Path
from zoneinfo import ZoneInfo

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from portavoz.plugins.options import CoreOption
from portavoz.scheduler.base.atomic import WriteError
from portavoz.scheduler.base.clock import ClockError, resolve_now
from portavoz.scheduler.base.inert import OneLineRecords, log_lines
from portavoz.scheduler.base.options import ConfigError
from portavoz.scheduler.base.problems import ContentError
from portavoz.scheduler.internal_dirs import Places
from portavoz.scheduler.listening import pages, pipeline
from portavoz.scheduler.listening.policy import FetchPolicy  # not fetch: no httpx
from portavoz.scheduler.listening.settings import Settings, check_option, load_settings
from portavoz.scheduler.usecases.caching import code_version
from portavoz.scheduler.usecases.folders import internal_folders

log = get_plugin_logger("portavoz.listening")  # messages read "portavoz: …"
log.logger.addFilter(OneLineRecords())  # values in messages never start a line or a command


def _core(key: str, default: object) -> CoreOption[object]:
    """An option checked by the core's constructor, as `portavoz listen` checks it."""
    return CoreOption(check_option(key), default)


class ListeningConfig(Config):
    """Options of ``portavoz/listening``."""

    # Turn the plugin off without removing it.
    enabled = c.Type(bool, default=True)
    # Build from the cache only, without network (for CI).
    offline = _core("offline", Settings.offline)
    # Feeds to listen to: name, url, kind (community, mention, news, competitor, video or
    # forum), tags.
    sources = _core("sources", [])
    # Entries older than this many days are ignored.
    window_days = _core("window_days", Settings.window_days)
    # Seconds a feed may take in all, wall clock: resolving, connecting, redirects, headers
    # and body. A feed over it fails and keeps its last good copy.
    timeout = _core("timeout", FetchPolicy.timeout)
    # Largest feed accepted, in bytes, raw and decoded; bigger ones are cut off and fail.
    max_bytes = _core("max_bytes", FetchPolicy.max_bytes)
    # "host:port" pairs that may be loopback or private addresses (an intranet feed, a test
    # server); every other loopback, private, link-local or metadata address is refused.
    allow_private = _core("allow_private", [])
    # Feeds fetched at the same time (default 64: a round lasts as long as its slowest feed;
    # lower it when many sources share one host).
    concurrency = _core("concurrency", FetchPolicy.concurrency)
    # Cache folder, relative to mkdocs.yml (refused inside docs_dir or site_dir: raw feeds).
    cache_dir = _core("cache_dir", Settings.cache_dir)
    # Folder for digests, crisis.json and influencers, relative to mkdocs.yml (refused inside
    # docs_dir or site_dir: never published).
    internal_dir = _core("internal_dir", Settings.internal_dir)
    # Departments that get a digest.
    departments = _core("departments", [])
    # Labelling and routing rules: label, keywords, patterns, departments.
    rules = _core("rules", [])
    # Crisis signal: label, threshold (entries)…, hours (…within this many hours before now).
    crisis = _core("crisis", {})
    # People registry: name, handles (per network), feeds, aliases.
    people = _core("people", [])
    # Public community page: enabled, path, title, intro, limit (entries), kinds (of source).
    community = _core("community", {})
    # Top voices (internal by default): public, path, title, intro, limit, labels (rule labels
    # that count as speaking about the brand; empty: any).
    voices = _core("voices", {})


class ListeningPlugin(BasePlugin[ListeningConfig]):
    """Listens to the configured feeds on every build and publishes the community page."""

    def __init__(self) -> None:
        self.is_serve = False
        self.fetched = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.is_serve = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        # Per-build state lives here: `mkdocs serve` reuses the plugin object.
        if not self.config.enabled:
            return None
        config_file = Path(config.config_file_path or "mkdocs.yml")
        self.where = config_file.name
        self.root = config_file.parent.resolve()
        try:
            # Material's theme.language (its default, en, when unset): pages and reports in it.
            language = str(config.theme.get("language") or "")
            self.settings = load_settings(self.config, where=self.where, language=language)
            self.now = resolve_now(ZoneInfo("UTC")).astimezone(UTC)
        except (ConfigError, ClockError) as exc:
            raise PluginError(log_lines(str(exc))) from None
        _refuse_public_folders(self.settings, config)
        return None

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        result = self._listen(config.site_url or "")
        for path, content in _public_pages(result, self.settings):
            if files.get_file_from_path(path) is not None:
                where = f"{Path(config.docs_dir).name}/{path}"
                log.warning(f"{where} exists, so the listening page is not generated; set a path")
                continue
            files.append(File.generated(config, path, content=content))
        return files

    def _listen(self, site_url: str) -> pipeline.Run:
        # In `mkdocs serve`, fetch on the first build only: rebuilds on each edit use the cache.
        offline = self.settings.offline or (self.is_serve and self.fetched)
        try:
            result = pipeline.run(
                self.settings,
                self.root,
                self.now,
                site_url=site_url,
                offline=offline,
                where=self.where,
                # An offline build parses the same copies each time: it keeps the parses.
                kept=pipeline.KeptParses(
                    self.root / self.settings.internal_dir / "cache", code_version()
                ),
            )
        except WriteError as exc:  # a full disk: one line, the old cache is still there
            raise PluginError(f"portavoz/listening: {exc.describe(self.root)}") from None
        self.fetched = True
        # What comes from outside (a feed that fails, no cache yet, a crisis signal) is told,
        # never a warning: a strict build must still deploy, and publish, when it happens.
        for problem in result.harvest.problems:
            log.info(problem.format())
        for report in result.harvest.reports:
            # Failures are already warnings; a move is worth telling; the rest is for --verbose.
            line = f"{report.name}: {report.status} {report.message}".rstrip()
            if not report.status.is_failure:
                (log.info if report.moved_to else log.debug)(line)
        if result.analysis.crisis is not None:
            log.info(result.analysis.crisis.message())
        return result


def _refuse_public_folders(settings: Settings, config: MkDocsConfig) -> None:
    """The cache and the internal folder are refused inside docs_dir or site_dir (both public)."""
    places = Places.of_build(config.config_file_path, config.docs_dir, config.site_dir)
    where = Path(config.config_file_path or "mkdocs.yml").name
    try:
        internal_folders(
            places, {"cache_dir": settings.cache_dir, "internal_dir": settings.internal_dir}, where
        )
    except ContentError as exc:
        raise PluginError(str(exc)) from None


def _public_pages(result: pipeline.Run, settings: Settings) -> list[tuple[str, str]]:
    """Pages to add to the site: the community page and, if public, the voices page."""
    found: list[tuple[str, str]] = []
    say = settings.messages
    if settings.community.enabled:
        markdown = pages.community_markdown(result.analysis.entries, settings.community, say)
        found.append((settings.community.path, markdown))
    if settings.voices.public:
        markdown = pages.voices_markdown(result.analysis.voices, settings.voices, say)
        found.append((settings.voices.path, markdown))
    return found
