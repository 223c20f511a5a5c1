"""Feeds read back by independent readers: feedparser (RSS, Atom) and json (JSON Feed).

Each case ``cases/feeds/NAME.yml`` (feed and entries) has ``NAME.expected.yml``: what every
reader must see, whatever the format — so the three formats are checked to agree.
"""

from __future__ import annotations

import calendar
import datetime as dt
import html
import json
import random
import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

import feedparser
import pytest
from outputs_cases import build, case_pairs

from portavoz.scheduler.outputs.feeds import (
    FEED_FORMATS,
    feed_files,
    feed_url,
    media_type,
    render_feed,
)
from portavoz.scheduler.outputs.model import FeedEntry, FeedInfo

CASES = case_pairs("feeds")
SUFFIXES = {"rss": "rss.xml", "atom": "atom.xml", "json": "json"}
FEEDPARSER_VERSIONS = {"rss": "rss20", "atom": "atom10"}
NS = {"atom": "http://www.w3.org/2005/Atom"}
RFC822_GMT = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug"
    r"|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT$"
)
RFC3339_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def feed_of(case: dict[str, Any]) -> tuple[FeedInfo, list[FeedEntry]]:
    """The model values a case describes."""
    return build(FeedInfo, case["info"]), [build(FeedEntry, item) for item in case["entries"]]


