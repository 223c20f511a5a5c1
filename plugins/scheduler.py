"""``portavoz/scheduler``: social variants, public feeds and the internal editorial outputs.

A thin adapter over ``scheduler.compose`` and ``scheduler.outputs``. It reads the posts and
the publish window that ``portavoz/site`` already computed for this build.
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from portavoz.plugins.site import SitePlugin, refuse_special_files, report
from portavoz.scheduler.base.atomic import WriteError
from portavoz.scheduler.base.inert import OneLineRecords, log_lines
from portavoz.scheduler.compose.plan import Plan, make_plan
from portavoz.scheduler.compose.settings import (
    DEFAULT_TEMPLATES_DIR,
    SchedulerConfigError,
    SchedulerSettings,
    scheduler_settings,
)
from portavoz.scheduler.compose.templates import environment
from portavoz.scheduler.compose.variant import Composer
from portavoz.scheduler.content.urls import post_url
from portavoz.scheduler.internal_dirs import Places, misplaced
from portavoz.scheduler.outputs.feeds import feed_files, feed_url, media_type
from portavoz.scheduler.outputs.feedset import Feed, FeedOptions, site_feeds
from portavoz.scheduler.outputs.internal import write_internal

log = get_plugin_logger("portavoz.scheduler")  # messages read "portavoz: …"
log.logger.addFilter(OneLineRecords())  # values in messages never start a line or a command


class UtmConfig(Config):
    """UTM parameters on links in social variants."""

    # Add UTM parameters at all.
    enabled = c.Type(bool, default=True)
    # utm_medium.
    medium = c.Type(str, default="social")
    # utm_campaign; {campaign} is the post's campaign, or its slug.
    campaign = c.Type(str, default="{campaign}")


class FeedsConfig(Config):
    """Public feeds (RSS 2.0, Atom 1.0, JSON Feed 1.1) of live posts."""

    # Write feeds at all.
    enabled = c.Type(bool, default=True)
    # One feed per public audience.
    per_audience = c.Type(bool, default=True)
    # One feed per category.
    per_category = c.Type(bool, default=True)
    # One feed per network whose items are that network's variant.
    per_network = c.Type(bool, default=True)
    # Entries per feed.
    size = c.Type(int, default=20)
    # Folder of the audience, category and network feeds in the site.
    folder = c.Type(str, default="feeds")
    # Path stem of the site-wide feed (linked from every page); at the root, where
    # sitemap.xml is, because Material fetches sitemap.xml beside every feed link.
    site_feed = c.Type(str, default="feed")


class SchedulerConfig(Config):
    """Options of ``portavoz/scheduler``."""

    # Turn the plugin off without removing it.
    enabled = c.Type(bool, default=True)
    # Folder of internal outputs (schedule, calendar, CSV, texts); refused inside docs_dir
    # or site_dir, whose files are published.
    output_dir = c.Type(str, default=".portavoz")
    # Folder of per-network template overrides (<network>.txt.j2), relative to mkdocs.yml;
    # its files are never published, wherever it is.
    templates_dir = c.Type(str, default=DEFAULT_TEMPLATES_DIR)
    # Per-network options: limit, hashtags (how many), link_in_bio, hashtag_limit…
    networks = c.Type(dict, default={})
    # UTM parameters.
    utm = c.SubConfig(UtmConfig)
    # Public feeds.
    feeds = c.SubConfig(FeedsConfig)
    # How many days back the editorial calendar (calendar.ics) shows published posts.
    calendar_days = c.Type(int, default=180)
    # Brand-voice rules for `portavoz check` and `portavoz review` (see README, "Brand voice").
    lint = c.Type(dict, default={})


class SchedulerPlugin(BasePlugin[SchedulerConfig]):
    """Composes every post's variants, adds the feeds, writes the internal outputs."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        # Per-build state lives here: `mkdocs serve` reuses the plugin object.
        self.plan: Plan | None = None
        self.feeds: list[Feed] = []
        if not self.config.enabled:
            return None
        site = config.plugins.get("portavoz/site")
        if not isinstance(site, SitePlugin) or not site.config.enabled:
            raise PluginError("portavoz/scheduler needs the portavoz/site plugin (add it first)")
        self.site_plugin = site
        if not config.site_url:
            raise PluginError(
                "portavoz/scheduler: set site_url in mkdocs.yml; social posts and feeds link "
                "to absolute URLs (e.g. site_url: https://blog.example.com/)"
            )
        self.root = Path(config.config_file_path or ".").resolve().parent
        self.output_dir = _output_dir(self.config.output_dir, config)
        try:
            self.settings: SchedulerSettings = scheduler_settings(dict(self.config))
        except SchedulerConfigError as exc:
            raise PluginError(log_lines(f"portavoz/scheduler: {exc}")) from None
        self.templates_dir = self.root / self.settings.templates_dir
        refuse_special_files(self.root, [str(self.templates_dir)])
        return None

    # After portavoz/site (50) has read the posts and before material/blog (-50): the feeds
    # it adds are files like any other.
    @event_priority(40)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        _unpublish(files, self.templates_dir)
        site = self.site_plugin
        composer = Composer(
            site.settings,
            self.settings,
            environment(self.templates_dir, shown_as=self.settings.templates_dir),
            lambda post: post_url(post, site.settings),
        )
        self.plan, problems = make_plan(site.posts.values(), site.window, site.settings, composer)
        report(problems)
        if self.config.feeds.enabled:
            self.feeds = site_feeds(self.plan, config.site_name, _feed_options(self.config))
            for feed in self.feeds:
                for path, document in feed.files().items():
                    files.append(File.generated(config, path, content=document))
        return files

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        return self._with_feed_links(context)

    def on_template_context(
        self, context: TemplateContext, /, *, template_name: str, config: MkDocsConfig
    ) -> TemplateContext | None:
        # Static templates (404.html) get no page context, but their <head> needs the links too.
        return self._with_feed_links(context)

    def _with_feed_links(self, context: TemplateContext) -> TemplateContext:
        if self.config.enabled and self.feeds:
            cast(dict[str, object], context)["portavoz_feeds"] = _feed_links(self.feeds[0])
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.config.enabled and self.plan is not None:
            try:
                written = write_internal(self.plan, self.output_dir, self.settings.calendar_days)
            except WriteError as exc:  # a full disk: one line, the old files are still there
                raise PluginError(f"portavoz/scheduler: {exc.describe(self.root)}") from None
            log.info(f"internal outputs: {written} files changed in {self.output_dir}")


