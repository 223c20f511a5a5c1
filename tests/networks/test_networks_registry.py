"""The registry: names, options, errors, and every network honouring the Network protocol."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from networks_cases import CASES

from portavoz.scheduler.networks import Count, Network, Unit, get_network, network_names, register
from portavoz.scheduler.networks.base import Defaults
from portavoz.scheduler.networks.x import X


def test_names_are_sorted_and_complete() -> None:
    expected = ("bluesky", "facebook", "instagram", "linkedin", "mastodon", "telegram", "threads")
    assert (*expected, "x") == network_names()


@pytest.mark.parametrize("name", network_names())
def test_every_network_counts(name: str) -> None:
    network: Network = get_network(name)
    assert network.name == name
    assert network.label
    count = network.count("Hola")
    assert count == Count(name, 4, network.limit, count.unit)
    assert count.fits


@pytest.mark.parametrize(
    ("name", "options", "attribute", "value"),
    [
        ("mastodon", {"limit": 11000}, "limit", 11000),
        ("instagram", {"hashtag_limit": 30}, "hashtag_limit", 30),
        ("instagram", {"link_in_bio": "Link in bio"}, "link_in_bio", "Link in bio"),
        ("instagram", {}, "link_in_bio", "Link in bio"),  # English unless a language is given
        ("instagram", {"language": "es"}, "link_in_bio", "Enlace en la bio"),
        ("instagram", {"language": "en"}, "link_in_bio", "Link in bio"),
        ("instagram", {"language": "pt-BR"}, "link_in_bio", "Link in bio"),
        ("instagram", {"language": "es", "link_in_bio": "Bio ↑"}, "link_in_bio", "Bio ↑"),
        ("threads", {}, "hashtag_limit", 1),
        ("x", {"limit": 25000}, "limit", 25000),
    ],
)
def test_options(name: str, options: dict[str, object], attribute: str, value: object) -> None:
    assert getattr(get_network(name, **options), attribute) == value


def test_unknown_network() -> None:
    with pytest.raises(KeyError, match=r"unknown network 'tiktok' \(known: bluesky, .*, x\)"):
        get_network("tiktok")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"limite": 5}, r"unknown option 'limite' \(accepted: limit\)"),
        ({"limit": "500"}, r"option 'limit' must be int"),
        ({"limit": True}, r"option 'limit' must be int"),
        ({"name": "x"}, r"unknown option 'name'"),
    ],
)
def test_bad_options(options: dict[str, object], message: str) -> None:
    with pytest.raises(TypeError, match=message):
        get_network("mastodon", **options)


@pytest.mark.parametrize(
    ("name", "options", "message"),
    [
        ("mastodon", {"limit": -5}, r"^mastodon: option 'limit' must be at least 1, got -5$"),
        ("mastodon", {"limit": 0}, r"^mastodon: option 'limit' must be at least 1, got 0$"),
        ("bluesky", {"byte_limit": 0}, r"option 'byte_limit' must be at least 1, got 0$"),
        ("threads", {"link_limit": -1}, r"option 'link_limit' must be at least 0, got -1$"),
        ("instagram", {"hashtag_limit": -2}, r"option 'hashtag_limit' must be at least 0, got -2$"),
    ],
)
def test_limits_below_one(name: str, options: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        get_network(name, **options)


def test_least_limits_are_limits() -> None:
    assert get_network("mastodon", limit=1).limit == 1
    assert get_network("bluesky", byte_limit=1).byte_limit == 1
    assert get_network("threads", link_limit=0).link_limit == 0
    assert get_network("instagram", hashtag_limit=0).hashtag_limit == 0


def test_count_fits_needs_no_problems() -> None:
    assert Count("x", 1, 280, Unit.WEIGHTED).fits
    assert not Count("x", 281, 280, Unit.WEIGHTED).fits
    assert not Count("bluesky", 1, 300, Unit.GRAPHEME, ("too many bytes",)).fits


@pytest.mark.parametrize("name", network_names())
def test_every_network_has_its_template_and_case_file(name: str) -> None:
    assert get_network(name).template.is_file()
    assert (CASES / f"counts-{name}.yml").is_file()


def test_a_name_is_registered_once() -> None:
    @dataclass(frozen=True)
    class Impostor(Defaults):
        limit: int = 1
        name: str = field(default="x", init=False)

    register(X)  # the same network again changes nothing
    with pytest.raises(ValueError, match="network 'x' is already registered"):
        register(Impostor)  # type: ignore[arg-type]
    assert type(get_network("x")) is X
