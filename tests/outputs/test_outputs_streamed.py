"""The internal outputs written piece by piece (issue 16, build time and memory).

``schedule.json`` and the variant files are made from one JSON text per variant, written as
they come; the bytes must be ``json.dumps``' (checked against ``json`` itself), files already
holding them are left alone, and a failure leaves the old file and no temporary one.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portavoz.scheduler.base.atomic import TreeChanges, TreeWriter, write_pieces
from portavoz.scheduler.compose.plan import Plan, Variants
from portavoz.scheduler.compose.settings import scheduler_settings
from portavoz.scheduler.content.repository import discover, load_posts
from portavoz.scheduler.content.window import Pause, Window
from portavoz.scheduler.outputs.internal import write_internal
from portavoz.scheduler.outputs.jsontext import dumps
from portavoz.scheduler.outputs.schedule import schedule_json
from portavoz.scheduler.project import load_project
from portavoz.scheduler.usecases.scheduling import plan_posts

REPO = Path(__file__).resolve().parents[2]
NOW = dt.datetime(2026, 6, 1, 8, tzinfo=dt.UTC)

_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
_json_values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=5) | st.integers() | st.booleans(), inner, max_size=4)
    ),
    max_leaves=20,
)


@given(_json_values, st.integers(min_value=0, max_value=5))
def test_dumps_is_json_dumps_at_any_depth(value: object, level: int) -> None:
    expected = json.dumps(value, ensure_ascii=False, indent=2)
    assert dumps(value, level) == expected.replace("\n", "\n" + "  " * level)


@pytest.mark.parametrize("value", [math.inf, -math.inf, math.nan, -0.0, 1e300, "🚲\u2028\n\x00"])
def test_dumps_writes_special_values_as_json_does(value: object) -> None:
    assert dumps([value, {"k": value}]) == json.dumps(
        [value, {"k": value}], indent=2, ensure_ascii=False
    )


def test_dumps_refuses_what_json_cannot_write() -> None:
    with pytest.raises(TypeError, match="not JSON serializable"):
        dumps({"a": object()})


def _plan(window: Window | None = None) -> Plan:
    project = load_project(REPO / "mkdocs.yml")
    loaded = load_posts(project.root, project.settings, discover(project.root, project.settings))
    settings = scheduler_settings(project.options("portavoz/scheduler"))
    posts = [replace(p, title=f"{p.title} 🚲") for p in loaded.posts]
    return plan_posts(posts, window or Window(NOW), project.settings, settings, None)[0]


def _reformatted(made: bytes) -> bytes:
    """``made`` read back and written again by ``json.dumps``: the same bytes if it was."""
    return (json.dumps(json.loads(made), ensure_ascii=False, indent=2) + "\n").encode()


def test_schedule_json_of_every_shape_is_json_dumps() -> None:
    plan = _plan(Window(NOW, Pause("crisis <b>", NOW - dt.timedelta(days=1))))
    without = replace(plan.items[0], composed=Variants.of(()))
    shapes = {
        "full": plan,
        "no posts": replace(plan, items=()),
        "a post without variants": replace(plan, items=(without, *plan.items[1:])),
    }
    for name, shape in shapes.items():
        made = schedule_json(shape)
        assert made == _reformatted(made), name
    loaded = json.loads(schedule_json(shapes["a post without variants"]))
    assert loaded["posts"][0]["variants"] == []
    assert loaded["pause"]["reason"] == "crisis <b>"
    assert json.loads(schedule_json(shapes["no posts"]))["posts"] == []


def test_each_variant_file_is_its_record_in_schedule_json(tmp_path: Path) -> None:
    plan = _plan()
    write_internal(plan, tmp_path, 180)
    schedule = json.loads((tmp_path / "schedule.json").read_bytes())
    records = [v for post in schedule["posts"] for v in post["variants"]]
    assert records
    for item in plan.items:
        for variant in item.variants:
            path = tmp_path / "variants" / item.post.slug / f"{variant.network}.json"
            text = path.read_text(encoding="utf-8")
            assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"
            assert json.loads(text) in records


def test_write_pieces_leaves_a_file_with_the_same_bytes_alone(tmp_path: Path) -> None:
    target = tmp_path / "schedule.json"
    assert write_pieces(target, [b"uno ", b"dos"])
    before = target.stat()
    assert not write_pieces(target, [b"un", b"o dos"])
    assert target.stat().st_mtime_ns == before.st_mtime_ns
    assert target.stat().st_ino == before.st_ino
    assert sorted(p.name for p in tmp_path.iterdir()) == ["schedule.json"]


@pytest.mark.parametrize("pieces", [[b"uno"], [b"uno dos", b"!"], [b"uno d0s"], [b""]])
def test_write_pieces_replaces_a_file_that_differs(tmp_path: Path, pieces: list[bytes]) -> None:
    target = tmp_path / "schedule.json"
    target.write_bytes(b"uno dos")
    assert write_pieces(target, pieces)
    assert target.read_bytes() == b"".join(pieces)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["schedule.json"]


def test_write_pieces_interrupted_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "schedule.json"
    target.write_bytes(b"viejo")

    def failing() -> Iterator[bytes]:
        yield b"nuevo a medias"
        raise RuntimeError("stopped")

    with pytest.raises(RuntimeError, match="stopped"):
        write_pieces(target, failing())
    assert target.read_bytes() == b"viejo"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["schedule.json"]


def test_tree_writer_writes_changed_files_and_prunes_the_rest(tmp_path: Path) -> None:
    (tmp_path / "variants" / "viejo").mkdir(parents=True)
    (tmp_path / "variants" / "viejo" / "x.txt").write_text("borrado", encoding="utf-8")
    (tmp_path / "variants" / "igual").mkdir()
    (tmp_path / "variants" / "igual" / "x.txt").write_text("igual", encoding="utf-8")
    (tmp_path / "otro.txt").write_text("fuera del árbol", encoding="utf-8")
    outside = tmp_path / "ajeno"
    outside.mkdir()
    (outside / "x.txt").write_text("no es nuestro", encoding="utf-8")
    (tmp_path / "variants" / "enlace").symlink_to(outside)

    tree = TreeWriter(tmp_path, "variants")
    tree.write("variants/igual/x.txt", "igual")
    tree.write("variants/nuevo/x.json", b"{}")

    assert tree.finish() == TreeChanges(
        written=("variants/nuevo/x.json",), removed=("variants/viejo/x.txt",)
    )
    assert (outside / "x.txt").exists()  # a linked folder is not walked into
    assert (tmp_path / "otro.txt").exists()
    with pytest.raises(ValueError, match="not a relative path"):
        TreeWriter(tmp_path, "variants").write("variants/../../fuera.txt", "x")