def _output_dir(option: str, config: MkDocsConfig) -> Path:
    """The internal outputs' folder, refused inside docs_dir or site_dir (both are public)."""
    places = Places.of_build(config.config_file_path, config.docs_dir, config.site_dir)
    where = Path(config.config_file_path or "mkdocs.yml").name
    problem = misplaced("output_dir", option, places, where)
    if problem is not None:
        raise PluginError(problem.format())
    return (places.root / option).resolve()


def _unpublish(files: Files, folder: Path) -> None:
    """Keep the template overrides out of the site, should their folder be a published one."""
    inside = [
        f for f in files if f.abs_src_path and folder in Path(f.abs_src_path).resolve().parents
    ]
    for file in inside:
        files.remove(file)


def _feed_links(feed: Feed) -> list[dict[str, str]]:
    """Autodiscovery ``<link rel="alternate">`` attributes of a feed, one per format."""
    return [
        {"media_type": media_type(fmt), "title": feed.info.title, "url": feed_url(feed.info, fmt)}
        for fmt in feed_files(feed.info)
    ]


def _feed_options(config: SchedulerConfig) -> FeedOptions:
    feeds = config.feeds
    return FeedOptions(
        per_audience=feeds.per_audience,
        per_category=feeds.per_category,
        per_network=feeds.per_network,
        size=feeds.size,
        folder=feeds.folder.strip("/"),
        site_feed=feeds.site_feed.strip("/"),
    )
