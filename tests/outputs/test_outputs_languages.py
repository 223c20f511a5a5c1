"""Default words a build writes follow the site's language: the calendar's name, Instagram's
link-in-bio line. The expected words are written here, not read from the catalogs."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest

from portavoz.scheduler.compose.plan import Plan
from portavoz.scheduler.compose.settings import scheduler_settings
from portavoz.scheduler.content.settings import SiteSettings
from portavoz.scheduler.content.window import Window
from portavoz.scheduler.outputs.internal import internal_files

NOW = dt.datetime(2026, 11, 23, 9, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("language", "name"),
    [
        ("en", "Editorial calendar"),
        ("es", "Calendario editorial"),
        ("es-ES", "Calendario editorial"),
        ("zz", "Editorial calendar"),
    ],
)
def test_the_calendar_is_named_in_the_site_language(language: str, name: str) -> None:
    plan = Plan(Window(NOW), SiteSettings(language=language), ())
    calendar = icalendar.Calendar.from_ical(internal_files(plan, 180)["calendar.ics"])
    assert str(calendar["x-wr-calname"]) == name


@pytest.mark.parametrize(
    ("language", "line"),
    [
        (None, "Link in bio"),
        ("en", "Link in bio"),
        ("es", "Enlace en la bio"),
        ("zz", "Link in bio"),
    ],
)
def test_link_in_bio_defaults_to_the_site_language(language: str | None, line: str) -> None:
    settings = scheduler_settings({}, language=language)
    assert settings.networks["instagram"].link_in_bio == line


def test_a_written_link_in_bio_is_kept_in_any_language() -> None:
    options = {"networks": {"instagram": {"link_in_bio": "Bio 👆"}}}
    assert scheduler_settings(options, language="en").networks["instagram"].link_in_bio == "Bio 👆"
