"""The variants' cache (``<output_dir>/cache/variants.json``) serves unchanged posts only.

Each test makes the example's plan once (which fills the cache), then replaces every stored
variant's text by a sentinel: a sentinel in the next plan proves that entry was served.
Changing one input must make the entries it concerns composed again, never served.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cache_plans import cache_file, plan, texts

from portavoz.scheduler.compose.plan import Variants
from portavoz.scheduler.compose.variant import Composer, VariantSource
from portavoz.scheduler.usecases import caching

SENTINEL = "SENTINEL-VARIANT"


@pytest.fixture
def site(example_site: Path) -> Path:
    made, _ = plan(example_site)
    assert SENTINEL not in json.dumps(texts(made))
    return example_site


def _poison(root: Path) -> int:
    """Replace every stored variant's parts by a sentinel; returns how many there are."""
    document = json.loads(cache_file(root).read_text(encoding="utf-8"))
    count = 0
    for _, _, variants in document["entries"].values():  # networks, problems, variants
        for row in variants:
            row[1] = [SENTINEL]  # parts; the API texts are derived from them when null
            row[2] = row[2][:1]
            count += 1
    cache_file(root).write_text(json.dumps(document), encoding="utf-8")
    return count


def _served(root: Path) -> int:
    made, _ = plan(root)
    return sum(text == SENTINEL for by in texts(made).values() for text in by.values())


def _posts(root: Path) -> list[Path]:
    return sorted((root / "content" / "blog" / "posts").glob("*.md"))


def _with_channels(root: Path) -> list[Path]:
    return [p for p in _posts(root) if "channels:" in p.read_text(encoding="utf-8")]


def _edit_config(root: Path, old: str, new: str) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert old in text
    config.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_unchanged_posts_are_served(site: Path) -> None:
    stored = _poison(site)

    assert _served(site) == stored > 0


def test_a_changed_post_is_composed_again(site: Path) -> None:
    stored = _poison(site)
    post = _with_channels(site)[0]
    post.write_text(post.read_text(encoding="utf-8").replace("summary: ", "summary: Hoy. ", 1))

    made, _ = plan(site)

    mine = texts(made)[post.relative_to(site).as_posix()]
    assert mine and all(t != SENTINEL and "Hoy." in t for t in mine.values() if "{" not in t)
    assert _served(site) == stored - len(mine)


def test_two_posts_with_the_same_bytes_at_two_paths_stay_apart(site: Path) -> None:
    post = _with_channels(site)[0]
    twin = post.with_name("zz-" + post.name)
    twin.write_bytes(post.read_bytes())
    plan(site)  # composes the twin and stores it under its own key

    made, _problems = plan(site)

    paths = {i.post.path: i for i in made.items}
    one, other = paths[post.relative_to(site).as_posix()], paths[twin.relative_to(site).as_posix()]
    assert one.key and other.key and one.key != other.key
    document = json.loads(cache_file(site).read_text(encoding="utf-8"))
    assert {one.key, other.key} <= document["entries"].keys()


@pytest.mark.parametrize(
    ("old", "new"),
    [
        pytest.param(
            "      output_dir: .portavoz\n",
            "      output_dir: .portavoz\n      utm: {medium: boletin}\n",
            id="utm",
        ),
        pytest.param("          limit: 500\n", "          limit: 400\n", id="network-limit"),
        pytest.param(
            "          hashtag_limit: 5\n", "          hashtag_limit: 1\n", id="network-hashtags"
        ),
        pytest.param("https://blog.ruedalibre-demo.es/", "https://x.example/", id="site_url"),
        pytest.param(
            "      timezone: Europe/Madrid\n", "      timezone: America/Lima\n", id="timezone"
        ),
        pytest.param("  language: es\n", "  language: en\n", id="language"),
    ],
)
def test_a_changed_setting_composes_again(site: Path, old: str, new: str) -> None:
    stored = _poison(site)
    _edit_config(site, old, new)

    assert _served(site) < stored


def test_a_changed_site_url_composes_every_post_again(site: Path) -> None:
    _poison(site)
    _edit_config(site, "https://blog.ruedalibre-demo.es/", "https://x.example/")

    made, _ = plan(site)

    assert _served(site) == 0
    links = [v.link for i in made.items for v in i.variants]
    assert links and all(link.startswith("https://x.example/") for link in links)


@pytest.mark.parametrize("name", ["x.txt.j2", "partial.txt.j2"])
def test_a_changed_template_folder_composes_again(site: Path, name: str) -> None:
    stored = _poison(site)
    (site / "social").mkdir(exist_ok=True)
    (site / "social" / name).write_text("{{ title }} (nuevo)\n\n{{ link }}\n", "utf-8")

    made, _ = plan(site)

    assert _served(site) == 0 < stored  # any file there may be included by a template
    if name == "x.txt.j2":
        x = [v for i in made.items for v in i.variants if v.network == "x"]
        templated = [v.text for v in x if v.source is VariantSource.TEMPLATE]
        assert templated and all("(nuevo)" in t for t in templated)


def test_another_portavoz_composes_every_post_again(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _poison(site)
    monkeypatch.setattr(caching, "code_version", lambda: "another portavoz")

    assert _served(site) == 0


def test_a_served_plan_composes_nothing_and_equals_an_uncached_one(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    uncached, uncached_problems = plan(site, cache=False)

    def refuse(self: Composer, post: object) -> object:
        raise AssertionError(f"composed {post!r} again")

    monkeypatch.setattr(Composer, "compose", refuse)
    served, problems = plan(site)

    assert served.items == tuple(
        type(i)(i.post, i.status, i.url, Variants.of(i.variants), served.items[n].key)
        for n, i in enumerate(uncached.items)
    )
    assert problems == uncached_problems


def test_no_cache_composes_every_post(site: Path) -> None:
    _poison(site)
    before = cache_file(site).read_bytes()

    made, _ = plan(site, cache=False)

    assert SENTINEL not in json.dumps(texts(made))
    assert cache_file(site).read_bytes() == before


def test_the_file_keeps_at_most_twice_the_entries_of_the_last_run(site: Path) -> None:
    posts = len(_posts(site))
    for host in ("https://a.example/", "https://b.example/", "https://c.example/"):
        text = (site / "mkdocs.yml").read_text(encoding="utf-8")
        current = text.split("site_url: ", 1)[1].split("\n", 1)[0]
        _edit_config(site, current, host)
        plan(site)

    document = json.loads(cache_file(site).read_text(encoding="utf-8"))
    assert len(document["entries"]) == 2 * posts  # this run's and the run before


def test_a_second_plan_in_one_process_does_not_decode_the_file_it_wrote(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    decoded: list[int] = []
    loads = json.loads
    monkeypatch.setattr(caching.json, "loads", lambda *a, **k: decoded.append(1) or loads(*a, **k))

    plan(site)  # as `mkdocs serve` rebuilds: the file is the one this process wrote
    assert decoded == []
    stored = _poison(site)
    decoded.clear()

    assert _served(site) == stored  # a file changed since is read again
    assert decoded
