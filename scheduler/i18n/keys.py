"""The keys of the message catalogs: one member per text portavoz shows.

Grouped by where the text appears; add a member here and its text to :mod:`.en` and :mod:`.es`
(``tests/i18n`` fails until both have it, with the same ``{placeholders}``).
"""

from __future__ import annotations

from enum import StrEnum, unique


@unique
class Text(StrEnum):
    """A text of portavoz's own, in every language of the catalogs."""

    # --- the site: under posts, the preview banner, the audience hub -------------------------
    POST_AUDIENCES = "post.audiences"
    POST_SHARE = "post.share"
    POST_SHARE_NAV = "post.share_nav"
    # The preview banner of an unpublished post (`mkdocs serve`); {date}/{expires} are dates.
    BANNER_SCHEDULED = "banner.scheduled"
    BANNER_HELD = "banner.held"
    BANNER_DRAFT = "banner.draft"
    BANNER_WITHDRAWN = "banner.withdrawn"
    BANNER_INTERNAL = "banner.internal"
    # The audience hub: index title, empty states, and its folder (a URL path: lowercase ASCII).
    HUB_TITLE = "hub.title"
    HUB_NO_AUDIENCES = "hub.no_audiences"
    HUB_NO_POSTS = "hub.no_posts"
    HUB_DIR = "hub.dir"
    # The one audience of a site that configures none (its id stays ``public``).
    DEFAULT_AUDIENCE = "audience.default"
