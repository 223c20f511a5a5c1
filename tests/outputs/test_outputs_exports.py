"""The schedulers' exports read back with the csv module, against each tool's documented
columns (kept here as data, with where they are documented)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest

from portavoz.scheduler.outputs.exports import export_files, hootsuite_csv, publer_csv
from portavoz.scheduler.outputs.model import BulkRow

MADRID = ZoneInfo("Europe/Madrid")

PUBLER_COLUMNS = [
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
]
"""https://publer.com/blog/ultimate-csv-bulk-scheduler-social-media/ ("twelve columns", none
removed; date "2029-11-19 20:35"); the headers as Publer's blank template has them."""
PUBLER_DATE = "%Y-%m-%d %H:%M"
HOOTSUITE_COLUMNS = 3
"""Date and time, message, link: "three components each" (a Hootsuite Pro user's account of
the bulk composer, kim-iverson-headlee.blogspot.com/2016/08); no header row."""
HOOTSUITE_DATE = "%m/%d/%Y %H:%M"
"""``mm/dd/yyyy hh:mm``, 24-hour (jycalcano.blogspot.com/2015/07, indextokyo.com/post-514)."""

LINK = "https://marca.example/blog/ruta/?utm_source=x"
IMAGE = "https://marca.example/blog/assets/ruta.jpg"
WHEN = dt.datetime(2027, 3, 1, 8, 0, tzinfo=dt.UTC)  # 09:00 in Madrid
THREAD = BulkRow(
    when=WHEN,
    network="x",
    message=f"1/3 La ruta\n\n2/3 Sale el sábado\n\n3/3 {LINK}",
    link=LINK,
    parts=("1/3 La ruta", "2/3 Sale el sábado", f"3/3 {LINK}"),
)
PHOTO = BulkRow(
    when=WHEN + dt.timedelta(hours=2),
    network="instagram",
    message="Fotos de la ruta",
    link=LINK,
    image=IMAGE,
    image_alt="Ciclistas entre alquerías",
    first_comment="#ruta #huerta",
)
HOSTILE = BulkRow(
    when=WHEN + dt.timedelta(days=1),
    network="x",
    message='=HYPERLINK("http://evil")',
    link=LINK,
    parts=('=HYPERLINK("http://evil")', "@cmd|' /C calc'!A0"),
)
WARNED = BulkRow(
    when=WHEN, network="mastodon", message="Huelga mañana", link=LINK, content_warning="Huelga"
)


