"""Public hub pages: the community planet and, if chosen, the top voices.

Feed text is hostile, so the listing is not Markdown built from feed strings: it is a block of
HTML in which every feed string is plain text passed through :func:`html.escape` and every link
is an http(s) URL (see :mod:`.links`) with ``rel="nofollow noopener ugc"``. Python-Markdown
passes a raw HTML block through untouched (no ``markdown`` attribute is set, so ``md_in_html``
leaves it alone too), which means escaped text stays text: nothing a feed says can become
markup, a Markdown link or an image. Only the page title and intro come from the config; the
pages' own words and dates are in the site's language (:mod:`portavoz.scheduler.i18n`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from html import escape

from portavoz.scheduler.i18n import Messages, Text
from portavoz.scheduler.listening.influencers import Voice
from portavoz.scheduler.listening.links import safe_url
from portavoz.scheduler.listening.normalise import Entry
from portavoz.scheduler.listening.settings import CommunityPage, VoicesPage
from portavoz.scheduler.listening.text import LINK_REL, escape_markdown


def community_markdown(entries: Iterable[Entry], page: CommunityPage, say: Messages) -> str:
    """Return the Markdown source of the community page.

    Args:
        entries: Entries in the window, deduplicated, newest first.
        page: Title, intro, limit and which source kinds count as community.
        say: The site's language (the empty state, "untitled", dates).
    """
    chosen = [e for e in entries if e.kind in page.kinds][: page.limit]
    items = [_article(entry, say) for entry in chosen] or [
        f'<p class="portavoz-empty">{escape(say(Text.COMMUNITY_EMPTY))}</p>'
    ]
    block = ['<div class="portavoz-planet">', *items, "</div>"]
    return _page(page.title, page.intro, block)


def voices_markdown(voices: Sequence[Voice], page: VoicesPage, say: Messages) -> str:
    """Return the Markdown source of the public top-voices page (names and counts only).

    Args:
        voices: Voices, most active first.
        page: Title, intro and how many voices to show.
        say: The site's language (column headings, dates).
    """
    rows = [
        f"<tr><td>{escape(v.name)}</td><td>{v.count}</td><td>{_date(v.latest, say)}</td></tr>"
        for v in voices[: page.limit]
    ]
    heads = (say(Text.VOICE), say(Text.ENTRIES), say(Text.LATEST))
    head = "<tr>" + "".join(f"<th>{escape(h)}</th>" for h in heads) + "</tr>"
    block = ['<table class="portavoz-voices">', f"<thead>{head}</thead>", "<tbody>", *rows]
    return _page(page.title, page.intro, [*block, "</tbody>", "</table>"])


def _page(title: str, intro: str, block: list[str]) -> str:
    # No blank line inside the block: it stays one raw HTML block for Python-Markdown.
    return "\n".join([f"# {escape_markdown(title)}", "", escape_markdown(intro), "", *block, ""])


def _article(entry: Entry, say: Messages) -> str:
    title = escape(entry.title or say(Text.UNTITLED))
    link = safe_url(entry.link)
    heading = f'<a href="{escape(link)}" rel="{LINK_REL}">{title}</a>' if link else title
    byline = entry.author if entry.author not in {"", entry.source} else ""
    meta = f"{escape(entry.source)} · " + (f"{escape(byline)} · " if byline else "")
    when = f'<time datetime="{entry.published.isoformat()}">{_date(entry.published, say)}</time>'
    excerpt = f"<p>{escape(entry.excerpt)}</p>" if entry.excerpt else ""
    return (
        f'<article class="portavoz-entry"><h2>{heading}</h2>'
        f'<p class="portavoz-meta">{meta}{when}</p>{excerpt}</article>'
    )


def _date(moment: datetime, say: Messages) -> str:
    return say.date(moment.date())  # "22 de noviembre de 2026", "November 22, 2026"
