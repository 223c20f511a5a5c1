"""What the review asks git and the file system, checked against independent readers."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest
from review_repo import git as run_git

from portavoz.scheduler.base.files import walk, walk_modes
from portavoz.scheduler.review import git
from portavoz.scheduler.review import side as side_module
from portavoz.scheduler.review.side import open_side

PATTERN = r"^((title|slug):|---)"


def _grep_lines(
    repo: Path, ref: str | None, pattern: str, folder: str, **options: git.Matcher
) -> dict[str, list[str]]:
    """``git.grep_blocks`` with each file's lines apart."""
    found = git.grep_blocks(repo, ref, pattern, folder, **options)
    return {path: block.split("\n") for path, block in found.items()}


def _python_grep(root: Path, folder: str) -> dict[str, list[str]]:
    """Lines matching ``PATTERN`` in every text file under ``folder``, read by Python."""
    found: dict[str, list[str]] = {}
    for path in sorted((root / folder).rglob("*")):
        if path.is_file() and not path.is_symlink():
            lines = path.read_text(encoding="utf-8").splitlines()
            hits = [line for line in lines if re.match(PATTERN, line)]
            if hits:
                found[path.relative_to(root).as_posix()] = hits
    return found


@pytest.mark.parametrize("ref", [None, "base"])
@pytest.mark.parametrize("matcher", list(git.Matcher))
def test_both_matchers_find_the_lines_python_finds(
    repo: Path, ref: str | None, matcher: git.Matcher
) -> None:
    folder = "content/blog/posts"
    found = _grep_lines(repo, ref, PATTERN, folder, matcher=matcher)

    assert {p: sorted(v) for p, v in found.items()} == {
        p: sorted(v) for p, v in _python_grep(repo, folder).items()
    }
    assert found  # the example's posts have front matter


@pytest.mark.parametrize("heading", [False, True])
def test_a_git_without_pcre_is_asked_again_with_extended_regexes(
    repo: Path, monkeypatch: pytest.MonkeyPatch, heading: bool
) -> None:
    real = git._git
    asked: list[str] = []

    def without_pcre(where: Path, *args: str) -> bytes:
        asked.append(next(a for a in args if a in ("-P", "-E")))
        if "-P" in args:
            raise git.GitError("git grep: fatal: cannot use Perl-compatible regexes", 128)
        return real(where, *args)

    monkeypatch.setattr(git, "_git", without_pcre)

    found = git.grep_blocks(repo, None, PATTERN, "content/blog/posts", heading=heading)

    assert asked == ["-P", "-E"]
    assert {p: sorted(v.split("\n")) for p, v in found.items()} == {
        p: sorted(v) for p, v in _python_grep(repo, "content/blog/posts").items()
    }


