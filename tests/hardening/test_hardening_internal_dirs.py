"""Internal folders where MkDocs would publish them are refused by every entry point.

The corpus config cases (``corpus/config/*-in-*.yml``) already go through check, review and
build; this module adds what they cannot say: ``portavoz listen`` (which reads the listening
folders and writes into them), a folder that reaches the content folder through a symlink, and
that nothing was written into the content folder before the refusal.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from hardening_corpus import PROJECT, Run, build, check, invoke, make_project

LISTENING = "  - portavoz/listening:\n      offline: true\n"


@dataclass(frozen=True)
class Case:
    name: str
    expect: str
    """What the case checks, in one sentence."""
    options: str
    """Lines added under ``portavoz/listening`` in the corpus project's mkdocs.yml."""
    message: str
    """What every entry point must print."""
    link: tuple[str, str] | None = None
    """A symlink ``(name, target)`` made in the project before running."""


CASES = [
    Case(
        "cache-in-docs",
        "a cache_dir inside docs_dir is refused by listen before any feed is cached there",
        "      cache_dir: content/feeds\n",
        "mkdocs.yml: cache_dir: 'content/feeds' is inside docs_dir 'content'",
    ),
    Case(
        "internal-in-docs",
        "an internal_dir inside docs_dir is refused by listen before a digest is written there",
        "      internal_dir: content/interno\n",
        "mkdocs.yml: internal_dir: 'content/interno' is inside docs_dir 'content'",
    ),
    Case(
        "cache-in-site",
        "a cache_dir inside site_dir is refused by listen (a build would publish or wipe it)",
        "      cache_dir: site/feeds\n",
        "mkdocs.yml: cache_dir: 'site/feeds' is inside site_dir 'site'",
    ),
    Case(
        "cache-through-symlink",
        "a cache_dir that is a symlink into docs_dir is refused, though its name is outside",
        "      cache_dir: feeds\n",
        "mkdocs.yml: cache_dir: 'feeds' is inside docs_dir 'content'",
        link=("feeds", "content/feeds"),
    ),
]


def _project(root: Path, case: Case) -> Path:
    config = (PROJECT / "mkdocs.yml").read_text(encoding="utf-8") + LISTENING + case.options
    make_project(root, {"mkdocs.yml": config.encode()})
    if case.link is not None:
        name, target = case.link
        (root / target).mkdir(parents=True)
        (root / name).symlink_to(root / target, target_is_directory=True)
    return root


def _refused(run: Run, case: Case) -> None:
    assert run.exception is None, run.output
    assert "Traceback" not in run.output, run.output
    assert run.code != 0, run.output
    assert case.message in run.output, run.output


def _files(root: Path) -> list[str]:
    """Every path under the content folder (what a build would publish)."""
    return sorted(p.relative_to(root).as_posix() for p in (root / "content").rglob("*"))


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_listen_refuses(case: Case, tmp_path: Path) -> None:
    root = _project(tmp_path / "p", case)
    before = _files(root)
    _refused(invoke("listen", str(root), "--offline"), case)
    assert _files(root) == before


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_check_refuses(case: Case, tmp_path: Path) -> None:
    root = _project(tmp_path / "p", case)
    _refused(check(root), case)


def test_build_refuses_a_symlink_into_docs(tmp_path: Path) -> None:
    """Expect: the build refuses a cache_dir that reaches docs_dir through a symlink."""
    case = CASES[-1]
    root = _project(tmp_path / "p", case)
    before = _files(root)
    _refused(build(root), case)
    assert _files(root) == before


def test_output_dir_through_symlink_is_refused(tmp_path: Path) -> None:
    """Expect: an output_dir symlinked into docs_dir is refused by check and by the build."""
    root = make_project(tmp_path / "p")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("output_dir: .portavoz", "output_dir: out")
    config.write_text(text, encoding="utf-8")
    (root / "content" / "interno").mkdir()
    (root / "out").symlink_to(root / "content" / "interno", target_is_directory=True)
    message = "mkdocs.yml: output_dir: 'out' is inside docs_dir 'content'"
    for run in (check(root), build(root)):
        assert run.code != 0 and message in run.output and "Traceback" not in run.output
    assert list((root / "content" / "interno").iterdir()) == []


def test_listening_folders_outside_pass(tmp_path: Path) -> None:
    """Expect: the same project with its folders outside docs_dir listens and checks cleanly."""
    options = "      cache_dir: .portavoz/cache\n      internal_dir: .portavoz/listening\n"
    root = _project(tmp_path / "p", Case("outside", "", options, ""))
    for run in (invoke("listen", str(root), "--offline"), check(root)):
        assert (run.code, run.exception) == (0, None), run.output
