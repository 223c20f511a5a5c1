"""Import files for teams that keep their scheduler: Hootsuite's bulk composer and Publer.

``exports/<tool>/<network>.csv`` beside ``bulk.csv``, one file per network because neither
file names an account (the account is picked when the file is uploaded), and
``exports/README.txt`` stating the timezone of every time in them (neither format has a
timezone column) and what a tool's file cannot carry. Images are the public URLs of the site
(:func:`~portavoz.scheduler.outputs.schedule.bulk_rows`), every text cell goes through the
one guard of ``bulk.csv`` (:func:`~portavoz.scheduler.outputs.bulk_csv.safe_cell`).

Hootsuite (https://help.hootsuite.com/s/article/bulk-schedule, which is not in the stored
sources this was written from; what follows is from people describing the bulk composer):
three columns, the date and time, the message and a link ("up to 350 messages of three
components each: the date and time stamp, the message, and the link",
https://kim-iverson-headlee.blogspot.com/2016/08/the-business-of-writing-using-hootsuite.html);
the date format picked at upload, e.g. ``mm/dd/yyyy hh:mm``, and the social profiles picked
there too (http://jycalcano.blogspot.com/2015/07/post-8-hootsuite-bulk-messaging.html);
24-hour times such as ``05/13/2016 19:00`` and a UTF-8 file (https://indextokyo.com/post-514);
"a separate CSV for each property" (http://gussetbeard.com/bulk-update-algo/). NOT verified
from a stored source: whether a header row is allowed (none is written: every row of those
descriptions is a message), an image column (none is known: images are attached by hand),
and any minimum spacing between posts.

Publer (https://publer.com/blog/ultimate-csv-bulk-scheduler-social-media/): "twelve
columns", none to be removed; the date "in the international format", e.g.
``2029-11-19 20:35``; media by public URL. The twelve headers are those of Publer's blank
template as public projects copy it (the stored page does not list them all).
Threads and comments: "Comment(s) - Separated by ||"; that Publer posts them as replies
(a thread on X, Bluesky, Mastodon, Threads) is how its help describes "threads, follow-up
comments" (https://help.publer.io/en/article/what-csv-template-should-i-use-18qhxcq), not
verified further.

Buffer: no CSV import is documented in the stored sources, so there is no Buffer file.
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import io
from collections.abc import Callable, Iterable, Sequence
from zoneinfo import ZoneInfo

from portavoz.scheduler.i18n import Messages, Text, messages
from portavoz.scheduler.outputs.bulk_csv import local_moment, safe_cell
from portavoz.scheduler.outputs.model import BulkRow

FOLDER = "exports"
"""Folder of the exports inside the internal outputs."""

PART_GAP = dt.timedelta(minutes=1)
"""A thread part that becomes a row of its own goes out this long after the one before, so
every scheduler keeps the parts in order."""

PUBLER_HEADER = (
    "Date - Intl. format or prompt",
    "Text",
    "Link(s) - Separated by comma for FB carousels",
    "Media URL(s) - Separated by comma",
    "Title - For the video, pin, PDF ..",
    "Label(s) - Separated by comma",
    "Alt text(s) - Separated by ||",
    "Comment(s) - Separated by ||",
    "Pin board, FB album, or Google category",
    "Post subtype - I.e. story, reel, PDF ..",
    "CTA - For Facebook links or Google",
    "Reminder - For stories, reels, shorts, and TikToks",
)
"""Publer's twelve columns, in order."""
PUBLER_SEPARATOR = "||"
"""Between comments (and alt texts) in one Publer cell."""


class Tool(enum.StrEnum):
    """The schedulers an export is written for."""

    HOOTSUITE = "hootsuite"
    PUBLER = "publer"


def export_files(rows: Sequence[BulkRow], tz: ZoneInfo, *, language: str = "") -> dict[str, str]:
    """Path (relative to the internal outputs) → content of every export and its README.

    Args:
        rows: The variants still to publish, as :func:`bulk_rows` gives them.
        tz: Site timezone, in which every time is written.
        language: The site's ``theme.language``: the README's words are in it (the files'
            own headers are the tools', as they expect them).

    Returns:
        ``exports/<tool>/<network>.csv`` for each tool and network with rows, and
        ``exports/README.txt``.
    """
    files = {f"{FOLDER}/README.txt": readme(rows, tz, messages(language))}
    for network in sorted({row.network for row in rows}):
        mine = sorted((r for r in rows if r.network == network), key=lambda r: r.when)
        for tool, render in WRITERS.items():
            files[f"{FOLDER}/{tool}/{network}.csv"] = render(mine, tz)
    return files


