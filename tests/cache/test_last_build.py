"""What ``mkdocs serve`` keeps from one build to the next (``base/kept.py``): a value is taken
only for its key and the inputs its build began with, and a plain build keeps nothing."""

from __future__ import annotations

from portavoz.scheduler.base.kept import LastBuild, Same


class Made:
    """A ``make`` for :meth:`LastBuild.get` that counts its calls."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        return f"made {self.calls}"


def test_a_value_is_taken_for_the_same_key_and_inputs_only() -> None:
    kept: LastBuild[str, str] = LastBuild()
    make = Made()
    kept.begin({"timezone": "Europe/Madrid"})  # a mapping: compared, never hashed
    first = kept.get("page", make)

    kept.begin({"timezone": "Europe/Madrid"})
    assert kept.get("page", make) == first and make.calls == 1
    assert kept.get("other page", make) == "made 2"

    kept.begin({"timezone": "Atlantic/Canary"})
    assert kept.get("page", make) == "made 3"


def test_a_plain_build_keeps_nothing() -> None:
    kept: LastBuild[str, str] = LastBuild()
    make = Made()
    kept.begin(keep=False)
    kept.get("page", make)
    kept.begin(keep=False)
    kept.get("page", make)
    kept.begin()  # then a serve build: nothing from before
    kept.get("page", make)
    assert make.calls == 3


def test_same_stands_for_one_object_not_an_equal_one() -> None:
    post, twin = {"title": "t"}, {"title": "t"}
    assert Same(post) == Same(post) and hash(Same(post)) == hash(Same(post))
    assert Same(post) != Same(twin)
    kept: LastBuild[Same[dict[str, str]], str] = LastBuild()
    make = Made()
    kept.begin()
    kept.get(Same(post), make)
    kept.begin()
    kept.get(Same(post), make)
    kept.get(Same(twin), make)
    assert make.calls == 2
