"""portavoz/site's build options: the hub, the social card, the pause, previews, web fonts.

The options that shape how a post is read and where it goes (timezone, audiences…) are
:class:`~portavoz.scheduler.content.settings.SiteSettings`; these only shape what a build
adds or leaves out. :func:`site_options` is their one constructor: ``portavoz check`` and
``review`` call it with ``mkdocs.yml`` as read, the plugin's schema checks each option
through it, so both refuse a bad value with one message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from zoneinfo import ZoneInfo

from portavoz.scheduler.base.clock import ClockError, parse_moment
from portavoz.scheduler.base.options import OptionReader, shown

SITE_PATH = "plugins.portavoz/site"
"""Key path of portavoz/site's options in ``mkdocs.yml`` (named in every problem)."""


@dataclass(frozen=True)
class PauseOption:
    """The crisis pause as ``mkdocs.yml`` sets it (``PORTAVOZ_PAUSE`` may also set it).

    Attributes:
        reason: Why publishing is paused; empty means not paused.
        since: When the pause began, as written (ISO 8601 text or a YAML timestamp); ``None``:
            the build's clock.
    """

    reason: str = ""
    since: str | dt.datetime | None = None


@dataclass(frozen=True)
class SiteOptions:
    """What a build of the site adds or leaves out.

    Attributes:
        hub: Generate the audience hub pages.
        image: Social card image for pages without one (relative to the content folder, or a
            URL).
        pause: The crisis pause.
        preview_unpublished: In ``mkdocs serve``, show unpublished posts with a banner.
        web_fonts: Let Material load its fonts from Google Fonts (a third party).
    """

    hub: bool = True
    image: str = ""
    pause: PauseOption = field(default_factory=PauseOption)
    preview_unpublished: bool = True
    web_fonts: bool = False


def site_options(options: Mapping[str, object], where: str = "mkdocs.yml") -> SiteOptions:
    """Build the options from portavoz/site's options (a plain mapping): the one constructor.

    Other portavoz/site options (read by ``site_settings``) are left alone.

    Raises:
        ConfigError: Every option that cannot be used, each with its key path.
    """
    reader = OptionReader(SITE_PATH, where)
    d = SiteOptions
    found = SiteOptions(
        hub=reader.boolean(options, "hub", d.hub),
        image=reader.text(options, "image", d.image),
        pause=_pause(reader.mapping(options.get("pause"), "pause"), reader),
        preview_unpublished=reader.boolean(options, "preview_unpublished", d.preview_unpublished),
        web_fonts=reader.boolean(options, "web_fonts", d.web_fonts),
    )
    reader.raise_problems()
    return found


OPTIONS: tuple[str, ...] = tuple(f.name for f in fields(SiteOptions))
"""The options :func:`site_options` reads."""


def check_option(key: str) -> Callable[[object], None]:
    """A check of the option ``key`` alone (for MkDocs' schema): raises ``ConfigError``."""

    def check(value: object) -> None:
        site_options({key: value})

    return check


def _pause(pause: Mapping[str, object], reader: OptionReader) -> PauseOption:
    reader.known(pause, [f.name for f in fields(PauseOption)], "pause")
    since = pause.get("since")
    if since is not None and not isinstance(since, dt.datetime):
        since = _moment(since, reader)
    return PauseOption(reader.text(pause, "reason", "", "pause"), since)


def _moment(value: object, reader: OptionReader) -> str | None:
    """ISO 8601 text, checked now rather than when a pause is first set."""
    key = reader.key("pause", "since")
    if not isinstance(value, str):
        reader.problem(key, f"expected a moment like 2027-01-15T09:00+01:00, found {shown(value)}")
        return None
    try:
        # The timezone does not matter here: only whether the text is a moment at all.
        parse_moment(value, ZoneInfo("UTC"), source=key)
    except ClockError as exc:
        reader.problem(key, str(exc).removeprefix(f"{key}: "))
        return None
    return value
