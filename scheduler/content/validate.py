"""Turn a parsed post file into a :class:`Post`, collecting every problem on the way."""

from __future__ import annotations

import datetime as dt
import difflib
import posixpath
import re
import sys
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar
from urllib.parse import unquote
from zoneinfo import ZoneInfo

from portavoz.scheduler.base.problems import Problem, Severity
from portavoz.scheduler.content import fields
from portavoz.scheduler.content.fields import FieldError
from portavoz.scheduler.content.model import ChannelSpec, Post
from portavoz.scheduler.content.reader import RawPost
from portavoz.scheduler.content.settings import SiteSettings
from portavoz.scheduler.networks import network_names

PORTAVOZ_KEYS = frozenset(
    {
        "audience", "campaign", "channels", "date", "draft", "expires", "id", "image",
        "image_alt", "lang", "lint_ignore", "summary", "thread", "title", "updated",
    }
)  # fmt: skip
"""Keys portavoz reads."""

OTHER_KEYS = frozenset(
    {
        "authors", "categories", "comments", "description", "hide", "icon", "links", "pin",
        "readtime", "search", "slug", "social", "status", "subtitle", "tags", "template",
    }
)  # fmt: skip
"""Keys Material for MkDocs and MkDocs themselves read, accepted as they are."""

OVERRIDE_KEYS = frozenset(
    {
        "text",
        "hashtags",
        "mentions",
        "image",
        "image_alt",
        "first_comment",
        "content_warning",
        "thread",
        "at",
    }
)
"""Keys allowed inside a ``channels`` mapping entry."""

T = TypeVar("T")
NONE: tuple[str, ...] = ()

_H1 = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


@dataclass
class _Collector:
    """Gathers problems for one file, with the line of each key."""

    raw: RawPost
    path: str
    problems: list[Problem] = field(default_factory=list)

    def add(
        self, key: str, message: str, severity: Severity = Severity.ERROR, network: str = ""
    ) -> None:
        line = self.raw.lines.get(key)
        self.problems.append(Problem(self.path, line, key, message, severity, network=network))

    def add_channel(self, network: str, message: str) -> None:
        """Record an error in one network's entry of ``channels``."""
        self.add("channels", f"{network}: {message}", network=network)

    def warner(self, key: str) -> Callable[[str], None]:
        """A function recording a warning about ``key`` (for checks that can go on)."""
        return lambda message: self.add(key, message, Severity.WARNING)

    def get(self, key: str, check: Callable[[object], T], default: T) -> T:
        """Run ``check`` on a key's value; on failure record the problem and use ``default``."""
        if key not in self.raw.meta:
            return default
        try:
            return check(self.raw.meta[key])
        except FieldError as exc:
            self.add(key, str(exc))
            return default


IsFile = Callable[[str], bool]
"""Whether a path relative to the content folder names a file there."""


def build_post(
    raw: RawPost,
    path: str,
    src_uri: str,
    settings: SiteSettings,
    authors: Collection[str] | None = None,
    is_file: IsFile | None = None,
) -> tuple[Post | None, list[Problem]]:
    """Validate a parsed file and build its post.

    Args:
        raw: The parsed file.
        path: Path relative to the project root, used in messages.
        src_uri: Path relative to the content folder.
        settings: Site settings (timezone, audiences, language).
        authors: Known author ids, or ``None`` when the site has no authors file.
        is_file: Tells whether an image exists; ``None`` does not look.

    Returns:
        The post (``None`` when an error makes it unusable) and every problem found.
    """
    post, problems = read_fields(raw, path, src_uri, settings, authors, is_file)
    return (None if any(p.is_error for p in problems) else post), problems


