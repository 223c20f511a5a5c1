"""Real builds of the example site: variants, feeds, calendar, CSV and schedule, checked with
independent readers (feedparser, icalendar, csv, json, BeautifulSoup) against the posts.

Each build takes a few seconds, so the builds are few and shared: one per moment
(``before``/``at`` the future post's date, ``paused`` twice: by environment and by config),
plus the failing ones. Under pytest-xdist the workers share them through a lock file.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import functools
import html
import io
import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit
from xml.etree import ElementTree

import feedparser
import icalendar
import pytest
import yaml
from bs4 import BeautifulSoup
from paste_reader import read_paste, variant_sections

from portavoz.scheduler.content.model import Post
from portavoz.scheduler.content.repository import load_posts
from portavoz.scheduler.networks import get_network
from portavoz.scheduler.project import load_project

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: each worker builds its own copy
    fcntl = None  # type: ignore[assignment]

TESTS = Path(__file__).resolve().parents[1]
CASES = Path(__file__).resolve().parent / "cases"
STATUSES: dict[str, Any] = yaml.safe_load((CASES / "statuses.yml").read_text(encoding="utf-8"))
SITE_URL = "https://blog.ruedalibre-demo.es/"
FUTURE = "content/blog/posts/2027-02-15-ruta-de-las-alquerias.md"
SENTENCE = (
    "El mapa de la ruta de las alquerías lo dibujó a mano una compañera del taller durante sus "
    "paseos de domingo."
)
OLDER = "content/blog/posts/2026-11-03-puertas-abiertas-empresas.md"
"""A post already live when the pause began."""
RENAMED = "content/blog/posts/2026-01-12-seiscientas-bicis-nuevas.md"
NEW_TITLE = "Seiscientas bicis nuevas para empezar el año"
PAUSE = STATUSES["paused"]["pause"]
FEED_SIZE = 20
CALENDAR_DAYS = 180
"""How far back the calendar shows live posts (portavoz/scheduler's default)."""
BULK_HEADER = [
    "date",
    "time",
    "network",
    "message",
    "link",
    "image",
    "image_alt",
    "content_warning",
    "first_comment",
]


# --- shared builds -------------------------------------------------------------------------


def _root_conftest(config: pytest.Config) -> ModuleType:
    # tests/conftest.py owns how the example is copied and built; its fixtures are
    # function-scoped, so shared builds reach its functions through the plugin manager.
    module = config.pluginmanager.get_plugin(str(TESTS / "conftest.py"))
    assert module is not None, "tests/conftest.py is not loaded"
    return module  # type: ignore[no-any-return]


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    with path.open("w") as handle:
        if fcntl is not None:
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield


Prepare = Callable[[Path], None]
Build = Callable[..., Any]


@pytest.fixture(scope="session")
def shared_build(pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory) -> Build:
    """``shared_build(name, env, prepare=None)``: the example, prepared and built once per run."""
    root_conftest = _root_conftest(pytestconfig)
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # one folder per run, shared by its workers
    folder = base / "schedule-builds"
    folder.mkdir(exist_ok=True)

    def build(name: str, env: dict[str, str], prepare: Prepare | None = None) -> Any:
        root, record = folder / name, folder / f"{name}.json"
        with _locked(folder / f"{name}.lock"):
            if not record.is_file():
                shutil.rmtree(root, ignore_errors=True)
                root_conftest.copy_example(root)
                if prepare is not None:
                    prepare(root)
                done = root_conftest.run_build(root, env)
                record.write_text(json.dumps([done.returncode, done.output]), encoding="utf-8")
            returncode, output = json.loads(record.read_text(encoding="utf-8"))
        return root_conftest.BuildResult(returncode, output, root / "site", root)

    return build


def _replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} not found once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _rename_post(root: Path) -> None:
    _replace_once(
        root / RENAMED,
        'title: "Empezamos el año con seiscientas bicis nuevas en la calle"',
        f'title: "{NEW_TITLE}"',
    )


X_TEMPLATE = "{{ title }}\n\n{{ link }}\n\n— Equipo Rueda Libre\n"


def _prepare_at(root: Path) -> None:
    _rename_post(root)
    (root / "social").mkdir(parents=True)
    (root / "social" / "x.txt.j2").write_text(X_TEMPLATE, encoding="utf-8")


