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
