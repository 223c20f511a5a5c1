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
        # --- the writer's "Social posts" panel (`mkdocs serve` only) --------------------------
        Text.PREVIEW_TITLE: "Social posts",
        Text.PREVIEW_PUBLISH: "Publish:",
        Text.PREVIEW_STATUS: "Status:",
        Text.PREVIEW_PART: "Part {number} of {count}",
        Text.PREVIEW_COUNT: "{length} / {limit} {unit}",
        Text.PREVIEW_IMAGE: "Image:",
        Text.PREVIEW_ALT: "Alt text:",
        Text.PREVIEW_NO_ALT: "no alt text",
        Text.PREVIEW_CONTENT_WARNING: "Content warning:",
        Text.PREVIEW_FIRST_COMMENT: "First comment:",
        Text.PREVIEW_LINK: "Link:",
        Text.PREVIEW_FINDINGS: "Check and brand voice",
        Text.PREVIEW_NO_FINDINGS: "No problems found.",
        Text.PREVIEW_NO_CHANNELS: "This post goes to no social network.",
        Text.PREVIEW_NOT_READ: "This post could not be read: fix the errors below.",
        Text.PREVIEW_ERROR: "error",
        Text.PREVIEW_WARNING: "warning",
        Text.PREVIEW_LINE: "line {line}",
        # --- listening, review report, networks, internal outputs ----------------------------
        Text.COMMUNITY_PATH: "community/index.md",
        Text.COMMUNITY_TITLE: "Community",
        Text.COMMUNITY_INTRO: "What our community writes.",
        Text.COMMUNITY_EMPTY: "No entries yet.",
        Text.VOICES_PATH: "community/voices.md",
        Text.VOICES_TITLE: "Community voices",
        Text.VOICES_INTRO: "Who talks about us most.",
        Text.UNTITLED: "(untitled)",
        Text.VOICE: "Voice",
        Text.ENTRIES: "Entries",
        Text.LATEST: "Latest",
        Text.DIGEST_TITLE: "Listening: {department}",
        Text.DIGEST_SUMMARY: (
            "Generated on {moment} UTC · {count} entries in the last {days} days."
        ),
        Text.DIGEST_EMPTY: "Nothing new.",
        Text.DIGEST_SOURCE: "Source: {source}",
        Text.DIGEST_AUTHOR: "Author: {author}",
        Text.DIGEST_LABELS: "Labels: {labels}",
        Text.INFLUENCERS_TITLE: "Voices talking about the brand",
        Text.INFLUENCERS_SUMMARY: "Generated on {moment} UTC · last {days} days.",
        Text.INFLUENCERS_EMPTY: "Nobody talked about the brand in this period.",
        Text.INFLUENCERS_KIND: "Kind",
        Text.INFLUENCERS_SOURCES: "Sources",
        Text.INFLUENCERS_CONTACT: "Contact",
        Text.VOICE_PERSON: "person",
        Text.VOICE_AUTHOR: "author",
        Text.VOICE_SITE: "site",
        Text.VOICE_SOURCE: "source",
        Text.REVIEW_HEADING: "portavoz review · {posts} · {errors} · {warnings}",
        Text.REVIEW_COMPARED: "Compared {base} with {head} · clock {clock}",
        Text.REVIEW_PAUSE: "Crisis pause",
        Text.REVIEW_GLOBAL: (
            "Templates or configuration changed ({files}); affected posts are listed."
        ),
        Text.REVIEW_REPOSITORY: "In the repository, beside the posts:",
        Text.REVIEW_NO_CHANGES: "No post or social variant changed.",
        Text.REVIEW_CUT: (
            "{hidden} of {total} posts are not shown: the comment would be longer than "
            "GitHub allows. The counts above cover every post; read {where}."
        ),
        Text.REVIEW_FULL_REPORT: "the full report",
        Text.REVIEW_ADDED: "Added",
        Text.REVIEW_MODIFIED: "Modified",
        Text.REVIEW_RENAMED: "Renamed",
        Text.REVIEW_DELETED: "Deleted",
        Text.REVIEW_AFFECTED: "Affected by a template or config change",
        Text.REVIEW_WAS: "was {path}",
        Text.REVIEW_AUDIENCES: "Audiences: {audiences}",
        Text.REVIEW_VARIANT_NEW: "new",
        Text.REVIEW_VARIANT_CHANGED: "changed",
        Text.REVIEW_VARIANT_UNCHANGED: "unchanged",
        Text.REVIEW_VARIANT_REMOVED: "removed",
        Text.REVIEW_PARTS: "{count} parts",
        Text.REVIEW_PART: "Part {number}/{count}:",
        Text.REVIEW_BEFORE: "Before",
        # The review's details, diffs and shortened comment (issue 15, the review report).
        Text.REVIEW_IMAGE: "Image",
        Text.REVIEW_IMAGE_ALT: "Alt text",
        Text.REVIEW_CONTENT_WARNING: "Content warning",
        Text.REVIEW_FIRST_COMMENT: "First comment",
        Text.REVIEW_MENTIONS: "Mentions",
        Text.REVIEW_AT: "Goes out",
        Text.REVIEW_WAS_NOW: "{was} → {now}",
        Text.REVIEW_TEXT_UNCHANGED: "Text unchanged.",
        Text.REVIEW_CLIPPED: "… {count} more characters: read {where}.",
        Text.REVIEW_SHORTENED: (
            "This comment is shortened to fit GitHub's limit: {shown} of {total} posts in full, "
            "the others one line per changed variant; read {where}."
        ),
        Text.REVIEW_BY_NETWORK: "Variants by network",
        Text.REVIEW_NETWORK: "Network",
        Text.REVIEW_LISTED: "The other posts, one line per new, changed or removed variant:",
        Text.STATUS_LIVE: "live",
        Text.STATUS_SCHEDULED: "scheduled",
        Text.STATUS_HELD: "held",
        Text.STATUS_DRAFT: "draft",
        Text.STATUS_WITHDRAWN: "withdrawn",
        Text.STATUS_INTERNAL: "internal",
        Text.INSTAGRAM_LINK_IN_BIO: "Link in bio",
        Text.CALENDAR_NAME: "Editorial calendar",
        # The units counts are shown in (review headings, the preview panel's meter; issue 12).
        Text.UNIT_WEIGHTED: "weighted characters",
        Text.UNIT_GRAPHEME: "graphemes",
        Text.UNIT_UTF16: "UTF-16 code units",
        Text.UNIT_CHARACTER: "characters",
        Text.UNIT_UTF8: "UTF-8 bytes",
        # Counts in the review heading, one text per plural form.
        Text.REVIEW_POSTS_ONE: "{count} post",
        Text.REVIEW_POSTS_OTHER: "{count} posts",
        Text.REVIEW_ERRORS_ONE: "{count} error",
        Text.REVIEW_ERRORS_OTHER: "{count} errors",
        Text.REVIEW_WARNINGS_ONE: "{count} warning",
        Text.REVIEW_WARNINGS_OTHER: "{count} warnings",
        # Feed links on hub and category pages (issue 15, feeds and page meta).
        Text.SUBSCRIBE: "Subscribe:",
        Text.HUB_FEEDS: "Feeds",
        # Listening in the review report (issue 14, Publishing).
        Text.REVIEW_LISTENING_CRISIS: (
            "🚨 Listening: crisis signal, {entries} labelled “{label}” in the last {hours} h "
            "(threshold {threshold})"
        ),
        Text.REVIEW_LISTENING_ENTRIES_ONE: "{count} entry",
        Text.REVIEW_LISTENING_ENTRIES_OTHER: "{count} entries",
        Text.REVIEW_LISTENING_NO_COPY: (
            "Listening: {source} has no cached copy in {folder}; run `portavoz listen` and "
            "commit the cache"
        ),
        Text.REVIEW_LISTENING_UNREADABLE: (
            "Listening: the cached copy of {source} in {folder} cannot be read; run "
            "`portavoz listen` again and commit the cache"
        ),
        Text.REVIEW_LISTENING_GONE: (
            "Listening: {source} answered 410 Gone and is no longer fetched; remove it from "
            "mkdocs.yml or point it at the feed's new address"
        ),
        # exports/README.txt (issue 14, Publishing).
        Text.EXPORTS_README_TIMEZONE: (
            "Every date and time in these files is in {timezone}, the site's timezone."
        ),
        Text.EXPORTS_README_NO_TIMEZONE_COLUMN: (
            "Neither file has a timezone column: import them with the tool set to that timezone."
        ),
        Text.EXPORTS_README_HOOTSUITE: (
            "hootsuite/<network>.csv: Hootsuite's bulk composer (date format MM/DD/YYYY HH:mm,\n"
            "  24-hour; no header row; pick the network's profile when uploading). "
            "No image column:\n"
            "  attach images by hand. Thread parts are posts of their own, a minute apart."
        ),
        Text.EXPORTS_README_PUBLER: (
            "publer/<network>.csv: Publer's bulk CSV (twelve columns, date YYYY-MM-DD HH:MM; pick\n"
            "  the network's account when uploading). A thread's later parts are its comments."
        ),
        Text.EXPORTS_README_FORMULAS: (
            "Cells that would start a spreadsheet formula (= + - @) begin with an apostrophe."
        ),
        Text.EXPORTS_README_WARNINGS: (
            "Content warnings neither tool's file can carry (add them by hand):"
        ),
        Text.SERVE_OUTPUTS_AT_STOP: (
            "internal outputs and caches are written to {folder} once, when mkdocs serve "
            "stops (not after each rebuild)"
        ),
        Text.SERVE_OUTPUTS_NOT_WRITTEN: (
            "internal outputs not written to {folder}: no build since mkdocs serve started "
            "was without errors (they stay as they were before it started)"
        ),
    }
)