def utc_text(parsed: time.struct_time) -> str:
    """feedparser's UTC struct_time as RFC 3339, to compare with the expected moments."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(calendar.timegm(parsed)))


def read_feedparser(fmt: str, document: str) -> dict[str, Any]:
    """What feedparser sees in an RSS or Atom document, in the shape of the expected files."""
    parsed = feedparser.parse(document)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == FEEDPARSER_VERSIONS[fmt]
    links = {link.rel: link.href for link in parsed.feed.get("links", [])}
    return {
        "title": parsed.feed.title,
        "self": links["self"],
        "home": parsed.feed.link,
        "entries": [read_feedparser_entry(fmt, entry) for entry in parsed.entries],
    }


def read_feedparser_entry(fmt: str, entry: Any) -> dict[str, Any]:
    summary = entry.get("summary", "")
    assert "content" not in entry  # the summary is the text; pages are read on the site
    return {
        "id": entry.id,
        "title": entry.title,
        "link": entry.link,
        "published": utc_text(entry.published_parsed),
        # RSS descriptions are HTML: our plain summary was escaped once more to stay text.
        "summary": html.unescape(summary) if fmt == "rss" else summary,
        "authors": [author.get("name", "") for author in entry.get("authors", [])],
        "categories": [tag.term for tag in entry.get("tags", [])],
        "image": entry.media_content[0]["url"] if "media_content" in entry else "",
    }


def read_json_feed(document: str) -> dict[str, Any]:
    """What a JSON Feed reader sees, checking the fields JSON Feed 1.1 requires."""
    feed = json.loads(document)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert isinstance(feed["title"], str)
    assert isinstance(feed["items"], list)
    for item in feed["items"]:
        assert isinstance(item["id"], str)
        assert "content_html" not in item
        assert item["content_text"] == item.get("summary", "")
        assert RFC3339_UTC.match(item["date_published"])
        assert RFC3339_UTC.match(item["date_modified"])
    return {
        "title": feed["title"],
        "self": feed["feed_url"],
        "home": feed["home_page_url"],
        "entries": [
            {
                "id": item["id"],
                "title": item["title"],
                "link": item["url"],
                "published": item["date_published"],
                "summary": item.get("summary", ""),
                "authors": [author["name"] for author in item.get("authors", [])],
                "categories": item.get("tags", []),
                "image": item.get("image", ""),
            }
            for item in feed["items"]
        ],
    }


def read(fmt: str, document: str) -> dict[str, Any]:
    return read_json_feed(document) if fmt == "json" else read_feedparser(fmt, document)


@pytest.mark.parametrize("fmt", FEED_FORMATS)
@pytest.mark.parametrize(("case", "expected"), CASES)
def test_readers_see_the_expected_feed(
    fmt: str, case: dict[str, Any], expected: dict[str, Any]
) -> None:
    info, entries = feed_of(case)
    seen = read(fmt, render_feed(fmt, info, entries))
    assert seen == {**expected, "self": expected["self"].format(suffix=SUFFIXES[fmt])}


@pytest.mark.parametrize("fmt", FEED_FORMATS)
@pytest.mark.parametrize(("case", "expected"), CASES)
def test_output_is_independent_of_input_order(
    fmt: str, case: dict[str, Any], expected: dict[str, Any]
) -> None:
    info, entries = feed_of(case)
    shuffled = entries[::-1]
    random.Random(7).shuffle(shuffled)
    assert render_feed(fmt, info, shuffled) == render_feed(fmt, info, entries)


@pytest.mark.parametrize("fmt", FEED_FORMATS)
@pytest.mark.parametrize(("case", "expected"), CASES)
def test_no_forbidden_characters(fmt: str, case: dict[str, Any], expected: dict[str, Any]) -> None:
    info, entries = feed_of(case)
    assert not FORBIDDEN.search(render_feed(fmt, info, entries))


def absolute(url: str | None) -> bool:
    """Whether a URL is absolute http(s) and free of raw spaces, as validators want."""
    parts = urlsplit(url or "")
    return parts.scheme in {"http", "https"} and bool(parts.netloc) and " " not in (url or "")


@pytest.mark.parametrize(("case", "expected"), CASES)
def test_rss_follows_validator_rules(case: dict[str, Any], expected: dict[str, Any]) -> None:
    info, entries = feed_of(case)
    root = ET.fromstring(render_feed("rss", info, entries))
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel is not None
    for required in ("title", "link", "description"):
        assert (channel.findtext(required) or "").strip(), f"channel without {required}"
    self_link = channel.find("atom:link[@rel='self']", NS)
    assert self_link is not None and self_link.get("href") == feed_url(info, "rss")
    assert self_link.get("type") == "application/rss+xml"
    assert RFC822_GMT.match(channel.findtext("lastBuildDate") or "")
    for item in channel.findall("item"):
        assert item.findtext("title") or item.findtext("description")
        assert absolute(item.findtext("link"))
        assert item.find("guid").get("isPermaLink") == "false"  # type: ignore[union-attr]
        assert RFC822_GMT.match(item.findtext("pubDate") or "")
    assert all(absolute(node.get("url")) for node in root.iter("{*}content") if node.get("url"))


@pytest.mark.parametrize(("case", "expected"), CASES)
def test_atom_follows_validator_rules(case: dict[str, Any], expected: dict[str, Any]) -> None:
    info, entries = feed_of(case)
    feed = ET.fromstring(render_feed("atom", info, entries))
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    for required in ("atom:id", "atom:title", "atom:author/atom:name"):
        assert (feed.findtext(required, namespaces=NS) or "").strip(), f"feed without {required}"
    assert RFC3339_UTC.match(feed.findtext("atom:updated", namespaces=NS) or "")
    self_link = feed.find("atom:link[@rel='self']", NS)
    assert self_link is not None and self_link.get("href") == feed_url(info, "atom")
    for entry in feed.findall("atom:entry", NS):
        assert (entry.findtext("atom:id", namespaces=NS) or "").strip()
        assert entry.find("atom:title", NS) is not None
        assert entry.find("atom:link[@rel='alternate']", NS) is not None
        for date in ("atom:updated", "atom:published"):
            assert RFC3339_UTC.match(entry.findtext(date, namespaces=NS) or "")
    assert all(absolute(node.get("href")) for node in feed.iter("{*}link"))


def basic_feed() -> tuple[FeedInfo, list[FeedEntry]]:
    return feed_of(next(param.values[0] for param in CASES if param.id == "basic"))


@pytest.mark.parametrize(
    ("key", "files"),
    [
        (
            "feeds/all",
            {"rss": "feeds/all.rss.xml", "atom": "feeds/all.atom.xml", "json": "feeds/all.json"},
        ),
        (
            "/blog/tags/eventos/",
            {
                "rss": "blog/tags/eventos.rss.xml",
                "atom": "blog/tags/eventos.atom.xml",
                "json": "blog/tags/eventos.json",
            },
        ),
    ],
)
def test_feed_files(key: str, files: dict[str, str]) -> None:
    info, _ = basic_feed()
    assert feed_files(replace(info, key=key)) == files


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("rss", "application/rss+xml"),
        ("atom", "application/atom+xml"),
        ("json", "application/feed+json"),
    ],
)
def test_media_type(fmt: str, expected: str) -> None:
    assert media_type(fmt) == expected


def test_updated_moment_reaches_atom_and_json() -> None:
    info, entries = basic_feed()
    atom = feedparser.parse(render_feed("atom", info, entries))
    json_feed = json.loads(render_feed("json", info, entries))
    assert utc_text(atom.entries[1].updated_parsed) == "2027-01-16T07:00:00Z"
    assert json_feed["items"][1]["date_modified"] == "2027-01-16T07:00:00Z"


NAIVE = dt.datetime(2027, 1, 1, 9, 0)
BROKEN = [
    pytest.param("html", lambda info, entries: (info, entries), "unknown feed format", id="format"),
    pytest.param(
        "rss",
        lambda info, entries: (info, [replace(entries[0], published=NAIVE)]),
        "has no timezone",
        id="naive-published",
    ),
    pytest.param(
        "atom",
        lambda info, entries: (replace(info, updated=NAIVE), entries),
        "has no timezone",
        id="naive-feed-updated",
    ),
    pytest.param(
        "json",
        lambda info, entries: (info, [entries[0], replace(entries[1], id=entries[0].id)]),
        "share the id",
        id="duplicate-id",
    ),
    pytest.param(
        "rss",
        lambda info, entries: (replace(info, site_url="/relativo/"), entries),
        "not an absolute http",
        id="relative-site",
    ),
    pytest.param(
        "atom",
        lambda info, entries: (info, [replace(entries[0], url="javascript:alert(1)")]),
        "not an absolute http",
        id="script-url",
    ),
]


@pytest.mark.parametrize(("fmt", "spoil", "message"), BROKEN)
def test_unusable_input_is_refused(
    fmt: str,
    spoil: Callable[[FeedInfo, list[FeedEntry]], tuple[FeedInfo, list[FeedEntry]]],
    message: str,
) -> None:
    info, entries = spoil(*basic_feed())
    with pytest.raises(ValueError, match=message):
        render_feed(fmt, info, entries)