def hootsuite_csv(rows: Iterable[BulkRow], tz: ZoneInfo) -> str:
    """One network's Hootsuite file: ``MM/DD/YYYY HH:MM,message,link`` rows, no header.

    Hootsuite posts every row on its own, so each thread part is a row, a minute after the
    one before. The link column is filled only when the text does not hold the link already.
    """
    lines: list[list[str]] = []
    for row in rows:
        link = "" if row.link in row.message else row.link
        for index, part in enumerate(row.texts):
            when = local_moment(row.when, tz) + index * PART_GAP
            lines.append([when.strftime("%m/%d/%Y %H:%M"), safe_cell(part), "" if index else link])
    return _csv(lines)


def publer_csv(rows: Iterable[BulkRow], tz: ZoneInfo) -> str:
    """One network's Publer file: the twelve columns; a thread's later parts and the first
    comment in ``Comment(s)``."""
    lines: list[list[str]] = [list(PUBLER_HEADER)]
    for row in rows:
        lines.extend(_publer_rows(row, tz))
    return _csv(lines)


WRITERS: dict[Tool, Callable[[Sequence[BulkRow], ZoneInfo], str]] = {
    Tool.HOOTSUITE: hootsuite_csv,
    Tool.PUBLER: publer_csv,
}


def readme(rows: Sequence[BulkRow], tz: ZoneInfo, say: Messages) -> str:
    """``exports/README.txt``: the timezone, the formats' sources, and what to add by hand,
    in the site's language."""
    texts = (
        say(Text.EXPORTS_README_TIMEZONE, timezone=tz.key),
        say(Text.EXPORTS_README_NO_TIMEZONE_COLUMN),
        "",
        say(Text.EXPORTS_README_HOOTSUITE),
        say(Text.EXPORTS_README_PUBLER),
        say(Text.EXPORTS_README_FORMULAS),
        "",
    )
    lines = [line for text in texts for line in text.split("\n")]
    warned = [row for row in rows if row.content_warning]
    if warned:
        lines.append(say(Text.EXPORTS_README_WARNINGS))
        lines.extend(
            f"  {row.network} {local_moment(row.when, tz):%Y-%m-%d %H:%M}: {row.content_warning}"
            for row in sorted(warned, key=lambda r: (r.when, r.network))
        )
    return "\n".join(lines).rstrip("\n") + "\n"


def _publer_rows(row: BulkRow, tz: ZoneInfo) -> list[list[str]]:
    first, *rest = row.texts
    comments = [*rest, row.first_comment] if row.first_comment else rest
    if any(PUBLER_SEPARATOR in text for text in comments):
        # A comment holding "||" would be cut in two: its parts go as rows of their own.
        return [
            _publer_row(row, tz, text, [], index) for index, text in enumerate([first, *comments])
        ]
    return [_publer_row(row, tz, first, comments, 0)]


def _publer_row(
    row: BulkRow, tz: ZoneInfo, text: str, comments: list[str], index: int
) -> list[str]:
    when = local_moment(row.when, tz) + index * PART_GAP
    first = index == 0
    cells = {
        "Date - Intl. format or prompt": when.strftime("%Y-%m-%d %H:%M"),
        "Text": safe_cell(text),
        "Link(s) - Separated by comma for FB carousels": (
            row.link if first and row.link not in row.message else ""
        ),
        "Media URL(s) - Separated by comma": row.image if first else "",
        "Alt text(s) - Separated by ||": safe_cell(row.image_alt) if first and row.image else "",
        "Comment(s) - Separated by ||": PUBLER_SEPARATOR.join(safe_cell(c) for c in comments),
    }
    return [cells.get(name, "") for name in PUBLER_HEADER]


def _csv(lines: Iterable[list[str]]) -> str:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(lines)
    return buffer.getvalue()
