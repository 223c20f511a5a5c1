"""Dates on the public hub pages are written in the site's language, as its readers write them."""

from __future__ import annotations

from datetime import UTC, datetime
from html.parser import HTMLParser

import pytest

from portavoz.scheduler.i18n import messages
from portavoz.scheduler.listening.normalise import Entry
from portavoz.scheduler.listening.pages import community_markdown
from portavoz.scheduler.listening.settings import CommunityPage


class _Times(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inside = False
        self.times: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.inside = tag == "time"

    def handle_endtag(self, tag: str) -> None:
        self.inside = False

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.times.append(data)


@pytest.mark.parametrize(
    ("language", "moment", "shown"),
    [
        ("es", datetime(2026, 11, 22, 10, tzinfo=UTC), "22 de noviembre de 2026"),
        ("es", datetime(2027, 1, 1, 0, tzinfo=UTC), "1 de enero de 2027"),
        ("es", datetime(2026, 9, 5, 23, tzinfo=UTC), "5 de septiembre de 2026"),
        ("en", datetime(2026, 11, 22, 10, tzinfo=UTC), "November 22, 2026"),
        ("en-GB", datetime(2027, 1, 1, 0, tzinfo=UTC), "1 January 2027"),
        ("zz", datetime(2026, 9, 5, 23, tzinfo=UTC), "September 5, 2026"),
    ],
)
def test_community_page_dates_are_in_the_site_language(
    language: str, moment: datetime, shown: str
) -> None:
    entry = Entry("e", "Foro", "community", (), "Título", None, "", moment, "", "Título")
    reader = _Times()
    reader.feed(community_markdown([entry], CommunityPage(), messages(language)))
    assert reader.times == [shown]
