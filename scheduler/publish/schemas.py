"""Each network's account keys: what ``portavoz/publish`` checks in ``mkdocs.yml``.

Apart from the adapters, so that checking the options (every ``mkdocs build`` with the plugin,
and ``portavoz check``) imports none of them: each adapter module takes its own schema from
here (``SCHEMA``), and :mod:`.adapters` registers the same networks.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from portavoz.scheduler.publish.settings import AccountSchema

GRAPH_VERSION = "v23.0"
"""The Graph API version Facebook and Instagram accounts use unless they say otherwise."""
LINKEDIN_VERSION = "202510"
"""The ``LinkedIn-Version`` (YYYYMM) unless the account says otherwise; LinkedIn keeps each
version for a year."""

SCHEMAS: Mapping[str, AccountSchema] = MappingProxyType(
    {
        "bluesky": AccountSchema(
            base_key="pds",
            base_default="https://bsky.social",
            required=("handle",),
            secrets={"password": "PORTAVOZ_BLUESKY_PASSWORD"},
        ),
        "facebook": AccountSchema(
            base_default="https://graph.facebook.com",
            required=("page_id",),
            optional={"version": GRAPH_VERSION},
            secrets={"token": "PORTAVOZ_FACEBOOK_TOKEN"},
        ),
        "instagram": AccountSchema(
            base_default="https://graph.facebook.com",
            required=("user_id",),
            optional={"version": GRAPH_VERSION},
            secrets={"token": "PORTAVOZ_INSTAGRAM_TOKEN"},
        ),
        "linkedin": AccountSchema(
            base_default="https://api.linkedin.com",
            required=("author",),
            optional={"version": LINKEDIN_VERSION},
            secrets={"token": "PORTAVOZ_LINKEDIN_TOKEN"},
        ),
        "mastodon": AccountSchema(
            base_key="instance", secrets={"token": "PORTAVOZ_MASTODON_TOKEN"}
        ),
        "telegram": AccountSchema(
            base_default="https://api.telegram.org",
            required=("chat",),
            secrets={"token": "PORTAVOZ_TELEGRAM_TOKEN"},
        ),
        "threads": AccountSchema(
            base_default="https://graph.threads.net",
            required=("user_id",),
            optional={"version": "v1.0"},
            secrets={"token": "PORTAVOZ_THREADS_TOKEN"},
        ),
        "x": AccountSchema(
            base_default="https://api.x.com",
            secrets={
                "api_key": "PORTAVOZ_X_API_KEY",
                "api_secret": "PORTAVOZ_X_API_SECRET",
                "access_token": "PORTAVOZ_X_ACCESS_TOKEN",
                "access_secret": "PORTAVOZ_X_ACCESS_SECRET",
            },
        ),
    }
)
"""Network id → the keys of its account, for every network ``portavoz publish`` posts to."""
