"""``portavoz/publish``'s options: the ledger and one account per network.

:func:`publish_settings` is the one constructor: ``portavoz publish`` and ``portavoz check``
read ``mkdocs.yml`` through it and the MkDocs plugin's schema checks each option with it, so a
wrong account is refused alike everywhere, with its key path. Which keys an account has is
each network's fact (:data:`~portavoz.scheduler.publish.schemas.SCHEMAS`, apart from the
adapters, so that checking the options imports none of them).
Secrets are never options: an account names the environment variables that hold them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from portavoz.scheduler.base.clock import ClockError, parse_moment
from portavoz.scheduler.base.options import OptionReader, shown

PLUGIN = "portavoz/publish"
"""The plugin's name in ``mkdocs.yml``."""
PUBLISH_PATH = f"plugins.{PLUGIN}"
"""Key path of portavoz/publish's options in ``mkdocs.yml`` (named in every problem)."""
DEFAULT_LEDGER = "publish/ledger.jsonl"
"""Where the ledger lives unless the site says otherwise (relative to ``mkdocs.yml``)."""
_ENV_NAME = re.compile(r"[A-Z_][A-Z0-9_]*")
# Plain http only to this machine: a token must never cross a network unencrypted.
_LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


@dataclass(frozen=True)
class AccountSchema:
    """The keys of one network's account (:mod:`.schemas` holds each network's).

    Attributes:
        base_key: The key naming the API's base URL (``instance`` for Mastodon).
        base_default: Its default ("" when it must be written).
        required: Other keys that must be written (``handle``, ``chat``…).
        optional: Other keys with their defaults.
        secrets: Secret role → default environment variable; the option is ``<role>_env``.
    """

    base_key: str = "api_base"
    base_default: str = ""
    required: tuple[str, ...] = ()
    optional: Mapping[str, str] = field(default_factory=dict)
    secrets: Mapping[str, str] = field(default_factory=dict)

    @property
    def keys(self) -> tuple[str, ...]:
        """Every key an account of this network may have."""
        envs = tuple(f"{role}_env" for role in self.secrets)
        return ("since", self.base_key, *self.required, *self.optional, *envs)


@dataclass(frozen=True)
class Account:
    """One configured account.

    Attributes:
        network: Network id.
        since: Posts whose moment is before it are never posted by this account.
        api_base: The API's base URL, without a trailing slash.
        options: Its other keys (``handle``, ``chat``, ``page_id``…), defaults filled in.
        secret_envs: Secret role → name of the environment variable holding it.
    """

    network: str
    since: dt.datetime
    api_base: str
    options: Mapping[str, str] = field(default_factory=dict)
    secret_envs: Mapping[str, str] = field(default_factory=dict)

    def secrets(self, environ: Mapping[str, str]) -> dict[str, str] | None:
        """Every secret from ``environ``, or ``None`` when one of them is missing or empty."""
        found = {role: environ.get(name, "") for role, name in self.secret_envs.items()}
        return found if all(found.values()) else None

    def missing(self, environ: Mapping[str, str]) -> list[str]:
        """Names of the environment variables that are not set (their values never shown)."""
        return [name for name in self.secret_envs.values() if not environ.get(name)]


@dataclass(frozen=True)
class PublishSettings:
    """What ``portavoz publish`` needs: where the ledger is, and the accounts.

    Attributes:
        ledger: The ledger file, relative to ``mkdocs.yml``.
        accounts: Network id → account, for the networks the site posts to itself.
    """

    ledger: str = DEFAULT_LEDGER
    accounts: Mapping[str, Account] = field(default_factory=dict)


def account_schemas() -> Mapping[str, AccountSchema]:
    """Network id → the keys of its account (none of the adapter modules is imported)."""
    from portavoz.scheduler.publish.schemas import SCHEMAS  # it imports AccountSchema

    return SCHEMAS


