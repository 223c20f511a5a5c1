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
        Text.BANNER_SCHEDULED: (
            "Programado: se publicará el {date}. Solo visible en la vista previa."
        ),
        Text.BANNER_HELD: (
            "Retenido por la pausa de crisis ({reason}). Solo visible en la vista previa."
        ),
        Text.BANNER_DRAFT: "Borrador: no se publica. Solo visible en la vista previa.",
        Text.BANNER_WITHDRAWN: "Retirado el {expires}. Solo visible en la vista previa.",
        Text.BANNER_INTERNAL: "Interno: nunca se publica en el sitio público.",
        Text.HUB_TITLE: "Audiencias",
        Text.HUB_NO_AUDIENCES: "Todavía no hay audiencias públicas.",
        Text.HUB_NO_POSTS: "Todavía no hay artículos publicados para esta audiencia.",
        Text.HUB_DIR: "audiencias",
        Text.DEFAULT_AUDIENCE: "Público",
    }
)
