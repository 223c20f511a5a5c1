"""The caches' JSON forms: what is read back is what was composed, and nothing else is read."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from cache_plans import plan

from portavoz.scheduler.base.problems import Problem, Severity
from portavoz.scheduler.networks import network_names
from portavoz.scheduler.usecases.cache_codec import PROBLEMS, VARIANTS, Codec, DecodeError


def _through_json(value: object) -> object:
    return json.loads(json.dumps(value, ensure_ascii=False))


def test_every_variant_of_the_example_reads_back_as_composed(example_site: Path) -> None:
    made, _ = plan(example_site, cache=False)
    variants = [v for i in made.items for v in i.variants]

    for variant in variants:
        assert VARIANTS.decode(_through_json(VARIANTS.encode(variant))) == variant
    # The example holds each kind of value the form must carry.
    assert {v.network for v in variants} == set(network_names())
    assert any(len(v.parts) > 1 for v in variants)  # threads
    assert any(any(v.facets) for v in variants)  # Bluesky's facets
    assert any(v.api_text != v.text for v in variants)  # LinkedIn's escaped text
    assert any(v.api_parts != v.parts for v in variants)  # Bluesky's shortened links
    assert any(v.image and v.image_alt for v in variants)
    assert any(v.dropped for v in variants) and any(v.first_comment for v in variants)


def test_problems_read_back_as_written() -> None:
    problem = Problem("content/a.md", 3, "channels", "x: too long", Severity.WARNING, "", "x")

    assert PROBLEMS.decode(_through_json(PROBLEMS.encode(problem))) == problem
    assert PROBLEMS.decode(PROBLEMS.encode(Problem("a.md", None, "", "m"))).line is None


@pytest.mark.parametrize(
    "row",
    [
        pytest.param(["a.md", 1, "k", "m", "fatal", "", ""], id="unknown-severity"),
        pytest.param(["a.md", 0, "k", "m", "error", "", ""], id="line-zero"),
        pytest.param(["a.md", True, "k", "m", "error", "", ""], id="line-bool"),
        pytest.param(["a.md", 1, "k", 5, "error", "", ""], id="message-number"),
        pytest.param(["a.md", 1, "k", "m", "error", ""], id="short"),
        pytest.param({"path": "a.md"}, id="mapping"),
    ],
)
def test_a_problem_of_another_form_is_refused(row: object) -> None:
    with pytest.raises(DecodeError):
        PROBLEMS.decode(row)


def test_a_variant_of_another_form_is_refused(example_site: Path) -> None:
    made, _ = plan(example_site, cache=False)
    row = VARIANTS.encode(made.items[0].variants[0])
    assert isinstance(row, list)
    for index, wrong in [
        (1, "text"),
        (1, ["a", 2]),  # a part that is not a string
        (1, ["a", None]),
        (6, ["tag", ["tag"]]),  # dropped_hashtags
        (2, [["x", 1, 2, "furlongs", []]]),
        (len(row) - 1, "sideways"),
    ]:
        damaged = list(row)
        damaged[index] = wrong
        with pytest.raises(DecodeError):
            VARIANTS.decode(damaged)


@dataclass(frozen=True)
class _Numbers:
    values: tuple[int, ...]
    names: tuple[str, ...] = ()


@pytest.mark.parametrize(
    "row",
    [[[1, True], []], [[1, 2.0], []], [[1], ["x", 3]], [[1], "ab"], [None, []]],
)
def test_a_tuple_of_plain_values_holds_only_its_type(row: object) -> None:
    with pytest.raises(DecodeError):
        Codec(_Numbers).decode(row)


def test_a_tuple_of_plain_values_reads_back() -> None:
    value = _Numbers((0, -3, 2**70), ("", "ñ"))

    assert Codec(_Numbers).decode(_through_json(Codec(_Numbers).encode(value))) == value
    assert Codec(_Numbers).decode([[], []]) == _Numbers(())
