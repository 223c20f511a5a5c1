"""``portavoz/site``: the publish window, audience hub pages, share links and social meta.

A thin adapter: every decision is made by the core (``scheduler.content`` and
``scheduler.site``); this module only maps MkDocs events onto it.
"""

from __future__ import annotations

import functools
import os
import posixpath
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import NamedTuple, cast

from jinja2 import Environment
from markupsafe import Markup, escape
from material.plugins.blog.structure import Category
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url, normalize_url
from mkdocs.utils.templates import TemplateContext

from portavoz.plugins.options import CoreOption
from portavoz.plugins.reporting import report
from portavoz.scheduler.base.files import resolves_inside
from portavoz.scheduler.base.inert import OneLineRecords, log_lines
from portavoz.scheduler.base.kept import ByPage
from portavoz.scheduler.base.problems import ContentError
from portavoz.scheduler.content.model import Post
from portavoz.scheduler.content.settings import SiteSettings
from portavoz.scheduler.content.urls import post_path
from portavoz.scheduler.content.window import Status
from portavoz.scheduler.i18n import Messages, Text, messages
from portavoz.scheduler.project import (
    MASTODON_INSTANCE,
    TIMEZONE,
    ConfigError,
    build_window,
    check_site_option,
    language_problem,
    load_project,
    site_settings,
)
from portavoz.scheduler.site.hub import HubPage, audience_page, hub_pages
from portavoz.scheduler.site.images import ImageSizes
from portavoz.scheduler.site.media import is_post_media, post_text, unused_media
from portavoz.scheduler.site.meta import (
    ROBOTS,
    Card,
    blog_posting,
    image_url,
    page_meta,
    post_meta,
    robots_txt,
)
from portavoz.scheduler.site.options import SiteOptions
from portavoz.scheduler.site.partials import (
    begin_pages,
    footer_html,
    keep_values,
    kept_values,
    meta_html,
)
from portavoz.scheduler.site.share import ShareLink, Sharing
from portavoz.scheduler.site.text import html_text
from portavoz.scheduler.usecases.folders import refuse_special_files as refuse_special
from portavoz.scheduler.usecases.reading import read_build
from portavoz.scheduler.usecases.state import BuildState, hand_over, received

log = get_plugin_logger("portavoz.site")  # messages read "portavoz: …"
log.logger.addFilter(OneLineRecords())  # values in messages never start a line or a command

BANNERS = {
    Status.SCHEDULED: Text.BANNER_SCHEDULED,
    Status.HELD: Text.BANNER_HELD,
    Status.DRAFT: Text.BANNER_DRAFT,
    Status.WITHDRAWN: Text.BANNER_WITHDRAWN,
    Status.INTERNAL: Text.BANNER_INTERNAL,
}
"""The preview banner's text for each status a post shown only in ``mkdocs serve`` can have."""

THEME_DIR = Path(__file__).with_name("theme")
"""portavoz's templates and stylesheet (package data): head meta, feed links, the post footer."""


class _PostPage(NamedTuple):
    """What a post's page is given by the page handlers, made once a build (``on_nav``).

    Attributes:
        post: The post.
        title: Its title as HTML text (:func:`_post_meta_as_text`).
        description: Its summary as HTML text, or ``None`` without one.
        banner: The preview banner's HTML, or ``""`` for a live post.
        card: Its card, or ``None`` for the site's (a post without an image).
    """

    post: Post
    title: Markup
    description: Markup | None
    banner: str
    card: Card | None


_Values = tuple[tuple[object, ...], Mapping[str, object]]
"""A page's context values (:meth:`SitePlugin._page_values`) with their key (:func:`_page_key`)."""

_POST_PAGES: ByPage[tuple[object, ...], _PostPage] = ByPage()
"""Each post page's entry (:class:`_PostPage`), kept from one ``mkdocs serve`` build to the
next by what it is made from (``on_nav``)."""


