"""The feed documents' cache (``.portavoz/cache/feeds.json``): a feed whose inputs did not
change is read, not rendered; any change of its inputs renders it again; a damaged or hostile
file is ignored with one warning. Every document the cache gives equals a fresh rendering."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from cache_plans import AT, build_in_process, plan

from portavoz.scheduler.compose.plan import Plan
from portavoz.scheduler.compose.settings import FeedOptions
from portavoz.scheduler.outputs.feeds import FeedFormat
from portavoz.scheduler.outputs.feedset import site_feeds
from portavoz.scheduler.outputs.model import FeedEntry, FeedInfo
from portavoz.scheduler.usecases import caching, feed_cache
from portavoz.scheduler.usecases.feed_cache import FeedCache, open_feed_cache

OPTIONS = FeedOptions(per_audience=True, per_category=True, per_network=True)
NAME = "Rueda Libre"
SENTINEL = "<poisoned/>"
Documents = dict[str, str]
LATER = "2026-06-20T00:00+02:00"
"""A moment after :data:`AT` at which one more post is live (2026-06-16's)."""


def _cache(root: Path) -> FeedCache:
    return open_feed_cache(root, root / ".portavoz")


def _file(root: Path) -> Path:
    return root / ".portavoz" / "cache" / "feeds.json"


def _documents(
    made: Plan, cache: FeedCache | None, options: FeedOptions = OPTIONS, name: str = NAME
) -> Documents:
    """Every feed's documents by path, through ``cache`` (``None``: rendered)."""
    feeds = site_feeds(made, name, options, description="Bicis.", keep=False)
    found = {p: d for f in feeds for p, d in f.files(cache).items()}
    if cache is not None:
        cache.save()
    return found


def _poison(root: Path) -> int:
    """Replace every stored document by a sentinel; returns how many there are."""
    document = json.loads(_file(root).read_text(encoding="utf-8"))
    for key in document["entries"]:
        document["entries"][key] = SENTINEL
    _file(root).write_text(json.dumps(document), encoding="utf-8")
    return len(document["entries"])


def _no_rendering(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> str:
        raise AssertionError("rendered a feed again")

    monkeypatch.setattr(feed_cache, "render_feed", refuse)


@pytest.fixture
def made(example_site: Path) -> Plan:
    return plan(example_site, cache=False)[0]


def test_a_second_run_reads_every_document_and_equals_a_fresh_rendering(
    example_site: Path, made: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = _documents(made, None)
    first = _documents(made, _cache(example_site))
    _no_rendering(monkeypatch)
    caching.forget_files()  # read from the file, as a new process does

    again = _documents(made, _cache(example_site))

    assert first == fresh == again and len(fresh) > 3


Change = tuple[Plan, FeedOptions, str]
"""The plan, options and site name after one input changed."""


def _edit_post(root: Path, made: Plan, mp: pytest.MonkeyPatch) -> Change:
    post = root / "content" / "blog" / "posts" / "2026-05-05-presentamos-la-e-brisa.md"
    text = post.read_text(encoding="utf-8")
    assert 'title: "' in text
    post.write_text(text.replace('title: "', 'title: "Ya: ', 1), encoding="utf-8")
    return plan(root, cache=False)[0], OPTIONS, NAME


def _later(root: Path, made: Plan, mp: pytest.MonkeyPatch) -> Change:
    return plan(root, cache=False, at=LATER)[0], OPTIONS, NAME


def _smaller(root: Path, made: Plan, mp: pytest.MonkeyPatch) -> Change:
    return made, FeedOptions(per_audience=True, per_category=True, per_network=True, size=1), NAME


def _renamed(root: Path, made: Plan, mp: pytest.MonkeyPatch) -> Change:
    return made, OPTIONS, "Rueda"


CHANGES: dict[str, Callable[[Path, Plan, pytest.MonkeyPatch], Change]] = {
    "a post's bytes": _edit_post,
    "the clock": _later,
    "the feeds' size": _smaller,
    "the site's name": _renamed,
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_changed_input_renders_its_feeds_again(
    example_site: Path, made: Plan, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    before = _documents(made, _cache(example_site))
    assert _poison(example_site) == len(before)
    caching.forget_files()

    changed, options, name = CHANGES[change](example_site, made, monkeypatch)
    served = _documents(changed, _cache(example_site), options, name)
    fresh = _documents(changed, None, options, name)

    moved = {p for p, d in fresh.items() if before.get(p) != d}
    assert moved  # the change does change some feed
    assert {p: served[p] for p in moved} == {p: fresh[p] for p in moved}
    # What did not change may be read (here: the sentinel), and nothing else.
    assert all(served[p] in (fresh[p], SENTINEL) for p in fresh)


def _another_portavoz(mp: pytest.MonkeyPatch) -> None:
    mp.setattr(caching, "code_version", lambda: "another")  # its code, templates, data


def _another_jinja(mp: pytest.MonkeyPatch) -> None:
    mp.setattr(caching, "library_versions", lambda names: [f"{n}=0" for n in names])


@pytest.mark.parametrize("change", [_another_portavoz, _another_jinja])
def test_another_portavoz_or_library_renders_every_feed_again(
    example_site: Path,
    made: Plan,
    monkeypatch: pytest.MonkeyPatch,
    change: Callable[[pytest.MonkeyPatch], None],
) -> None:
    _documents(made, _cache(example_site))
    _poison(example_site)
    caching.forget_files()
    change(monkeypatch)

    assert _documents(made, _cache(example_site)) == _documents(made, None)


def _entries_of_another_type(root: Path) -> None:
    document = json.loads(_file(root).read_text(encoding="utf-8"))
    for key in document["entries"]:
        document["entries"][key] = {"__reduce__": ["os.system", ["true"]]}
    _file(root).write_text(json.dumps(document), encoding="utf-8")


def _a_link(root: Path) -> None:
    target = root / "elsewhere.json"
    _file(root).rename(target)
    _file(root).symlink_to(target)


DAMAGE: dict[str, Callable[[Path], None]] = {
    "not JSON": lambda root: _file(root).write_bytes(b"\x80\x04\x95 pickle?"),
    "another schema": lambda root: _file(root).write_text('{"schema": "x", "entries": {}}'),
    "entries that are no documents": _entries_of_another_type,
    "a link": _a_link,
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_file_is_ignored_with_one_warning_and_written_again(
    example_site: Path, made: Plan, damage: str
) -> None:
    fresh = _documents(made, _cache(example_site))
    DAMAGE[damage](example_site)
    caching.forget_files()

    cache = _cache(example_site)
    served = _documents(made, cache)

    assert served == fresh
    assert cache.warning is not None
    assert "unusable cache" in cache.warning.format()
    assert ".portavoz/cache/feeds.json" in cache.warning.format()
    if damage != "a link":  # written again (a link is left alone: nothing writes through it)
        caching.forget_files()
        healed = _cache(example_site)
        assert _documents(made, healed) == fresh and healed.warning is None


def test_a_text_without_a_utf8_form_is_rendered_and_not_kept(example_site: Path) -> None:
    moment = dt.datetime.fromisoformat(AT)
    home = "https://a.example/"
    info = FeedInfo("feeds/x", "X\ud800", "", home, home, "es", moment)
    entry = FeedEntry("tag:a.example,2026:x", "T", "/x/", "S", moment)
    cache = _cache(example_site)

    document = cache.document(FeedFormat.ATOM, info, (entry,))
    cache.save()

    assert "\ud800" not in document and ">X</title>" in document
    assert not _file(example_site).exists()


def test_a_second_build_reads_the_feeds_it_wrote(
    example_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_in_process(example_site, "build", monkeypatch)
    feeds = example_site / "site" / "feeds"
    written = {p: p.read_bytes() for p in sorted(feeds.rglob("*")) if p.is_file()}
    _no_rendering(monkeypatch)

    build_in_process(example_site, "build", monkeypatch)

    assert written and {p: p.read_bytes() for p in written} == written


def test_serve_keeps_its_documents_in_memory_and_leaves_the_file_alone(
    example_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_in_process(example_site, "build", monkeypatch)
    stored = _file(example_site).read_bytes()
    _edit_post(example_site, plan(example_site, cache=False)[0], monkeypatch)

    build_in_process(example_site, "serve", monkeypatch)  # its plugins: cleared before each test

    assert _file(example_site).read_bytes() == stored


def test_the_file_keeps_the_last_runs_documents_alone(example_site: Path, made: Plan) -> None:
    _documents(made, _cache(example_site))
    caching.forget_files()
    later = _documents(plan(example_site, cache=False, at=LATER)[0], _cache(example_site))
    stored = json.loads(_file(example_site).read_text(encoding="utf-8"))["entries"]

    assert sorted(stored.values()) == sorted(later.values())
