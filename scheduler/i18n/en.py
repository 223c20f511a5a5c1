"""English texts (the fallback catalog). Keys and their meaning: :mod:`.keys`."""

from __future__ import annotations

from types import MappingProxyType

from portavoz.scheduler.i18n.keys import Text

MESSAGES = MappingProxyType(
    {
        # --- the site ------------------------------------------------------------------------
        Text.POST_AUDIENCES: "For:",
        Text.POST_SHARE: "Share on:",
        Text.POST_SHARE_NAV: "Share",
        Text.BANNER_SCHEDULED: "Scheduled: to be published on {date}. Visible only in the preview.",
        Text.BANNER_HELD: "Held by the crisis pause ({reason}). Visible only in the preview.",
        Text.BANNER_DRAFT: "Draft: not published. Visible only in the preview.",
        Text.BANNER_WITHDRAWN: "Withdrawn on {expires}. Visible only in the preview.",
        Text.BANNER_INTERNAL: "Internal: never published on the public site.",
        Text.HUB_TITLE: "Audiences",
        Text.HUB_NO_AUDIENCES: "There are no public audiences yet.",
        Text.HUB_NO_POSTS: "No posts have been published for this audience yet.",
        Text.HUB_DIR: "audiences",
        Text.DEFAULT_AUDIENCE: "Public",
    }
)
