"""One file, one answer: libyaml and PyYAML's pure-Python loader read every case alike.

portavoz parses front matter with libyaml when PyYAML was built with it and falls back to the
pure-Python loader otherwise (and for every error, whose messages it needs). A PyYAML release
once made the two disagree on deep nesting; here every post of the content cases, the hardening
corpus and the example is read both ways and the outcomes (data or problems) must be equal.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from portavoz.scheduler.base.problems import ContentError
from portavoz.scheduler.content import reader

TESTS = Path(__file__).resolve().parents[1]
REPO = TESTS.parent
FILES = sorted(
    [
        *(TESTS / "content" / "cases").glob("*.md"),
        *(TESTS / "hardening" / "corpus").rglob("*.md"),
        *(REPO / "content" / "blog" / "posts").glob("*.md"),
    ]
)


def outcome(data: bytes) -> object:
    try:
        raw = reader.read_post(data, "post.md")
    except ContentError as exc:
        return [p.format() for p in exc.problems]
    return (raw.meta, raw.lines, raw.body, raw.body_line)


def same(a: object, b: object, seen: set[tuple[int, int]] | None = None) -> bool:
    """Structural equality that compares each pair of shared objects once.

    YAML aliases make one object appear many times (the billion-laughs case is a tree of
    10^9 leaves over a few dozen objects); plain ``==`` would walk every path.
    """
    seen = set() if seen is None else seen
    if (id(a), id(b)) in seen:
        return True
    seen.add((id(a), id(b)))
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(same(a[k], b[k], seen) for k in a)
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return type(a) is type(b) and len(a) == len(b) and all(map(same, a, b, [seen] * len(a)))
    return type(a) is type(b) and a == b


def nested(depth: int) -> bytes:
    return b"---\ntitle: x\ntags: " + b"[" * depth + b"a" + b"]" * depth + b"\n---\n\nText.\n"


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_both_loaders_agree(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert reader._FastLoader is not None, "the lock installs PyYAML with libyaml"
    data = path.read_bytes()
    with_libyaml = outcome(data)
    monkeypatch.setattr(reader, "_FastLoader", None)
    assert same(outcome(data), with_libyaml)


@pytest.mark.parametrize("depth", [reader.MAX_DEPTH + 1, 999, 1001, 5000])
@pytest.mark.parametrize("fast", [True, False], ids=["libyaml", "pure-python"])
def test_too_deep_is_one_message(depth: int, fast: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    if not fast:
        monkeypatch.setattr(reader, "_FastLoader", None)
    # `tags` holds one list for the key's own level: the limit is passed at the 20th bracket.
    assert outcome(nested(depth)) == [
        "post.md:3: front matter nests lists or mappings more than 20 levels deep; flatten it"
    ]


def _block(depth: int) -> str:
    return "".join(f"{'  ' * d}k{d}:\n" for d in range(depth - 1)) + f"{'  ' * (depth - 1)}k: v"


def _dashes(depth: int) -> str:
    return "tags:\n" + "".join(f"{'  ' * d}- \n" for d in range(depth - 1)) + "  " * depth + "- x"


def _anchored(depth: int) -> str:
    # The anchor is written deep; its alias, shallow, adds no depth of its own.
    return "a: &deep " + "[" * depth + "1" + "]" * depth + "\nb: *deep"


def _alias_deep(depth: int) -> str:
    return "a: &x {k: [1]}\nb: " + "[" * depth + "*x" + "]" * depth


def _key(depth: int) -> str:
    return "? " + "[" * depth + "a" + "]" * depth + "\n: v\ntitle: x"


@pytest.mark.parametrize("shape", [_block, _dashes, _anchored, _alias_deep, _key])
@pytest.mark.parametrize("depth", [18, 19, 20, 21, 22])
def test_libyaml_sees_the_depth_the_events_have(
    shape: Callable[[int], str], depth: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # libyaml's nodes decide the depth of well-formed front matter; the pure-Python events
    # (the careful path, and the only one without libyaml) must give the same answer.
    data = f"---\ntitle: x\n{shape(depth)}\n---\n\nText.\n".replace("title: x\n? ", "? ")
    with_libyaml = outcome(data.encode())
    monkeypatch.setattr(reader, "_FastLoader", None)
    assert same(outcome(data.encode()), with_libyaml)


def test_depth_shapes_reach_both_answers() -> None:
    refused = "post.md:3: front matter nests lists or mappings more than 20 levels deep; flatten it"
    shallow, deep = outcome(nested(reader.MAX_DEPTH - 1)), outcome(nested(reader.MAX_DEPTH + 1))
    assert isinstance(shallow, tuple)
    assert deep == [refused]
    blocks = outcome(f"---\n{_block(22)}\n---\n".encode())
    assert isinstance(blocks, list) and "more than 20 levels deep" in blocks[0]


def test_same_sees_a_difference() -> None:
    shared = ["a", "b"]
    assert same({"k": [shared, shared]}, {"k": [["a", "b"], ["a", "b"]]})
    assert not same({"k": [shared, shared]}, {"k": [["a", "b"], ["a", "c"]]})
    assert not same([1], [True])


def test_deep_but_allowed_is_read() -> None:
    meta = outcome(nested(reader.MAX_DEPTH - 1))
    assert isinstance(meta, tuple)
    assert str(meta[0]).count("[") == reader.MAX_DEPTH - 1  # type: ignore[index]


AUTHORS = sorted(
    [
        *(TESTS / "hardening" / "corpus").rglob(".authors.yml"),
        *(TESTS / "hardening" / "corpus").rglob("authors.yml"),
        REPO / "content" / "blog" / ".authors.yml",
    ]
)
AUTHOR_TEXTS = {
    "anchors": "a: &p {name: Ana}\nauthors: {ana: *p, 'luis': {name: Luis}, 3: {name: Tres}}\n",
    "duplicate-key": "authors: {ana: {name: A}}\nauthors: {luis: {name: L}}\n",
    "tab-indent": "authors:\n\tana: {name: A}\n",
    "unclosed": "authors: {ana: [\n",
    "not-a-mapping": "- ana\n- luis\n",
    "empty": "",
    "bom-and-unicode": "\ufeffauthors:\n  ñandú: {name: Ñandú}\n  \u200bx: {name: Zero width}\n",
}


@pytest.mark.parametrize(
    "data",
    [*(p.read_bytes() for p in AUTHORS), *(t.encode() for t in AUTHOR_TEXTS.values())],
    ids=[*(str(p.relative_to(REPO)) for p in AUTHORS), *AUTHOR_TEXTS],
)
def test_both_loaders_read_an_authors_file_alike(
    data: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    from portavoz.scheduler.base import yaml_load
    from portavoz.scheduler.content import repository

    assert yaml_load.C_SAFE_LOADER is not None, "the lock installs PyYAML with libyaml"
    with_libyaml = repository.parse_authors(data, "content/blog/.authors.yml")
    monkeypatch.setattr(yaml_load, "C_SAFE_LOADER", None)
    assert repository.parse_authors(data, "content/blog/.authors.yml") == with_libyaml