def _pause_in_config(root: Path) -> None:
    _replace_once(
        root / "mkdocs.yml",
        "      hub_dir: audiencias\n",
        "      hub_dir: audiencias\n"
        f"      pause:\n        reason: {PAUSE['reason']}\n        since: {PAUSE['since']}\n",
    )


_PAUSE_ENV = {"PORTAVOZ_PAUSE": PAUSE["reason"], "PORTAVOZ_PAUSE_SINCE": PAUSE["since"]}
BUILDS: dict[str, tuple[str, dict[str, str], Prepare | None]] = {
    # name: (moment in cases/statuses.yml, extra environment, change to the copy)
    "before": ("before", {}, None),
    # Also renames a post (its feed id must not change) and overrides the x template.
    "at": ("at", {}, _prepare_at),
    "paused-env": ("paused", _PAUSE_ENV, None),
    "paused-config": ("paused", {}, _pause_in_config),
}


def _built(shared_build: Build, name: str) -> Any:
    moment, env, prepare = BUILDS[name]
    result = shared_build(name, {"PORTAVOZ_NOW": STATUSES[moment]["now"], **env}, prepare)
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="module")
def before(shared_build: Build) -> Any:
    return _built(shared_build, "before")


@pytest.fixture(scope="module")
def at(shared_build: Build) -> Any:
    return _built(shared_build, "at")


@pytest.fixture(scope="module", params=["paused-env", "paused-config"])
def paused(request: pytest.FixtureRequest, shared_build: Build) -> Any:
    return _built(shared_build, request.param)


@pytest.fixture(scope="module", params=list(BUILDS))
def any_build(request: pytest.FixtureRequest, shared_build: Build) -> tuple[str, Any]:
    """Every successful build, with its moment in cases/statuses.yml."""
    return BUILDS[request.param][0], _built(shared_build, request.param)


# --- independent readers -------------------------------------------------------------------


def schedule(result: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((result.internal_dir / "schedule.json").read_text("utf-8"))
    return data


@functools.cache
def _load_posts(root: Path) -> dict[str, Post]:
    project = load_project(root / "mkdocs.yml")
    loaded = load_posts(root, project.settings)
    assert not loaded.has_errors, loaded.problems
    return {p.path: p for p in loaded.posts}


def scheduled_posts(result: Any) -> dict[str, dict[str, Any]]:
    return {p["post"]: p for p in schedule(result)["posts"]}


def source_posts(result: Any) -> dict[str, Post]:
    """The posts of a build's project, loaded by the content model (not by the build)."""
    return _load_posts(result.root)


def statuses(moment: str, posts: dict[str, Post]) -> dict[str, str]:
    not_live: dict[str, str] = STATUSES[moment]["not_live"]
    assert set(not_live) <= set(posts)
    return {path: not_live.get(path, "live") for path in posts}


def live(moment: str, posts: dict[str, Post], selected: Callable[[Post], bool]) -> list[Post]:
    """Live posts a feed selects, newest first, at most a feed's size."""
    status = statuses(moment, posts)
    found = [p for p in posts.values() if status[p.path] == "live" and selected(p)]
    return sorted(found, key=lambda p: p.date, reverse=True)[:FEED_SIZE]


def entry_id(post: Post, network: str = "") -> str:
    """The stable ``tag:`` id: host, one fixed year and the source file (never the date)."""
    suffix = f"#{network}" if network else ""
    return f"tag:blog.ruedalibre-demo.es,2026:{post.src_uri}{suffix}"


def event_uid(post: Post, network: str) -> str:
    """The calendar's stable UID: the source file and the network, at the site's host."""
    return f"{post.src_uri}#{network}@blog.ruedalibre-demo.es"


def feed(result: Any, key: str, fmt: str) -> Any:
    """A feed of the built site: feedparser's result for XML, the parsed JSON otherwise."""
    stem = "feed" if key == "all" else f"feeds/{key}"  # the site-wide feed is at the root
    path = result.site_dir / f"{stem}.{'json' if fmt == 'json' else fmt + '.xml'}"
    if fmt == "json":
        return json.loads(path.read_text(encoding="utf-8"))
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def feed_ids(result: Any, key: str, fmt: str) -> list[str]:
    document = feed(result, key, fmt)
    if fmt == "json":
        return [item["id"] for item in document["items"]]
    return [entry.id for entry in document.entries]


def readable(path: Path) -> str:
    """A built file's text as a reader sees it: JSON and HTML entities decoded."""
    text = path.read_bytes().decode("utf-8", errors="replace")
    if path.suffix == ".json":
        with contextlib.suppress(ValueError):
            text = json.dumps(json.loads(text), ensure_ascii=False)
    return " ".join(html.unescape(text).split())


def page_file(result: Any, url: str) -> Path:
    assert url.startswith(SITE_URL), url
    return Path(result.site_dir, urlsplit(url).path.lstrip("/"), "index.html")


def calendar_events(result: Any) -> list[Any]:
    calendar = icalendar.Calendar.from_ical((result.internal_dir / "calendar.ics").read_bytes())
    return list(calendar.walk("VEVENT"))


def bulk_rows(result: Any) -> list[list[str]]:
    text = (result.internal_dir / "bulk.csv").read_text(encoding="utf-8")
    return list(csv.reader(io.StringIO(text, newline="")))


def variants_by_key(result: Any) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (post["post"], variant["network"]): variant
        for post in schedule(result)["posts"]
        for variant in post["variants"]
    }


