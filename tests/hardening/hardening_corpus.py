"""The bad-input corpus and the three ways a writer meets it: check, review, build.

A case is ``corpus/posts/<case>.md`` (or a folder ``<case>/`` of posts, or a file generated
here when it is too big to commit) or ``corpus/config/<case>.yml`` (a whole ``mkdocs.yml``),
beside ``<case>.expected.txt``. Its first line, ``# Expect: …``, says in one sentence what the
case checks (as feedparser's fixtures do); every other line must appear in the output. A line
starting ``check: ``, ``review: ``, ``listen: `` or ``build: `` applies to that entry point only;
the others to all of them (config cases also run through ``portavoz listen``). Cases in
``corpus/valid/`` must pass everywhere.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, Tag
from click.testing import CliRunner
from goldens import EXPECT, expect_statement

from portavoz.scheduler.cli.main import main

CORPUS = Path(__file__).resolve().parent / "corpus"
PROJECT = CORPUS / "project"
POSTS = "content/blog/posts"
AT = "2026-11-23T12:00:00+01:00"
"""The fixed clock of every run."""
LEGS = ("check", "review", "listen", "build")
MIB = 1024 * 1024

GENERATED: dict[str, Callable[[], dict[str, bytes]]] = {
    # 10 MiB of prose behind valid front matter: too big to commit, cheap to make.
    "huge": lambda: {
        "huge.md": b"---\ntitle: Enorme\ndate: 2026-03-01 10:00:00\n---\n\n"
        + b"Pedaleamos por la huerta. " * (10 * MIB // 26)
    },
}


@dataclass(frozen=True)
class Case:
    """One corpus case: the files it adds (posts or a config) and what each leg must print."""

    name: str
    kind: str
    files: Mapping[str, bytes]
    expected: tuple[tuple[str | None, str], ...]
    expect: str = ""
    """The case's one-line statement of what it checks (its ``# Expect:`` header)."""

    def lines_for(self, leg: str) -> list[str]:
        return [text for only, text in self.expected if only in (None, leg)]


@dataclass(frozen=True)
class Run:
    """What an entry point did: exit code, everything it printed, and any exception."""

    code: int
    output: str
    exception: BaseException | None = None


def expect_of(path: Path) -> str:
    """A case file's statement: its ``# Expect:`` line, first or first inside front matter."""
    lines = path.read_text(encoding="utf-8").splitlines()[:2]
    found = [line.removeprefix(EXPECT) for line in lines if line.startswith(EXPECT)]
    assert found, f"{path.name}: no '# Expect:' line"
    return found[0]