def test_no_match_is_an_empty_answer_not_a_second_search(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = git._git
    calls: list[tuple[str, ...]] = []

    def counted(where: Path, *args: str) -> bytes:
        calls.append(args)
        return real(where, *args)

    monkeypatch.setattr(git, "_git", counted)

    assert _grep_lines(repo, None, "^no such line in any post$", "content/blog/posts") == {}
    assert len(calls) == 1


def _os_walk(root: Path, folder: str) -> dict[str, tuple[int, int]]:
    """Every non-folder under ``folder`` with its lstat mode and size, by os.walk."""
    found = {}
    for where, folders, files in os.walk(root / folder):
        # os.walk lists a link to a folder among the folders, and does not follow it.
        for name in files + [f for f in folders if (Path(where) / f).is_symlink()]:
            full = Path(where) / name
            st = full.lstat()
            found[Path(os.path.relpath(full, root)).as_posix()] = (st.st_mode, st.st_size)
    return found


def test_the_working_tree_listing_is_every_file_with_its_lstat(repo: Path) -> None:
    (repo / "content" / "blog" / "posts" / "2025").mkdir()
    (repo / "content" / "blog" / "posts" / "2025" / "otra.md").write_text("---\n---\n")
    (repo / "content" / "enlace.md").symlink_to("index.md")
    (repo / "content" / "carpeta-enlazada").symlink_to("blog", target_is_directory=True)
    run_git(repo, "status")  # the repository stays usable with the links

    listed = git.entries(repo, None, ["content", "theme"])

    expected = {**_os_walk(repo, "content"), **_os_walk(repo, "theme")}
    assert {e.path: (e.mode, e.size) for e in listed} == expected
    assert [e.path for e in listed] == sorted(expected)
    assert stat.S_ISLNK(expected["content/carpeta-enlazada"][0])


@pytest.mark.parametrize(
    ("root", "folder"), [(".", "content"), ("content", "."), ("content", "../theme")]
)
def test_walk_names_paths_relative_to_its_root_however_both_are_written(
    repo: Path, monkeypatch: pytest.MonkeyPatch, root: str, folder: str
) -> None:
    monkeypatch.chdir(repo)

    walked = {path: (st.st_mode, st.st_size) for path, st in walk(Path(root), folder)}

    assert walked == _os_walk(Path(root), folder)


def _odd_tree(repo: Path) -> None:
    """Links, a FIFO, a nested folder and an oversized template in the example's folders."""
    (repo / "content" / "blog" / "posts" / "2025").mkdir()
    (repo / "content" / "blog" / "posts" / "2025" / "otra.md").write_text("---\n---\n")
    (repo / "content" / "enlace.md").symlink_to("index.md")
    (repo / "content" / "carpeta-enlazada").symlink_to("blog", target_is_directory=True)
    os.mkfifo(repo / "content" / "tuberia.md")
    (repo / "theme" / "grande.j2").write_bytes(b"x" * (5 * 1024 * 1024 + 1))


def test_working_modes_are_walks_types_without_statting_regular_files(repo: Path) -> None:
    _odd_tree(repo)

    modes = git.working_modes(repo, ["content", "theme"])

    expected = {**_os_walk(repo, "content"), **_os_walk(repo, "theme")}
    assert list(modes) == sorted(expected)
    for path, (mode, _size) in expected.items():
        # A regular file's type alone (no lstat); anything else its whole lstat mode.
        assert modes[path] == (stat.S_IFREG if stat.S_ISREG(mode) else mode), path
    assert dict(walk_modes(repo, "content")) == {p: modes[p] for p in modes if p[:8] == "content/"}


def test_a_working_tree_side_is_the_side_read_from_full_stats(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _odd_tree(repo)
    fast = open_side(repo, None, "")
    # The reference: the listing with every lstat (git.entries), as the side was read before.
    entries = git.entries

    def full_listing(
        where: Path, ref: str | None, folders: list[str]
    ) -> tuple[dict[str, int], dict[str, int]]:
        found = entries(where, ref, folders)
        return {e.path: e.mode for e in found}, {e.path: e.size for e in found}

    monkeypatch.setattr(side_module, "_listing", full_listing)
    slow = open_side(repo, None, "")

    assert fast.refused == slow.refused
    assert [p.path for p in fast.refused] == [
        "content/carpeta-enlazada",
        "content/enlace.md",
        "content/tuberia.md",
        "theme/grande.j2",
    ]
    assert dict(fast.sizes) == dict(slow.sizes)
    assert (fast.templates, fast.authors) == (slow.templates, slow.authors)
    assert fast.post_paths() == slow.post_paths()


def test_working_sizes_lstat_only_the_files_asked_for(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    modes = git.working_modes(repo, ["content"])
    asked: list[str] = []
    real = os.lstat

    def counted(path: object, *args: object, **kwargs: object) -> os.stat_result:
        asked.append(str(path))
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "lstat", counted)
    sizes = side_module._WorkingSizes(repo, modes)
    post = next(p for p in modes if p.endswith(".md"))

    assert post in sizes and len(sizes) == len(modes) and not asked
    assert sizes[post] == real(repo / post).st_size
    assert sizes.get(post) == sizes[post]
    assert asked == [str(repo / post)]  # asked once, remembered
    assert sizes.get("content/no-such-file.md") is None


def test_the_listing_at_a_revision_is_every_committed_file_with_its_size(repo: Path) -> None:
    (repo / "content" / "enlace.md").symlink_to("index.md")
    run_git(repo, "add", "-A")
    run_git(repo, "commit", "--quiet", "-m", "enlace")
    expected = {**_os_walk(repo, "content"), **_os_walk(repo, "theme")}

    modes, sizes = git.tree_files(repo, "HEAD", ["content", "theme"])
    listed = git.entries(repo, "HEAD", ["content", "theme"])

    assert sizes == {path: size for path, (_mode, size) in expected.items()}
    assert {p: stat.S_IFMT(m) for p, m in modes.items()} == {
        p: stat.S_IFMT(m) for p, (m, _size) in expected.items()
    }
    assert [(e.path, e.mode, e.size) for e in listed] == [(p, modes[p], sizes[p]) for p in modes]
    assert git.tree_files(repo, "HEAD", ["no-such-folder"]) == ({}, {})


def test_without_a_temporary_folder_git_answers_through_a_pipe(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    through_file = _grep_lines(repo, None, PATTERN, "content/blog/posts")

    def no_temporary_file() -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(git.tempfile, "TemporaryFile", no_temporary_file)

    assert _grep_lines(repo, None, PATTERN, "content/blog/posts") == through_file
    assert through_file == _python_grep(repo, "content/blog/posts")
    with pytest.raises(git.GitError, match="unknown revision 'no-such-ref'"):
        git.resolve(repo, "no-such-ref")
    with pytest.raises(git.GitError) as raised:
        git._git(repo, "show", "HEAD:no-such-file")
    assert raised.value.code == 128 and "no-such-file" in str(raised.value)


@pytest.mark.parametrize("breaker", ["\u2028", "\u2029", "\x0c", "\x1c", "\x85", "\x0b"])
def test_a_line_break_other_than_newline_stays_inside_its_line(repo: Path, breaker: str) -> None:
    """Characters str.splitlines breaks at but git does not: the rest of the line is no path."""
    post = repo / "content" / "blog" / "posts" / "raro.md"
    post.write_bytes(f"---\ntitle: Antes{breaker}después\r\nslug: raro\n---\n".encode())

    found = _grep_lines(repo, None, PATTERN, "content/blog/posts")

    assert found["content/blog/posts/raro.md"] == [
        "---",
        f"title: Antes{breaker}después",
        "slug: raro",
        "---",
    ]
    listed = {p for p in found if (repo / p).is_file()}
    assert set(found) == listed  # every key is a file in the tree


@pytest.mark.parametrize("ref", [None, "HEAD"])
def test_both_forms_of_git_grep_give_each_files_lines(repo: Path, ref: str | None) -> None:
    # One name above a file's lines, or the name on every line: the same lines, read by Python.
    posts = repo / "content" / "blog" / "posts"
    (posts / "crlf.md").write_bytes(b"---\r\ntitle: Con CRLF\r\nslug: crlf\r\n---\r\n")
    (posts / "mitad.md").write_bytes(b"---\ntitle: Un \r en medio\n---\n")
    run_git(repo, "add", "-A")
    run_git(repo, "commit", "--quiet", "-m", "line ends")
    folder = "content/blog/posts"
    expected = {
        p: "\n".join(line.removesuffix("\r") for line in lines)
        for p, lines in _python_grep_bytes(repo, folder).items()
    }

    named = git.grep_blocks(repo, ref, PATTERN, folder)
    headed = git.grep_blocks(repo, ref, PATTERN, folder, heading=True)

    assert named == headed == expected
    assert named["content/blog/posts/crlf.md"] == "---\ntitle: Con CRLF\nslug: crlf\n---"


def test_a_name_holding_a_line_break_keeps_its_lines(repo: Path) -> None:
    # The name-on-every-line form tells such a name from a line (a line never holds a NUL).
    posts = repo / "content" / "blog" / "posts"
    (posts / "dos\nlineas.md").write_text("---\ntitle: Raro\n---\n", encoding="utf-8")

    found = git.grep_blocks(repo, None, PATTERN, "content/blog/posts")

    assert found["content/blog/posts/dos\nlineas.md"] == "---\ntitle: Raro\n---"
    assert all((repo / p).is_file() for p in found)


def _python_grep_bytes(root: Path, folder: str) -> dict[str, list[str]]:
    """``_python_grep``, each line split at LF alone (as git does), its CR kept."""
    found: dict[str, list[str]] = {}
    for path in sorted((root / folder).rglob("*")):
        if path.is_file() and not path.is_symlink():
            lines = path.read_bytes().decode("utf-8").split("\n")
            hits = [line for line in lines if re.match(PATTERN, line)]
            if hits:
                found[path.relative_to(root).as_posix()] = hits
    return found
