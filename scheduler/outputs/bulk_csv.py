"""``bulk.csv``: every variant still to publish, one row per post × network, for people and
spreadsheets; each scheduler's own import file is in :mod:`.exports`.

One row per scheduled post: ``date,time,network,message,link,image,image_alt,content_warning,
first_comment`` with the date (``YYYY-MM-DD``) and time (``HH:MM``) in the site timezone; the
message is the text to paste (Bluesky's with links in full: the app shortens them itself), the
image its public URL. Date and time stay two columns, as they were: no tool imports this file
as it is (the exports have the one date-time column each tool wants), and columns read by
position keep their places.
Quoting follows RFC 4180: fields with commas, quotes or line breaks are quoted, so a
multi-line message stays one field.

Formula injection: a spreadsheet that opens the file runs any cell starting with ``=``,
``+``, ``-`` or ``@`` (and, in some, a tab or carriage return) as a formula — a message such
as ``=HYPERLINK("http://evil")`` would become a live link or worse. Such cells get a leading
``'``, which spreadsheets hide and treat as "this is text" (OWASP's advice). The price: a
scheduler importing the raw file sees the apostrophe too, so a message meant to start with
``-`` or ``@`` should be reworded rather than rely on it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from portavoz.scheduler.outputs.feeds import strip_controls
from portavoz.scheduler.outputs.model import BulkRow

HEADER = (
    "date",
    "time",
    "network",
    "message",
    "link",
    "image",
    "image_alt",
    "content_warning",
    "first_comment",
)
"""The columns; the last three were added after the first six, so importers reading columns by
position still find those where they were."""
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula."""


def render_bulk_csv(rows: Sequence[BulkRow], tz: ZoneInfo) -> str:
    """Write the bulk-import CSV.

    Args:
        rows: Scheduled posts, in any order; written by moment, then network.
        tz: Site timezone, in which dates and times are written.

    Returns:
        The CSV text with a header row and CRLF line endings.

    Raises:
        ValueError: A row's moment has no timezone.
    """
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(HEADER)
    for row in sorted(rows, key=lambda item: (local_moment(item.when, tz), item.network)):
        writer.writerow(_cells(row, tz))
    return buffer.getvalue()


def defuse_formula(cell: str) -> str:
    """Prefix ``'`` to a cell that a spreadsheet would run as a formula."""
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell


def safe_cell(text: str) -> str:
    """A text cell of any CSV portavoz writes: control characters removed, formulas defused.

    The one guard of ``bulk.csv`` and the schedulers' exports (:mod:`.exports`).
    """
    return defuse_formula(strip_controls(text))


def _cells(row: BulkRow, tz: ZoneInfo) -> list[str]:
    local = local_moment(row.when, tz)
    texts = (
        row.network,
        row.message,
        row.link,
        row.image,
        row.image_alt,
        row.content_warning,
        row.first_comment,
    )
    return [
        local.strftime("%Y-%m-%d"),
        local.strftime("%H:%M"),
        *(safe_cell(text) for text in texts),
    ]


def local_moment(moment: dt.datetime, tz: ZoneInfo) -> dt.datetime:
    """``moment`` in ``tz``; a naive moment is refused (it would be read as the machine's).

    Raises:
        ValueError: ``moment`` has no timezone.
    """
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"bulk row: {moment.isoformat()} has no timezone")
    return moment.astimezone(tz)
