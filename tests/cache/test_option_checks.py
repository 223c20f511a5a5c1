"""A plugin option's value the core accepted is not checked again when ``mkdocs serve`` loads
the config once more (issue 16): any other value, of another type or shape, is checked, and a
refused value is refused on every load."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.config.base import ValidationError
from mkdocs.exceptions import Abort

from portavoz.plugins.options import CoreOption
from portavoz.scheduler.base.options import ConfigError
from portavoz.scheduler.compose.settings import check_option
from portavoz.scheduler.networks import Threads, register, unregister


class Counted:
    """A check that refuses ``"bad"`` anywhere in the value, counting the values it saw."""

    def __init__(self) -> None:
        self.seen: list[object] = []

    def __call__(self, value: object) -> None:
        self.seen.append(value)
        if "bad" in repr(value):
            raise ConfigError("mkdocs.yml: plugins.x: bad value")


def test_a_value_accepted_once_is_not_checked_again() -> None:
    check = Counted()
    option: CoreOption[object] = CoreOption(check, default={})
    value = {"mastodon": {"limit": 500}, "x": [1, "a"]}

    assert option.run_validation(value) == value
    assert option.run_validation({"mastodon": {"limit": 500}, "x": [1, "a"]}) == value

    assert check.seen == [value]


@pytest.mark.parametrize(
    "other",
    [
        {"mastodon": {"limit": 400}, "x": [1, "a"]},
        {"mastodon": {"limit": 500.0}, "x": [1, "a"]},
        {"mastodon": {"limit": "500"}, "x": [1, "a"]},
        {"mastodon": {"limit": 500}, "x": [True, "a"]},
        {"mastodon": {"limit": 500}, "x": (1, "a")},
        {"x": [1, "a"], "mastodon": {"limit": 500}},
        {"mastodon": {"limit": 500}},
    ],
)
def test_any_other_value_is_checked(other: object) -> None:
    check = Counted()
    option: CoreOption[object] = CoreOption(check, default={})
    option.run_validation({"mastodon": {"limit": 500}, "x": [1, "a"]})

    option.run_validation(other)

    assert check.seen[1:] == [other]


def test_a_refused_value_is_refused_on_every_load() -> None:
    check = Counted()
    option: CoreOption[object] = CoreOption(check, default={})
    option.run_validation({"limit": 1})
    for _ in range(2):
        with pytest.raises(ValidationError, match="bad value"):
            option.run_validation({"limit": "bad"})
    assert len(check.seen) == 3


def test_a_value_of_another_kind_is_checked_every_time() -> None:
    check = Counted()
    option: CoreOption[object] = CoreOption(check, default=None)
    value = {"since": dt.datetime(2026, 1, 1, tzinfo=dt.UTC)}
    option.run_validation(value)
    option.run_validation(value)
    assert check.seen == [value, value]


def test_a_value_accepted_before_a_network_was_unregistered_is_checked_again() -> None:
    option: CoreOption[object] = CoreOption(check_option("networks"), default={})
    option.run_validation({"threads": {"limit": 400}})
    unregister("threads")
    try:
        with pytest.raises(ValidationError, match="unknown network 'threads'"):
            option.run_validation({"threads": {"limit": 400}})
    finally:
        register(Threads)


def test_the_example_config_loaded_again_with_an_option_broken_is_refused(
    example_site: Path,
) -> None:
    config = example_site / "mkdocs.yml"
    load_config(str(config))
    load_config(str(config))  # accepted, then taken as accepted
    text = config.read_text(encoding="utf-8")
    assert "limit: 500" in text
    config.write_text(text.replace("limit: 500", "limit: quinientos"), encoding="utf-8")

    with pytest.raises(Abort):
        load_config(str(config))


def test_a_value_holding_itself_is_refused_with_the_check_s_message() -> None:
    # `utm: &u {medium: *u}` in mkdocs.yml: YAML gives a mapping that holds itself.
    option: CoreOption[object] = CoreOption(check_option("utm"), default={})
    value: dict[str, object] = {}
    value["medium"] = value

    with pytest.raises(ValidationError, match=r"utm\.medium: expected text"):
        option.run_validation(value)


def test_aliases_shared_without_end_are_checked_as_the_check_alone_checks_them() -> None:
    # Each level a list of two aliases of the one below: 2**40 values if walked in full.
    seen: list[object] = []
    option: CoreOption[object] = CoreOption(seen.append, default={})
    level: object = "hoja"
    for _ in range(40):
        level = [level, level]
    value = {"mastodon": {"limit": level}}

    option.run_validation(value)
    option.run_validation(value)

    assert seen == [value, value]  # no key: checked on every load


def test_yaml_self_alias_in_mkdocs_yml_is_one_line_error(example_site: Path) -> None:
    config = example_site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - portavoz/scheduler:\n" in text
    text = text.replace(
        "  - portavoz/scheduler:\n", "  - portavoz/scheduler:\n      utm: &u {medium: *u}\n", 1
    )
    config.write_text(text, encoding="utf-8")

    with pytest.raises(Abort):
        load_config(str(config))
