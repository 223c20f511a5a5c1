"""``ByPage``: what the last ``mkdocs serve`` build made for each page, taken by the next build
while the page's own inputs and the build's inputs are the same (issue 16).

Each input is changed once and the value is made again; the same inputs, or equal ones that
are other objects, give the last build's value without making it.
"""

from __future__ import annotations

from collections.abc import Callable

from portavoz.scheduler.base.kept import ByPage


def _maker(made: list[str], value: str) -> Callable[[], str]:
    def make() -> str:
        made.append(value)
        return value

    return make


def _build(memo: ByPage[object, str], inputs: object, pages: dict[str, object]) -> list[str]:
    """One build asking each page's value; the values made (not taken) this build."""
    made: list[str] = []
    memo.begin(inputs, keep=True)
    for src_uri, own in pages.items():
        memo.get(src_uri, own, _maker(made, f"{src_uri}:{own}"))
    return made


def test_the_same_inputs_give_the_last_build_s_value_unmade() -> None:
    memo: ByPage[object, str] = ByPage()
    post = object()
    assert _build(memo, "site", {"a.md": (post, "a/"), "b.md": ("B", "b/")}) == [
        f"a.md:{(post, 'a/')}",
        "b.md:('B', 'b/')",
    ]
    # Equal inputs made anew (another tuple, another string) are the same inputs.
    assert _build(memo, "site", {"a.md": (post, "a/"), "b.md": ("B", "".join("b/"))}) == []
    assert memo.get("b.md", ("B", "b/"), _maker([], "new")) == "b.md:('B', 'b/')"


def test_each_input_changed_once_makes_the_value_again() -> None:
    memo: ByPage[object, str] = ByPage()
    post, other = object(), object()
    _build(memo, "site", {"a.md": (post, "a/"), "b.md": ("B", "b/")})
    # Another object for a page (its post read again), another URL, another build input.
    assert _build(memo, "site", {"a.md": (other, "a/"), "b.md": ("B", "b/")}) == [
        f"a.md:{(other, 'a/')}"
    ]
    assert _build(memo, "site", {"a.md": (other, "a2/"), "b.md": ("B", "b/")}) == [
        f"a.md:{(other, 'a2/')}"
    ]
    assert len(_build(memo, "site 2", {"a.md": (other, "a2/"), "b.md": ("B", "b/")})) == 2


def test_a_value_is_kept_under_its_own_page_only() -> None:
    memo: ByPage[object, str] = ByPage()
    _build(memo, "site", {"a.md": "same"})
    assert _build(memo, "site", {"b.md": "same"}) == ["b.md:same"]
    # a.md was not asked by the last build: its value is gone.
    assert _build(memo, "site", {"a.md": "same"}) == ["a.md:same"]


def test_a_plain_build_keeps_nothing() -> None:
    memo: ByPage[object, str] = ByPage()
    made: list[str] = []
    for _ in range(2):
        memo.begin("site", keep=False)
        memo.get("a.md", "x", _maker(made, "a"))
    memo.begin("site", keep=True)
    memo.get("a.md", "x", _maker(made, "a"))
    assert made == ["a", "a", "a"]


def test_a_build_that_made_nothing_keeps_the_last_one_s_values() -> None:
    memo: ByPage[object, str] = ByPage()
    _build(memo, "site", {"a.md": "x"})
    memo.begin("site", keep=True)  # stopped before its pages
    assert _build(memo, "site", {"a.md": "x"}) == []


def test_a_page_asked_twice_in_one_build_is_made_once() -> None:
    memo: ByPage[object, str] = ByPage()
    assert _build(memo, "site", {"a.md": "x"}) == ["a.md:x"]
    made: list[str] = []
    memo.begin("site", keep=True)
    memo.get("a.md", "y", _maker(made, "y"))
    memo.get("a.md", "y", _maker(made, "y"))
    assert made == ["y"]