def read_fields(
    raw: RawPost,
    path: str,
    src_uri: str,
    settings: SiteSettings,
    authors: Collection[str] | None = None,
    is_file: IsFile | None = None,
) -> tuple[Post | None, list[Problem]]:
    """Like :func:`build_post`, but the post is built even when some fields have errors.

    Every key is checked whatever the others hold, and a wrong value is replaced by its
    default, so that composing and linting that post can report their problems in the same
    run (three mistakes are three lines, not three runs). Such a post is for checks only:
    never build or publish it.

    Returns:
        The post (``None`` only without front matter or a usable date) and every problem.
    """
    c = _Collector(raw, path)
    if not raw.has_front_matter:
        c.add("", "no front matter; start the file with a --- block holding title and date")
        return None, c.problems
    _check_unknown_keys(c)
    title = c.get("title", lambda v: fields.text(v, required=True), "") or _heading(raw.body)
    if not title and "title" not in raw.meta:  # a present but bad title is reported already
        c.add("title", "missing; add 'title:' or start the text with a '# Heading'")
    date, url_date, updated = _dates(c, settings)
    expires = _expires(c, settings, date)
    audiences = c.get("audience", fields.one_or_more, NONE) or (settings.default_audience,)
    _check(c, "audience", lambda: fields.known(audiences, settings.audiences, "audience"))
    author_ids = c.get("authors", fields.string_list, NONE)
    if authors is not None:
        _check(c, "authors", lambda: fields.known(author_ids, authors, "author"))
    image = c.get("image", fields.text, "") or None
    image_alt = c.get("image_alt", fields.text, "") or None
    if image and not image_alt:
        c.add("image", "has no 'image_alt'; describe the image for people who cannot see it")
    channels = _channels(c, settings.timezone)
    _check_images(c, src_uri, image, channels, is_file)
    _check_audience_channels(c, audiences, channels, settings)
    # Every key is read before a missing date ends the post, so each one is checked.
    draft = c.get("draft", fields.boolean, False)
    summary = c.get("summary", fields.text, "") or c.get("description", fields.text, "")
    categories = _categories(c, settings)
    tags = c.get("tags", fields.string_list, NONE)
    campaign = c.get("campaign", fields.text, "") or None
    lang = c.get("lang", fields.language, settings.language)
    slug = _slug(c, title, settings)
    thread = c.get("thread", fields.boolean, False)
    lint_ignore = c.get("lint_ignore", fields.one_or_more, NONE)
    post_id = c.get("id", fields.text, "")  # feed ids and calendar UIDs (outputs/ids.py)
    if date is None:
        return None, c.problems
    post = Post(
        path=path,
        src_uri=src_uri,
        title=title,
        date=date,
        url_date=url_date or date.date(),
        updated=updated,
        expires=expires,
        draft=draft,
        channels=channels,
        audiences=_shared(audiences),
        summary=summary,
        categories=_shared(categories),
        tags=_shared(tags),
        authors=_shared(author_ids),
        image=image,
        image_alt=image_alt,
        campaign=campaign,
        lang=sys.intern(lang),
        slug=slug,
        thread=thread,
        lint_ignore=_shared(lint_ignore),
        id=post_id,
        body=raw.body,
        body_line=raw.body_line,
        lines={sys.intern(key): line for key, line in raw.lines.items()},
    )
    return post, c.problems


def _shared(values: tuple[str, ...]) -> tuple[str, ...]:
    """``values``, each the one copy of its text in the process: a site's thousands of posts
    repeat a few tags, categories, authors and audiences, which a build holds to its end."""
    return tuple(sys.intern(value) for value in values)


def _expires(c: _Collector, settings: SiteSettings, date: dt.datetime | None) -> dt.datetime | None:
    tz = settings.timezone
    expires = c.get("expires", lambda v: fields.moment(v, tz, c.warner("expires")), None)
    if date and expires and expires <= date:
        c.add("expires", f"{expires.isoformat()} is not after the date {date.isoformat()}")
    return expires


def _slug(c: _Collector, title: str, settings: SiteSettings) -> str:
    found = c.get("slug", fields.slug, "")
    if found or "slug" in c.raw.meta or not title:  # no title: reported already
        return found
    derived = settings.blog.post_slug(title)
    if not derived:
        # Material would write such a post to a path like 'blog/..md/'.
        c.add("title", f"'{title}' gives an empty URL slug; add 'slug:' with letters and digits")
    too_long = fields.url_segment_problem(derived)
    if too_long:  # the folder name would be refused by the file system in the middle of a build
        c.add("title", f"{too_long}, made from the title; add a shorter 'slug:'")
    return derived


