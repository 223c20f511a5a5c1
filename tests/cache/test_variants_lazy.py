"""A cached post's variants are decoded only when asked for, as a build asks for them: one
found malformed then is composed again, reported once, and stored in its place; the others
are served as they were (each entry is checked when it is decoded)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cache_plans import cache_file, plan, texts

from portavoz.scheduler.base.problems import Problem
from portavoz.scheduler.compose.plan import Plan
from portavoz.scheduler.compose.variant import Composer
from portavoz.scheduler.usecases import composing_cache
from portavoz.scheduler.usecases.cache_codec import DecodeError


def _damage(root: Path, how: str) -> int:
    """Damage every stored entry with variants (``how``: a variant's counts of the wrong
    type, or the entry's networks not its variants'); how many there are."""
    path = cache_file(root)
    document = json.loads(path.read_text(encoding="utf-8"))
    damaged = [e for e in document["entries"].values() if e[2]]
    for networks, _, variants in damaged:
        if how == "counts":
            variants[0][2] = "not counts"
        else:
            networks.reverse()
            networks.append("x")
            variants.append(variants[0])
    path.write_text(json.dumps(document), encoding="utf-8")
    return len(damaged)


def _each(made: Plan) -> list[object]:
    return [(i.post.path, i.networks, i.variants) for i in made.items]


def _no_compose(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: Composer, post: object) -> object:
        raise AssertionError(f"composed {post!r} again")

    monkeypatch.setattr(Composer, "compose", refuse)


def test_a_lazy_plan_equals_an_uncached_one(
    example_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    uncached, problems = plan(example_site, cache=False)
    plan(example_site)
    _no_compose(monkeypatch)
    warned: list[Problem] = []

    served, served_problems = plan(example_site, warn=warned.append)

    assert _each(served) == _each(uncached)
    assert served_problems == problems and warned == []


@pytest.mark.parametrize("how", ["counts", "networks"])
def test_malformed_variants_found_late_are_composed_again_warned_once_and_stored(
    example_site: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    uncached, problems = plan(example_site, cache=False)
    plan(example_site)
    assert _damage(example_site, how) > 1
    warned: list[Problem] = []

    served, served_problems = plan(example_site, warn=warned.append)
    assert warned == []  # nothing decoded yet: the plan knows each post's networks
    assert served_problems == problems

    assert texts(served) == texts(uncached)
    assert _each(served) == _each(uncached)
    assert len(warned) == 1
    assert ".portavoz/cache/variants.json: cache: unusable cache (" in warned[0].format()

    _no_compose(monkeypatch)  # every entry mended in the file: served as they are now
    again: list[Problem] = []
    mended, _ = plan(example_site, warn=again.append)
    assert _each(mended) == _each(uncached) and again == []


def test_an_eager_plan_finds_a_malformed_entry_as_it_reads_it(example_site: Path) -> None:
    uncached, _ = plan(example_site, cache=False)
    plan(example_site)
    _damage(example_site, "counts")

    served, problems = plan(example_site)  # as portavoz check makes it

    assert sum("variants.json: cache: unusable cache (" in p for p in problems) == 1
    assert _each(served) == _each(uncached)


@pytest.mark.parametrize(
    "text",
    [
        b"",
        b"{}",
        b'{"a": 1}',
        b"[[],[]]",
        b'[["x"] [], []]',
        b'[[1],[],[["x"]]]',
        b"[[],{},[]]",
        b"[" * 100_000,
    ],
)
def test_an_entry_not_of_its_form_is_refused_when_read(text: bytes) -> None:
    with pytest.raises((ValueError, RecursionError)):
        composing_cache._decode_text(text)


@pytest.mark.parametrize(
    "text",
    [
        b'[["x"],[],[]]',
        b'[["x"],[],[["x"]]]',
        b'[[],[],[["x"]]]',
        b'[["x"],[],[["x"]] , 1]',
        b"[[],[],[]",
        b'[["x"],[],[]',
        b'[["x"],[],[[' + b"[" * 100_000 + b"]]]",
    ],
)
def test_variants_not_of_their_form_are_refused_when_asked_for(text: bytes) -> None:
    variants, _ = composing_cache._decode_text(text)

    with pytest.raises((DecodeError, ValueError, RecursionError)):
        variants.get()


def test_spaces_between_an_entry_s_parts_are_read() -> None:
    variants, problems = composing_cache._decode_text(b" [ [ ] ,\n[ ] , [ ] ] ")

    assert variants.networks == () and variants.get() == () and problems == ()


def test_a_file_refused_after_a_lazy_entry_was_served_is_no_traceback(
    example_site: Path,
) -> None:
    """The first post's entry is served with its variants malformed (not decoded yet), then
    the last post's networks are found malformed and the whole file refused: the entry served
    first is not written back from the distrusted file, and composed again when asked."""
    uncached, _ = plan(example_site, cache=False)
    made, _ = plan(example_site)
    keys = [item.key for item in made.items if item.key]
    path = cache_file(example_site)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["entries"][keys[0]][2][0][2] = "not counts"
    document["entries"][keys[-1]][0] = [1]
    path.write_text(json.dumps(document), encoding="utf-8")
    warned: list[Problem] = []

    served, problems = plan(example_site, warn=warned.append)

    assert texts(served) == texts(uncached)
    said = [p.format() for p in (*warned, *problems)]
    assert any("variants.json: cache: unusable cache (" in line for line in said), said
    again: list[Problem] = []
    served_again, problems_again = plan(example_site, warn=again.append)
    assert texts(served_again) == texts(uncached)
    assert again == [] and not any("unusable" in p.format() for p in problems_again)
