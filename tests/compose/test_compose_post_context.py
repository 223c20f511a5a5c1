"""Every network's template is given the post's audience and local publication time.

The composer works them out once per post (issue 16) and hands the same values to each
network; each variant must still print them as its own render of the post would.
"""

from __future__ import annotations

from compose_cases import MADRID, make_composer, make_post

from portavoz.scheduler.networks import get_network, network_names

TEXT = "{{ audience }} · {{ published.isoformat() }} · {{ network }} · {{ url }}"


def test_each_network_prints_the_posts_audience_and_local_time() -> None:
    channels = [{name: {"text": TEXT, "image": "a.jpg"}} for name in network_names()]
    post = make_post(
        {
            "title": "Título",
            "summary": "Resumen.",
            "audiences": ["general", "desconocida"],  # an unknown audience prints nothing
            "date": "2026-05-05T09:00:00+00:00",
            "channels": channels,
        }
    )
    variants, problems = make_composer().compose(post)
    assert problems == []
    url = "https://blog.ruedalibre-demo.es/blog/caso-de-prueba/"
    local = post.date.astimezone(MADRID).isoformat()
    assert local == "2026-05-05T11:00:00+02:00"
    assert sorted(v.network for v in variants) == sorted(network_names())
    for variant in variants:
        label = get_network(variant.network).label
        assert variant.text == f"Público general · {local} · {label} · {url}", variant.network


def test_a_post_without_channels_has_no_variants() -> None:
    variants, problems = make_composer().compose(make_post({"title": "T", "summary": "S."}))
    assert (variants, problems) == ([], [])