def _categories(c: _Collector, settings: SiteSettings) -> tuple[str, ...]:
    """Categories, each with a slug that can name its page's folder (``blog/category/<slug>/``)."""
    found = c.get("categories", fields.string_list, NONE)
    for name in found:
        slug = settings.blog.category_slug(name)
        if not slug:  # Material would make its page the folder of all categories, 'category/'
            c.add("categories", f"'{name}' gives an empty URL slug; use letters or digits in it")
            break
        too_long = fields.url_segment_problem(slug)
        if too_long:
            c.add("categories", f"{too_long}, made from a category; shorten the category")
            break
    return found


def _check(c: _Collector, key: str, run: Callable[[], None]) -> None:
    try:
        run()
    except FieldError as exc:
        c.add(key, str(exc))


def _heading(body: str) -> str:
    match = _H1.search(body)
    return match.group(1).strip() if match else ""


def _check_unknown_keys(c: _Collector) -> None:
    allowed = PORTAVOZ_KEYS | OTHER_KEYS
    for key in c.raw.meta:
        if key in allowed:
            continue
        # Keys of other plugins are allowed: only a near miss of a known key is a mistake.
        close = _did_you_mean(key, allowed)
        if close:
            c.add(key, f"unknown key{close}")


def _did_you_mean(word: str, known: Collection[str]) -> str:
    """``"; did you mean 'x'?"`` for the closest known word, or ``""`` when none is close."""
    close = difflib.get_close_matches(word, sorted(known), n=1, cutoff=0.75)
    return f"; did you mean '{close[0]}'?" if close else ""


def _dates(
    c: _Collector, settings: SiteSettings
) -> tuple[dt.datetime | None, dt.date | None, dt.datetime | None]:
    """Read ``date`` (plain, or Material's ``{created, updated}`` mapping) and ``updated``."""
    tz = settings.timezone
    value = c.raw.meta.get("date")
    updated_value = c.raw.meta.get("updated")
    if isinstance(value, dict):
        updated_value = value.get("updated", updated_value)
        value = value.get("created")
        if value is None:
            c.add("date", "the mapping has no 'created'; write date: {created: 2026-05-04}")
            return None, None, None
    if value is None:
        c.add("date", "missing; add the publish moment, e.g. date: 2026-05-04 09:30:00")
        return None, None, None
    try:
        date = fields.moment(value, tz, c.warner("date"))
    except FieldError as exc:
        c.add("date", str(exc))
        return None, None, None
    updated = None
    if updated_value is not None:
        try:
            updated = fields.moment(updated_value, tz, c.warner("updated"))
        except FieldError as exc:
            c.add("updated", str(exc))
    return date, fields.calendar_date(value), updated


def _channels(c: _Collector, tz: ZoneInfo) -> tuple[ChannelSpec, ...]:
    value = c.raw.meta.get("channels")
    if value is None:
        return ()
    if isinstance(value, list):
        odd = next((v for v in value if not isinstance(v, str)), None)
        if odd is not None:  # e.g. [x, {mastodon: {…}}]; a mapping is not hashable either
            found = fields.describe(odd)
            c.add(
                "channels",
                f"expected network names, found {found}; for overrides write "
                "each network on its own line as a mapping (x: {text: …})",
            )
            return ()
        entries: Mapping[object, object] = dict.fromkeys(value)
        if len(entries) != len(value):
            c.add("channels", "a network is listed twice; list each once")
    elif isinstance(value, dict):
        entries = value
    else:
        found = fields.describe(value)
        c.add("channels", f"expected a list of networks or a mapping, found {found}")
        return ()
    specs = []
    for name, override in entries.items():
        spec = _channel(c, name, override, tz)
        if spec is not None:
            specs.append(spec)
    return tuple(specs)