class SiteConfig(Config):
    """Options of ``portavoz/site``."""

    # Turn the plugin off without removing it.
    enabled = c.Type(bool, default=True)
    # IANA timezone in which dates without an offset are read.
    timezone = CoreOption(check_site_option("timezone"), TIMEZONE)
    # Audiences posts can be written for, by id.
    audiences = CoreOption[dict[str, object]](check_site_option("audiences"), default={})
    # Audience of posts that name none (default: the first configured).
    default_audience = CoreOption[str | None](check_site_option("default_audience"), None)
    # Generate the audience hub pages.
    hub = CoreOption(check_site_option("hub"), SiteOptions.hub)
    # Folder of the hub pages in the site (default: the site language's word, `audiences`…).
    hub_dir = CoreOption[str | None](check_site_option("hub_dir"), None)
    # Social card image for pages without one (relative to the content folder or a URL).
    image = CoreOption(check_site_option("image"), SiteOptions.image)
    # Mastodon server used by the share link.
    mastodon_instance = CoreOption(check_site_option("mastodon_instance"), MASTODON_INSTANCE)
    # Crisis pause: reason (empty: not paused), since (when it began: posts due from then on
    # are held; default: the build's clock). PORTAVOZ_PAUSE / PORTAVOZ_PAUSE_SINCE also set it.
    pause = CoreOption[dict[str, object]](check_site_option("pause"), default={})
    # In `mkdocs serve`, show unpublished posts to writers, with a banner saying why.
    preview_unpublished = CoreOption(
        check_site_option("preview_unpublished"), SiteOptions.preview_unpublished
    )
    # Let Material load its fonts from Google Fonts, a third party asked on every page
    # (false: Material's font is turned off and pages use the reader's system fonts).
    web_fonts = CoreOption(check_site_option("web_fonts"), SiteOptions.web_fonts)


