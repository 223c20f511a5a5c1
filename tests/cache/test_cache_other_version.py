"""A cache or manifest that another portavoz wrote (its schema names the same kind, with another
version: an upgrade meets what the last version left) is not damaged: it is read as empty and
written again without a warning, so `mkdocs build --strict` does not fail on the first build
after an upgrade. A file cut off within its schema is still damaged, with its warning."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_outputs_manifest import MANIFEST, _reference, _write

from portavoz.scheduler.base.problems import Problem
from portavoz.scheduler.usecases import caching, written
from portavoz.scheduler.usecases.caching import CacheFile, CacheKind
from portavoz.scheduler.usecases.composing_cache import VARIANTS_CACHE
from portavoz.scheduler.usecases.feed_cache import FEEDS_CACHE
from portavoz.scheduler.usecases.reading_cache import POSTS_CACHE

KINDS: dict[str, CacheKind[object]] = {
    "lint": caching.FINDINGS,  # type: ignore[dict-item]
    "variants": VARIANTS_CACHE,  # type: ignore[dict-item]
    "posts": POSTS_CACHE,  # type: ignore[dict-item]
    "feeds": FEEDS_CACHE,  # type: ignore[dict-item]
}

# Each, as a file's whole text written by hand: (another version's?, the text).
OTHER = {
    "another version": lambda name: f'{{"schema":"portavoz/{name}/0-0123abcd","entries":{{\n}}}}\n',
    "an older plain one": lambda name: f'{{"schema":"portavoz/{name}/1","entries":{{\n}}}}\n',
}
DAMAGED = {
    "cut within the schema": lambda name: f'{{"schema":"portavoz/{name}/0-01',
    "a version of other characters": lambda name: (
        f'{{"schema":"portavoz/{name}/<b>","entries":{{\n}}}}\n'
    ),
    "another kind's": lambda name: '{"schema":"portavoz/other-cache/0-1","entries":{\n}}\n',
}


def _family(kind: CacheKind[object]) -> str:
    return kind.schema.split("/")[1]


@pytest.mark.parametrize("case", sorted(OTHER))
@pytest.mark.parametrize("which", sorted(KINDS))
def test_another_versions_cache_is_read_as_empty_without_a_warning_and_written_again(
    tmp_path: Path, which: str, case: str
) -> None:
    kind = KINDS[which]
    path = tmp_path / kind.file
    path.write_text(OTHER[case](_family(kind)), "utf-8")
    caching.forget_files()

    opened = CacheFile.open(kind, tmp_path, "cache")
    assert opened.warning is None
    assert opened.get("ab" * 32) is None
    opened.save()

    assert path.read_bytes().startswith(caching._head(kind))  # written again, this version's


@pytest.mark.parametrize("case", sorted(DAMAGED))
@pytest.mark.parametrize("which", sorted(KINDS))
def test_a_damaged_head_is_still_warned_about(tmp_path: Path, which: str, case: str) -> None:
    kind = KINDS[which]
    (tmp_path / kind.file).write_text(DAMAGED[case](_family(kind)), "utf-8")
    caching.forget_files()

    opened = CacheFile.open(kind, tmp_path, "cache")

    assert opened.warning is not None
    assert "unusable cache" in opened.warning.message


def test_another_versions_manifest_is_read_as_none_without_a_warning(
    example_site: Path, tmp_path: Path
) -> None:
    _write(example_site)
    manifest = example_site / MANIFEST
    good = manifest.read_bytes()
    assert good.startswith(written.HEAD)
    older = good.replace(written.SCHEMA.encode(), b"portavoz/outputs-manifest/1", 1)
    manifest.write_bytes(older)
    warnings: list[Problem] = []

    outputs = _write(example_site, warnings=warnings)

    assert warnings == []
    assert outputs == _reference(example_site, tmp_path)
    assert manifest.read_bytes().startswith(written.HEAD)  # written again, this version's
    assert written.parse(manifest.read_bytes())
