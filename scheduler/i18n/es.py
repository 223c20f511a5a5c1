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
        # --- el panel «Publicaciones sociales» (solo en `mkdocs serve`) ------------------------
        Text.PREVIEW_TITLE: "Publicaciones sociales",
        Text.PREVIEW_PUBLISH: "Publicación:",
        Text.PREVIEW_STATUS: "Estado:",
        Text.PREVIEW_PART: "Parte {number} de {count}",
        Text.PREVIEW_COUNT: "{length} / {limit} {unit}",
        Text.PREVIEW_IMAGE: "Imagen:",
        Text.PREVIEW_ALT: "Texto alternativo:",
        Text.PREVIEW_NO_ALT: "sin texto alternativo",
        Text.PREVIEW_CONTENT_WARNING: "Aviso de contenido:",
        Text.PREVIEW_FIRST_COMMENT: "Primer comentario:",
        Text.PREVIEW_LINK: "Enlace:",
        Text.PREVIEW_FINDINGS: "Comprobación y voz de marca",
        Text.PREVIEW_NO_FINDINGS: "No se ha encontrado ningún problema.",
        Text.PREVIEW_NO_CHANNELS: "Esta entrada no va a ninguna red social.",
        Text.PREVIEW_NOT_READ: "No se ha podido leer esta entrada: corrige los errores de abajo.",
        Text.PREVIEW_ERROR: "error",
        Text.PREVIEW_WARNING: "aviso",
        Text.PREVIEW_LINE: "línea {line}",
        # --- listening, review report, networks, internal outputs ----------------------------
        Text.COMMUNITY_PATH: "comunidad/index.md",
        Text.COMMUNITY_TITLE: "Comunidad",
        Text.COMMUNITY_INTRO: "Lo que escribe nuestra comunidad.",
        Text.COMMUNITY_EMPTY: "Todavía no hay entradas.",
        Text.VOICES_PATH: "comunidad/voces.md",
        Text.VOICES_TITLE: "Voces de la comunidad",
        Text.VOICES_INTRO: "Quién habla más de nosotros.",
        Text.UNTITLED: "(sin título)",
        Text.VOICE: "Voz",
        Text.ENTRIES: "Entradas",
        Text.LATEST: "Última",
        Text.DIGEST_TITLE: "Escucha: {department}",
        Text.DIGEST_SUMMARY: (
            "Generado el {moment} UTC · {count} entradas en los últimos {days} días."
        ),
        Text.DIGEST_EMPTY: "Sin novedades.",
        Text.DIGEST_SOURCE: "Fuente: {source}",
        Text.DIGEST_AUTHOR: "Autor: {author}",
        Text.DIGEST_LABELS: "Etiquetas: {labels}",
        Text.INFLUENCERS_TITLE: "Voces que hablan de la marca",
        Text.INFLUENCERS_SUMMARY: "Generado el {moment} UTC · últimos {days} días.",
        Text.INFLUENCERS_EMPTY: "Nadie ha hablado de la marca en este periodo.",
        Text.INFLUENCERS_KIND: "Tipo",
        Text.INFLUENCERS_SOURCES: "Fuentes",
        Text.INFLUENCERS_CONTACT: "Contacto",
        Text.VOICE_PERSON: "persona",
        Text.VOICE_AUTHOR: "autor",
        Text.VOICE_SITE: "sitio",
        Text.VOICE_SOURCE: "fuente",
        Text.REVIEW_HEADING: "revisión de portavoz · {posts} · {errors} · {warnings}",
        Text.REVIEW_COMPARED: "Comparado {base} con {head} · reloj {clock}",
        Text.REVIEW_PAUSE: "Pausa por crisis",
        Text.REVIEW_GLOBAL: (
            "Cambiaron plantillas o configuración ({files}); se listan las publicaciones afectadas."
        ),
        Text.REVIEW_REPOSITORY: "En el repositorio, además de las publicaciones:",
        Text.REVIEW_NO_CHANGES: "No cambió ninguna publicación ni variante social.",
        Text.REVIEW_CUT: (
            "No se muestran {hidden} de {total} publicaciones: el comentario superaría lo que "
            "GitHub permite. Los recuentos de arriba cubren todas; lee {where}."
        ),
        Text.REVIEW_FULL_REPORT: "el informe completo",
        Text.REVIEW_ADDED: "Añadida",
        Text.REVIEW_MODIFIED: "Modificada",
        Text.REVIEW_RENAMED: "Renombrada",
        Text.REVIEW_DELETED: "Eliminada",
        Text.REVIEW_AFFECTED: "Afectada por un cambio de plantilla o configuración",
        Text.REVIEW_WAS: "antes {path}",
        Text.REVIEW_AUDIENCES: "Audiencias: {audiences}",
        Text.REVIEW_VARIANT_NEW: "nueva",
        Text.REVIEW_VARIANT_CHANGED: "cambiada",
        Text.REVIEW_VARIANT_UNCHANGED: "sin cambios",
        Text.REVIEW_VARIANT_REMOVED: "eliminada",
        Text.REVIEW_PARTS: "{count} partes",
        Text.REVIEW_PART: "Parte {number}/{count}:",
        Text.REVIEW_BEFORE: "Antes",
        # The review's details, diffs and shortened comment (issue 15, the review report).
        Text.REVIEW_IMAGE: "Imagen",
        Text.REVIEW_IMAGE_ALT: "Texto alternativo",
        Text.REVIEW_CONTENT_WARNING: "Aviso de contenido",
        Text.REVIEW_FIRST_COMMENT: "Primer comentario",
        Text.REVIEW_MENTIONS: "Menciones",
        Text.REVIEW_AT: "Se publica",
        Text.REVIEW_WAS_NOW: "{was} → {now}",
        Text.REVIEW_TEXT_UNCHANGED: "El texto no cambia.",
        Text.REVIEW_CLIPPED: "… {count} caracteres más: lee {where}.",
        Text.REVIEW_SHORTENED: (
            "Este comentario está abreviado para caber en el límite de GitHub: {shown} de {total} "
            "publicaciones completas, las demás en una línea por variante cambiada; lee {where}."
        ),
        Text.REVIEW_BY_NETWORK: "Variantes por red",
        Text.REVIEW_NETWORK: "Red",
        Text.REVIEW_LISTED: (
            "Las demás publicaciones, una línea por variante nueva, cambiada o eliminada:"
        ),
        Text.STATUS_LIVE: "publicada",
        Text.STATUS_SCHEDULED: "programada",
        Text.STATUS_HELD: "retenida",
        Text.STATUS_DRAFT: "borrador",
        Text.STATUS_WITHDRAWN: "retirada",
        Text.STATUS_INTERNAL: "interna",
        Text.INSTAGRAM_LINK_IN_BIO: "Enlace en la bio",
        Text.CALENDAR_NAME: "Calendario editorial",
        # The units counts are shown in (review headings, the preview panel's meter; issue 12).
        Text.UNIT_WEIGHTED: "caracteres ponderados",
        Text.UNIT_GRAPHEME: "grafemas",
        Text.UNIT_UTF16: "unidades de código UTF-16",
        Text.UNIT_CHARACTER: "caracteres",
        Text.UNIT_UTF8: "bytes UTF-8",
        # Counts in the review heading, one text per plural form.
        Text.REVIEW_POSTS_ONE: "{count} publicación",
        Text.REVIEW_POSTS_OTHER: "{count} publicaciones",
        Text.REVIEW_ERRORS_ONE: "{count} error",
        Text.REVIEW_ERRORS_OTHER: "{count} errores",
        Text.REVIEW_WARNINGS_ONE: "{count} aviso",
        Text.REVIEW_WARNINGS_OTHER: "{count} avisos",
        # Feed links on hub and category pages (issue 15, feeds and page meta).
        Text.SUBSCRIBE: "Suscribirse:",
        Text.HUB_FEEDS: "Fuentes web",
        # La escucha en el informe de revisión (issue 14, Publishing).
        Text.REVIEW_LISTENING_CRISIS: (
            "🚨 Escucha: señal de crisis, {entries} con la etiqueta «{label}» en las últimas "
            "{hours} h (umbral {threshold})"
        ),
        Text.REVIEW_LISTENING_ENTRIES_ONE: "{count} entrada",
        Text.REVIEW_LISTENING_ENTRIES_OTHER: "{count} entradas",
        Text.REVIEW_LISTENING_NO_COPY: (
            "Escucha: {source} no tiene copia en la caché ({folder}); ejecuta `portavoz listen` "
            "y confirma la caché en el repositorio"
        ),
        Text.REVIEW_LISTENING_UNREADABLE: (
            "Escucha: la copia en caché de {source} ({folder}) no se puede leer; ejecuta "
            "`portavoz listen` de nuevo y confirma la caché en el repositorio"
        ),
        Text.REVIEW_LISTENING_GONE: (
            "Escucha: {source} respondió 410 Gone y ya no se consulta; quítala de mkdocs.yml "
            "o apúntala a la nueva dirección del feed"
        ),
        # exports/README.txt (issue 14, Publishing).
        Text.EXPORTS_README_TIMEZONE: (
            "Todas las fechas y horas de estos archivos están en {timezone}, la zona horaria "
            "del sitio."
        ),
        Text.EXPORTS_README_NO_TIMEZONE_COLUMN: (
            "Ningún archivo tiene columna de zona horaria: impórtalos con la herramienta en esa "
            "zona horaria."
        ),
        Text.EXPORTS_README_HOOTSUITE: (
            "hootsuite/<red>.csv: el compositor masivo de Hootsuite (fecha MM/DD/YYYY HH:mm,\n"
            "  24 horas; sin fila de cabecera; elige el perfil de la red al subirlo). Sin columna\n"
            "  de imagen: adjunta las imágenes a mano. Cada parte de un hilo es una publicación,\n"
            "  un minuto después de la anterior."
        ),
        Text.EXPORTS_README_PUBLER: (
            "publer/<red>.csv: el CSV masivo de Publer (doce columnas, fecha YYYY-MM-DD HH:MM;\n"
            "  elige la cuenta de la red al subirlo). Las partes siguientes de un hilo son sus\n"
            "  comentarios."
        ),
        Text.EXPORTS_README_FORMULAS: (
            "Las celdas que empezarían una fórmula de hoja de cálculo (= + - @) llevan delante "
            "un apóstrofo."
        ),
        Text.EXPORTS_README_WARNINGS: (
            "Avisos de contenido que ningún archivo puede llevar (añádelos a mano):"
        ),
        Text.SERVE_OUTPUTS_AT_STOP: (
            "las salidas internas y las cachés se escriben en {folder} una sola vez, cuando "
            "mkdocs serve se detiene (no tras cada reconstrucción)"
        ),
        Text.SERVE_OUTPUTS_NOT_WRITTEN: (
            "salidas internas no escritas en {folder}: ninguna construcción desde que se "
            "inició mkdocs serve terminó sin errores (quedan como estaban antes)"
        ),
    }
)
