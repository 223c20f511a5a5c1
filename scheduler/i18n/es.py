"""Spanish texts. Keys and their meaning: :mod:`.keys`."""

from __future__ import annotations

from types import MappingProxyType

from portavoz.scheduler.i18n.keys import Text

MESSAGES = MappingProxyType(
    {
        # --- the site ------------------------------------------------------------------------
        Text.POST_AUDIENCES: "Para:",
        Text.POST_SHARE: "Compartir en:",
        Text.POST_SHARE_NAV: "Compartir",
    }
)
