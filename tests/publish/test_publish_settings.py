"""portavoz/publish's options: accounts read through the one constructor, secrets never shown."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from portavoz.scheduler.base.options import ConfigError
from portavoz.scheduler.publish.settings import publish_settings


def test_a_secret_pasted_as_a_variable_name_is_never_echoed() -> None:
    options = {
        "accounts": {
            "mastodon": {
                "instance": "https://m.example",
                "since": "2026-01-01",
                "token_env": "s3cr3t-token-value",
            }
        }
    }
    with pytest.raises(ConfigError) as caught:
        publish_settings(options)
    assert "token_env" in str(caught.value)
    assert "s3cr3t-token-value" not in str(caught.value)


def test_since_without_offset_is_in_the_sites_timezone_and_defaults_fill_in() -> None:
    options = {
        "accounts": {"bluesky": {"handle": "marca.bsky.social", "since": "2026-03-01T09:00"}}
    }
    found = publish_settings(options, tz=ZoneInfo("Europe/Madrid")).accounts["bluesky"]
    assert found.since == dt.datetime(2026, 3, 1, 9, tzinfo=ZoneInfo("Europe/Madrid"))
    assert found.api_base == "https://bsky.social"
    assert found.secret_envs == {"password": "PORTAVOZ_BLUESKY_PASSWORD"}
    assert found.secrets({"PORTAVOZ_BLUESKY_PASSWORD": ""}) is None
