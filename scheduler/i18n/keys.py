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
    # The preview banner of an unpublished post (`mkdocs serve`); {date} is the moment a
    # scheduled post goes live (date and time), {expires} a date.
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

    # --- the writer's "Social posts" panel under a post (`mkdocs serve` only; issue 15) -----
    # {moment} is a date and time, {status} a status word, {line} a line number; the count
    # reads {length} / {limit} {unit} (the unit as the network names it).
    PREVIEW_TITLE = "preview.title"
    PREVIEW_PUBLISH = "preview.publish"
    PREVIEW_STATUS = "preview.status"
    PREVIEW_PART = "preview.part"
    PREVIEW_COUNT = "preview.count"
    PREVIEW_IMAGE = "preview.image"
    PREVIEW_ALT = "preview.alt"
    PREVIEW_NO_ALT = "preview.no_alt"
    PREVIEW_CONTENT_WARNING = "preview.content_warning"
    PREVIEW_FIRST_COMMENT = "preview.first_comment"
    PREVIEW_LINK = "preview.link"
    PREVIEW_FINDINGS = "preview.findings"
    PREVIEW_NO_FINDINGS = "preview.no_findings"
    PREVIEW_NO_CHANNELS = "preview.no_channels"
    PREVIEW_NOT_READ = "preview.not_read"
    PREVIEW_ERROR = "preview.error"
    PREVIEW_WARNING = "preview.warning"
    PREVIEW_LINE = "preview.line"

    # --- listening, review report, networks, internal outputs (issue 12, Languages) ---------
    # Listening's public pages; the paths are the pages' default place in the site.
    COMMUNITY_PATH = "listening.community_path"
    COMMUNITY_TITLE = "listening.community_title"
    COMMUNITY_INTRO = "listening.community_intro"
    COMMUNITY_EMPTY = "listening.community_empty"
    VOICES_PATH = "listening.voices_path"
    VOICES_TITLE = "listening.voices_title"
    VOICES_INTRO = "listening.voices_intro"
    UNTITLED = "listening.untitled"
    VOICE = "listening.voice"
    ENTRIES = "listening.entries"
    LATEST = "listening.latest"
    # Listening's internal outputs: department digests and the influencer report.
    DIGEST_TITLE = "listening.digest_title"
    DIGEST_SUMMARY = "listening.digest_summary"
    DIGEST_EMPTY = "listening.digest_empty"
    DIGEST_SOURCE = "listening.digest_source"
    DIGEST_AUTHOR = "listening.digest_author"
    DIGEST_LABELS = "listening.digest_labels"
    INFLUENCERS_TITLE = "listening.influencers_title"
    INFLUENCERS_SUMMARY = "listening.influencers_summary"
    INFLUENCERS_EMPTY = "listening.influencers_empty"
    INFLUENCERS_KIND = "listening.influencers_kind"
    INFLUENCERS_SOURCES = "listening.influencers_sources"
    INFLUENCERS_CONTACT = "listening.influencers_contact"
    VOICE_PERSON = "listening.voice_person"
    VOICE_AUTHOR = "listening.voice_author"
    VOICE_SITE = "listening.voice_site"
    VOICE_SOURCE = "listening.voice_source"
    # The review report (Markdown comment); its JSON and annotations are for machines.
    REVIEW_HEADING = "review.heading"
    REVIEW_COMPARED = "review.compared"
    REVIEW_PAUSE = "review.pause"
    REVIEW_GLOBAL = "review.global"
    REVIEW_REPOSITORY = "review.repository"
    REVIEW_NO_CHANGES = "review.no_changes"
    REVIEW_CUT = "review.cut"
    REVIEW_FULL_REPORT = "review.full_report"
    REVIEW_ADDED = "review.added"
    REVIEW_MODIFIED = "review.modified"
    REVIEW_RENAMED = "review.renamed"
    REVIEW_DELETED = "review.deleted"
    REVIEW_AFFECTED = "review.affected"
    REVIEW_WAS = "review.was"
    REVIEW_AUDIENCES = "review.audiences"
    REVIEW_VARIANT_NEW = "review.variant_new"
    REVIEW_VARIANT_CHANGED = "review.variant_changed"
    REVIEW_VARIANT_UNCHANGED = "review.variant_unchanged"
    REVIEW_VARIANT_REMOVED = "review.variant_removed"
    REVIEW_PARTS = "review.parts"
    REVIEW_PART = "review.part"
    REVIEW_BEFORE = "review.before"
    # The review's details, diffs and shortened comment (issue 15, the review report).
    REVIEW_IMAGE = "review.image"
    REVIEW_IMAGE_ALT = "review.image_alt"
    REVIEW_CONTENT_WARNING = "review.content_warning"
    REVIEW_FIRST_COMMENT = "review.first_comment"
    REVIEW_MENTIONS = "review.mentions"
    REVIEW_AT = "review.at"
    REVIEW_WAS_NOW = "review.was_now"
    REVIEW_TEXT_UNCHANGED = "review.text_unchanged"
    REVIEW_CLIPPED = "review.clipped"
    REVIEW_SHORTENED = "review.shortened"
    REVIEW_BY_NETWORK = "review.by_network"
    REVIEW_NETWORK = "review.network"
    REVIEW_LISTED = "review.listed"
    STATUS_LIVE = "status.live"
    STATUS_SCHEDULED = "status.scheduled"
    STATUS_HELD = "status.held"
    STATUS_DRAFT = "status.draft"
    STATUS_WITHDRAWN = "status.withdrawn"
    STATUS_INTERNAL = "status.internal"
    # Default words a variant carries, and the internal calendar's name.
    INSTAGRAM_LINK_IN_BIO = "network.instagram_link_in_bio"
    CALENDAR_NAME = "outputs.calendar_name"
    # The units counts are shown in (review headings, the preview panel's meter; issue 12).
    UNIT_WEIGHTED = "unit.weighted"
    UNIT_GRAPHEME = "unit.grapheme"
    UNIT_UTF16 = "unit.utf16"
    UNIT_CHARACTER = "unit.character"
    UNIT_UTF8 = "unit.utf8"
    # Counts in the review heading, one text per plural form (Messages.plural; {count}).
    REVIEW_POSTS_ONE = "review.posts.one"
    REVIEW_POSTS_OTHER = "review.posts.other"
    REVIEW_ERRORS_ONE = "review.errors.one"
    REVIEW_ERRORS_OTHER = "review.errors.other"
    REVIEW_WARNINGS_ONE = "review.warnings.one"
    REVIEW_WARNINGS_OTHER = "review.warnings.other"
    # Feed links on hub and category pages (issue 15, feeds and page meta).
    SUBSCRIBE = "feeds.subscribe"
    HUB_FEEDS = "feeds.hub_feeds"
    # --- listening in the review report (issue 14, Publishing): notes over the committed cache
    # {entries} is REVIEW_LISTENING_ENTRIES_*; {source} a source name, {folder} the cache folder.
    REVIEW_LISTENING_CRISIS = "review.listening.crisis"
    REVIEW_LISTENING_ENTRIES_ONE = "review.listening.entries.one"
    REVIEW_LISTENING_ENTRIES_OTHER = "review.listening.entries.other"
    REVIEW_LISTENING_NO_COPY = "review.listening.no_copy"
    REVIEW_LISTENING_UNREADABLE = "review.listening.unreadable"
    REVIEW_LISTENING_GONE = "review.listening.gone"
    # --- exports/README.txt beside the Hootsuite and Publer files (issue 14, Publishing) ------
    # {timezone} is an IANA name; lines after the first are indented two spaces, as written.
    EXPORTS_README_TIMEZONE = "exports.readme.timezone"
    EXPORTS_README_NO_TIMEZONE_COLUMN = "exports.readme.no_timezone_column"
    EXPORTS_README_HOOTSUITE = "exports.readme.hootsuite"
    EXPORTS_README_PUBLER = "exports.readme.publer"
    EXPORTS_README_FORMULAS = "exports.readme.formulas"
    EXPORTS_README_WARNINGS = "exports.readme.warnings"
    # --- `mkdocs serve`'s log: the internal outputs are written when it stops (issue 16) -----
    # {folder} is the scheduler's output_dir, from the project root.
    SERVE_OUTPUTS_AT_STOP = "serve.outputs_at_stop"
    SERVE_OUTPUTS_NOT_WRITTEN = "serve.outputs_not_written"