class SitePlugin(BasePlugin[SiteConfig]):
    """Keeps non-live posts out of the public build and adds the hub and page metadata."""

    def __init__(self) -> None:
        self.is_serve = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.is_serve = command == "serve"

    # Before material/blog (0) reads .authors.yml: links and special files are refused first.
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        # Per-build state lives here (`mkdocs serve` reuses the plugin object), handed to the
        # other plugins on the build's config.
        self.enabled = bool(self.config.enabled)  # asked on every page: read once a build
        self.hub: dict[str, tuple[File, HubPage]] = {}  # generated: listings put back
        if not self.enabled:
            return None
        try:
            settings = _settings(self.config, config, self.is_serve)
            window = build_window(settings, self.config.pause)
            self.state = hand_over(config, BuildState(settings, window))
        except ConfigError as exc:
            raise PluginError(log_lines(str(exc))) from None
        self.texts = messages(settings.language)
        self.labels = _labels(self.texts)  # every post's footer: looked up once a build
        self.sizes = ImageSizes(Path(config.docs_dir))  # read again on each rebuild
        self.content = Path(config.docs_dir).resolve()  # once, not on every category page
        self.in_content: dict[str, bool] = {}  # each folder of category pages, decided once
        # Made once a build in on_nav: what each post page is given, and each folder's card
        # image (size and URL) for its posts naming it.
        self.post_pages: dict[str, _PostPage] = {}
        self.card_images: dict[tuple[str, str], tuple[tuple[int, int] | None, str]] = {}
        self.ahead: dict[str, _Values] = {}  # each page's values, made in on_env
        self.sharing = Sharing(self.config.mastodon_instance)
        report_language(settings, config)
        _keep_fonts_local(self.config.web_fonts, config)
        add_packaged_theme(config)
        # Here, before MkDocs walks docs_dir (following links) and loads the theme's templates.
        refuse_special_files(_root(config), [config.docs_dir, config.theme.custom_dir])
        return None

    # Before material/blog (-50) reads the posts: unpublished ones must never reach it.
    @event_priority(50)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        settings = self.state.settings
        prefix = settings.post_dir + "/"
        paths = [  # strings: a Path a page cost more than reading a kept post
            f.abs_src_path
            for f in files.documentation_pages()
            if f.src_uri.startswith(prefix) and f.abs_src_path
        ]
        _authors_as_text(config)
        # serve builds again in this process: files read again alike are not parsed again.
        # The state as handed over: portavoz/scheduler's on_config adds its caches' folder.
        state = received(config, "portavoz/site")
        state, problems = read_build(_root(config), state, paths, keep=self.is_serve)
        self.state = hand_over(config, state)
        # `mkdocs serve` keeps serving: the post's page shows its errors (portavoz/scheduler).
        report(problems, log, stop=not self.is_serve)
        live = {post.src_uri: post for post in state.live_posts()}
        keep_all = self.is_serve and self.config.preview_unpublished
        for post in state.read_posts():
            if post.src_uri not in live and not keep_all:
                files.remove(files.src_uris[post.src_uri])
        if self.config.hub:
            self.hub = _add_hub(files, config, settings, list(live.values()), keep=self.is_serve)
        # Posts link only the audience pages the site has (none without the hub, unless kept).
        self.audience_urls = {
            a: files.src_uris[page].url
            for a in settings.audiences
            if (page := audience_page(a, settings)) in files.src_uris
        }
        if not keep_all:
            _drop_unused_media(files, settings, live, self._used_by_site(config))
        # Crawlers look for the sitemap MkDocs writes in robots.txt; a site's own file wins.
        if ROBOTS not in files.src_uris and settings.site_url:
            robots = robots_txt(settings.site_url)
            files.append(File.generated(config, ROBOTS, content=robots))
        return files

    def _used_by_site(self, config: MkDocsConfig) -> list[str]:
        """Content-folder paths the site itself uses: social image, logo, favicon, extra CSS/JS."""
        theme = [config.theme.get("logo"), config.theme.get("favicon")]
        extra = [getattr(v, "path", v) for v in [*config.extra_css, *config.extra_javascript]]
        return [str(v) for v in [self.config.image, *theme, *extra] if v]

    def on_nav(
        self, nav: Navigation, /, *, config: MkDocsConfig, files: Files
    ) -> Navigation | None:
        if self.config.enabled:
            _check_urls(self.state.live_posts(), files, self.state.settings)
            # What each post's page is given, made here in one loop: asked in every page's
            # handlers, where each lookup cost several times more between Material's pages.
            site_name = _as_text(config.site_name)  # each post's own card
            self.card_images = {}
            # serve: a post's entry is the last build's while the post (the same object while
            # its file reads alike), its status and its card's image are; the rest is here.
            state = self.state
            inputs = (site_name, state.settings, state.window.pause, self.config.image)
            _POST_PAGES.begin(inputs, keep=self.is_serve)
            self.post_pages = {
                post.src_uri: self._post_page(post, site_name)
                for post in state.read_posts()
                if post.src_uri in files.src_uris  # a post kept out of the site has no page
            }
        return None

    def _post_page(self, post: Post, site_name: str) -> _PostPage:
        status = self.state.status(post)
        image = self._card_image(post) if post.image else None
        make = functools.partial(self._new_post_page, post, status, site_name)
        return _POST_PAGES.get(post.src_uri, (post, status, image), make)

    def _new_post_page(self, post: Post, status: Status, site_name: str) -> _PostPage:
        banner = "" if status is Status.LIVE else _banner(post, status, self.state, self.texts)
        description = escape(post.summary) if post.summary else None
        # A post without an image shows the site's card, made in on_env (None until then).
        card = self._card(site_name, post) if post.image else None
        return _PostPage(post, Markup(html_text(post.title)), description, banner, card)

    # Before material/blog (-50) copies a category's heading into its paginated pages.
    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.enabled:
            return None
        if "subtitle" in page.meta:
            _subtitle_as_text(page)
        found = self.post_pages.get(page.file.src_uri)
        if found is not None:
            _post_meta_as_text(page, found)
            return found.banner + markdown if found.banner else None
        if isinstance(page, Category):  # most pages are not: no call (see on_page_context)
            return _category_heading_as_text(markdown, page, self.content, self.in_content)
        return None

    # First: a hub page's listing is in its HTML before any other plugin reads it.
    @event_priority(100)
    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        found = self.hub.get(page.file.src_uri)  # most pages: none
        if found is None:
            return None
        file, hub = found
        return hub.filled(html) if page.file is file else None

    # Last, once every plugin has read the configuration as written (portavoz/scheduler names
    # its feeds after site_name in on_files) and before MkDocs renders the first template.
    @event_priority(-100)
    def on_env(
        self, env: Environment, /, *, config: MkDocsConfig, files: Files
    ) -> Environment | None:
        if self.config.enabled:
            _config_text_as_html(config)
            # What every page's values are made from besides the page: serve keeps them.
            authors = getattr(config.plugins.get("material/blog"), "authors", None)
            names = {k: v.get("name") for k, v in authors.items()} if authors else {}
            self.author_names = names  # every post's JSON-LD
            # Every page but a post with an image.
            self.site_card = self._card(_as_text(config.site_name))
            shared = (self.state.settings, self.site_card, self.audience_urls, names)
            self.site_description = _as_text(config.site_description or "")  # pages but posts
            site = (self.site_description, self.config.image)
            begin_pages((*shared, site, self.sharing.mastodon_instance), keep=self.is_serve)
            # Here every page has been read and rendered, and this handler is the last. serve
            # takes most pages' values from the last build instead, in each page's handler.
            self.ahead = {} if self.is_serve else self._values_ahead(files)
        return None

    def _values_ahead(self, files: Files) -> dict[str, _Values]:
        """Every page's values with their key, made in one loop before MkDocs renders the
        first page's template; each page's handler takes its own.

        Made in each page's handler, between two of Material's templates, the same steps
        cost two to three times as much: everything they touch has left the processor's
        caches again. A page whose key is not the same there (a plugin changed its title or URL
        since) is made again then.
        """
        ahead = {}
        for file in files.documentation_pages():
            page = file.page
            if page is not None:
                base = get_relative_url(".", page.url)  # the page context's base_url
                post = self.post_pages.get(file.src_uri)
                ahead[file.src_uri] = self._values(page, post, _page_key(page, post, base), base)
        return ahead

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        if not self.enabled:
            return None
        # Between two pages' handlers, everything they touch left the processor's caches:
        # each object looked at here costs more than the steps (no cast, no call that need not).
        found: dict[str, object] = context  # type: ignore[assignment]
        src_uri = page.file.src_uri
        post = self.post_pages.get(src_uri)
        base = found.get("base_url", "")
        key = _page_key(page, post, base)
        ahead = self.ahead.pop(src_uri, None)  # a plain build: made in on_env
        if ahead is None or ahead[0] != key:
            ahead = self._values(page, post, key, base)
        found.update(ahead[1])
        description = page.meta.get("description")  # the page is made anew each build
        if isinstance(description, str) and not isinstance(description, Markup):
            page.meta["description"] = escape(description)  # text, written into an attribute
        return context

    def _values(
        self, page: Page, post: _PostPage | None, key: tuple[object, ...], base: object
    ) -> _Values:
        """The page's values for its ``key`` (:func:`_page_key`): the last build's in
        ``mkdocs serve`` while they are the same, else made (and kept for the next build)."""
        src_uri = page.file.src_uri
        values = kept_values(src_uri, key)  # a plain build keeps none
        if values is None:
            values = self._page_values(page, post, base)
            keep_values(src_uri, key, values)
        return key, values

    def _page_values(self, page: Page, post: _PostPage | None, base: object) -> dict[str, object]:
        made: dict[str, object] = {"base_url": base}
        self._add_context(made, page, post)
        _add_markup(made, page)
        del made["base_url"]
        return made

    def _add_context(self, context: dict[str, object], page: Page, found: _PostPage | None) -> None:
        """Template variables: ``portavoz_meta`` everywhere; share links and audiences on posts."""
        settings = self.state.settings
        url = page.canonical_url or ""
        context["portavoz_labels"] = self.labels
        if found is None:
            card = self.site_card
            description = str(page.meta.get("description") or self.site_description)
            # Material's page titles are HTML (a heading's inner HTML); the card wants its text.
            # The home page's card is the site's, not its navigation label's ("Inicio").
            shown = page.title and not page.is_homepage
            title = Markup(page.title).striptags() if shown else card.site_name
            context["portavoz_meta"] = page_meta(title, url, description, settings, card)
            return
        post, card = found.post, found.card or self.site_card
        context["portavoz_meta"] = post_meta(post, url, settings, card)
        context["portavoz_jsonld"] = blog_posting(
            post,
            url,
            settings,
            image=card.image,
            authors=_author_names(self.author_names, post.authors),
        )
        networks = tuple(ch.network for ch in post.channels)
        context["portavoz_share"] = self.sharing.links(networks, url, post.title)
        context["portavoz_audiences"] = [
            (settings.audiences[a].label, self.audience_urls.get(a, ""))
            for a in post.audiences
            if settings.audiences[a].public
        ]

    def _card(self, site_name: str, post: Post | None = None) -> Card:
        """The site's name, and the image a page's card shows with its size and alt text."""
        settings = self.state.settings
        if post is None:
            image = self.config.image
            if not image:
                return Card(site_name)
            return Card(site_name, self.sizes.of(image), image=image_url(image, None, settings))
        if not post.image:
            return self.site_card  # made in on_env, as every page is
        size, url = self._card_image(post)
        return Card(site_name, size, post.image_alt or "", url)

    def _card_image(self, post: Post) -> tuple[tuple[int, int] | None, str]:
        """The size and absolute URL of the image a post names, alike for the posts of a
        folder naming it (most posts): taken once a build."""
        image = cast(str, post.image)
        where = (image, posixpath.dirname(post.src_uri))
        found = self.card_images.get(where)
        if found is None:
            size = self.sizes.of(image, post.src_uri)
            found = self.card_images[where] = size, image_url(image, post, self.state.settings)
        return found


