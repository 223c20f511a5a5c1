"""Links in feed HTML: only absolute http(s) targets stay links, relative ones resolve.

The hrefs are read back with the standard library's HTML parser, as a browser would decode
them, not with the sanitiser that wrote them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from html.parser import HTMLParser

import pytest

from portavoz.scheduler.listening.normalise import parse_feed
from portavoz.scheduler.listening.settings import Source
from portavoz.scheduler.listening.text import sanitise_html

BASE = "https://feeds.example/blog/feed.xml"


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.anchors: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.anchors.append(dict(attrs).get("href"))


def hrefs(fragment: str) -> list[str | None]:
    """The ``href`` of every ``a`` in ``fragment`` (``None`` when it has none)."""
    reader = _Anchors()
    reader.feed(fragment)
    reader.close()
    return reader.anchors


@pytest.mark.parametrize(
    ("written", "seen"),
    [
        ('<a href="&#106;avascript:alert(5)">x</a>', None),
        ('<a href="java&#x09;script:alert(9)">x</a>', None),
        ('<a href="data:text/html,x">x</a>', None),
        ('<a href="">x</a>', None),
        ('<a href="../otro/?a=1&amp;b=2">x</a>', "https://feeds.example/otro/?a=1&b=2"),
        ('<a href="#nota">x</a>', "https://feeds.example/blog/feed.xml#nota"),
        ('<a href="HTTPS://Otra.example/p">x</a>', "https://Otra.example/p"),
    ],
)
def test_only_http_links_stay_links(written: str, seen: str | None) -> None:
    assert hrefs(sanitise_html(written, BASE)) == [seen]


def test_without_a_base_relative_links_are_dropped() -> None:
    assert hrefs(sanitise_html('<a href="/x">x</a> <a href="https://a.example/">a</a>')) == [
        None,
        "https://a.example/",
    ]


def test_feed_links_resolve_against_the_element_base() -> None:
    feed = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://base.example/sub/">
  <title>t</title><id>tag:t</id><updated>2026-11-21T10:00:00Z</updated>
  <entry><title>e</title><id>tag:e</id><updated>2026-11-21T10:00:00Z</updated>
    <content type="html">&lt;a href="p/"&gt;p&lt;/a&gt;
      &lt;a href="&amp;#106;avascript:x"&gt;j&lt;/a&gt;</content>
  </entry>
</feed>"""
    source = Source("F", "https://feeds.example/atom.xml", "community")
    fetched_at = datetime(2026, 11, 23, tzinfo=UTC)
    parsed = parse_feed(
        feed, source=source, content_type="application/atom+xml", fetched_at=fetched_at
    )
    assert hrefs(parsed.entries[0].html) == ["https://base.example/sub/p/", None]