# --- variants --------------------------------------------------------------------------------


def test_a_variant_for_every_post_and_channel(before: Any) -> None:
    posts = source_posts(before)
    planned = scheduled_posts(before)

    assert set(planned) == set(posts)
    for path, post in posts.items():
        networks = [v["network"] for v in planned[path]["variants"]]
        assert networks == [channel.network for channel in post.channels], path
        for variant in planned[path]["variants"]:
            stem = before.internal_dir / "variants" / post.slug / variant["network"]
            pasted = stem.with_suffix(".txt").read_text(encoding="utf-8")
            assert read_paste(pasted) == variant_sections(variant)
            assert json.loads(stem.with_suffix(".json").read_text(encoding="utf-8")) == variant
    assert sum(len(p.channels) for p in posts.values()) == len(variants_by_key(before)) > 50


def test_bluesky_variants_carry_the_apps_facets(before: Any) -> None:
    """Pasted with full links; posted shortened as the app shows them, with tag facets."""
    bluesky = [v for (_, name), v in variants_by_key(before).items() if name == "bluesky"]
    assert len(bluesky) >= 5
    tagged = 0
    for variant in bluesky:
        assert variant["link"] in variant["text"]
        rows = zip(variant["parts"], variant["api_parts"], variant["facets"], strict=True)
        for part, api_text, facets in rows:
            encoded = api_text.encode("utf-8")
            spans = [
                (feature["$type"], encoded[f["index"]["byteStart"] : f["index"]["byteEnd"]])
                for f in facets
                for feature in f["features"]
            ]
            links = [f["features"][0]["uri"] for f in facets if "uri" in f["features"][0]]
            shown = [s.decode() for kind, s in spans if kind.endswith("#link")]
            assert shown == [_app_display(uri) for uri in links]
            hashtags = [w for w in part.split() if w.startswith("#")]
            tags = [s.decode() for kind, s in spans if kind.endswith("#tag")]
            assert tags == hashtags
            tagged += bool(tags)
    assert tagged >= 5


def _app_display(uri: str) -> str:
    """How the app shows an ASCII link without a port (its toShortUrl, read independently)."""
    parts = urlsplit(uri)
    rest = ("" if parts.path == "/" else parts.path) + (f"?{parts.query}" if parts.query else "")
    return parts.netloc + (f"{rest[:13]}..." if len(rest) > 15 else rest)


def test_every_variant_fits_its_network(before: Any) -> None:
    options = load_project(before.root / "mkdocs.yml").options("portavoz/scheduler")
    configured = options.get("networks")
    per_network: dict[str, Any] = configured if isinstance(configured, dict) else {}
    for (path, name), variant in variants_by_key(before).items():
        settings = {k: v for k, v in (per_network.get(name) or {}).items() if k != "hashtags"}
        network = get_network(name, **settings)
        counts = [
            network.count(part, content_warning=variant["content_warning"])
            for part in variant["parts"]
        ]
        where = f"{path} {name}"
        assert variant["text"] == "\n\n".join(variant["parts"]), where
        assert [c["length"] for c in variant["counts"]] == [c.length for c in counts], where
        assert variant["count"] == max(c.length for c in counts), where
        assert variant["limit"] == network.limit, where
        assert all(c.fits for c in counts), where
        assert variant["count"] <= variant["limit"], where


