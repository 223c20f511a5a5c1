"""The registry of network adapters: network id → its module's account keys and adapter.

A module is imported here without its client library: Mastodon.py, atproto and oauthlib are
loaded only when an adapter first sends, so checking options at build time stays light.
"""

from __future__ import annotations

from dataclasses import dataclass

from portavoz.scheduler.publish import (
    bluesky,
    facebook,
    instagram,
    linkedin,
    mastodon,
    telegram,
    threads,
    x,
)
from portavoz.scheduler.publish.client import AdapterFactory
from portavoz.scheduler.publish.settings import AccountSchema


@dataclass(frozen=True)
class AdapterModule:
    """What the registry knows of one network: its account's keys and its adapter."""

    SCHEMA: AccountSchema
    factory: AdapterFactory


ADAPTERS: dict[str, AdapterModule] = {
    "bluesky": AdapterModule(bluesky.SCHEMA, bluesky.BlueskyAdapter),
    "facebook": AdapterModule(facebook.SCHEMA, facebook.FacebookAdapter),
    "instagram": AdapterModule(instagram.SCHEMA, instagram.InstagramAdapter),
    "linkedin": AdapterModule(linkedin.SCHEMA, linkedin.LinkedInAdapter),
    "mastodon": AdapterModule(mastodon.SCHEMA, mastodon.MastodonAdapter),
    "telegram": AdapterModule(telegram.SCHEMA, telegram.TelegramAdapter),
    "threads": AdapterModule(threads.SCHEMA, threads.ThreadsAdapter),
    "x": AdapterModule(x.SCHEMA, x.XAdapter),
}
"""Every network ``portavoz publish`` can post to."""
