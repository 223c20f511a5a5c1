"""The variants' cache file is hostile input, and a build served from it writes what a cold
build writes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cache_plans import AT, cache_file
from click.testing import CliRunner
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from portavoz.scheduler.cli.main import main
from portavoz.scheduler.compose.variant import Composer
from portavoz.scheduler.usecases import caching, composing_cache


def _check(root: Path, *extra: str) -> str:
    done = CliRunner().invoke(main, ["check", "-f", str(root / "mkdocs.yml"), "--at", AT, *extra])
    assert done.exit_code in (0, 1), done.output
    return done.output


def _findings(output: str) -> list[str]:
    lines = output.splitlines()
    return [line for line in lines if "unusable cache" not in line and "checked " not in line]


def _entry_row(data: bytes) -> bytes:
    document = json.loads(data)
    key = next(iter(document["entries"]))
    document["entries"][key][2][0][2] = [["x", "many", 280, "weighted", []]]  # a count
    return json.dumps(document).encode()


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: b"{not json", id="corrupt"),
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(
            lambda data: b'{"schema": "portavoz/variants-cache/0", "entries": {}}', id="foreign"
        ),
        pytest.param(_entry_row, id="bad-count"),
        pytest.param(
            lambda data: data.replace(b'"bluesky"', b'"myspace"', 1).replace(
                b'"link"', b'"blink"', 1
            ),
            id="bad-facet-kind",
        ),
    ],
)
def test_an_unusable_variants_cache_is_ignored_with_one_warning(
    example_site: Path, damage: Callable[[bytes], bytes]
) -> None:
    clean = _check(example_site, "--no-cache")
    _check(example_site)
    path = cache_file(example_site)
    path.write_bytes(damage(path.read_bytes()))

    output = _check(example_site)

    assert output.count("unusable cache") == 1
    assert ".portavoz/cache/variants.json: cache: unusable cache (" in output
    assert _findings(output) == _findings(clean)
    assert json.loads(path.read_text(encoding="utf-8"))["schema"] == composing_cache.SCHEMA
    assert "unusable cache" not in _check(example_site)


def test_a_variants_cache_over_the_size_bound_is_not_read(
    example_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _check(example_site)
    monkeypatch.setattr(composing_cache, "MAX_BYTES", 16)

    output = _check(example_site)

    assert output.count("unusable cache") == 1
    assert "variants.json: cache: unusable cache (" in output


def test_a_link_in_place_of_the_variants_cache_is_not_followed(
    example_site: Path, tmp_path: Path
) -> None:
    _check(example_site)
    outside = tmp_path / "elsewhere.json"
    document = {"schema": composing_cache.SCHEMA, "entries": {}}
    outside.write_text(json.dumps(document), "utf-8")
    cache_file(example_site).unlink()
    cache_file(example_site).symlink_to(outside)
    before = outside.read_bytes()

    output = _check(example_site)

    assert output.count("unusable cache") == 1
    assert not cache_file(example_site).is_symlink()
    assert outside.read_bytes() == before


def _outputs(root: Path) -> dict[str, bytes]:
    internal = root / ".portavoz"
    files = [internal / "schedule.json", *sorted((internal / "variants").rglob("*"))]
    return {p.relative_to(internal).as_posix(): p.read_bytes() for p in files if p.is_file()}


def test_a_build_served_from_the_cache_writes_what_a_cold_build_writes(
    example_site: Path, build: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    now = {"PORTAVOZ_NOW": "2026-06-01T00:00+02:00"}
    done = build(example_site, now, strict=False)  # no cache yet: every post is composed
    assert done.returncode == 0, done.output
    cold = _outputs(example_site)
    assert cache_file(example_site).is_file() and len(cold) > 1

    def refuse(self: Composer, post: object) -> object:
        raise AssertionError(f"composed {post!r} again")

    monkeypatch.setattr(Composer, "compose", refuse)
    # This process may have hashed portavoz's files before the build's did (as it is now).
    caching.code_version.cache_clear()
    for name in ("PORTAVOZ_PAUSE", "PORTAVOZ_PAUSE_SINCE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PORTAVOZ_NOW", now["PORTAVOZ_NOW"])
    monkeypatch.chdir(example_site)
    config = load_config(str(example_site / "mkdocs.yml"), site_dir=str(example_site / "site"))
    mkdocs_build(config)

    assert _outputs(example_site) == cold
