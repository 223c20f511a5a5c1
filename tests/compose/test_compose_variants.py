"""Per-network variants: Bluesky facets, LinkedIn api_text, Instagram, Threads, hashtag caps,
front-matter override texts and template overrides."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import regex
from compose_cases import cases, make_composer, make_post

from portavoz.scheduler.compose.variant import Variant
from portavoz.scheduler.networks import get_network, network_names
from portavoz.scheduler.networks.hashtags import find_hashtags
from portavoz.scheduler.networks.instagram import DEFAULT_LINK_IN_BIO
from portavoz.scheduler.networks.linkedin import RESERVED, escape_little
from portavoz.scheduler.networks.short_url import shorten_for_display
from portavoz.scheduler.networks.units import grapheme_length

TAGS = [
    "movilidad urbana",
    "ebike",
    "valencia",
    "año nuevo",
    "rutas",
    "huerta",
    "primavera",
    "carril bici",
]
POST: dict[str, Any] = {
    "title": "Primavera 2027: llega la ruta guiada de las alquerías 🚲 (huerta norte)",
    "summary": "Veinticinco kilómetros por las alquerías de la huerta norte, con salidas cada "
    "sábado de marzo a junio [plazas limitadas] y @rueda_libre como guía.",
    "tags": TAGS,
    "campaign": "primavera-2027",
    "slug": "primavera-2027-llega-la-ruta-guiada-de-las-alquerias-de-la-huerta",
    # Instagram posts are images, and JPEG ones.
    "image": "../../assets/images/alquerias.jpg",
    "image_alt": "Una alquería blanca entre campos de la huerta norte.",
}


def compose_all(options: dict[str, Any] | None = None, **post: Any) -> dict[str, Variant]:
    variants, problems = make_composer(options).compose(
        make_post({**POST, "channels": list(network_names()), **post})
    )
    assert problems == []
    return {v.network: v for v in variants}


def _spans(text: str, facets: Any) -> list[tuple[str, str, str]]:
    encoded = text.encode("utf-8")
    # What a Bluesky client does with the offsets: slice the UTF-8 bytes.
    return [
        (f.kind.value, encoded[f.byte_start : f.byte_end].decode("utf-8"), f.value) for f in facets
    ]


def test_bluesky_pastes_the_full_link_and_posts_it_shortened() -> None:
    variant = compose_all()["bluesky"]
    shown = shorten_for_display(variant.link)
    assert "utm_source=bluesky" in variant.link
    assert variant.link in variant.text  # pasted in full: the app shortens it itself
    (api_text,) = variant.api_parts
    assert shown in api_text and variant.link not in api_text
    spans = _spans(api_text, variant.facets[0])
    assert ("link", shown, variant.link) in spans
    tags = [("tag", f"#{tag}", tag) for tag in find_hashtags(variant.text)]
    assert tags and [span for span in spans if span[0] == "tag"] == tags
    assert variant.counts[0].length == grapheme_length(api_text)


def test_bluesky_thread_has_facets_per_part() -> None:
    body = "\n\n".join(["Una frase larga de la ruta por la huerta, con sus alquerías. " * 4] * 3)
    variant = compose_all(body=body, thread=True, channels=["bluesky"])["bluesky"]
    assert len(variant.parts) > 1
    assert len(variant.facets) == len(variant.parts) == len(variant.api_parts)
    shown = shorten_for_display(variant.link)
    links = []
    for api_text, facets in zip(variant.api_parts, variant.facets, strict=True):
        links += [span for span in _spans(api_text, facets) if span[0] == "link"]
    assert links == [("link", shown, variant.link)]


def test_only_bluesky_has_facets() -> None:
    variants = compose_all()
    assert [n for n, v in variants.items() if v.facets] == ["bluesky"]


HASHTAG = regex.compile(r"(?<![\p{L}\p{N}_&])#(?=\w*\p{L})")
"""Where LinkedIn starts a hashtag (the ``#`` left unescaped in ``api_text``)."""


def test_linkedin_api_text_is_escaped() -> None:
    variants = compose_all()
    linkedin = variants["linkedin"]
    # Hashtags stay hashtags (LinkedIn links them); every other reserved character is escaped.
    assert linkedin.api_text == escape_little(linkedin.text, keep_hashtags=True)
    assert linkedin.api_text != linkedin.text
    for reserved in "()[]@#_":
        assert reserved in linkedin.text
    hashtags = {m.start() for m in HASHTAG.finditer(linkedin.text)}
    assert hashtags, "the case must carry a hashtag"
    unescaped, chars = "", iter(linkedin.api_text)
    for char in chars:
        if char == "\\":
            char = next(chars)
            assert char in RESERVED
        else:
            assert char not in RESERVED or (char == "#" and len(unescaped) in hashtags)
        unescaped += char
    assert unescaped == linkedin.text
    others = {"linkedin", "bluesky"}  # Bluesky posts its links shortened
    assert all(v.api_text == v.text for n, v in variants.items() if n not in others)


def test_instagram_uses_link_in_bio() -> None:
    options = {"networks": {"instagram": {"link_in_bio": "Enlace en la bio 👆"}}}
    variant = compose_all(options)["instagram"]
    assert "Enlace en la bio 👆" in variant.text.splitlines()
    assert "http" not in variant.text and "ruedalibre-demo.es" not in variant.text
    assert "utm_source=instagram" in variant.link  # still recorded, for the bio


def test_instagram_default_link_in_bio() -> None:
    variant = compose_all()["instagram"]
    assert DEFAULT_LINK_IN_BIO in variant.text.splitlines()


def test_threads_has_one_topic_tag() -> None:
    variant = compose_all(options={"networks": {"threads": {"hashtags": 5}}})["threads"]
    assert find_hashtags(variant.text) == ("MovilidadUrbana",)
    assert variant.fits


@pytest.mark.parametrize("case", cases("hashtag-caps"))
def test_hashtag_caps(case: dict[str, Any]) -> None:
    variants = compose_all(case["options"])
    expected_tags = ["#MovilidadUrbana", "#ebike", "#valencia", "#AñoNuevo", "#rutas", "#huerta"]
    for network, cap in case["expected"].items():
        variant = variants[network]
        found = [t for t in variant.text.split() if t.startswith("#")]
        assert found == expected_tags[:cap], network
        assert variant.fits, network


def test_channel_hashtags_replace_the_tags() -> None:
    variants = compose_all(channels=[{"mastodon": {"hashtags": ["bici", "obras en la calle"]}}])
    found = [t for t in variants["mastodon"].text.split() if t.startswith("#")]
    assert found == ["#bici", "#ObrasEnLaCalle"]


def test_override_text_wins_and_renders_link() -> None:
    text = "Nueva ruta: {{ title }} {{ link }} {{ hashtags }}"
    composer = make_composer(templates={"x.txt.j2": "PLANTILLA {{ title }}"})
    post = make_post({**POST, "channels": [{"x": {"text": text}}, "mastodon"]})
    variants = {v.network: v for v in composer.compose(post)[0]}
    x = variants["x"]
    assert x.text == f"Nueva ruta: {POST['title']} {x.link} #MovilidadUrbana #ebike"
    assert "utm_source=x" in x.link and "utm_campaign=primavera-2027" in x.link
    assert x.dropped == ()
    assert x.counts[0] == get_network("x").count(x.text)
    assert variants["mastodon"].text.startswith(POST["title"] + "\n\n")


def test_override_text_is_not_html_escaped() -> None:
    text = 'Rutas & alquerías <huerta> "norte" {{ link }}'
    (variant,), _ = make_composer().compose(
        make_post({**POST, "channels": [{"x": {"text": text}}]})
    )
    assert variant.text.startswith('Rutas & alquerías <huerta> "norte" https://')


def test_override_text_that_does_not_fit_is_a_problem() -> None:
    text = "palabra " * 60 + "{{ link }}"
    post = make_post({**POST, "channels": [{"x": {"text": text}}]})
    (variant,), problems = make_composer().compose(post)
    assert not variant.fits
    (problem,) = problems
    assert problem.path == post.path and problem.key == "channels"
    assert f"x: {variant.counts[0].length} weighted characters" in problem.message
    assert "over the limit of 280" in problem.message


def test_template_override_folder(tmp_path: Path) -> None:
    folder = tmp_path / "theme" / "social"
    folder.mkdir(parents=True)
    (folder / "x.txt.j2").write_text(
        "{{ title }}\n👉 {{ link }}\n{% if mentions %}{{ mentions }}{% endif %}\n", encoding="utf-8"
    )
    (folder / "mastodon.txt.j2").write_text(
        '{% extends "_post.txt.j2" %}\n{% block tags %}{{ hashtags }} #RuedaLibre{% endblock %}\n',
        encoding="utf-8",
    )
    composer = make_composer(templates=folder)
    post = make_post(
        {**POST, "channels": ["x", "mastodon", "bluesky", {"telegram": {"text": "{{ link }}"}}]}
    )
    variants = {v.network: v for v in composer.compose(post)[0]}
    default = {v.network: v for v in make_composer().compose(post)[0]}
    assert variants["x"].text == f"{POST['title']}\n👉 {variants['x'].link}"
    assert variants["mastodon"].text == default["mastodon"].text + " #RuedaLibre"
    assert variants["bluesky"].text == default["bluesky"].text
    assert variants["telegram"].text == variants["telegram"].link


def test_template_override_from_a_mapping() -> None:
    composer = make_composer(templates={"facebook.txt.j2": "{{ network }}: {{ title }}"})
    (variant,), _ = composer.compose(make_post({**POST, "channels": ["facebook"]}))
    assert variant.text == f"Facebook: {POST['title']}"


def test_broken_template_override_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "x.txt.j2").write_text("{{ title }} {{ no_such_variable }}", encoding="utf-8")
    post = make_post({**POST, "channels": ["x", "mastodon"]})
    variants, problems = make_composer(templates=tmp_path).compose(post)
    assert [v.network for v in variants] == ["mastodon"]
    (problem,) = problems
    assert problem.message.startswith("x: template error: ")
    assert "x.txt.j2" in problem.message and "no_such_variable" in problem.message


@pytest.mark.parametrize("network", network_names())
def test_counts_are_the_networks_own(network: str) -> None:
    variant = compose_all(channels=[{network: {"content_warning": "Aviso"}}])[network]
    counter = get_network(network)
    assert list(variant.counts) == [
        counter.count(part, content_warning=variant.content_warning) for part in variant.parts
    ]
    assert variant.content_warning == "Aviso"
