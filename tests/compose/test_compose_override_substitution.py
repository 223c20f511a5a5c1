"""Override texts of plain text and ``{{ name }}`` are rendered without compiling them
(issue 16): what comes out is what Jinja renders, and everything else still goes to Jinja."""

from __future__ import annotations

import datetime as dt

import pytest

from portavoz.scheduler.compose.render_limits import MAX_TEXT
from portavoz.scheduler.compose.sandbox import render_bounded
from portavoz.scheduler.compose.templates import TemplateError, environment, render_string, tidy

CONTEXT: dict[str, object] = {
    "title": "Título {{ no se evalúa }}",
    "link": "https://example.org/a?b=1",
    "hashtags": "#uno #dos",
    "hashtag_list": ["#uno", "#dos"],
    "published": dt.datetime(2026, 5, 4, 9, 30, tzinfo=dt.UTC),
    "link_in_bio": False,
    "mentions": "",
}
SOURCES = [
    "Sin variables.",
    "Nuevo: {{ title }} {{ link }} {{ hashtags }}",
    "{{link}}\n\n{{   hashtags   }}\n",
    "Línea uno\r\nLínea dos\r{{ title }}\n\n\n\n{{ mentions }}   \nfin\n\n",
    "{{ hashtag_list }} {{ published }} {{ link_in_bio }}",
    "llaves sueltas { } }} y {{ title }}",
]


def jinja(source: str) -> str:
    """The override as Jinja renders it, compiled."""
    env = environment(None)
    return tidy(render_bounded(env.from_string(source), CONTEXT, source))


@pytest.mark.parametrize("source", SOURCES)
def test_plain_overrides_render_as_jinja_does(source: str) -> None:
    assert render_string(environment(None), source, CONTEXT) == jinja(source)


@pytest.mark.parametrize(
    "source",
    [
        "{{ title | upper }}",
        "{% if link %}{{ link }}{% endif %}",
        "{# nota #}{{ link }}",
        "{{- link -}} x",
        "{{ true }} {{ none }}",
        "{{ range }}",
    ],
)
def test_other_overrides_still_go_to_jinja(source: str) -> None:
    assert render_string(environment(None), source, CONTEXT) == jinja(source)


def test_an_unknown_name_is_still_a_template_error() -> None:
    with pytest.raises(TemplateError, match="nombre"):
        render_string(environment(None), "{{ nombre }}", CONTEXT)


def test_a_too_long_result_is_still_refused() -> None:
    context = {"link": "x" * (MAX_TEXT // 2 + 1)}
    with pytest.raises(TemplateError, match="100,000"):
        render_string(environment(None), "{{ link }}{{ link }}", context)
