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
    }
)
