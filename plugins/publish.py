"""``portavoz/publish``: the accounts ``portavoz publish`` posts through, and its ledger.

The plugin does nothing in a build but check its options through the core (the same
constructor ``portavoz publish`` and ``portavoz check`` use), so a wrong account stops
``mkdocs build`` with the message the commands print. Posting is the command's work.
"""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin

from portavoz.plugins.options import CoreOption
from portavoz.scheduler.publish.settings import DEFAULT_LEDGER, check_option


class PublishConfig(Config):
    """Options of ``portavoz/publish``."""

    # Turn the plugin off without removing it (`portavoz publish` then has no accounts).
    enabled = c.Type(bool, default=True)
    # The ledger of what was posted, relative to mkdocs.yml (JSON lines; commit it).
    ledger = CoreOption(check_option("ledger"), DEFAULT_LEDGER)
    # One account per network: since (required: posts before it are never posted), the
    # API's address (instance, pds or api_base), the account's ids (handle, chat, page_id…)
    # and the names of the environment variables holding its secrets (token_env…).
    accounts = CoreOption[dict[str, object]](check_option("accounts"), default={})


class PublishPlugin(BasePlugin[PublishConfig]):
    """Checks the publishing options at build time; ``portavoz publish`` does the posting."""
