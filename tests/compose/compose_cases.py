"""Shared helpers of the compose tests: case tables, a fixed site, posts built from YAML."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from case_tables import table

from portavoz.scheduler.compose.settings import scheduler_settings
from portavoz.scheduler.compose.templates import environment
from portavoz.scheduler.compose.text import ELLIPSIS
from portavoz.scheduler.compose.variant import Composer
from portavoz.scheduler.content.material_blog import MaterialBlog
from portavoz.scheduler.content.model import ChannelSpec, Post
from portavoz.scheduler.content.settings import Audience, SiteSettings
from portavoz.scheduler.content.urls import post_url

CASES = Path(__file__).resolve().parent / "cases"
MADRID = ZoneInfo("Europe/Madrid")
SITE = SiteSettings(
    site_url="https://blog.ruedalibre-demo.es/",
    language="es",
    timezone=MADRID,
    blog=MaterialBlog(post_url_format="{slug}"),
    audiences={"general": Audience("general", "Público general")},
    default_audience="general",
)
"""The example brand's layout: ``https://blog.ruedalibre-demo.es/blog/<slug>/``."""


def cases(name: str) -> list[Any]:
    """The cases of ``cases/NAME.yml`` as pytest params, each with its description as id."""
    return table(CASES / f"{name}.yml")


def make_post(data: Mapping[str, Any]) -> Post:
    """A post from a case's ``post`` mapping (front-matter-like keys, lists as YAML lists).

    ``channels`` is a list of network names or of one-key mappings ``{network: overrides}``.
    """
    fields = dict(data)
    date = dt.datetime.fromisoformat(str(fields.pop("date", "2026-05-05T11:00:00+02:00")))
    path = f"content/blog/posts/{fields.pop('file', 'caso.md')}"
    rest: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in fields.items()}
    rest["channels"] = tuple(_channel(c) for c in fields.get("channels", []))
    rest.setdefault("slug", "caso-de-prueba")
    return Post(
        path=path,
        src_uri=path.removeprefix("content/"),
        date=date,
        url_date=date.date(),
        lang="es",
        **rest,
    )


def _channel(value: str | Mapping[str, Any]) -> ChannelSpec:
    if isinstance(value, str):
        return ChannelSpec(value)
    ((network, overrides),) = value.items()
    options: dict[str, Any] = {
        k: tuple(v) if isinstance(v, list) else v for k, v in (overrides or {}).items()
    }
    return ChannelSpec(network, **options)


def make_composer(
    options: Mapping[str, object] | None = None, templates: Path | Mapping[str, str] | None = None
) -> Composer:
    """A composer for :data:`SITE` with ``portavoz/scheduler`` options and template overrides."""
    settings = scheduler_settings(dict(options or {}))
    return Composer(SITE, settings, environment(templates), lambda post: post_url(post, SITE))


def assert_nothing_cut(fitted: str, full: str, summary: str) -> None:
    """Every token of ``fitted`` is a whole token of ``full``, but one shortened summary.

    The shortened summary (the token ending in an ellipsis) must be the summary's first words,
    cut at white space (trailing punctuation of the last kept word may go).
    """
    whole = set(full.split())
    for token in fitted.split():
        if token in whole:
            continue
        assert token.endswith(ELLIPSIS), f"{token!r} is not a token of the full text"
        kept = next(line for line in fitted.splitlines() if line.endswith(ELLIPSIS))
        prefix = kept.removesuffix(ELLIPSIS)
        assert summary.startswith(prefix), f"{kept!r} is not the start of the summary"
        rest = summary[len(prefix) :].lstrip(",;:.—-")
        assert rest[:1].isspace(), f"{kept!r} cuts the summary inside a word"