def _expected(path: Path) -> tuple[tuple[str | None, str], ...]:
    found: list[tuple[str | None, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(EXPECT):
            continue
        leg, _, rest = line.partition(": ")
        found.append((leg, rest) if leg in LEGS else (None, line))
    return tuple(item for item in found if item[1].strip())


def _post_files(name: str) -> dict[str, bytes]:
    single = CORPUS / "posts" / f"{name}.md"
    folder = CORPUS / "posts" / name
    if single.is_file():
        return {f"{POSTS}/{single.name}": single.read_bytes()}
    if folder.is_dir():
        return {f"{POSTS}/{p.name}": p.read_bytes() for p in sorted(folder.iterdir())}
    return {f"{POSTS}/{n}": data for n, data in GENERATED[name]().items()}


def post_cases() -> list[Case]:
    return [
        Case(p.name.removesuffix(".expected.txt"), "post", {}, _expected(p), expect_statement(p))
        for p in sorted((CORPUS / "posts").glob("*.expected.txt"))
    ]


def with_files(case: Case) -> Case:
    """The case with its files read (or generated): done in the test, not at collection."""
    if case.kind == "post":
        files = _post_files(case.name)
    else:
        files = {"mkdocs.yml": (CORPUS / "config" / f"{case.name}.yml").read_bytes()}
    return Case(case.name, case.kind, files, case.expected, case.expect)


def config_cases() -> list[Case]:
    return [
        Case(p.name.removesuffix(".expected.txt"), "config", {}, _expected(p), expect_statement(p))
        for p in sorted((CORPUS / "config").glob("*.expected.txt"))
    ]


def valid_files() -> dict[str, bytes]:
    return {f"{POSTS}/{p.name}": p.read_bytes() for p in sorted((CORPUS / "valid").glob("*.md"))}


def make_project(root: Path, files: Mapping[str, bytes] = {}) -> Path:
    """A copy of the corpus project with ``files`` written into it."""
    shutil.copytree(PROJECT, root)
    add_files(root, files)
    return root


def add_files(root: Path, files: Mapping[str, bytes]) -> None:
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)


def invoke(*args: str) -> Run:
    """Run the ``portavoz`` CLI in-process, as its console script would."""
    result = CliRunner().invoke(main, list(args), env={"PORTAVOZ_NOW": None})
    exception = None if isinstance(result.exception, SystemExit) else result.exception
    return Run(result.exit_code, result.output, exception)


def check(root: Path) -> Run:
    return invoke("check", str(root), "--at", AT)


def listen(root: Path) -> Run:
    """``portavoz listen --offline``: it reads every plugin's options before listening."""
    return invoke("listen", str(root), "--offline", "--at", AT)


def git(root: Path, *args: str) -> str:
    identity = ["-c", "user.name=Corpus", "-c", "user.email=corpus@example.org"]
    command = ["git", "-C", str(root), *identity, "-c", "commit.gpgsign=false", *args]
    done = subprocess.run(command, capture_output=True, text=True, check=True, timeout=60)
    return done.stdout.strip()


def review(root: Path, files: Mapping[str, bytes]) -> Run:
    """Commit the project as the base, then ``files`` as the change, and review that change."""
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    base = git(root, "rev-parse", "HEAD")
    add_files(root, files)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "change")
    return invoke("review", "--base", base, "--head", "HEAD", "--project", str(root), "--at", AT)


def build(root: Path) -> Run:
    """``mkdocs build --strict`` in a subprocess, as CI runs it (a :func:`bounded` run)."""
    return bounded(root, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"))


MEMORY = 4 * 1024**3
"""Address-space cap of a bounded run: far above what a build needs, far below the machine's."""
DEADLINE = 300
"""Seconds a bounded run may take before it counts as hanging (a build takes a few)."""
PORTAVOZ = ("-c", "from portavoz.scheduler.cli.main import main; main()")
"""The ``portavoz`` console script, as ``python`` arguments."""


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def bounded(root: Path, *command: str) -> Run:
    """``python COMMAND`` in a subprocess capped in memory and time, as CI runs it.

    A hostile input that makes portavoz hang or eat memory fails the test with a message
    instead of taking the machine with it.
    """
    env = {**os.environ, "PORTAVOZ_NOW": AT, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PORTAVOZ_PAUSE", None)
    try:
        done = subprocess.run(
            [sys.executable, *command],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
            timeout=DEADLINE,
            check=False,
            preexec_fn=_limits,
        )
    except subprocess.TimeoutExpired:
        return Run(-1, f"did not finish within {DEADLINE} s (hangs)")
    return Run(done.returncode, done.stdout + done.stderr)


def runnable_scripts(doc: BeautifulSoup) -> list[Tag]:
    """A page's scripts, without data blocks (a post's JSON-LD is never run)."""
    return [s for s in doc.find_all("script") if s.get("type") != "application/ld+json"]


def page_scripts(doc: BeautifulSoup) -> list[str]:
    """The scripts of a page by file name (relative paths differ with the page's depth)."""
    return [str(s.get("src") or "inline").rsplit("/", 1)[-1] for s in runnable_scripts(doc)]


def assert_runs_nothing_foreign(doc: BeautifulSoup, material: list[str]) -> None:
    """The page has exactly Material's scripts, none of them a payload, and no ``on*`` handler."""
    assert page_scripts(doc) == material
    assert all("alert" not in s.get_text() for s in runnable_scripts(doc))
    for data in doc.select('script[type="application/ld+json"]'):
        assert "<" not in data.get_text()  # nothing in it can end the element
    handlers = [(t.name, a) for t in doc.find_all(True) for a in t.attrs if a.startswith("on")]
    assert handlers == []
    assert doc.find("img", src="x") is None
