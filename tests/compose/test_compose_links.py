"""UTM links: cases/utm.yml for ``with_utm``; campaign-or-slug through the composer."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from compose_cases import cases, make_composer, make_post

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
