"""UTM links: cases/utm.yml for ``with_utm``; campaign-or-slug through the composer."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, parse_qsl, urlencode, urlsplit, urlunsplit

import pytest
from compose_cases import cases, make_composer, make_post
from hypothesis import given, settings
from hypothesis import strategies as st

from portavoz.scheduler.base.options import ConfigError
from portavoz.scheduler.compose.links import with_utm
from portavoz.scheduler.compose.settings import UtmSettings


@pytest.mark.parametrize("case", cases("utm"))
def test_with_utm(case: dict[str, Any]) -> None:
    utm = UtmSettings(**case.get("utm", {}))
    assert with_utm(case["url"], case["network"], case["campaign"], utm) == case["expected"]


@pytest.mark.parametrize(
    ("post", "options", "campaign"),
    [
        pytest.param({"campaign": "primavera-2027"}, {}, "primavera-2027", id="campaign"),
        pytest.param({}, {}, "caso-de-prueba", id="slug without a campaign"),
        pytest.param(
            {"campaign": "primavera-2027"},
            {"utm": {"campaign": "blog-{campaign}", "medium": "organico"}},
            "blog-primavera-2027",
            id="campaign pattern",
        ),
    ],
)
def test_variant_link_campaign(
    post: dict[str, Any], options: dict[str, Any], campaign: str
) -> None:
    composer = make_composer(options)
    item = make_post({"title": "Título", "channels": ["x", "mastodon"], **post})
    variants, problems = composer.compose(item)
    assert problems == []
    for variant in variants:
        query = parse_qs(urlsplit(variant.link).query)
        assert query == {
            "utm_source": [variant.network],
            "utm_medium": [options.get("utm", {}).get("medium", "social")],
            "utm_campaign": [campaign],
        }
        assert variant.link in variant.text


def test_variant_link_without_utm() -> None:
    composer = make_composer({"utm": {"enabled": False}})
    (variant,), _ = composer.compose(make_post({"title": "Título", "channels": ["x"]}))
    assert variant.link == "https://blog.ruedalibre-demo.es/blog/caso-de-prueba/"
    assert "utm_" not in variant.text


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        ("blog-{slug}", "unknown field {slug}"),
        ("blog-{", "Single '{' encountered"),
        ("{0}", "Replacement index 0"),
        ("{campaign.nombre}", "has no attribute 'nombre'"),
    ],
)
def test_bad_campaign_pattern_is_a_config_error(pattern: str, problem: str) -> None:
    with pytest.raises(ConfigError) as raised:
        make_composer({"utm": {"campaign": pattern}})
    key = "mkdocs.yml: plugins.portavoz/scheduler.utm.campaign"
    assert str(raised.value).startswith(f"{key}: cannot use '{pattern}' (")
    assert problem in str(raised.value) and "{campaign}" in str(raised.value)


def test_literal_braces_in_campaign_pattern() -> None:
    composer = make_composer({"utm": {"campaign": "{{blog}}-{campaign}"}})
    (variant,), _ = composer.compose(make_post({"title": "Título", "channels": ["x"]}))
    assert parse_qs(urlsplit(variant.link).query)["utm_campaign"] == ["{blog}-caso-de-prueba"]


def _with_utm_by_parsing(url: str, network: str, campaign: str, utm: UtmSettings) -> str:
    """``with_utm`` as it was (issue 16 keeps its pieces): parse, filter, add, encode, join."""
    parts = urlsplit(url)
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.startswith("utm_")
    ]
    query += [
        ("utm_source", network),
        ("utm_medium", utm.medium),
        ("utm_campaign", utm.campaign.format(campaign=campaign)),
    ]
    return urlunsplit(parts._replace(query=urlencode(query)))


URLISH = st.lists(
    st.sampled_from([*"ab?&=#/ %+é:;", "utm_source=a", "https://x.es/p", "?a=1", "&&", "#f", "//"]),
    max_size=10,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(
    url=URLISH,
    network=st.sampled_from(["x", "mastodon", "a b", "é&"]),
    campaign=URLISH,
    medium=st.sampled_from(["social", "a b", "é&=#"]),
    pattern=st.sampled_from(["{campaign}", "blog-{campaign}"]),
)
def test_with_utm_is_parsing_and_encoding_again(
    url: str, network: str, campaign: str, medium: str, pattern: str
) -> None:
    utm = UtmSettings(medium=medium, campaign=pattern)
    expected = _with_utm_by_parsing(url, network, campaign, utm)
    assert with_utm(url, network, campaign, utm) == expected
