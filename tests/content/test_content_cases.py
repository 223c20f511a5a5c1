"""`portavoz check` over file pairs in cases/: ``<case>.md`` ↔ ``<case>.error.txt``
(the exact lines it prints) and ``valid-<case>.md`` ↔ ``valid-<case>.expected.json``
(the post it reads). A new case is a new pair of files; the partner states what the case
checks (a first line ``# Expect: …``, or an ``"expect"`` field), as tests/goldens.py describes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from goldens import UPDATE, check_lines, expected_lines

from portavoz.scheduler.cli.main import main
from portavoz.scheduler.content.model import ChannelSpec
from portavoz.scheduler.content.repository import load_posts
from portavoz.scheduler.content.urls import post_path
from portavoz.scheduler.content.window import Window
from portavoz.scheduler.project import load_project

CASES = Path(__file__).resolve().parent / "cases"
AT = "2026-11-23T12:00:00+01:00"
"""The fixed clock every case is checked at."""

BAD = sorted(p for p in CASES.glob("*.md") if not p.name.startswith("valid-"))
GOOD = sorted(CASES.glob("valid-*.md"))


def _partner(case: Path) -> Path:
    suffix = ".expected.json" if case.name.startswith("valid-") else ".error.txt"
    return case.with_name(case.stem + suffix)


def _check(root: Path) -> Result:
    # Front matter only: the brand-voice rules have their own cases in tests/lint.
    args = ["check", str(root), "--at", AT, "--no-lint"]
    return CliRunner().invoke(main, args, env={"PORTAVOZ_NOW": None})


def _problem_lines(result: Result) -> list[str]:
    return [line for line in result.output.splitlines() if line.startswith("content/")]


@pytest.mark.parametrize("case", BAD, ids=lambda p: p.stem)
def test_bad_post_is_reported(case: Path, case_project: Callable[..., Path]) -> None:
    root = case_project(case)

    result = _check(root)

    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    # A case may expect warnings only: the check then passes (it fails with --strict).
    errors = [line for line in _problem_lines(result) if line.endswith("[error]")]
    assert result.exit_code == (1 if errors else 0), result.output
    assert errors or UPDATE or expected_lines(_partner(case)), "a case that finds nothing"
    check_lines(_partner(case), _problem_lines(result))


@pytest.mark.parametrize("case", GOOD, ids=lambda p: p.stem)
def test_valid_post_is_read(case: Path, case_project: Callable[..., Path]) -> None:
    root = case_project(case)

    result = _check(root)

    assert result.exit_code == 0, result.output
    assert _problem_lines(result) == []
    assert "checked 1 posts" in result.output
    expected = json.loads(_partner(case).read_text(encoding="utf-8"))
    expected.pop("expect", None)  # the case's statement (tests/test_goldens.py requires it)
    assert {k: v for k, v in _as_json(root).items() if k in expected} == expected


def test_every_case_has_its_partner_file() -> None:
    missing = [c.name for c in [*BAD, *GOOD] if not _partner(c).is_file()]
    partners = {_partner(c) for c in [*BAD, *GOOD]}
    orphans = [
        p.name
        for p in CASES.iterdir()
        if p.name.endswith((".error.txt", ".expected.json")) and p not in partners
    ]
    assert (missing, orphans) == ([], [])


# Fixtures whose point is their bytes: an editor or a formatter must not "fix" them.
RAW_FIXTURES = [
    ("valid-bom.md", lambda data: data.startswith(b"\xef\xbb\xbf---\n")),
    ("binary.md", lambda data: b"\x00" in data),
    ("latin1.md", lambda data: b"\xe9" in data and not _is_utf8(data)),
    ("tabs.md", lambda data: b"\n\tx:" in data),
]


@pytest.mark.parametrize(("name", "holds"), RAW_FIXTURES, ids=[n for n, _ in RAW_FIXTURES])
def test_byte_level_fixtures_are_intact(name: str, holds: Callable[[bytes], bool]) -> None:
    assert holds((CASES / name).read_bytes())


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _as_json(root: Path) -> dict[str, object]:
    """The one post of a project as JSON values (dates in UTC), read the way a build reads it."""
    project = load_project(root / "mkdocs.yml")
    loaded = load_posts(project.root, project.settings)
    assert loaded.problems == ()
    (post,) = loaded.posts
    now = dt.datetime.fromisoformat(AT)
    return {
        "title": post.title,
        "date": _utc(post.date),
        "url_date": post.url_date.isoformat(),
        "updated": _utc(post.updated),
        "expires": _utc(post.expires),
        "draft": post.draft,
        "audiences": list(post.audiences),
        "channels": [_channel(c) for c in post.channels],
        "moments": {c.network: _utc(post.moment_on(c.network)) for c in post.channels},
        "categories": list(post.categories),
        "tags": list(post.tags),
        "authors": list(post.authors),
        "summary": post.summary,
        "slug": post.slug,
        "url_path": post_path(post, project.settings),
        "lang": post.lang,
        "status": Window(now).status(post, project.settings).value,
    }


def _utc(value: dt.datetime | None) -> str | None:
    return None if value is None else value.astimezone(dt.UTC).isoformat()


def _channel(spec: ChannelSpec) -> dict[str, object]:
    """A channel as the fields that differ from their defaults."""
    out: dict[str, object] = {"network": spec.network}
    for f in dataclasses.fields(spec):
        value = getattr(spec, f.name)
        default = f.default_factory() if f.default_factory is not dataclasses.MISSING else f.default
        if f.name != "network" and value != default:
            out[f.name] = _json_value(value)
    return out


def _json_value(value: object) -> object:
    """A channel field as JSON: lists, moments in UTC, offsets (``at: +2h``) in seconds."""
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, dt.datetime):
        return _utc(value)
    if isinstance(value, dt.timedelta):
        return int(value.total_seconds())
    return value


def test_valid_cases_check_clean_together(case_project: Callable[..., Path]) -> None:
    result = _check(case_project(*GOOD))

    assert result.exit_code == 0, result.output
    assert f"checked {len(GOOD)} posts" in result.output


def test_two_posts_at_one_url_are_reported(
    case_project: Callable[..., Path], tmp_path: Path
) -> None:
    copy = tmp_path / "copia.md"
    copy.write_bytes((CASES / "valid-bom.md").read_bytes())
    root = case_project(CASES / "valid-bom.md", copy)

    result = _check(root)

    assert result.exit_code == 1
    assert _problem_lines(result) == [
        "content/blog/posts/valid-bom.md: slug: 'archivo-con-bom-al-principio' gives the same "
        "URL as content/blog/posts/copia.md; give one of them another slug [error]"
    ]