def test_mastodon_content_warning_is_counted(before: Any) -> None:
    variant = variants_by_key(before)[
        ("content/blog/posts/2026-04-14-obras-avenida-del-puerto.md", "mastodon")
    ]
    assert variant["content_warning"] == "Obras en el carril bici"
    mastodon = get_network("mastodon", limit=500)
    with_cw = mastodon.count(variant["text"], content_warning=variant["content_warning"])
    assert variant["count"] == with_cw.length > mastodon.count(variant["text"]).length


def test_template_override_folder_is_used(before: Any, at: Any) -> None:
    posts = source_posts(at)
    old, new = variants_by_key(before), variants_by_key(at)
    # x variants made from the template: no override text, no automatic thread.
    templated = [
        (post.path, "x")
        for post in posts.values()
        for channel in post.channels
        if channel.network == "x" and channel.text is None and not post.thread
    ]
    assert len(templated) >= 5
    for path, network in templated:
        variant = new[(path, network)]
        expected = f"{posts[path].title}\n\n{variant['link']}\n\n— Equipo Rueda Libre"
        assert variant["text"] == expected
    untouched = [key for key in new if key[0] != RENAMED and key not in templated]
    assert untouched
    assert all(new[key]["text"] == old[key]["text"] for key in untouched)


# --- schedule.json ---------------------------------------------------------------------------


def test_schedule_statuses_and_moments(any_build: tuple[str, Any]) -> None:
    moment, result = any_build
    document = schedule(result)
    posts = source_posts(result)
    expected = statuses(moment, posts)
    madrid = load_project(result.root / "mkdocs.yml").settings.timezone

    now = dt.datetime.fromisoformat(STATUSES[moment]["now"])
    assert document["timezone"] == "Europe/Madrid"
    assert document.get("generated_for") in (
        None,
        now.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    )
    for path, item in scheduled_posts(result).items():
        post = posts[path]
        utc = post.date.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        local = post.date.astimezone(madrid).isoformat()
        assert item["status"] == expected[path], path
        assert (item["publish_at_utc"], item["publish_at_local"]) == (utc, local), path
        held = PAUSE["reason"] if expected[path] == "held" else None
        assert item["held_reason"] == held, path
        for variant in item["variants"]:
            assert variant["status"] == item["status"]
            assert variant["held_reason"] == held
            assert (variant["publish_at_utc"], variant["publish_at_local"]) == (utc, local)
    future = scheduled_posts(result)[FUTURE]
    assert (future["publish_at_utc"], future["publish_at_local"]) == (
        "2027-02-15T08:00:00Z",
        "2027-02-15T09:00:00+01:00",
    )


def test_schedule_names_the_pause(paused: Any) -> None:
    assert schedule(paused)["pause"] == {"reason": PAUSE["reason"], "since": "2027-01-31T23:00:00Z"}


# --- feeds -----------------------------------------------------------------------------------

SELECTIONS: dict[str, Callable[[Post], bool]] = {
    "all": lambda post: True,
    "audiences/ciclistas": lambda post: "ciclistas" in post.audiences,
    "audiences/prensa": lambda post: "prensa" in post.audiences,
    "categories/rutas": lambda post: "Rutas" in post.categories,
    "networks/x": lambda post: post.channel("x") is not None,
    "networks/bluesky": lambda post: post.channel("bluesky") is not None,
}


def test_every_feed_parses(before: Any) -> None:
    files = sorted((before.site_dir / "feeds").rglob("*.*"))
    assert len(files) >= 3 * 10
    for path in files:
        if path.name == "sitemap.xml":  # Material fetches one beside every feed a page links
            root = ElementTree.fromstring(path.read_bytes())
            assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset", path
            continue
        if path.suffix == ".json":
            document = json.loads(path.read_text(encoding="utf-8"))
            assert document["version"] == "https://jsonfeed.org/version/1.1", path
            assert document["feed_url"] == SITE_URL + path.relative_to(before.site_dir).as_posix()
            continue
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.version == ("atom10" if path.name.endswith(".atom.xml") else "rss20"), path


