"""The fitter (cases/fit.yml): hashtags last-first, then the summary shortened, then dropped."""

from __future__ import annotations

from typing import Any

import pytest
from compose_cases import assert_nothing_cut, cases, make_composer, make_post

from portavoz.scheduler.compose.fit import fit
from portavoz.scheduler.compose.templates import environment, render
from portavoz.scheduler.networks import Count, Unit, get_network

ENV = environment(None)


@pytest.mark.parametrize("case", cases("fit"))
def test_fit(case: dict[str, Any]) -> None:
    def render_with(summary: str, hashtags: tuple[str, ...]) -> str:
        context = {"title": case["title"], "link": case["link"], "summary": summary}
        context["mentions"] = ""
        return render(ENV, "x", {**context, "hashtags": " ".join(hashtags)})

    def measure(text: str) -> Count:
        return Count("test", len(text), case["limit"], Unit.CHARACTER)

    fitted = fit(render_with, measure, case["summary"], tuple(case["hashtags"]))
    assert fitted.text == case["text"]
    assert list(fitted.dropped) == case["dropped"]
    assert fitted.count.fits is case["fits"]
    assert fitted.count.length == len(case["text"])
    full = render_with(case["summary"], tuple(case["hashtags"]))
    assert_nothing_cut(fitted.text, full, case["summary"])


# Words long enough to need fitting on X (280), with a URL, a mention and hashtags inside the
# summary: the fitter may drop whole words at the end, never cut one.
LONG_SUMMARY = (
    "Rueda Libre amplía su flota con seiscientas bicicletas eléctricas, con más detalles en "
    "https://ruedalibre-demo.es/prensa/flota-2026?ref=nota y gracias a "
    "@ayuntamiento@mastodon.social "
    "por el apoyo #Valencia #MovilidadUrbana; refuerza el servicio en los barrios con más demanda "
    "y abre ocho estaciones nuevas en Benimaclet, el Cabanyal, Ruzafa y Orriols antes del verano."
)


@pytest.mark.parametrize(
    ("title", "dropped"),
    [
        # X carries two of the three tags ("hashtags over the cap"), then the fitter drops them.
        pytest.param(
            "Seiscientas bicis nuevas",
            ["hashtags over the cap", "hashtags", "summary shortened"],
            id="shortened",
        ),
        pytest.param(
            "Seiscientas bicis " * 14,
            ["hashtags over the cap", "hashtags", "summary"],
            id="summary goes",
        ),
    ],
)
def test_fit_on_x_never_cuts_a_token(title: str, dropped: list[str]) -> None:
    composer = make_composer()
    tags = ["flota", "movilidad urbana", "valencia"]
    post = make_post(
        {"title": title.strip(), "summary": LONG_SUMMARY, "tags": tags, "channels": ["x"]}
    )
    (variant,), problems = composer.compose(post)
    assert problems == []
    assert list(variant.dropped) == dropped
    assert variant.counts[0] == get_network("x").count(variant.text)
    assert variant.fits
    full = composer.env.get_template("x.txt.j2").render(
        title=post.title,
        summary=LONG_SUMMARY,
        link=variant.link,
        hashtags="#flota #MovilidadUrbana",
        mentions="",
    )
    assert_nothing_cut(variant.text, full, LONG_SUMMARY)
    assert variant.link in variant.text.split()