def publish_settings(
    options: Mapping[str, object], where: str = "mkdocs.yml", tz: ZoneInfo | None = None
) -> PublishSettings:
    """Read ``portavoz/publish``'s options.

    Args:
        options: The plugin's options as written.
        where: The configuration file named in messages.
        tz: Timezone of ``since`` values written without an offset (default UTC).

    Raises:
        ConfigError: Every problem, each with its key path.
    """
    reader = OptionReader(PUBLISH_PATH, where)
    reader.known(options, ("enabled", "ledger", "accounts"))
    ledger = reader.text(options, "ledger", DEFAULT_LEDGER) or DEFAULT_LEDGER
    _ledger_path(ledger, reader)
    accounts = reader.mapping(options.get("accounts"), "accounts")
    schemas = account_schemas()
    reader.known(accounts, schemas, "accounts", what="network")
    found = {
        name: _account(name, schemas[name], reader.mapping(value, "accounts", name), reader, tz)
        for name, value in accounts.items()
        if name in schemas
    }
    reader.raise_problems()
    return PublishSettings(ledger=ledger, accounts=found)


def check_option(key: str) -> Callable[[object], None]:
    """A check of the option ``key`` alone (for MkDocs' schema): raises ``ConfigError``."""

    def check(value: object) -> None:
        publish_settings({key: value})

    return check


def _ledger_path(value: str, reader: OptionReader) -> None:
    parts = value.replace("\\", "/").split("/")
    if value.startswith(("/", "\\")) or ".." in parts or not value.endswith(".jsonl"):
        reader.problem(
            reader.key("ledger"),
            f"{shown(value)} is not a .jsonl file inside the project; "
            "write a path relative to mkdocs.yml, like publish/ledger.jsonl",
        )


def _account(
    name: str,
    schema: AccountSchema,
    data: Mapping[str, object],
    reader: OptionReader,
    tz: ZoneInfo | None,
) -> Account:
    key = ("accounts", name)
    reader.known(data, schema.keys, *key)
    since = _since(data.get("since"), reader, tz, *key)
    base = reader.text(data, schema.base_key, schema.base_default, *key)
    base = _base_url(base, schema.base_key, reader, *key)
    options = {k: reader.text(data, k, "", *key) for k in schema.required}
    for k in schema.required:
        if not options[k]:
            reader.problem(reader.key(*key, k), f"required; write the {name} account's {k}")
    options.update({k: reader.text(data, k, d, *key) or d for k, d in schema.optional.items()})
    envs = {
        role: _env_name(data, f"{role}_env", default, reader, *key)
        for role, default in schema.secrets.items()
    }
    return Account(name, since, base, options, envs)


def _since(value: object, reader: OptionReader, tz: ZoneInfo | None, *key: str) -> dt.datetime:
    where = reader.key(*key, "since")
    zone = tz or ZoneInfo("UTC")
    epoch = dt.datetime(1970, 1, 1, tzinfo=zone)
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=zone)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time(), zone)
    if isinstance(value, str) and value.strip():
        try:
            return parse_moment(value, zone, source=where)
        except ClockError:
            pass
    found = "nothing" if value is None else shown(value)
    reader.problem(
        where,
        f"expected the moment this account starts posting, found {found}; posts before it are "
        "never posted (write e.g. 2026-06-01T00:00:00+02:00)",
    )
    return epoch


def _base_url(value: str, option: str, reader: OptionReader, *key: str) -> str:
    where = reader.key(*key, option)
    try:
        parts = urlsplit(value)
    except ValueError:
        parts = urlsplit("")
    secure = parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in _LOOPBACK)
    if not value or not secure or not parts.hostname or parts.username or parts.query:
        reader.problem(
            where,
            f"expected an https:// address of the API, found {shown(value) if value else 'nothing'}"
            " (plain http only for 127.0.0.1 or localhost)",
        )
    return value.rstrip("/")


def _env_name(
    data: Mapping[str, object], option: str, default: str, reader: OptionReader, *key: str
) -> str:
    value = reader.text(data, option, default, *key) or default
    if not _ENV_NAME.fullmatch(value):
        reader.problem(
            reader.key(*key, option),
            # The value is not quoted: a secret pasted here by mistake must not reach a log.
            "expected the name of an environment variable (letters A-Z, digits, _), found "
            f"something else (not shown); write the variable that holds the secret, like "
            f"{default}, never the secret itself",
        )
        return default
    return value