def read(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def publer(rows: list[BulkRow]) -> list[dict[str, str]]:
    header, *lines = read(publer_csv(rows, MADRID))
    assert header == PUBLER_COLUMNS
    assert all(len(line) == len(PUBLER_COLUMNS) for line in lines)
    return [dict(zip(header, line, strict=True)) for line in lines]


def test_publer_rows_have_the_twelve_columns_and_an_international_date() -> None:
    (row,) = publer([PHOTO])
    assert dt.datetime.strptime(row["Date - Intl. format or prompt"], PUBLER_DATE) == (
        dt.datetime(2027, 3, 1, 11, 0)
    )
    assert row["Text"] == "Fotos de la ruta"
    assert row["Media URL(s) - Separated by comma"] == IMAGE
    assert row["Alt text(s) - Separated by ||"] == "Ciclistas entre alquerías"
    assert row["Comment(s) - Separated by ||"] == "#ruta #huerta"
    assert row["Link(s) - Separated by comma for FB carousels"] == LINK  # not in the text


def test_publer_keeps_a_thread_in_one_row_with_its_parts_as_comments() -> None:
    (row,) = publer([THREAD])
    assert row["Text"] == "1/3 La ruta"
    assert row["Comment(s) - Separated by ||"].split("||") == ["2/3 Sale el sábado", f"3/3 {LINK}"]
    assert row["Link(s) - Separated by comma for FB carousels"] == ""  # the text holds it


def test_publer_gives_a_part_holding_the_separator_a_row_of_its_own() -> None:
    row = BulkRow(when=WHEN, network="x", message="a\n\nb || c", link="", parts=("a", "b || c"))
    rows = publer([row])
    assert [(r["Date - Intl. format or prompt"], r["Text"]) for r in rows] == [
        ("2027-03-01 09:00", "a"),
        ("2027-03-01 09:01", "b || c"),
    ]
    assert all(r["Comment(s) - Separated by ||"] == "" for r in rows)


def test_hootsuite_rows_are_three_columns_with_no_header_and_a_us_date() -> None:
    lines = read(hootsuite_csv([PHOTO], MADRID))
    assert [len(line) for line in lines] == [HOOTSUITE_COLUMNS]
    ((when, message, link),) = lines
    assert dt.datetime.strptime(when, HOOTSUITE_DATE) == dt.datetime(2027, 3, 1, 11, 0)
    assert (message, link) == ("Fotos de la ruta", LINK)


def test_hootsuite_gives_each_thread_part_its_own_row_a_minute_apart() -> None:
    lines = read(hootsuite_csv([THREAD], MADRID))
    assert lines == [
        ["03/01/2027 09:00", "1/3 La ruta", ""],
        ["03/01/2027 09:01", "2/3 Sale el sábado", ""],
        ["03/01/2027 09:02", f"3/3 {LINK}", ""],
    ]


def test_every_text_cell_that_starts_like_a_formula_is_defused() -> None:
    hootsuite = read(hootsuite_csv([HOSTILE], MADRID))
    assert [line[1] for line in hootsuite] == [
        '\'=HYPERLINK("http://evil")',
        "'@cmd|' /C calc'!A0",
    ]
    (row,) = publer([HOSTILE])
    assert row["Text"] == '\'=HYPERLINK("http://evil")'
    assert row["Comment(s) - Separated by ||"] == "'@cmd|' /C calc'!A0"


def test_one_file_per_tool_and_network_and_a_readme_with_the_timezone() -> None:
    files = export_files([THREAD, PHOTO, WARNED], MADRID)
    assert sorted(files) == [
        "exports/README.txt",
        "exports/hootsuite/instagram.csv",
        "exports/hootsuite/mastodon.csv",
        "exports/hootsuite/x.csv",
        "exports/publer/instagram.csv",
        "exports/publer/mastodon.csv",
        "exports/publer/x.csv",
    ]
    readme = files["exports/README.txt"]
    assert "Europe/Madrid" in readme
    assert "mastodon 2027-03-01 09:00: Huelga" in readme  # a content warning to add by hand
    assert read(files["exports/hootsuite/x.csv"])[0][1] == "1/3 La ruta"


def test_no_rows_gives_only_the_readme() -> None:
    assert list(export_files([], MADRID)) == ["exports/README.txt"]


def test_a_naive_moment_is_refused() -> None:
    row = BulkRow(when=dt.datetime(2027, 1, 1), network="x", message="m", link="")
    with pytest.raises(ValueError, match="has no timezone"):
        hootsuite_csv([row], MADRID)


def test_the_readme_is_in_the_sites_language() -> None:
    # Written here, not read from the catalogs: a Spanish site's README is Spanish throughout.
    spanish = export_files([WARNED], MADRID, language="es")["exports/README.txt"]
    lines = spanish.splitlines()
    assert lines[0] == (
        "Todas las fechas y horas de estos archivos están en Europe/Madrid, la zona horaria "
        "del sitio."
    )
    assert "Avisos de contenido que ningún archivo puede llevar (añádelos a mano):" in lines
    assert "  mastodon 2027-03-01 09:00: Huelga" in lines
    english = export_files([WARNED], MADRID)["exports/README.txt"]
    assert not set(english.splitlines()) & set(lines) - {"", "  mastodon 2027-03-01 09:00: Huelga"}
