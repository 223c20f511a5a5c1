"""The permanent ids of a post's feed entries and calendar events.

Feed readers and autoposters tell a new item from an edited one by its id, calendar
applications an event by its ``UID``: a changed id is a duplicate in every reader and a second
post by every autoposter. So neither comes from what writers change — the date, the title, the
slug — but from the post's *key*: its front-matter ``id:`` when it has one, else its file's path
in the content folder (``blog/posts/2026-05-05-e-brisa.md``). Renaming or moving the file is the
one edit that changes the key; writing the old path as ``id:`` keeps every id as it was.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from portavoz.scheduler.content.model import Post

TAG_DATE = "2026"
"""The date of every ``tag:`` id (RFC 4151 asks for one at which the site held its name).

One fixed year for all posts: a post's own date would change its id when the date is edited.
"""


def site_host(site_url: str) -> str:
    """The host name of ``site_url`` (lower case), ``localhost`` when it has none."""
    return urlsplit(site_url).hostname or "localhost"


def entry_id(post: Post, site_url: str, network: str = "") -> str:
    """A feed entry's id: ``tag:<host>,2026:<key>``, ``#<network>`` in a network's feed.

    Args:
        post: The post.
        site_url: The site's absolute URL (its host names the ids).
        network: The network whose feed the entry is in, or ``""``.
    """
    suffix = f"#{network}" if network else ""
    return f"tag:{site_host(site_url)},{TAG_DATE}:{post.key}{suffix}"


def event_uid(post: Post, site_url: str, network: str) -> str:
    """A calendar event's ``UID``: ``<key>#<network>@<host>`` (RFC 5545's domain-qualified form)."""
    return f"{post.key}#{network}@{site_host(site_url)}"