@pytest.mark.parametrize("fmt", ["rss", "atom", "json"])
@pytest.mark.parametrize("key", list(SELECTIONS))
def test_feed_entries_are_the_live_posts(before: Any, key: str, fmt: str) -> None:
    network = key.removeprefix("networks/") if key.startswith("networks/") else ""
    expected = live("before", source_posts(before), SELECTIONS[key])

    ids = feed_ids(before, key, fmt)

    assert 0 < len(expected) == len(ids)
    assert ids == [entry_id(post, network) for post in expected]


@pytest.mark.parametrize("network", ["x", "bluesky", "mastodon", "instagram"])
def test_network_feed_items_are_the_variants(before: Any, network: str) -> None:
    variants = variants_by_key(before)
    posts = source_posts(before)
    expected = [
        variants[(p.path, network)]["text"]
        for p in live("before", posts, lambda post: post.channel(network) is not None)
    ]
    atom = feed(before, f"networks/{network}", "atom")
    rss = feed(before, f"networks/{network}", "rss")
    json_feed = feed(before, f"networks/{network}", "json")

    assert [e.summary for e in atom.entries] == expected
    assert [html.unescape(e.summary) for e in rss.entries] == expected
    assert [item["content_text"] for item in json_feed["items"]] == expected


def test_entry_ids_survive_a_title_change(before: Any, at: Any) -> None:
    old, new = source_posts(before)[RENAMED], source_posts(at)[RENAMED]
    assert (new.title, old.title) == (
        NEW_TITLE,
        "Empezamos el año con seiscientas bicis nuevas en la calle",
    )
    for fmt in ("rss", "atom"):
        (old_entry,) = [e for e in feed(before, "all", fmt).entries if e.id == entry_id(old)]
        (new_entry,) = [e for e in feed(at, "all", fmt).entries if e.id == entry_id(new)]
        assert new_entry.id == old_entry.id
        assert (old_entry.title, new_entry.title) == (old.title, NEW_TITLE)
        assert new_entry.link != old_entry.link  # the slug follows the title, the id does not
    (item,) = [i for i in feed(at, "all", "json")["items"] if i["title"] == NEW_TITLE]
    assert item["id"] == entry_id(old)


def test_every_page_links_the_feeds(before: Any) -> None:
    """Every page links the site feed; an audience's hub page also its audience's feeds."""
    pages = sorted(before.site_dir.rglob("*.html"))
    assert len(pages) > 20
    wanted = {
        ("application/rss+xml", SITE_URL + "feed.rss.xml"),
        ("application/atom+xml", SITE_URL + "feed.atom.xml"),
        ("application/feed+json", SITE_URL + "feed.json"),
    }
    for page in pages:
        head = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").head
        assert head is not None, page
        links = {
            (str(link.get("type")), str(link.get("href")))
            for link in head.find_all("link", rel="alternate")
            if "feed" in str(link.get("type")) or "xml" in str(link.get("type"))
        }
        audience = page.parent.name if page.parent.parent.name == "audiencias" else ""
        own = {
            (kind, f"{SITE_URL}feeds/audiences/{audience}.{suffix}")
            for kind, suffix in [
                ("application/rss+xml", "rss.xml"),
                ("application/atom+xml", "atom.xml"),
                ("application/feed+json", "json"),
            ]
        }
        assert wanted <= links, page
        if audience:
            assert own <= links, page
        for _, url in links:
            assert (before.site_dir / url.removeprefix(SITE_URL)).is_file(), (page, url)


# --- calendar and bulk CSV -------------------------------------------------------------------


def test_calendar_has_an_event_per_live_or_scheduled_variant(before: Any) -> None:
    posts = source_posts(before)
    status = statuses("before", posts)
    variants = variants_by_key(before)
    # Scheduled posts, and live ones published in the last CALENDAR_DAYS (the default window).
    since = dt.datetime.fromisoformat(STATUSES["before"]["now"]) - dt.timedelta(days=CALENDAR_DAYS)
    expected = {
        (path, network)
        for (path, network) in variants
        if status[path] == "scheduled" or (status[path] == "live" and posts[path].date >= since)
    }
    assert any(status[p] == "live" and posts[p].date < since for p, _ in variants), "no old post"
    by_uid = {event_uid(posts[path], network): (path, network) for path, network in expected}

    events = calendar_events(before)

    assert sorted(str(e["UID"]) for e in events) == sorted(by_uid)
    for event in events:
        path, network = by_uid[str(event["UID"])]
        start = event.decoded("DTSTART")
        assert start == posts[path].date
        assert start.utcoffset() == dt.timedelta(0)
        assert str(event["DESCRIPTION"]) == variants[(path, network)]["text"]
        assert str(event["URL"]) == variants[(path, network)]["link"]


