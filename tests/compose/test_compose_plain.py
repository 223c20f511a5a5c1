"""The shipped network templates are rendered as plain Python (issue 16): what comes out is what
the sandboxed Jinja template renders, and overrides, or values the sandbox refuses, still go to
Jinja."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portavoz.scheduler.compose.plain import plain_template
from portavoz.scheduler.compose.render_limits import MAX_TEXT
from portavoz.scheduler.compose.sandbox import render_bounded
from portavoz.scheduler.compose.templates import TemplateError, environment, render, tidy
from portavoz.scheduler.networks import network_names

VALUE = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", "\n", "  \n\n ", "a\r\nb", "{{ title }}", "#uno #dos", "—…"]),
)
CONTEXT = st.fixed_dictionaries(
    {
        "title": VALUE,
        "summary": VALUE,
        "mentions": VALUE,
        "link": VALUE,
        "link_in_bio": VALUE,
        "hashtags": VALUE,
        "hashtag_list": st.lists(VALUE, max_size=4),
    }
)


def _jinja(env: jinja2.Environment, network: str, context: dict[str, object]) -> str:
    """The reference: the sandboxed template, as every variant was rendered before."""
    name = f"{network}.txt.j2"
    return tidy(render_bounded(env.get_template(name), context, name))


@settings(max_examples=150, deadline=None)
@given(context=CONTEXT, network=st.sampled_from(network_names()))
def test_shipped_templates_render_as_jinja_does(context: dict[str, object], network: str) -> None:
    env = environment(None)
    assert plain_template(env, f"{network}.txt.j2", lambda name: _source(env, name)) is not None
    assert render(env, network, context) == _jinja(env, network, context)


def _source(env: jinja2.Environment, name: str) -> str:
    assert env.loader is not None
    return env.loader.get_source(env, name)[0]


def test_an_overridden_template_is_rendered_by_jinja(tmp_path: Path) -> None:
    (tmp_path / "x.txt.j2").write_text("{% for t in hashtag_list %}{{ t }}|{% endfor %}{{ title }}")
    env = environment(tmp_path)
    context = {"title": "Hola", "hashtag_list": ["#a", "#b"]}
    assert render(env, "x", context) == "#a|#b|Hola"


def test_an_overridden_shape_reaches_every_network_that_extends_it(tmp_path: Path) -> None:
    (tmp_path / "_post.txt.j2").write_text(
        "{{ title | upper }} {% block link %}{{ link }}{% endblock %}"
    )
    env = environment(tmp_path)
    context = {"title": "hola", "link": "https://example.org", "link_in_bio": "bio"}
    assert render(env, "mastodon", context) == "HOLA https://example.org"
    assert render(env, "instagram", context) == "HOLA bio"


def test_what_the_plain_form_does_not_know_is_not_compiled() -> None:
    env = environment(None)
    sources = {"loop.txt.j2": "{% for t in hashtag_list %}{{ t }}{% endfor %}"}
    assert plain_template(env, "loop.txt.j2", sources.get) is None
    assert plain_template(env, "missing.txt.j2", sources.get) is None


def test_a_missing_variable_still_fails_as_jinja_fails() -> None:
    env = environment(None)
    with pytest.raises(TemplateError, match="summary"):
        render(env, "x", {"title": "t", "mentions": "", "link": "l", "hashtags": ""})


def test_a_value_too_big_for_the_sandbox_is_refused_as_before() -> None:
    env = environment(None)
    context = {
        "title": "x" * (MAX_TEXT + 1),
        "summary": "",
        "mentions": "",
        "link": "",
        "hashtags": "",
    }
    with pytest.raises(TemplateError, match="characters"):
        render(env, "x", context)
    # Refused once, the template stays refused for the build, as a sandboxed render does.
    with pytest.raises(TemplateError, match="characters"):
        render(env, "x", {**context, "title": "short"})
