"""The outputs manifest's own format: one JSON row a file, packed in memory. A manifest that is
not wholly of that form (truncated, a row changed, a path twice, another version's) is ignored
with one warning, the outputs are what a plain write writes, and the next write saves it again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_outputs_manifest import MANIFEST, _reference, _write

from portavoz.scheduler.base.atomic import Stamp, content_digest, stamp_of
from portavoz.scheduler.base.problems import Problem
from portavoz.scheduler.usecases import written
from portavoz.scheduler.usecases.written import WrittenFiles, parse

TAG = "ab" * 32
STAMP = Stamp(410, 1_796_147_361_404_570_326, 1_796_147_361_404_570_327, 3163364, bytes(16), TAG)


def _saved(tmp_path: Path, stamps: dict[str, Stamp]) -> bytes:
    files = WrittenFiles.open(tmp_path, tmp_path / "out")
    for name, stamp in stamps.items():
        files.note(name, stamp)
    files.save()
    return (tmp_path / "out" / MANIFEST.relative_to(".portavoz")).read_bytes()


def _reopened(tmp_path: Path) -> WrittenFiles:
    return WrittenFiles.open(tmp_path, tmp_path / "out")


def test_stamps_read_back_as_they_were_noted(tmp_path: Path) -> None:
    stamps = {
        "variants/a/x.txt": STAMP,
        "variants/ñ, b/y.json": STAMP._replace(digest=content_digest(b"y"), tag=""),
        "schedule.json": STAMP._replace(size=0, inode=2**64 - 1, tag="0f" * 64),
    }
    _saved(tmp_path, stamps)

    again = _reopened(tmp_path)

    assert {name: again.get(name) for name in stamps} == stamps
    assert again.get("variants/a/other.txt") is None and again.warning is None


def test_only_the_stamps_asked_for_or_noted_are_saved_again(tmp_path: Path) -> None:
    _saved(tmp_path, {"variants/a/x.txt": STAMP, "variants/gone/x.txt": STAMP})
    files = _reopened(tmp_path)
    assert files.get("variants/a/x.txt") == STAMP
    files.save()

    assert _reopened(tmp_path).get("variants/gone/x.txt") is None
    assert _reopened(tmp_path).get("variants/a/x.txt") == STAMP


def test_a_path_a_json_text_would_escape_is_not_recorded(tmp_path: Path) -> None:
    plain = "variants/a b/x.txt"
    data = _saved(
        tmp_path, {'variants/a"b/x.txt': STAMP, "variants/a\\b/x.txt": STAMP, plain: STAMP}
    )

    assert list(parse(data)) == [plain]


@pytest.mark.parametrize(
    "stamp",
    [STAMP._replace(digest=b"short"), STAMP._replace(tag="AB"), STAMP._replace(tag="abc")],
)
def test_a_stamp_the_format_cannot_hold_is_refused(tmp_path: Path, stamp: Stamp) -> None:
    files = WrittenFiles.open(tmp_path, tmp_path / "out")
    with pytest.raises(ValueError, match=r"digest|tag"):
        files.note("variants/a/x.txt", stamp)


def _row(data: bytes) -> bytes:
    return data.split(b"\n")[1]


# Each turns a good manifest (the example's) into one that must be ignored as a whole.
BAD = {
    "truncated": lambda d: d[: len(d) // 2],
    "no end": lambda d: d[:-3],
    "a schema cut off": lambda d: d[: d.index(b"/2") + 1],
    "hex changed": lambda d: d.replace(_row(d), _row(d)[:-4] + b'x"],', 1),
    "hex a digit short": lambda d: d.replace(_row(d), _row(d)[:-4] + b'"],', 1),
    "hex too long": lambda d: d.replace(_row(d), _row(d)[:-3] + b"00" * 65 + b'"],', 1),
    "an escape in a path": lambda d: d.replace(b'["variants/', b'["variants\\/', 1),
    "a comma left out": lambda d: d.replace(b"],\n", b"]\n", 1),
    "a comma after the last": lambda d: d[:-4] + b",\n]}\n",
    "a path twice": lambda d: d.replace(_row(d), _row(d) + b"\n" + _row(d), 1),
    "one JSON line": lambda d: d.replace(b"\n", b"", 2),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_manifest_not_wholly_of_the_form_is_ignored_with_one_warning(
    example_site: Path, tmp_path: Path, case: str
) -> None:
    _write(example_site)
    manifest = example_site / MANIFEST
    good = manifest.read_bytes()
    assert parse(good)  # the example's rows read back
    manifest.write_bytes(BAD[case](good))
    warnings: list[Problem] = []

    outputs = _write(example_site, warnings=warnings)

    assert [(w.path, w.severity.name) for w in warnings] == [(MANIFEST.as_posix(), "WARNING")]
    assert "unusable cache" in warnings[0].message
    assert outputs == _reference(example_site, tmp_path)
    assert parse(manifest.read_bytes())  # written again
    again: list[Problem] = []
    _write(example_site, warnings=again)
    assert again == []


def test_an_oversized_manifest_is_ignored_with_one_warning(
    example_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(example_site)
    monkeypatch.setattr(written, "MAX_BYTES", 100)
    warnings: list[Problem] = []

    outputs = _write(example_site, warnings=warnings)

    assert [w.path for w in warnings] == [MANIFEST.as_posix()]
    assert outputs == _reference(example_site, tmp_path)


def _reference_untouched(files: WrittenFiles, name: str, path: Path, tag: str) -> bool:
    """:meth:`WrittenFiles.untouched` as its stamps say: the stamp kept, compared whole."""
    old = files.get(name)
    return old is not None and old.tag == tag and stamp_of(path, old.digest, tag) == old


def test_untouched_says_what_the_stamps_compared_whole_say(tmp_path: Path) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    paths = {n: folder / n for n in ("same", "edited", "replaced", "deleted", "linked")}
    for path in paths.values():
        path.write_text("text", encoding="utf-8")
    files = WrittenFiles.open(tmp_path, tmp_path / "out")
    for name, path in paths.items():
        stamp = stamp_of(path, content_digest(b"text"), TAG)
        assert stamp is not None
        files.note(name, stamp)
    files.save()
    paths["edited"].write_text("TEXT", encoding="utf-8")  # the same size
    paths["replaced"].unlink()
    paths["replaced"].write_text("text", encoding="utf-8")  # a new inode
    paths["deleted"].unlink()
    paths["linked"].unlink()
    paths["linked"].symlink_to(paths["same"])
    again = _reopened(tmp_path)

    cases = [(n, p, t) for n, p in [*paths.items(), ("unknown", paths["same"])] for t in (TAG, "")]
    found = {(n, t): again.untouched(n, str(p), t) for n, p, t in cases}

    assert found == {(n, t): _reference_untouched(again, n, p, t) for n, p, t in cases}
    assert [k for k, v in found.items() if v] == [("same", TAG)]


@pytest.mark.parametrize("count", [0, 1, 1023, 1024, 1025, 2048])
def test_a_manifest_written_in_pieces_of_rows_is_one_row_a_line(count: int) -> None:
    rows = {f"variants/p{i}/x.json": bytes([i % 256]) * 48 for i in range(count)}

    data = b"".join(written._pieces(rows))

    assert written.parse(data) == rows
    assert [name for name, _ in json.loads(data)["files"]] == list(rows)
    assert data.count(b"\n") == count + 2
