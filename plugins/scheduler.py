"""``portavoz/scheduler``: social variants, public feeds and the internal editorial outputs.

A thin adapter over :mod:`portavoz.scheduler.usecases.scheduling`. It reads the posts and the
publish window from the build state ``portavoz/site`` hands over (never from that plugin).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup
from material.plugins.blog.structure import Category
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from portavoz.plugins.options import CoreOption
from portavoz.plugins.reporting import advise, report
from portavoz.scheduler.base.atomic import WriteError
from portavoz.scheduler.base.files import is_link, resolves_inside
from portavoz.scheduler.base.inert import OneLineRecords, log_lines
from portavoz.scheduler.base.problems import ContentError, Problem
from portavoz.scheduler.compose.plan import Plan
from portavoz.scheduler.compose.settings import (
    SchedulerSettings,
    check_option,
    scheduler_settings,
)
from portavoz.scheduler.i18n import Messages, Text, messages
from portavoz.scheduler.internal_dirs import Places
from portavoz.scheduler.lint import lint_settings
from portavoz.scheduler.lint.settings import check_lint
from portavoz.scheduler.outputs.feedset import Feed, site_feeds
from portavoz.scheduler.project import ConfigError
from portavoz.scheduler.site.partials import feeds_html
from portavoz.scheduler.site.preview import Panel
from portavoz.scheduler.usecases.caching import CachePlace, write_held
from portavoz.scheduler.usecases.checking import lint_plan, open_cache
from portavoz.scheduler.usecases.feed_cache import FeedCache, open_feed_cache
from portavoz.scheduler.usecases.previewing import Preview
from portavoz.scheduler.usecases.releasing import release_memos
from portavoz.scheduler.usecases.scheduling import (
    Scheduling,
    feed_links,
    plan_build,
    start_scheduling,
    write_outputs,
)
from portavoz.scheduler.usecases.state import BuildState, BuildStateError, hand_over, received
from portavoz.scheduler.usecases.subscribing import (
    Offer,
    Subscriptions,
    feed_sitemaps,
    head_links,
    subscriptions,
)

NAME = "portavoz/scheduler"

FeedLinks = tuple[dict[str, str], ...]
"""A page's feeds' autodiscovery links (:func:`head_links`' attributes)."""

log = get_plugin_logger("portavoz.scheduler")  # messages read "portavoz: …"
log.logger.addFilter(OneLineRecords())  # values in messages never start a line or a command


class SchedulerConfig(Config):
    """Options of ``portavoz/scheduler``."""

    # Turn the plugin off without removing it.
    enabled = c.Type(bool, default=True)
    # Folder of internal outputs (schedule, calendar, CSV, texts); refused inside docs_dir
    # or site_dir, whose files are published.
    output_dir = CoreOption(check_option("output_dir"), SchedulerSettings.output_dir)
    # Folder of per-network template overrides (<network>.txt.j2), relative to mkdocs.yml;
    # its files are never published, wherever it is.
    templates_dir = CoreOption(check_option("templates_dir"), SchedulerSettings.templates_dir)
    # Per-network options: limit, hashtags (how many), link_in_bio, hashtag_limit…
    # (checked by the core, as `portavoz check` checks them).
    networks = CoreOption[dict[str, object]](check_option("networks"), default={})
    # UTM parameters on links in social variants: enabled, medium (utm_medium), campaign
    # (utm_campaign; {campaign} is the post's campaign, or its slug).
    utm = CoreOption[dict[str, object]](check_option("utm"), default={})
    # Public feeds (RSS 2.0, Atom 1.0, JSON Feed 1.1) of live posts: enabled, per_audience,
    # per_category, per_network, size (entries per feed), folder (of the audience, category
    # and network feeds), site_feed (path stem of the site-wide feed, at the root, where
    # sitemap.xml is, because Material fetches sitemap.xml beside every feed link).
    feeds = CoreOption[dict[str, object]](check_option("feeds"), default={})
    # How many days back the editorial calendar (calendar.ics) shows published posts.
    calendar_days = CoreOption(check_option("calendar_days"), SchedulerSettings.calendar_days)
    # Brand-voice rules for `portavoz check` and `portavoz review` (see README, "Brand voice");
    # checked by the core without reading the dictionary (the commands read it).
    lint = CoreOption[dict[str, object]](check_lint, default={})


class SchedulerPlugin(BasePlugin[SchedulerConfig]):
    """Composes every post's variants, adds the feeds, writes the internal outputs.

    ``mkdocs serve`` writes nothing in ``output_dir`` while it runs (nobody reads it then:
    the writer's preview is built from memory): the caches are held in the process, and
    :meth:`on_shutdown` writes the outputs of the last build that had no errors, and the
    cache files of its folder, once.
    """

    def __init__(self) -> None:
        self.is_serve = False
        # serve: the last build without errors, its plan with the settings it was made with
        # (a later build that failed, wherever it failed, leaves it in place).
        self.last: tuple[Plan, Scheduling] | None = None
        self.told = False  # serve: the log said when the outputs are written

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # As portavoz/site tells them apart: the writer's panel is for `mkdocs serve` only.
        self.is_serve = command == "serve"
        self.last, self.told = None, False

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        # Per-build state lives here: `mkdocs serve` reuses the plugin object.
        self.plan: Plan | None = None
        self.feeds: list[Feed] = []
        # The site-wide feeds' links, on every page: one tuple, shared (never a list a hook
        # could change for every later page).
        self.site_links: FeedLinks = ()
        self.site_links_html = feeds_html([])  # their markup, made once a build
        self.offers = Subscriptions()  # the feeds hub and category pages offer
        # Made from them once a build (on_env): hub pages' and categories' own feed links.
        self.own_links: dict[str, tuple[FeedLinks, Markup]] = {}
        self.category_links: dict[str, tuple[FeedLinks, Markup]] = {}
        self.panels: dict[str, Panel] = {}  # each post page's panel (mkdocs serve)
        self.preview: Preview | None = None
        self.folders: dict[str, str | None] = {}  # each folder named once a build
        if not self.config.enabled:
            self.last = None  # turned off: no outputs to write when serve stops
            return None
        try:
            # portavoz/site's on_config (priority 100) has run, wherever either is listed.
            site = received(config, NAME).settings
            self.texts: Messages = messages(site.language)
            where = Path(config.config_file_path or "mkdocs.yml").name
            settings = scheduler_settings(dict(self.config), where, language=site.language)
            places = Places.of_build(config.config_file_path, config.docs_dir, config.site_dir)
            self.scheduling: Scheduling = start_scheduling(
                settings, site_url=config.site_url or "", places=places, where=where
            )
            # portavoz/site's on_files reads the posts through the caches in output_dir.
            caches = CachePlace.of(places.root, self.scheduling.output_dir)
            hand_over(config, received(config, NAME).with_caches(caches))
            # Read as `portavoz check` reads it (a missing dictionary is an error there too).
            self.voice = lint_settings(dict(self.config), places.root, where)
        except ConfigError as exc:  # its message names the file and the key path
            raise PluginError(log_lines(str(exc))) from None
        except (BuildStateError, ContentError) as exc:
            raise PluginError(str(exc)) from None
        return None

    # After portavoz/site (50) has read the posts and before material/blog (-50): the feeds
    # it adds are files like any other.
    @event_priority(40)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        if self.is_serve and not self.told:  # once, at the first build that gets here
            self.told = True
            log.info(self.texts(Text.SERVE_OUTPUTS_AT_STOP, folder=_shown(self.scheduling)))
        _unpublish(files, self.scheduling.templates_dir)
        state = received(config, NAME)
        # A cached post's variants are decoded when first asked for: one found malformed
        # then is composed again, and its warning logged as it is found.
        # serve holds the caches' new entries in memory, and writes them when it stops.
        hold = self.is_serve
        self.plan, problems = plan_build(state, self.scheduling, warn=_warn, hold=hold)
        # Brand-voice findings, as `portavoz check` finds them: logged, and in the panels.
        # Unchanged posts' findings are read from <output_dir>/cache/, as portavoz check does.
        cache = open_cache(self.scheduling.root, self.scheduling.output_dir, hold=hold)
        voice = lint_plan(self.plan, self.voice, cache)
        if cache.warning is not None:
            log.warning(cache.warning.format())
        # `mkdocs serve` keeps serving: each post's page shows its errors in the panel.
        report(problems, log, stop=not self.is_serve)
        advise(voice, log, serve=self.is_serve)
        if self.is_serve:
            self.preview = self._preview(state, self.plan, [*problems, *voice])
        else:  # composing and linting are over: their memos would only add to Material's peak
            release_memos()
            state.release_sources()
        options, feed_cache = self.scheduling.settings.feeds, None
        if options.enabled:
            names = _author_names(config)
            self.feeds = site_feeds(
                self.plan,
                config.site_name,
                options,
                author=lambda a: names.get(a, a),
                description=config.site_description or "",
                keep=self.is_serve,
            )
            feed_cache = self._add_feed_files(files, config)
            self.site_links = tuple(feed_links(self.feeds))
            self.site_links_html = feeds_html(self.site_links)
            self._offer_feeds(files, config, state)
        if not self.is_serve and self.plan is not None:
            # Written now, not after the pages: the plan is then let go of before Material
            # renders them, which reuses its memory (held to the end, it would add to
            # Material's peak; nothing after this reads it). Every post is read, composed
            # and linted by now, and the outputs are made from nothing the pages add: a
            # page that fails to render later fails the build, not these files (and
            # `portavoz publish` composes from the posts themselves, not from them).
            self._write_outputs(self.plan, self.scheduling)
            self.plan = None
        if feed_cache is not None:  # a cache last: a failed output write names the output
            feed_cache.save(keep=False)
            if feed_cache.warning is not None:
                log.warning(feed_cache.warning.format())
        return files

    def _add_feed_files(self, files: Files, config: MkDocsConfig) -> FeedCache | None:
        """Every feed's documents, and the cache to save once the outputs are written.

        A plain build reads those whose inputs are unchanged from <output_dir>/cache/;
        serve keeps its own in memory instead (a rebuild that asked the file for the few
        changed feeds only would leave it with those alone).
        """
        root, folder = self.scheduling.root, self.scheduling.output_dir
        kept = None if self.is_serve else open_feed_cache(root, folder)
        for feed in self.feeds:
            for path, document in feed.files(kept).items():
                files.append(self._generated(config, path, document))
        return kept

    def _offer_feeds(self, files: Files, config: MkDocsConfig, state: BuildState) -> None:
        """Which page offers which feed, and the sitemaps Material probes beside them."""
        self.offers = subscriptions(self.feeds, state.settings)
        for path, document in feed_sitemaps(self.feeds).items():
            if path not in files.src_uris:  # a site's own file wins
                files.append(self._generated(config, path, document))

    def _generated(self, config: MkDocsConfig, path: str, document: str) -> File:
        """The site's file at ``path`` holding ``document`` (a feed, a feeds' sitemap).

        A plain build writes it into ``site_dir`` now, as MkDocs lets plugins do (its copy
        is then skipped), and MkDocs keeps only its path: held in memory, the documents
        would stay to the end of the build, under Material's peak. ``mkdocs serve`` keeps
        them in memory, as it keeps their renderings for its next rebuild.
        """
        made = File.generated(config, path, content=document)
        if self.is_serve:
            return made
        target = Path(made.abs_dest_path)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(document, encoding="utf-8")  # as MkDocs writes it (text mode)
        except OSError as exc:  # a full disk: one line, as for the internal outputs
            error = WriteError(target, exc).describe(self.scheduling.root)
            raise PluginError(f"{NAME}: {error}") from None
        return File.generated(config, path, abs_src_path=str(target))

    # After portavoz/site (0) has made a category's heading text, before material/blog (-50)
    # gives a category's later pages their heading only: the links go on its first page.
    @event_priority(-20)
    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        # No offers unless enabled (on_config leaves them empty): once a page, the option's
        # own lookup costs more than this.
        offers = self.offers
        # Most pages are no category's: no call (between pages, each step costs a cache miss).
        category = _category(page) if offers.categories and isinstance(page, Category) else None
        if not offers.offers(page.file.src_uri, category):
            return None
        return offers.with_links(markdown, page.file.src_uri, page.url, self.texts, category)

    def _preview(self, state: BuildState, plan: Plan, problems: list[Problem]) -> Preview:
        """The writer's panels of this build (a post's is kept only for the same inputs)."""
        found = (*state.problems, *problems)
        texts = messages(state.settings.language)
        return Preview(plan, found, self.scheduling.settings, texts)

    def on_env(
        self, env: Environment, /, *, config: MkDocsConfig, files: Files
    ) -> Environment | None:
        # What pages are given besides their own, made once a build: each page's handler is
        # then a lookup (between Material's pages, every step of one cost several times more).
        self.own_links = {
            src_uri: self._feed_links(offers) for src_uri, offers in self.offers.pages.items()
        }
        self.category_links = {
            name: self._feed_links((offer,)) for name, offer in self.offers.categories.items()
        }
        # Every other page, and the static templates (404.html), offer the site's feeds only:
        # the templates' globals.
        if self.feeds:
            env.globals["portavoz_feeds"] = self.site_links
            env.globals["portavoz_feeds_html"] = self.site_links_html
        self.panels = self._panels(config, files)
        return None

    def _feed_links(self, offers: Iterable[Offer]) -> tuple[FeedLinks, Markup]:
        """A hub or category page's feed links: its own feeds after the site's (readers offer
        the first), and their markup."""
        links = (*self.site_links, *head_links(o.feed for o in offers))
        return links, feeds_html(links)

    def _panels(self, config: MkDocsConfig, files: Files) -> dict[str, Panel]:
        """Each post page's panel (``mkdocs serve``), by ``src_uri``."""
        if self.preview is None:  # only made when enabled
            return {}
        panels = {}
        for src_uri in received(config, NAME).posts or {}:
            path = self.preview.post_file(src_uri)
            panel = (
                self.preview.panel(path, src_uri) if path and src_uri in files.src_uris else None
            )
            if panel is not None:
                panels[src_uri] = panel
        return panels

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        src_uri = page.file.src_uri
        if self.preview is not None:  # only made when enabled
            panel = self.panels.get(src_uri)
            if panel is None and self.preview.problems_elsewhere:  # else no other page has one
                path = _project_path(page.file.abs_src_path, self.scheduling.root, self.folders)
                panel = self.preview.panel(path, src_uri)
            if panel is not None:
                context["portavoz_social"] = panel  # type: ignore[typeddict-unknown-key]
        # A hub or category page's own feeds; every other page's are the globals (on_env).
        # No cast nor call for most pages: each object touched between pages is a cache miss.
        category = _category(page) if isinstance(page, Category) and self.category_links else None
        own = self.category_links.get(category) if category is not None else None
        if own is None and self.own_links:
            own = self.own_links.get(src_uri)
        if own is not None:
            found: dict[str, object] = context  # type: ignore[assignment]
            found["portavoz_feeds"], found["portavoz_feeds_html"] = own
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # Only `mkdocs serve` has a plan here (a plain build wrote its outputs in on_files).
        if not self.config.enabled or self.plan is None:
            return
        if self.preview is not None and any(p.is_error for p in self.preview.problems):
            # serve keeps serving with errors (a plain build stops in on_files): the
            # outputs others read wait until they are fixed.
            log.info("internal outputs not written until the errors above are fixed")
            return
        self.last = self.plan, self.scheduling  # on_shutdown writes the last one without errors

    def on_shutdown(self) -> None:
        # `mkdocs serve` stops (MkDocs calls this in a `finally`, Ctrl-C included): the last
        # build without errors' outputs, then its folder's cache files, each written once. A
        # serve killed before leaves output_dir as it found it. Every write error is one line.
        if not self.is_serve:
            return
        if not self.config.enabled:  # turned off by the last config loaded: nothing written
            write_held(None)
            return
        last, self.last = self.last, None
        scheduling = last[1] if last is not None else getattr(self, "scheduling", None)
        try:
            if last is not None:
                self._write_at_stop(*last)
            elif self.told and scheduling is not None:  # no build since then was without errors
                folder = _shown(scheduling)
                log.info(self.texts(Text.SERVE_OUTPUTS_NOT_WRITTEN, folder=folder))
        finally:
            # Only that build's folder: the caches of an output_dir since left are dropped.
            write_held(
                CachePlace.of(scheduling.root, scheduling.output_dir) if scheduling else None
            )

    def _write_at_stop(self, plan: Plan, scheduling: Scheduling) -> None:
        """A serve build's outputs, as a plain build of the same files writes them."""
        try:
            self._write_outputs(plan, scheduling)
        except PluginError as exc:  # one line, the old files are still there
            log.error(str(exc))

    def _write_outputs(self, plan: Plan, scheduling: Scheduling) -> None:
        try:
            written = write_outputs(plan, scheduling, warn=_warn)
        except WriteError as exc:  # a full disk: one line, the old files are still there
            raise PluginError(f"{NAME}: {exc.describe(scheduling.root)}") from None
        log.info(f"internal outputs: {written} files changed in {scheduling.output_dir}")


def _shown(scheduling: Scheduling) -> str:
    """A build's ``output_dir`` as the log names it (from the project root)."""
    return Path(os.path.relpath(scheduling.output_dir, scheduling.root)).as_posix()


def _warn(problem: Problem) -> None:
    log.warning(problem.format())


def _author_names(config: MkDocsConfig) -> dict[str, str]:
    """Each author id's name from ``.authors.yml``, as material/blog read it.

    portavoz/site has already given Material the names as HTML text (``Markup``): feeds
    escape for themselves, so they take the text back.
    """
    authors = getattr(config.plugins.get("material/blog"), "authors", None)
    names: dict[str, str] = {}
    for key, author in (authors or {}).items() if isinstance(authors, dict) else ():
        name = author.get("name") if hasattr(author, "get") else None
        if isinstance(name, str) and name:
            names[str(key)] = name.unescape() if isinstance(name, Markup) else name
    return names


def _category(page: Page) -> str | None:
    """The blog category whose page ``page`` is (Material's view of it), if it is one."""
    name = page.name if isinstance(page, Category) else None
    return name if isinstance(name, str) else None


def _unpublish(files: Files, folder: Path) -> None:
    """Keep the template overrides out of the site, should their folder be a published one."""
    folders: dict[str, bool] = {}
    inside = [
        f for f in files if f.abs_src_path and resolves_inside(f.abs_src_path, folder, folders)
    ]
    for file in inside:
        files.remove(file)


def _project_path(abs_src_path: str | None, root: Path, folders: dict[str, str | None]) -> str:
    """A page's file as problems name it (from the project root, posix), or ``""``.

    As ``Path(abs_src_path).resolve()`` from ``root.resolve()``, with each folder resolved
    and named once a build (``folders``; ``None``: outside the project), and the file's own
    name followed only when it is a link: a page costs one lstat, no resolution.
    """
    if not abs_src_path:
        return ""
    if is_link(abs_src_path):
        return _from_root(Path(abs_src_path).resolve(), root) or ""
    parent, name = os.path.split(abs_src_path)
    if parent not in folders:
        folders[parent] = _from_root(Path(parent).resolve(), root)
    folder = folders[parent]
    if folder is None:  # a generated page outside the project: no problems name it
        return ""
    return f"{folder}/{name}" if folder else name


def _from_root(path: Path, root: Path) -> str | None:
    """``path`` (resolved) from the resolved ``root``, posix (``""``: the root), or ``None``."""
    try:
        named = path.relative_to(root.resolve()).as_posix()
    except ValueError:
        return None
    return "" if named == "." else named
