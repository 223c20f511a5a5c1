"""Links and special files in the content, theme and template folders are refused, never read.

Each case of ``corpus/symlinks/cases.yml`` (its ``expect`` says what it checks) makes links or
FIFOs in a copy of the corpus project, a git repository whose ``.git/config`` holds a token the
way ``actions/checkout`` writes it. Every entry point must fail naming the file, print no
traceback, and let the secret reach no output: not ``portavoz check``, not ``portavoz review``
(committed links, as git carries them, and the working tree), not ``mkdocs build --strict``
nor any file it writes under ``site/`` or ``.portavoz/``.

Every leg runs in a subprocess with a memory cap and a deadline, because reading ``/dev/zero``
would fill memory and opening a FIFO would block: on a regression the leg fails, the machine
survives. Override templates that are regular files are still used, and never published.
"""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import feedparser
import pytest
from case_tables import load_yaml
from hardening_corpus import AT, CORPUS, PORTAVOZ, Run, bounded, build, git, make_project

DATA = CORPUS / "symlinks"
SECRET = (DATA / "outside" / "secret.txt").read_text(encoding="utf-8").strip()


@dataclass(frozen=True)
class Case:
    name: str
    expect: str
    refused: tuple[str, ...]
    links: dict[str, str]
    fifos: tuple[str, ...] = ()
    theme_dir: str = ""
    templates_dir: str = ""

    @property
    def committable(self) -> bool:
        """Whether git can carry the case (a link it stores as such; a FIFO not at all)."""
        return not self.fifos


def _case(row: dict[str, Any]) -> Case:
    return Case(
        row["name"],
        row["expect"],
        tuple(row["refused"]),
        dict(row.get("links") or {}),
        tuple(row.get("fifos") or ()),
        row.get("theme_dir", ""),
        row.get("templates_dir", ""),
    )


CASES = [_case(row) for row in load_yaml(DATA / "cases.yml")]


def _portavoz(root: Path, *args: str) -> Run:
    return bounded(root, *PORTAVOZ, *args)


def _check(root: Path) -> Run:
    return _portavoz(root, "check", str(root), "--at", AT)


def _review(root: Path, *head: str) -> Run:
    return _portavoz(root, "review", "--base", "base", *head, "--project", str(root), "--at", AT)


def _build(root: Path) -> Run:
    return build(root)


def _project(tmp_path: Path, case: Case) -> Path:
    """The corpus project as a repository (branch ``base`` before the case's files)."""
    outside = tmp_path / "outside"
    shutil.copytree(DATA / "outside", outside)
    root = make_project(tmp_path / "p")
    _configure(root, case.theme_dir, case.templates_dir)
    if case.theme_dir:
        (root / case.theme_dir).mkdir()
        (root / case.theme_dir / "README.txt").write_text("Material overrides.\n", "utf-8")
    git(root, "init", "-q", "-b", "main")
    # Exactly what actions/checkout leaves behind without persist-credentials: false.
    header = f"AUTHORIZATION: basic {SECRET}"
    git(root, "config", "--local", "http.https://github.com/.extraheader", header)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    git(root, "branch", "base")
    return root


def _configure(root: Path, theme_dir: str, templates_dir: str) -> None:
    """Set the theme's custom_dir and portavoz/scheduler's templates_dir, when given."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if theme_dir:
        text = text.replace("  name: material\n", f"  name: material\n  custom_dir: {theme_dir}\n")
    if templates_dir:  # portavoz/scheduler is the last plugin of the corpus project
        text += f"      templates_dir: {templates_dir}\n"
    config.write_text(text, encoding="utf-8")


def _add(root: Path, case: Case) -> None:
    outside = str(root.parent / "outside")
    for name, target in case.links.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
        path.symlink_to(target.replace("{outside}", outside))
    for name in case.fifos:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(root / name)


def _regular_files(folder: Path) -> Iterator[Path]:
    """Regular files under ``folder``, found without following links or opening FIFOs."""
    for here, _, names in os.walk(folder):
        for name in names:
            path = Path(here) / name
            if stat.S_ISREG(path.lstat().st_mode):
                yield path


def _leaked(root: Path) -> list[str]:
    """Files a build wrote (the site, the internal outputs) that contain the secret."""
    written = [p for f in ("site", ".portavoz") for p in _regular_files(root / f)]
    return [p.relative_to(root).as_posix() for p in written if SECRET.encode() in p.read_bytes()]


def _assert_refused(run: Run, case: Case, leg: str) -> None:
    assert "Traceback" not in run.output, f"{leg}:\n{run.output}"
    assert run.code != 0, f"{leg} passed:\n{run.output}"
    missing = [line for line in case.refused if line not in run.output]
    assert missing == [], f"{leg} does not name the file:\n{run.output}"
    assert SECRET not in run.output, f"{leg} printed the secret:\n{run.output}"


def test_cases_state_what_they_check() -> None:
    assert CASES and all(c.expect and c.refused and (c.links or c.fifos) for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_check_refuses(case: Case, tmp_path: Path) -> None:
    root = _project(tmp_path, case)
    _add(root, case)
    _assert_refused(_check(root), case, "check")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_build_refuses_and_publishes_nothing_of_it(case: Case, tmp_path: Path) -> None:
    root = _project(tmp_path, case)
    _add(root, case)
    _assert_refused(_build(root), case, "build")
    assert _leaked(root) == []


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_review_of_the_working_tree_refuses(case: Case, tmp_path: Path) -> None:
    root = _project(tmp_path, case)
    _add(root, case)
    _assert_refused(_review(root), case, "review (working tree)")


@pytest.mark.parametrize("case", [c for c in CASES if c.committable], ids=lambda c: c.name)
def test_review_of_a_committed_link_refuses(case: Case, tmp_path: Path) -> None:
    root = _project(tmp_path, case)
    _add(root, case)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "links")
    assert "120000" in git(root, "ls-tree", "-r", "HEAD"), "git did not store a link"
    _assert_refused(_review(root, "--head", "main"), case, "review (committed)")


LAYOUTS = [
    # (custom_dir, templates_dir option, where the override is)
    pytest.param("", "", "social", id="default-social-beside-mkdocs-yml"),
    pytest.param("theme", "theme/social", "theme/social", id="inside-custom-dir"),
    pytest.param("", "content/social", "content/social", id="inside-docs-dir"),
]


@pytest.mark.parametrize(("theme_dir", "option", "folder"), LAYOUTS)
def test_override_templates_are_used_and_never_published(
    theme_dir: str, option: str, folder: str, tmp_path: Path
) -> None:
    """Expect: a regular override shapes the X feed, and no *.txt.j2 reaches the site."""
    root = make_project(tmp_path / "p")
    _configure(root, theme_dir, option)
    (root / folder).mkdir(parents=True)
    marker = "Plantilla propia de la marca"
    (root / folder / "x.txt.j2").write_text(f"{marker}: {{{{ title }}}}\n", "utf-8")
    run = _build(root)
    assert run.code == 0, run.output
    published = [p.relative_to(root).as_posix() for p in (root / "site").rglob("*.j2")]
    assert published == []
    feed = feedparser.parse((root / "site" / "feeds" / "networks" / "x.rss.xml").read_bytes())
    assert not feed.bozo and feed.entries
    assert all(e.summary.startswith(marker) for e in feed.entries), feed.entries
