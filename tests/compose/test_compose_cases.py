"""Variant case tables: mentions in the default templates (``cases/mentions.yml``) and the
hashtags a variant leaves out (``cases/dropped-hashtags.yml``)."""

from __future__ import annotations

from typing import Any

import pytest
from compose_cases import cases, make_composer, make_post


@pytest.mark.parametrize("case", cases("mentions"))
def test_mentions_reach_the_default_templates(case: dict[str, Any]) -> None:
    (variant,), problems = make_composer().compose(make_post(case["post"]))

    assert problems == []
    assert variant.network == case["network"]
    assert list(variant.parts) == [p.replace("{link}", variant.link) for p in case["expected"]]


@pytest.mark.parametrize("case", cases("dropped-hashtags"))
def test_dropped_hashtags_are_listed(case: dict[str, Any]) -> None:
    post = {"title": "Ruta", "summary": "Salidas cada sábado.", **case["post"]}

    (variant,), _ = make_composer(case.get("options")).compose(make_post(post))

    assert list(variant.dropped) == case["dropped"]
    assert list(variant.dropped_hashtags) == case["dropped_hashtags"]
    assert not {h for h in variant.dropped_hashtags if h in variant.text.split()}
