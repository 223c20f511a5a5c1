"""Threads: cases/threads.yml for the splitter; automatic and ``---`` threads in variants."""

from __future__ import annotations

import re
from typing import Any

import pytest
from compose_cases import cases, make_composer, make_post

from portavoz.scheduler.compose.thread import split
from portavoz.scheduler.networks import Count, Unit, get_network

NUMBER = re.compile(r"\n\n(\d+)/(\d+)$")


def numbering(parts: tuple[str, ...]) -> list[tuple[int, int]]:
    """The ``i/n`` at the end of every part."""
    found = [NUMBER.search(part) for part in parts]
    assert all(found), f"a part is not numbered: {parts}"
    return [(int(m.group(1)), int(m.group(2))) for m in found if m]


def words(parts: tuple[str, ...]) -> list[str]:
    """The words of a thread in order, without its numbers."""
    return [w for part in parts for w in NUMBER.sub("", part).split()]


@pytest.mark.parametrize("case", cases("threads"))
def test_split(case: dict[str, Any]) -> None:
    def measure(text: str) -> Count:
        return Count("test", len(text), case["limit"], Unit.CHARACTER)

    parts = split(case["blocks"], measure)
    assert list(parts) == case["parts"]
    assert all(len(part) <= case["limit"] for part in parts)
    assert words(parts) == [w for block in case["blocks"] for w in block.split()]
    if len(parts) > 1:
        assert numbering(parts) == [(i, len(parts)) for i in range(1, len(parts) + 1)]


BODY = "\n\n".join(
    [
        "## Lo que hemos aprendido",
        "Los martes y los jueves a las ocho de la mañana son los momentos de más trayectos del "
        "año. Benimaclet y el Cabanyal son los barrios que más crecen, con un veinte por ciento "
        "más de viajes que el año pasado. Un viaje típico dura doce minutos y recorre tres "
        "kilómetros y medio, casi siempre por carril bici.",
        "A partir de ahora reforzaremos las estaciones con más demanda en hora punta, y "
        "moveremos bicis de noche para que por la mañana no falte ninguna en los barrios que "
        "más crecen. También abriremos nuevas estaciones cerca de los institutos y de las "
        "facultades del campus de Tarongers, donde más nos lo habéis pedido.",
        "```\ncódigo que no va al hilo\n```",
        "Gracias por pedalear con nosotros: cada trayecto cuenta, y con vuestros datos anónimos "
        "podemos decidir mejor dónde poner cada bici.",
    ]
)


@pytest.mark.parametrize("network", ["x", "mastodon", "bluesky", "threads"])
def test_automatic_thread(network: str) -> None:
    composer = make_composer({"networks": {"mastodon": {"limit": 300}}})
    post = make_post(
        {
            "title": "Un año de datos: lo que hemos aprendido de vuestros trayectos",
            "summary": "Analizamos un año entero de trayectos anónimos en Valencia.",
            "tags": ["datos", "movilidad"],
            "body": BODY,
            "thread": True,
            "channels": [network],
        }
    )
    (variant,), problems = composer.compose(post)
    assert problems == []
    assert len(variant.parts) > 1
    assert numbering(variant.parts) == [
        (i, len(variant.parts)) for i in range(1, len(variant.parts) + 1)
    ]
    counter = get_network(network, **({"limit": 300} if network == "mastodon" else {}))
    assert list(variant.counts) == [counter.count(part) for part in variant.parts]
    assert all(count.fits for count in variant.counts)
    assert variant.parts[0].startswith(post.title)
    assert "código" not in variant.text and "##" not in variant.text
    shown = words(variant.parts)
    expected = " ".join([post.title, post.summary, *BODY.split("\n\n")[1:3], BODY.split("\n\n")[4]])
    assert shown[: len(expected.split())] == expected.split()


@pytest.mark.parametrize(
    ("network", "parts"),
    [
        pytest.param(
            "mastodon",
            [
                "Empieza la quedada nocturna.\n\n1/3",
                "Salimos a las nueve: https://blog.ruedalibre-demo.es/blog/caso-de-prueba/"
                "?utm_source=mastodon&utm_medium=social&utm_campaign=caso-de-prueba\n\n2/3",
                "Traed luces. #quedada\n\n3/3",
            ],
            id="numbered on a thread network",
        ),
        pytest.param(
            "linkedin",
            [
                "Empieza la quedada nocturna.\n\n"
                "Salimos a las nueve: https://blog.ruedalibre-demo.es/blog/caso-de-prueba/"
                "?utm_source=linkedin&utm_medium=social&utm_campaign=caso-de-prueba\n\n"
                "Traed luces. #quedada"
            ],
            id="one post elsewhere",
        ),
    ],
)
def test_override_thread_parts(network: str, parts: list[str]) -> None:
    text = (
        "Empieza la quedada nocturna.\n---\nSalimos a las nueve: {{ link }}\n"
        "  ---  \nTraed luces. {{ hashtags }}\n"
    )
    post = make_post(
        {"title": "Quedada", "tags": ["quedada"], "channels": [{network: {"text": text}}]}
    )
    (variant,), problems = make_composer().compose(post)
    assert problems == []
    assert list(variant.parts) == parts
    assert variant.text == "\n\n".join(parts)
