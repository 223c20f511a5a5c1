"""Nothing lost: an interrupted run leaves complete files, and no command edits a source.

The interruption is a crash inside a real ``mkdocs build``: a wrapper process makes the second
``os.replace`` into ``.portavoz/`` fail (a full disk), after the build has started writing its
schedule, calendar, CSV, texts and digests. Every file there must then be exactly the previous
run's or exactly the new run's, never a mixture or a stub, with no temporary files left.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest
from hardening_corpus import git, invoke

from portavoz.scheduler.listening import cache

TESTS = Path(__file__).resolve().parents[1]
BEFORE = "2026-11-23T12:00:00+01:00"
AFTER = "2027-03-01T12:00:00+01:00"
"""After the example's future post (2027-02-15) is due: schedule, calendar and CSV change."""
SOURCES = ("mkdocs.yml", "content", "theme", "examples")

CRASHING_BUILD = """\
import os, sys
from mkdocs.__main__ import cli

folder, real_replace, calls = os.path.abspath(sys.argv.pop(1)), os.replace, []

def replace(src, dst, *args, **kwargs):
    if os.path.abspath(dst).startswith(folder + os.sep):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(28, "No space left on device (simulated)", str(dst))
    return real_replace(src, dst, *args, **kwargs)

os.replace = replace  # Path.replace calls os.replace too
sys.argv[0] = "mkdocs"
cli()
"""


def _root_conftest(config: pytest.Config) -> ModuleType:
    module = config.pluginmanager.get_plugin(str(TESTS / "conftest.py"))
    assert module is not None, "tests/conftest.py is not loaded"
    return module


@pytest.fixture
def example(pytestconfig: pytest.Config, tmp_path: Path) -> Iterator[Path]:
    yield _root_conftest(pytestconfig).copy_example(tmp_path / "example")


@pytest.fixture
def build(pytestconfig: pytest.Config) -> Callable[..., object]:
    return _root_conftest(pytestconfig).run_build  # type: ignore[no-any-return]


def snapshot(folder: Path) -> dict[str, str]:
    """Relative path → SHA-256 of every file under ``folder``."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def sources(root: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    for part in SOURCES:
        path = root / part
        if path.is_file():
            found[part] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            found.update({f"{part}/{k}": v for k, v in snapshot(path).items()})
    return found


def crashing_build(root: Path, moment: str) -> subprocess.CompletedProcess[str]:
    script = root.parent / "crashing_build.py"
    script.write_text(CRASHING_BUILD, encoding="utf-8")
    command = [sys.executable, str(script), str(root / ".portavoz"), "build", "--strict"]
    env = {**os.environ, "PORTAVOZ_NOW": moment, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        command, cwd=root, env=env, capture_output=True, text=True, timeout=300, check=False
    )


def test_build_interrupted_while_writing_leaves_only_complete_files(
    example: Path, build: Callable[..., object], tmp_path: Path, pytestconfig: pytest.Config
) -> None:
    first = build(example, {"PORTAVOZ_NOW": BEFORE})
    assert first.returncode == 0, first.output  # type: ignore[attr-defined]
    old = snapshot(example / ".portavoz")
    reference = _root_conftest(pytestconfig).copy_example(tmp_path / "reference")
    assert build(reference, {"PORTAVOZ_NOW": AFTER}).returncode == 0  # type: ignore[attr-defined]
    new = snapshot(reference / ".portavoz")
    assert new != old

    crashed = crashing_build(example, AFTER)

    assert crashed.returncode != 0, crashed.stdout + crashed.stderr
    assert "No space left on device (simulated)" in crashed.stdout + crashed.stderr
    after = snapshot(example / ".portavoz")
    assert [name for name in after if name.endswith(".tmp")] == []
    mixed = [n for n, digest in after.items() if digest not in {old.get(n), new.get(n)}]
    assert mixed == [], "files that are neither the old nor the new version"
    kept_old = [n for n in after if after[n] == old.get(n) != new.get(n)]
    assert kept_old, "the interrupted write did not keep the previous file"
    assert set(old) <= set(after), "a previous file disappeared"


def test_listening_cache_interrupted_keeps_the_previous_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    body = cache.store_body(folder, b"<rss>old</rss>")
    old = {"feed": dataclasses.replace(cache.FeedState.fresh("https://a.example/"), body=body)}
    cache.save_states(folder, old)
    real = os.replace

    def failing(src: object, dst: object, *args: object, **kwargs: object) -> None:
        if str(dst).endswith(cache.STATE_FILE):
            raise OSError(28, "No space left on device (simulated)")
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", failing)
    new_body = cache.store_body(folder, b"<rss>new</rss>")
    new = {"feed": dataclasses.replace(old["feed"], body=new_body)}
    with pytest.raises(OSError, match="simulated"):
        cache.save_states(folder, new)
    monkeypatch.undo()

    states = cache.load_states(folder)
    assert states == old
    assert cache.read_body(folder, states["feed"]) == b"<rss>old</rss>"
    assert [p.name for p in folder.rglob("*.tmp")] == []


def test_no_command_modifies_a_source_file(
    example: Path, build: Callable[..., object], monkeypatch: pytest.MonkeyPatch
) -> None:
    git(example, "init", "-q", "-b", "main")
    git(example, "add", "-A")
    git(example, "commit", "-q", "-m", "example")
    before = sources(example)
    monkeypatch.chdir(example)

    runs = {
        "check": invoke("check", str(example), "--at", BEFORE),
        "review": invoke("review", "--base", "HEAD", "--project", str(example), "--at", BEFORE),
        "count": invoke("count", "x", "Hola, Valencia 👋 https://example.com/blog/post"),
        "listen": invoke("listen", str(example), "--offline", "--at", BEFORE),
    }
    built = build(example, {"PORTAVOZ_NOW": BEFORE})

    for name, run in runs.items():
        assert (run.code, run.exception) == (0, None), f"{name}:\n{run.output}"
    assert built.returncode == 0, built.output  # type: ignore[attr-defined]
    assert sources(example) == before
    assert git(example, "status", "--porcelain", "--", *SOURCES) == ""