def _add_markup(context: dict[str, object], page: Page) -> None:
    """What the head and footer partials print, made once here: their loops in Jinja ran on
    every page (:mod:`~portavoz.scheduler.site.partials`, the same bytes)."""
    jsonld = context.get("portavoz_jsonld")
    meta = cast(list[tuple[str, object]], context["portavoz_meta"])
    context["portavoz_meta_html"] = meta_html(meta, jsonld if isinstance(jsonld, str) else None)
    audiences = cast(list[tuple[str, str]], context.get("portavoz_audiences") or [])
    share = cast(tuple[ShareLink, ...], context.get("portavoz_share") or ())
    if audiences or share:
        base = str(context.get("base_url", ""))
        linked = [(a, normalize_url(h, page=page, base=base) if h else h) for a, h in audiences]
        labels = cast(dict[str, str], context["portavoz_labels"])
        context["portavoz_footer_html"] = footer_html(labels, linked, share)


def _page_key(page: Page, post: _PostPage | None, base: object) -> tuple[object, ...]:
    """Everything a page's values show besides what ``on_env`` began them with: the post's
    entry (the same object while the post, its status and its card's image are: ``on_nav``),
    else the page's title and description; its URLs (the footer's links are relative)."""
    if post is not None:
        return post, page.canonical_url, page.url, base
    description = page.meta.get("description")
    shown = str(description) if description else ""
    return page.title, page.is_homepage, shown, page.canonical_url, page.url, base