def test_bulk_csv_has_the_scheduled_variants(before: Any) -> None:
    posts = source_posts(before)
    status = statuses("before", posts)
    variants = variants_by_key(before)
    expected = [
        [
            "2027-02-15",
            "09:00",
            network,
            variant["text"],
            variant["link"],
            variant["image"],
            variant["image_alt"],
            variant["content_warning"],
            variant["first_comment"],
        ]
        for (path, network), variant in variants.items()
        if status[path] == "scheduled"
    ]

    header, *rows = bulk_rows(before)

    assert header == BULK_HEADER
    assert sorted(rows) == sorted(expected)
    assert {row[2] for row in rows} == {"x", "linkedin", "facebook", "bluesky"}


# --- the future post -------------------------------------------------------------------------


def test_future_post_stays_out_of_the_public_site(before: Any) -> None:
    future = scheduled_posts(before)[FUTURE]
    post = source_posts(before)[FUTURE]
    assert SENTENCE in post.body
    texts = {path: readable(path) for path in before.site_dir.rglob("*") if path.is_file()}
    assert len(texts) > 50

    for path, text in texts.items():
        assert SENTENCE not in text, path
        assert post.title not in text, path
        assert post.summary not in text, path
    assert not page_file(before, future["url"]).exists()

    internal = (before.internal_dir / "schedule.json").read_text(encoding="utf-8")
    assert post.title in internal and post.summary in internal
    for network in ("x", "linkedin", "facebook", "bluesky"):
        text = (before.internal_dir / "variants" / post.slug / f"{network}.txt").read_text("utf-8")
        assert text.startswith(post.title + "\n\n" + post.summary + "\n\n")


def _future_in_feeds(result: Any) -> dict[str, bool]:
    post = source_posts(result)[FUTURE]
    keys = [
        ("all", ""),
        ("audiences/general", ""),
        ("audiences/ciclistas", ""),
        ("categories/rutas", ""),
        *((f"networks/{n}", n) for n in ("x", "linkedin", "facebook", "bluesky")),
    ]
    return {
        f"{key}.{fmt}": entry_id(post, network) in feed_ids(result, key, fmt)
        for key, network in keys
        for fmt in ("rss", "atom", "json")
    }


def test_clock_publishes_the_future_post_everywhere_at_once(before: Any, at: Any) -> None:
    url = scheduled_posts(before)[FUTURE]["url"]
    assert scheduled_posts(before)[FUTURE]["status"] == "scheduled"
    assert not page_file(before, url).exists()
    assert not any(_future_in_feeds(before).values())

    assert scheduled_posts(at)[FUTURE]["status"] == "live"
    page = page_file(at, url)
    assert SENTENCE in readable(page)
    assert all(_future_in_feeds(at).values()), _future_in_feeds(at)
    uids = {str(e["UID"]) for e in calendar_events(at)}
    post = source_posts(at)[FUTURE]
    assert {event_uid(post, n) for n in ("x", "linkedin", "facebook", "bluesky")} <= uids
    assert bulk_rows(at) == [BULK_HEADER]  # nothing left to schedule


def test_pause_holds_the_future_post(paused: Any) -> None:
    planned = scheduled_posts(paused)
    posts = source_posts(paused)
    future = planned[FUTURE]

    assert (future["status"], future["held_reason"]) == ("held", PAUSE["reason"])
    assert not page_file(paused, future["url"]).exists()
    assert not any(_future_in_feeds(paused).values())
    assert not any(SENTENCE in readable(p) for p in paused.site_dir.rglob("*") if p.is_file())
    key = posts[FUTURE].src_uri
    assert not [e for e in calendar_events(paused) if str(e["UID"]).startswith(key + "#")]
    assert bulk_rows(paused) == [BULK_HEADER]
    # Held, not lost: its variants are still there for when the pause is lifted.
    assert [v["network"] for v in future["variants"]] == ["x", "linkedin", "facebook", "bluesky"]


