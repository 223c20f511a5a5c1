"""The findings cache (``<output_dir>/cache/lint.json``) is read for unchanged inputs only.

Each test runs ``portavoz check`` on a copy of the example, then replaces every cached entry by
a sentinel finding: a sentinel in the next run's output proves that entry was served. Changing
one input must make the entries it concerns disappear (they are linted again), never served.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from portavoz.scheduler.cli.main import main
from portavoz.scheduler.usecases import caching

AT = "2026-06-01T00:00+02:00"
SENTINEL = "SENTINEL-FINDING"


@pytest.fixture
def site(example_site: Path) -> Path:
    root = example_site
    assert _check(root).count(SENTINEL) == 0  # fills the cache
    return root


def _check(root: Path, *extra: str) -> str:
    done = CliRunner().invoke(main, ["check", "-f", str(root / "mkdocs.yml"), "--at", AT, *extra])
    assert done.exit_code in (0, 1), done.output
    return done.output


def _cache(root: Path) -> Path:
    return root / ".portavoz" / "cache" / "lint.json"


def _poison(root: Path) -> int:
    """Replace every entry's findings by one sentinel; returns how many entries there are."""
    document = json.loads(_cache(root).read_text(encoding="utf-8"))
    document["entries"] = {
        key: [["content/x.md", 1, "lint", f"{SENTINEL} {key}", "warning", "spelling", ""]]
        for key in document["entries"]
    }
    _cache(root).write_text(json.dumps(document), encoding="utf-8")
    return len(document["entries"])


def _posts(root: Path) -> list[Path]:
    return sorted((root / "content" / "blog" / "posts").glob("*.md"))


def test_unchanged_posts_are_read_from_the_cache_whatever_the_clock(site: Path) -> None:
    entries = _poison(site)

    assert _check(site).count(SENTINEL) == entries == len(_posts(site))
    # The clock is not in the key: statuses are decided again, findings are not recomputed.
    assert _check(site, "--at", "2030-01-01T00:00+01:00").count(SENTINEL) == entries


def test_a_changed_post_is_linted_again(site: Path) -> None:
    entries = _poison(site)
    post = _posts(site)[0]
    post.write_text(post.read_text(encoding="utf-8") + "\nUna bicicleta nueba.\n", "utf-8")

    output = _check(site)

    assert output.count(SENTINEL) == entries - 1
    assert f"{post.relative_to(site).as_posix()}:" in output
    assert "'nueba' is not in the Spanish dictionary" in output


def test_a_changed_site_config_lints_the_posts_it_changes_again(site: Path) -> None:
    entries = _poison(site)
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("https://blog.ruedalibre-demo.es/", "https://x.example/"))
    # Every variant links the new address. The key stands for the post's variants' key, which
    # holds every site setting: a post without variants is linted again too.
    assert entries > 0
    assert _check(site).count(SENTINEL) == 0


def test_a_changed_template_lints_the_posts_it_composes_again(site: Path) -> None:
    entries = _poison(site)
    (site / "social").mkdir(exist_ok=True)
    (site / "social" / "x.txt.j2").write_text("{{ title }} con bicicletaz\n\n{{ link }}\n", "utf-8")

    output = _check(site)

    assert output.count(SENTINEL) < entries
    assert "'bicicletaz' is not in the Spanish dictionary" in output


def test_a_changed_dictionary_lints_every_post_again(site: Path) -> None:
    _poison(site)
    dictionary = site / "content" / "dictionary.txt"
    dictionary.write_text(dictionary.read_text(encoding="utf-8") + "\nnueba\n", "utf-8")

    assert _check(site).count(SENTINEL) == 0


def test_changed_lint_options_lint_every_post_again(site: Path) -> None:
    _poison(site)
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    lint = "      output_dir: .portavoz\n      lint: {rules: {emoji: {max: 2}}}\n"
    config.write_text(text.replace("      output_dir: .portavoz\n", lint, 1), "utf-8")

    assert _check(site).count(SENTINEL) == 0


def test_another_portavoz_lints_every_post_again(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _poison(site)
    monkeypatch.setattr(caching, "code_version", lambda: "another portavoz")

    assert _check(site).count(SENTINEL) == 0


def test_no_cache_neither_reads_nor_writes_it(site: Path) -> None:
    _poison(site)
    before = _cache(site).read_bytes()

    assert _check(site, "--no-cache").count(SENTINEL) == 0
    assert _cache(site).read_bytes() == before


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: b"{not json", id="corrupt"),
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: b'{"schema": "someone-else/9", "entries": {}}', id="foreign"),
        pytest.param(lambda data: data.replace(b'"warning"', b'"fatal"'), id="bad-severity"),
        pytest.param(lambda data: data.replace(b'"content/x.md", 1', b'"x", -4'), id="bad-line"),
        pytest.param(lambda data: b"\xff\xfe" + data, id="not-utf8"),
    ],
)
def test_an_unusable_cache_is_ignored_with_one_warning_and_rebuilt(
    site: Path, damage: object
) -> None:
    clean = _check(site, "--no-cache")
    _poison(site)
    path = _cache(site)
    path.write_bytes(damage(path.read_bytes()))  # type: ignore[operator]

    output = _check(site)

    assert output.count("unusable cache") == 1
    assert ".portavoz/cache/lint.json: cache: unusable cache (" in output
    assert SENTINEL not in output
    assert _findings(output) == _findings(clean)  # what a run without the cache finds
    assert json.loads(path.read_text(encoding="utf-8"))["schema"] == caching.SCHEMA
    assert "unusable cache" not in _check(site)


def _findings(output: str) -> list[str]:
    lines = output.splitlines()
    return [line for line in lines if "unusable cache" not in line and "checked " not in line]


def test_a_link_in_place_of_the_cache_is_not_followed(site: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.json"
    outside.write_text('{"schema": "portavoz/lint-cache/1", "entries": {}}', "utf-8")
    _cache(site).unlink()
    _cache(site).symlink_to(outside)

    output = _check(site)

    assert output.count("unusable cache") == 1
    assert not _cache(site).is_symlink()
    assert outside.read_text(encoding="utf-8").endswith('"entries": {}}')


def test_a_cache_over_the_size_bound_is_not_read(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(caching, "MAX_BYTES", 16)

    assert _check(site).count("unusable cache") == 1


def test_canonical_forms_do_not_depend_on_order() -> None:
    one = caching.digest({"b": frozenset({"x", "y", "z"}), "a": (1, 2.5, None)})
    other = caching.digest({"a": (1, 2.5, None), "b": frozenset({"z", "y", "x"})})

    assert one == other
    assert caching.digest([1]) != caching.digest([True])


def test_a_value_without_a_canonical_form_is_never_guessed() -> None:
    with pytest.raises(caching.Uncacheable):
        caching.digest({"check": len})


def test_the_build_reads_the_same_cache_and_warns_once_when_it_is_unusable(
    site: Path, build: Callable[..., Any]
) -> None:
    _cache(site).write_bytes(b'{"schema": "portavoz/lint-cache/1", "entries": [')

    done = build(site, strict=False)

    assert done.returncode == 0, done.output
    assert done.output.count("unusable cache") == 1
    document = json.loads(_cache(site).read_text(encoding="utf-8"))
    assert len(document["entries"]) == len(_posts(site))  # written again from the build