def _author_names(known: Mapping[str, object], ids: Iterable[str]) -> list[str]:
    """The names ``.authors.yml`` gives the ids (``known``: each id's name as material/blog
    read it; text here, though portavoz/site made them HTML)."""
    names = [known.get(a, a) for a in ids]
    return [_as_text(name) for name in names if isinstance(name, str) and name]


def _labels(texts: Messages) -> dict[str, str]:
    """The post footer's labels in the site language (the templates escape them, ``| e``)."""
    return {
        "audiences": texts(Text.POST_AUDIENCES),
        "share": texts(Text.POST_SHARE),
        "share_nav": texts(Text.POST_SHARE_NAV),
    }


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path or ".").resolve().parent


def report_language(settings: SiteSettings, config: MkDocsConfig) -> None:
    """Warn, once a build, when portavoz has no texts in ``theme.language`` (English is used)."""
    problem = language_problem(settings, Path(config.config_file_path or "mkdocs.yml").name)
    if problem is not None:
        report([problem], log)


def add_packaged_theme(config: MkDocsConfig) -> None:
    """Put portavoz's templates on the theme's search path, right after the site's custom_dir.

    The site's own ``custom_dir`` still overrides any of them (a partial of the same name), and
    they override Material's (``partials/comments.html``). MkDocs copies the stylesheet into
    the site from there, as it does a theme's static files. Called before the theme's
    environment is made (MkDocs makes it after ``on_config``).
    """
    dirs = config.theme.dirs
    packaged = str(THEME_DIR)
    if packaged in dirs:  # the same config read twice (`mkdocs serve` rebuilds)
        return
    custom = config.theme.custom_dir
    dirs.insert(1 if custom and dirs and dirs[0] == custom else 0, packaged)


def _settings(options: SiteConfig, config: MkDocsConfig, is_serve: bool) -> SiteSettings:
    blog = config.plugins.get("material/blog")
    blog_options = dict(blog.config) if blog is not None else {}
    theme_language = config.theme.get("language") or "en"
    site = dict(options)
    site["audiences"] = options.audiences or None  # checked by the core's own constructor
    # `mkdocs serve` replaces site_url with its own address; social posts, feeds and share
    # links must keep the published one, so it is read back from the config file.
    site_url = _published_site_url(config) if is_serve else config.site_url
    return site_settings(
        site_url=site_url or "",
        docs_dir=os.path.relpath(config.docs_dir, _root(config)),
        language=str(theme_language),
        blog=blog_options,
        site=site,
        use_directory_urls=config.use_directory_urls,
    )