def test_pause_keeps_older_posts_live(paused: Any) -> None:
    older = scheduled_posts(paused)[OLDER]
    post = source_posts(paused)[OLDER]
    assert post.date < dt.datetime.fromisoformat(PAUSE["since"])

    assert (older["status"], older["held_reason"]) == ("live", None)
    assert page_file(paused, older["url"]).is_file()
    assert entry_id(post) in feed_ids(paused, "all", "atom")
    uids = {str(e["UID"]) for e in calendar_events(paused)}
    assert event_uid(post, "linkedin") in uids


# --- builds that must fail -------------------------------------------------------------------

LONG_POST = "content/blog/posts/2026-08-01-titulo-demasiado-largo.md"


def test_post_that_cannot_fit_fails_the_build(shared_build: Build) -> None:
    title = ("Una ruta muy larga por la huerta " * 10)[:300].strip()
    assert len(title) >= 299

    def add_post(root: Path) -> None:
        (root / LONG_POST).write_text(
            # The slug keeps the URL short: a 300-character one is refused before any variant.
            f'---\ntitle: "{title}"\nslug: titulo-largo\ndate: 2026-08-01 10:00:00\n'
            "authors: [lucia]\n"
            f'categories: [Rutas]\nsummary: "Resumen corto."\nchannels: [x]\n---\n\nCuerpo.\n',
            encoding="utf-8",
        )

    result = shared_build("too-long", {"PORTAVOZ_NOW": STATUSES["before"]["now"]}, add_post)
    # The barest variant: the title and the link (any link counts 23 on X).
    count = get_network("x").count(f"{title}\n\nhttps://blog.ruedalibre-demo.es/blog/x/").length

    assert result.returncode != 0
    assert "Traceback" not in result.output
    (line,) = [line for line in result.output.splitlines() if LONG_POST in line]
    assert f"x: {count} weighted characters, over the limit of 280" in line
    assert "1 error in posts" in result.output


def test_output_dir_inside_site_dir_is_refused(shared_build: Build) -> None:
    output_dir = "site/interno"

    def configure(root: Path) -> None:
        _replace_once(root / "mkdocs.yml", "output_dir: .portavoz", f"output_dir: {output_dir}")

    result = shared_build("output-dir", {"PORTAVOZ_NOW": STATUSES["before"]["now"]}, configure)

    assert result.returncode != 0
    assert "Traceback" not in result.output
    assert f"output_dir: '{output_dir}' is inside site_dir 'site'" in result.output
    assert not (result.root / "site" / "interno").exists()
    assert not (result.root / "site" / "schedule.json").exists()


# --- determinism -----------------------------------------------------------------------------


SCHEDULER_OUTPUTS = ("schedule.json", "calendar.ics", "bulk.csv", "variants/**/*")
"""What portavoz/scheduler writes in .portavoz (other plugins have their own subfolders)."""


def _internal_files(folder: Path) -> dict[Path, bytes]:
    found = (p for pattern in SCHEDULER_OUTPUTS for p in folder.glob(pattern) if p.is_file())
    return {p: p.read_bytes() for p in found}


def _comparable(files: dict[Path, bytes], folder: Path) -> dict[str, object]:
    """Files by relative path; schedule.json parsed, without the moment it was made for."""
    out: dict[str, object] = {p.relative_to(folder).as_posix(): data for p, data in files.items()}
    document = json.loads(out["schedule.json"])  # type: ignore[arg-type]
    document.pop("generated_for", None)
    out["schedule.json"] = document
    return out


def test_a_second_build_leaves_internal_files_identical(
    before: Any, tmp_path: Path, pytestconfig: pytest.Config
) -> None:
    root = tmp_path / "again"
    shutil.copytree(before.root, root)
    folder = root / ".portavoz"
    first = _internal_files(folder)
    stamps = {p: p.stat().st_mtime_ns for p in first}

    again = _root_conftest(pytestconfig).run_build(
        root, {"PORTAVOZ_NOW": STATUSES["before"]["now"]}
    )

    assert again.returncode == 0, again.output
    second = _internal_files(folder)
    assert len(first) > 100
    assert _comparable(second, folder) == _comparable(first, folder)
    assert _comparable(first, folder) == _comparable(
        _internal_files(before.internal_dir), before.internal_dir
    )
    # Unchanged files are not rewritten: nothing moves for rsync, CDNs or `mkdocs serve`.
    assert "internal outputs: 0 files changed" in again.output
    assert {p: p.stat().st_mtime_ns for p in stamps} == stamps