def _channel(c: _Collector, name: object, override: object, tz: ZoneInfo) -> ChannelSpec | None:
    known = network_names()
    if not isinstance(name, str) or name not in known:
        close = _did_you_mean(str(name), known)
        c.add("channels", f"unknown network '{name}'{close} (known: {', '.join(known)})")
        return None
    if override is False:
        return None
    if override is None or override is True:
        return ChannelSpec(network=name)
    if not isinstance(override, dict):
        found = fields.describe(override)
        c.add_channel(name, f"expected a mapping of overrides, found {found}")
        return None
    unknown = sorted(set(map(str, override)) - OVERRIDE_KEYS)
    if unknown:
        allowed = ", ".join(sorted(OVERRIDE_KEYS))
        close = _did_you_mean(unknown[0], OVERRIDE_KEYS)
        c.add_channel(name, f"unknown override '{unknown[0]}'{close} (allowed: {allowed})")
        return None
    return _override(c, name, override, tz)


def _override(
    c: _Collector, name: str, o: Mapping[str, object], tz: ZoneInfo
) -> ChannelSpec | None:
    def named(key: str, check: Callable[[object], T]) -> T:
        try:
            return check(o.get(key))
        except FieldError as exc:  # name the override: a network may have several
            raise FieldError(f"{key}: {exc}") from None

    def line(key: str) -> str | None:
        return named(key, fields.text) or None

    try:
        hashtags = o.get("hashtags")
        mentions = o.get("mentions")
        thread = o.get("thread")
        at = o.get("at")
        warn = c.warner("channels")
        spec = ChannelSpec(
            network=name,
            # The only multi-line override: its `---` lines split a thread.
            text=fields.text(o.get("text"), multiline=True) or None,
            hashtags=None if hashtags is None else named("hashtags", fields.string_list),
            mentions=() if mentions is None else named("mentions", fields.one_or_more),
            image=line("image"),
            image_alt=line("image_alt"),
            first_comment=line("first_comment"),
            content_warning=line("content_warning"),
            thread=None if thread is None else fields.boolean(thread),
            at=None if at is None else named("at", lambda v: fields.moment_or_offset(v, tz, warn)),
        )
    except FieldError as exc:
        c.add_channel(name, str(exc))
        return None
    if spec.image and not spec.image_alt:
        c.add_channel(name, "image has no 'image_alt'; describe the image")
    return spec


def _check_images(
    c: _Collector,
    src_uri: str,
    image: str | None,
    channels: Sequence[ChannelSpec],
    is_file: IsFile | None,
) -> None:
    """An image file that is not there: the card and the social posts would show nothing."""
    if is_file is None:
        return
    if image and not _image_exists(image, src_uri, is_file):
        c.add("image", f"{_missing(image, src_uri)}; {_IMAGE_HINT}")
    for spec in channels:
        if spec.image and not _image_exists(spec.image, src_uri, is_file):
            c.add_channel(spec.network, f"image {_missing(spec.image, src_uri)}; {_IMAGE_HINT}")


_IMAGE_HINT = "write a path relative to the post, or to the content folder starting with '/'"


def _image_exists(image: str, src_uri: str, is_file: IsFile) -> bool:
    if image.startswith(("http://", "https://")):  # another site's file: not ours to look at
        return True
    found = image_source(image, src_uri)
    # Markdown-style paths may be percent-encoded (`a%20b.png`), as MkDocs reads them.
    return found is not None and (is_file(found) or is_file(unquote(found)))


def image_source(image: str, src_uri: str) -> str | None:
    """The content-folder path an image names (as the page meta resolves it), or ``None``
    when it points outside the content folder."""
    base = "" if image.startswith("/") else posixpath.dirname(src_uri)
    found = posixpath.normpath(posixpath.join(base, image.lstrip("/")))
    return None if found == ".." or found.startswith("../") else found


def _missing(image: str, src_uri: str) -> str:
    found = image_source(image, src_uri)
    if found is None:
        return f"'{image}' points outside the content folder"
    return f"file '{image}' not found (looked for {found} in the content folder)"


def _check_audience_channels(
    c: _Collector,
    audiences: Sequence[str],
    channels: Sequence[ChannelSpec],
    settings: SiteSettings,
) -> None:
    """Channels on a post that never reaches the public site: its social posts never go out."""
    hidden = [a for a in audiences if a in settings.audiences and not settings.audiences[a].public]
    if channels and hidden:
        c.add(
            "channels",
            f"the post is for the non-public audience '{hidden[0]}', so its social posts are "
            "never published; remove 'channels' or give the post a public audience",
            Severity.WARNING,
        )
