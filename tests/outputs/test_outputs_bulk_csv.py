"""The bulk-import CSV read back with the csv module.

Each case ``cases/bulk/NAME.yml`` (zone and rows) has ``NAME.expected.yml``: the rows a CSV
reader must see, header first.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from outputs_cases import build, case_pairs

from portavoz.scheduler.outputs.bulk_csv import render_bulk_csv
from portavoz.scheduler.outputs.model import BulkRow

CASES = case_pairs("bulk")
HEADER_LINE = "date,time,network,message,link,image,image_alt,content_warning,first_comment\r\n"


def rows_of(case: dict[str, Any]) -> list[BulkRow]:
    return [build(BulkRow, item) for item in case["rows"]]


@pytest.mark.parametrize(("case", "expected"), CASES)
def test_csv_reader_sees_the_expected_rows(case: dict[str, Any], expected: dict[str, Any]) -> None:
    text = render_bulk_csv(rows_of(case), ZoneInfo(case["tz"]))
    assert list(csv.reader(io.StringIO(text, newline=""))) == expected["rows"]


@pytest.mark.parametrize(("case", "expected"), CASES)
def test_records_end_in_crlf(case: dict[str, Any], expected: dict[str, Any]) -> None:
    text = render_bulk_csv(rows_of(case), ZoneInfo(case["tz"]))
    assert text.startswith(HEADER_LINE)
    assert text.endswith("\r\n")


@pytest.mark.parametrize(("case", "expected"), CASES)
def test_output_is_independent_of_input_order(
    case: dict[str, Any], expected: dict[str, Any]
) -> None:
    rows = rows_of(case)
    shuffled = rows[::-1]
    random.Random(5).shuffle(shuffled)
    tz = ZoneInfo(case["tz"])
    assert render_bulk_csv(shuffled, tz) == render_bulk_csv(rows, tz)


def test_empty_schedule_is_just_the_header() -> None:
    assert render_bulk_csv([], ZoneInfo("UTC")) == HEADER_LINE


def test_naive_moment_is_refused() -> None:
    row = BulkRow(when=dt.datetime(2027, 1, 1), network="x", message="m", link="")
    with pytest.raises(ValueError, match="has no timezone"):
        render_bulk_csv([row], ZoneInfo("UTC"))