MATERIAL_FONT = {"text": "Roboto", "code": "Roboto Mono"}
"""Material's default ``theme.font`` (its ``mkdocs_theme.yml``): what a site that never chose
a font gets, loaded from fonts.googleapis.com."""


def _keep_fonts_local(web_fonts: bool, config: MkDocsConfig) -> None:
    """Turn Material's Google Fonts off unless ``web_fonts``, so pages ask no third party.

    A font the site chose itself is turned off too, with a warning: silently keeping it would
    break the promise, silently dropping it would surprise whoever chose it.
    """
    font = config.theme.get("font", False)
    if web_fonts or config.theme.name != "material" or font is False:
        return
    config.theme["font"] = False
    if font == MATERIAL_FONT:
        log.info("theme.font: Material's Google Fonts turned off; pages use system fonts")
        return
    chosen = font if isinstance(font, dict) else {}
    # Material falls back to its own defaults for whichever of the two the site left out.
    names = [str(chosen.get(key) or MATERIAL_FONT[key]) for key in ("text", "code")]
    name = Path(config.config_file_path or "mkdocs.yml").name
    log.warning(
        f"{name}: theme.font: {names[0]!r} and {names[1]!r} would be loaded from "
        "fonts.googleapis.com on every page, so they are turned off; set 'font: false' "
        "(system fonts), or 'web_fonts: true' in portavoz/site to accept that third party"
    )


def refuse_special_files(root: Path, folders: Iterable[str | None]) -> None:
    """Stop the build, naming each file, on a link or special file in one of the folders."""
    try:
        refuse_special(root, folders)
    except ContentError as exc:
        raise PluginError(str(exc)) from None


def _published_site_url(config: MkDocsConfig) -> str:
    if not config.config_file_path:
        return config.site_url or ""
    return load_project(Path(config.config_file_path)).settings.site_url


def _add_hub(
    files: Files, config: MkDocsConfig, settings: SiteSettings, live: list[Post], *, keep: bool
) -> dict[str, tuple[File, HubPage]]:
    """Add the hub pages the content folder does not have; those added, by ``src_uri``."""
    added = {}
    for page in hub_pages(live, settings, keep=keep):  # serve keeps each post's row
        if page.src_uri in files.src_uris:
            log.info(f"{page.src_uri} exists in the content folder; not generating it")
            continue
        # Its listing is put back after Markdown (on_page_content): see hub.LISTING.
        file = File.generated(config, page.src_uri, content=page.deferred)
        files.append(file)
        added[page.src_uri] = file, page
    return added


def _drop_unused_media(
    files: Files, settings: SiteSettings, live: dict[str, Post], used: list[str]
) -> None:
    """Keep out of the site the files beside posts that no remaining page uses."""
    media = [
        f.src_uri
        for f in files
        if not f.is_documentation_page() and is_post_media(f.src_uri, settings)
    ]
    if not media:
        return
    pages = [(f.src_uri, _page_text(f, live)) for f in files.documentation_pages()]
    for src_uri in unused_media(media, pages, settings, used):
        log.debug(f"{src_uri}: used by no live page; not published")
        files.remove(files.src_uris[src_uri])


def _page_text(file: File, live: dict[str, Post]) -> str:
    """What a page may name files in: a live post as already read, other pages' Markdown."""
    post = live.get(file.src_uri)
    if post is not None:
        return post_text(post)
    source = Path(file.abs_src_path) if file.abs_src_path and not file.generated_by else None
    # Only regular files: special files and symlinks are refused elsewhere, never read here.
    if source is not None and not (source.is_file() and not source.is_symlink()):
        return ""
    try:
        return file.content_string
    except (OSError, UnicodeDecodeError):  # MkDocs reports an unreadable page itself
        return ""


def _check_urls(posts: list[Post], files: Files, settings: SiteSettings) -> None:
    for post in posts:
        file = files.src_uris.get(post.src_uri)
        expected = post_path(post, settings)
        if file is not None and file.url != expected:
            log.warning(
                f"{post.path}: the blog put this post at '{file.url}' but portavoz expects "
                f"'{expected}'; social posts, feeds and hub pages would link the wrong page "
                "(portavoz's copy of Material's URL rules differs here: please report it)"
            )


