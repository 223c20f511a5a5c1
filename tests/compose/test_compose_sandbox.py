"""The render limits of social-post templates, at their edges, and what they leave alone.

Each limit is tried just inside (it renders) and just outside (one ``TemplateError`` saying
which limit); ordinary templates render exactly as Jinja's own sandbox renders them.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import jinja2
import pytest
from jinja2.sandbox import SandboxedEnvironment

from portavoz.scheduler.compose import render_limits
from portavoz.scheduler.compose.templates import TemplateError, environment, render, render_string


def _render(source: str, **context: object) -> str:
    return render_string(environment(None), source, {"title": "Título", **context})


def _refused(source: str, **context: object) -> str:
    with pytest.raises(TemplateError) as caught:
        _render(source, **context)
    return str(caught.value)


def test_the_limits_are_the_documented_ones() -> None:
    # README, "Security and reliability", states these numbers.
    assert render_limits.MAX_TEXT == 100_000
    assert render_limits.MAX_RANGE == 10_000
    assert render_limits.MAX_STEPS == 100_000
    assert render_limits.MAX_INT_BITS == 4_096
    assert render_limits.TIME_BUDGET == 2.0


@pytest.mark.parametrize(
    ("inside", "outside", "said"),
    [
        ("{{ range(10000) | list | length }}", "{{ range(10001) | list | length }}",
         "range() of more than 10,000 items"),
        ("{{ range(0, 20000, 2) | list | length }}", "{{ range(-1, 20000, 2) | list | length }}",
         "range() of more than 10,000 items"),
        ("{{ ('x' * 100000) | length }}", "{{ ('x' * 100001) | length }}",
         "a repetition with * would have 100,001 or more characters"),
        # A list counts its items and their own size (about what printing it writes).
        ("{{ ([1] * 30000) | length }}", "{{ ([1] * 40000) | length }}",
         "a repetition with * would have"),
        ("{{ (2 ** 4096) % 10 }}", "{{ (2 ** 4097) % 10 }}",
         "a power with ** would be a number of about 4,097 bits (limit 4,096)"),
        ("{{ ((2 ** 2000) * (2 ** 2000)) % 10 }}", "{{ ((2 ** 3000) * (2 ** 3000)) % 10 }}",
         "a product would be a number of about"),
        ("{{ 'x' * 100000 }}", "{{ 'x' * 100000 }}!", "the text would have more than 100,000"),
        ("{{ ('x' * 50000 + 'y' * 50000) | length }}", "{{ ('x' * 50000 + 'y' * 50001) | length }}",
         "a sum with + would have"),
        ("{{ ('x' * 50000 ~ 'y' * 50000) | length }}", "{{ ('x' * 50000 ~ 'y' * 50001) | length }}",
         "a joined text would have"),
        ("{{ '%99000s' % 'x' }}", "{{ '%100001s' % 'x' }}", "a format with % would have"),
        ("{{ '{:>99990}'.format('x') | length }}", "{{ '{:>100000}'.format('x') | length }}",
         "str.format() would have"),
        ("{{ ('-' * 100) | center(99000) | length }}", "{{ 'x' | center(100001) }}",
         "a width or count over 100,000"),
        ("{{ ('ab' * 100) | replace('a', 'x' * 900) | length }}",
         "{{ ('ab' * 200) | replace('a', 'x' * 900) | length }}", "the replace filter would have"),
        ("{{ (['x' * 9000] * 10) | join(',') | length }}",
         "{{ (['x' * 9000] * 10) | join('y' * 2000) | length }}", "the join filter would have"),
    ],
)  # fmt: skip
def test_a_limit_renders_inside_and_refuses_outside(inside: str, outside: str, said: str) -> None:
    _render(inside)
    assert said in _refused(outside)


def test_steps_are_counted_across_nested_loops() -> None:
    # 9 × 10,000 iterations and their chunks stay under 100,000 steps; 11 × 10,000 do not.
    _render("{% for i in range(9) %}{% for j in range(10000) %}{% endfor %}{% endfor %}")
    said = _refused("{% for i in range(11) %}{% for j in range(10000) %}{% endfor %}{% endfor %}")
    assert "more than 100,000 steps" in said


def test_a_render_stops_when_its_time_is_over(monkeypatch: pytest.MonkeyPatch) -> None:
    ticks = itertools.count()
    monkeypatch.setattr(render_limits, "clock", lambda: next(ticks) * 0.5)  # half a second a look
    said = _refused("{% for i in range(10000) %}{% endfor %}")
    assert "text, line 1: took more than 2 seconds" in said
    assert next(ticks) < 10  # it stopped at the first looks past the deadline, not at the end


def test_a_template_over_a_limit_is_not_run_again(tmp_path: Path) -> None:
    calls: list[int] = []

    def tick() -> str:
        calls.append(1)
        return ""

    (tmp_path / "x.txt.j2").write_text(
        "{{ tick() }}{% for i in range(20) %}{% for j in range(10000) %}{% endfor %}{% endfor %}",
        encoding="utf-8",
    )
    env = environment(tmp_path, shown_as="social")
    for _ in range(3):
        with pytest.raises(TemplateError, match=r"^social/x\.txt\.j2:1: more than 100,000 steps"):
            render(env, "x", {"tick": tick})
    assert calls == [1]


@pytest.mark.parametrize(
    ("source", "said"),
    [
        # Lists of lists of one text: each level small, the whole gigabytes to print.
        ("{% set x = 'x' * 30000 %}{% set a = [x, x, x, x] %}{{ a | length }}",
         "a value would have"),
        ("{% set x = 'x' * 20000 %}{{ ([x] * 10) | length }}", "a repetition with * would have"),
        ("{{ (range(10000) | map('center', 99999)) | join | length }}",
         "a sequence would have"),
        ("{{ ([[1] * 1000] * 10) | sum(start=[]) | length }}",
         "the sum filter adds numbers only"),
        ("{{ ('{0}{0}' * 100).format('x' * 1000) | length }}", "str.format() would have"),
        ("{{ ('%(a)s' * 1000) % {'a': 'x' * 1000} }}", "a format with % would have"),
        ("{% macro f(t) %}{{ f(t ~ t) }}{% endmacro %}{{ f('x') }}", "a joined text would have"),
        ("{% set ns = namespace(l=[1]) %}{% for i in range(30) %}{% set ns.l = ns.l + ns.l %}"
         "{% endfor %}", "a sum with + would have"),
        ("{{ lipsum(100000) }}", "'lipsum' is undefined"),
        ("{{ 'x'.expandtabs(100000) }}", "access to attribute 'expandtabs'"),
    ],
)  # fmt: skip
def test_values_cannot_grow_by_other_ways(source: str, said: str) -> None:
    assert said in _refused(source)


@pytest.mark.parametrize(
    "source",
    [
        "{{ title }}\n\n{{ summary }}\n\n{{ link }}",
        "{% for tag in tags %}#{{ tag | replace(' ', '') }} {% endfor %}",
        "{{ '%s — %d plazas' % (title, 25) }} {{ '{} y {}'.format('uno', 2) }}",
        "{{ tags | join(', ') | upper }} {{ tags | map('length') | sum }}",
        "{% macro tag(t) %}#{{ t }}{% endmacro %}{{ tag('ebike') }} {{ ('x' ~ 1) * 3 }}",
        "{% set ns = namespace(n=0) %}{% for t in tags %}{% set ns.n = ns.n + 1 %}{% endfor %}"
        "{{ ns.n }} {{ (range(5) | map('string')) | join('-') }} {{ {'a': 1} | dictsort }}",
        "{% for a, b in [(1, 2), (3, 4)] %}{{ a * b }}{% endfor %} {{ 2 ** 10 }} {{ -7 // 2 }}",
        "{{ title | truncate(20) }} {{ summary | wordwrap(30) }} {{ title | center(40) }}",
    ],
)
def test_ordinary_templates_render_as_in_jinjas_sandbox(source: str) -> None:
    context = {
        "title": "Primavera en la huerta",
        "summary": "Veinticinco kilómetros por las alquerías de la huerta norte.",
        "link": "https://blog.example/primavera/",
        "tags": ["movilidad urbana", "ebike", "huerta"],
    }
    plain = SandboxedEnvironment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    expected = plain.from_string(source).render(context)
    assert render_string(environment(None), source, context) == expected.strip()


@pytest.mark.parametrize(
    ("source", "said"),
    [
        ("{{ ''.__class__ }}", "access to attribute '__class__' of 'str' object is unsafe."),
        ("{% set l = [1] %}{{ l.append(2) }}", "access to attribute 'append'"),
        ("{% set d = {} %}{{ d.update(a=1) }}", "access to attribute 'update'"),
    ],
)
def test_the_sandbox_is_immutable(source: str, said: str) -> None:
    assert said in _refused(source)


def test_a_runaway_recursion_is_one_line() -> None:
    said = _refused("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}")
    assert said == (
        "text, line 1: nested or recursive too deeply (a macro or include calling itself?); "
        "simplify it"
    )


def test_an_error_in_an_override_file_names_the_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "x.txt.j2").write_text("{{ title }}\n\n{{ 9 ** 99999 }}\n", encoding="utf-8")
    env = environment(tmp_path, shown_as="plantillas/social")
    with pytest.raises(TemplateError) as caught:
        render(env, "x", {"title": "Título"})
    assert str(caught.value).startswith(
        "plantillas/social/x.txt.j2:3: a power with ** would be a number of about 316,989 bits"
    )
    assert str(tmp_path) not in str(caught.value)
