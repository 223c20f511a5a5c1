"""A network feed's extras (alt text, content warning, first comment): JSON Feed carries them
in its ``_portavoz`` extension object; RSS and Atom have no element a reader takes for them."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import feedparser
import pytest

from portavoz.scheduler.outputs.feeds import FeedFormat, render_feed
from portavoz.scheduler.outputs.model import FeedEntry, FeedInfo

WHEN = dt.datetime(2027, 5, 1, 10, tzinfo=dt.UTC)
INFO = FeedInfo(
    "feeds/networks/mastodon",
    "Marca",
    "",
    "https://marca.example/",
    "https://marca.example/",
    "es",
    WHEN,
)


def entry(**extras: str) -> FeedEntry:
    return FeedEntry(
        id="tag:marca.example,2027-05-01:huelga#mastodon",
        title="Huelga",
        url="https://marca.example/huelga/",
        summary="Hilo sobre la huelga",
        published=WHEN,
        image="https://marca.example/h.png",
        **extras,
    )


EXTRAS = {"image_alt": "Una estación <vacía>", "content_warning": "Huelga", "first_comment": "#r"}


@pytest.mark.parametrize("fmt", [FeedFormat.RSS, FeedFormat.ATOM])
def test_rss_and_atom_leave_the_extras_out(fmt: FeedFormat) -> None:
    """Their one fitting element, Media RSS's description, is what feedparser (and the
    autoposters built on it) reads as the entry's content: the alt text would be posted."""
    parsed: Any = feedparser.parse(render_feed(fmt, INFO, [entry(**EXTRAS)]))
    assert not parsed.bozo, parsed.get("bozo_exception")
    (item,) = parsed.entries
    assert item.media_content[0]["url"] == "https://marca.example/h.png"
    assert "content" not in item
    assert item.summary == "Hilo sobre la huelga"


def test_json_feed_extension_object() -> None:
    (item,) = json.loads(render_feed(FeedFormat.JSON, INFO, [entry(**EXTRAS)]))["items"]
    assert item["_portavoz"] == EXTRAS
    (plain,) = json.loads(render_feed(FeedFormat.JSON, INFO, [entry()]))["items"]
    assert "_portavoz" not in plain