def _banner(post: Post, status: Status, state: BuildState, texts: Messages) -> str:
    """Why an unpublished post shows in the preview, as portavoz's own HTML.

    Raw HTML with the text escaped (the pause reason comes from the environment): Markdown
    would read an attribute list or markup in it. Its own markup, styled by portavoz.css, so
    it needs no Markdown extension (``admonition``) and looks the same in every site.
    """
    zone = state.settings.timezone
    pause = state.window.pause
    text = texts(
        BANNERS[status],
        date=texts.moment(post.date, zone),
        expires=texts.date(post.expires.astimezone(zone).date()) if post.expires else "",
        reason=pause.reason if pause else "",
    )
    return (
        f'<div class="portavoz-banner portavoz-banner--{escape(status.value)}" role="note">'
        f"<p>{escape(text)}</p></div>\n\n"
    )


def _post_meta_as_text(page: Page, post: _PostPage) -> None:
    """Give Material the post's title and description as HTML text.

    Material writes ``page.meta`` title and description unescaped (``<title>``, the header, the
    ``<h1>``, ``<meta name="description">``) and reads the title as Markdown in the post's
    excerpt, so the title is escaped for both (:func:`html_text`). ``Markup``, so that
    Material's own ``| e`` does not escape them twice.
    """
    meta = page.meta
    if "title" in meta:
        meta["title"] = post.title
    if post.description is not None:
        meta["description"] = post.description


def _authors_as_text(config: MkDocsConfig) -> None:
    """Give Material the authors' names and descriptions (``.authors.yml``) as HTML text.

    Material writes them unescaped under posts and in excerpts, and a name as the Markdown
    heading of the author's profile page, which it generates after this plugin's ``on_files``.
    """
    authors = getattr(config.plugins.get("material/blog"), "authors", None)
    if not isinstance(authors, dict):
        return
    for author in authors.values():
        for key in ("name", "description"):
            value = author.get(key)
            if isinstance(value, str) and not isinstance(value, Markup):
                author[key] = Markup(html_text(value))


def _subtitle_as_text(page: Page) -> None:
    """A page's ``subtitle:`` is text; Material writes it unescaped under its navigation link."""
    subtitle = page.meta.get("subtitle")
    if isinstance(subtitle, str) and not isinstance(subtitle, Markup):
        page.meta["subtitle"] = escape(subtitle)


def _category_heading_as_text(
    markdown: str, page: Page, content: Path, folders: dict[str, bool]
) -> str | None:
    """The heading Material's blog writes for a category's page, as HTML text.

    Categories come from posts' front matter, and Material makes each one's page from the
    Markdown ``# <category>`` (the page's title, shown in its heading, in the navigation and
    after "En" under every post). The heading is given back escaped (:func:`html_text`), so
    markup and attribute lists in a category stay text. Material has already made the
    category's URL from the name as written, so slugs do not change. A category page the
    writers keep in the content folder is their own Markdown and is left alone.
    """
    if not (isinstance(page, Category) and markdown.startswith("# ")):
        return None  # before resolving paths, which every other page would pay for
    if not page.file.abs_src_path or resolves_inside(page.file.abs_src_path, content, folders):
        return None
    return f"# {html_text(markdown[2:])}"


CONFIG_TEXT = ("site_name", "site_description", "site_author")
"""Configuration values Material writes into pages unescaped (headers, ``<title>``, meta)."""


def _config_text_as_html(config: MkDocsConfig) -> None:
    """Give Material's templates the configuration's text as HTML text (``Markup``, escaped).

    Material writes ``site_name`` in the header, the navigation and ``<title>`` (in some places
    with ``| e``, which leaves ``Markup`` alone), and ``site_description`` and ``site_author`` in
    ``<meta>``, all unescaped otherwise. Called when the templates are about to be rendered:
    until then every plugin sees the configuration as written.
    """
    for key in CONFIG_TEXT:
        value = config.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            config[key] = escape(value)


@functools.lru_cache(maxsize=64, typed=True)  # the site's name and authors, on every page
def _as_text(value: str) -> str:
    """A configuration value as written, also once it was escaped for the templates."""
    return value.unescape() if isinstance(value, Markup) else value
