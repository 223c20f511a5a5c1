"""Every fetching case against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import ipaddress
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import httpx
import pytest
from feedserver import ETAG, LAST_MODIFIED, FeedServer

from portavoz.scheduler.listening import addresses, cache, fetch, pipeline
from portavoz.scheduler.listening.policy import FetchPolicy
from portavoz.scheduler.listening.settings import Source

POLICY = FetchPolicy(timeout=0.5, max_bytes=100_000, concurrency=4, user_agent="portavoz/test")


def _policy(server: FeedServer) -> FetchPolicy:
    """The test policy, with the 127.0.0.1 fixture server allowed (it is not public)."""
    return replace(POLICY, allow_private=(("127.0.0.1", int(server.host_port.split(":")[1])),))


CASES = {
    # name: (path, kind)
    "rss2": "/rss2.xml",
    "atom": "/atom.xml",
    "rdf": "/rdf.xml",
    "malformed": "/malformed.xml",
    "wrong-encoding": "/wrong-encoding.xml",
    "moved": "/moved.xml",
    "gone": "/gone.xml",
    "error": "/error.xml",
    "slow": "/slow.xml",
    "huge": "/huge.xml",
    "hostile": "/hostile.xml",
    "flaky": "/flaky.xml",
    "breaks": "/breaks.xml",
}


def _sources(server: FeedServer) -> list[Source]:
    return [Source(name, server.url(path)) for name, path in CASES.items()]


def _harvest(server: FeedServer, tmp_path: Path, now: datetime) -> pipeline.Harvest:
    return pipeline.harvest(_sources(server), tmp_path / "cache", now=now, policy=_policy(server))


def _by_source(found: pipeline.Harvest) -> dict[str, list[str]]:
    titles: dict[str, list[str]] = {}
    for entry in found.entries:
        titles.setdefault(entry.source, []).append(entry.title)
    return titles


def _statuses(found: pipeline.Harvest) -> dict[str, str]:
    return {r.name: r.status for r in found.reports}


def _warnings(found: pipeline.Harvest) -> dict[str, str]:
    return {p.message.split(" (")[0]: p.message for p in found.problems}


@pytest.fixture
def runs(feed_server: FeedServer, tmp_path: Path, now: datetime) -> list[pipeline.Harvest]:
    return [_harvest(feed_server, tmp_path, now) for _ in range(2)]


def test_first_run_outcomes(runs: list[pipeline.Harvest]) -> None:
    first = runs[0]
    assert _statuses(first) == {
        **dict.fromkeys(["rss2", "atom", "rdf", "wrong-encoding", "moved", "hostile"], "new"),
        **dict.fromkeys(["flaky", "breaks"], "new"),
        **dict.fromkeys(["malformed", "error", "slow", "huge"], "failed"),
        "gone": "gone",
    }
    warnings = _warnings(first)
    assert set(warnings) == {"malformed", "error", "slow", "huge", "gone"}
    assert "not a readable feed" in warnings["malformed"]
    assert "HTTP 500" in warnings["error"]
    assert "timed out after 0.5 s" in warnings["slow"]
    assert "larger than the cap of 100000 bytes" in warnings["huge"]
    assert "410 Gone" in warnings["gone"]
    assert all(p.severity == "warning" for p in first.problems)


def test_formats_and_encoding(runs: list[pipeline.Harvest]) -> None:
    titles = _by_source(runs[0])
    assert titles["rss2"] == ["Mi primera semana con Rueda Libre", "Ruta por la Albufera"]
    assert titles["atom"] == ["Rueda Libre abre estaciones en Benimaclet"]
    assert titles["rdf"] == ["¿Alguien más con cobros duplicados en Rueda Libre?"]
    # Declared UTF-8, really Windows-1252: feedparser falls back and the text is right.
    assert titles["wrong-encoding"] == ["Facturación y años de pedaleo"]
    assert titles["moved"] == ["Quedada del sábado"]
    for broken in ("malformed", "error", "slow", "huge", "gone"):
        assert broken not in titles


def test_second_run_is_conditional(
    runs: list[pipeline.Harvest], feed_server: FeedServer, tmp_path: Path
) -> None:
    first, second = feed_server.headers_for("/rss2.xml")
    assert "if-none-match" not in first and "if-modified-since" not in first
    assert second["if-none-match"] == ETAG
    assert second["if-modified-since"] == LAST_MODIFIED
    assert first["user-agent"] == "portavoz/test"
    statuses = _statuses(runs[1])
    assert statuses["rss2"] == "not modified"
    # 304 skips parsing but the cached entries are still used.
    assert _by_source(runs[1])["rss2"] == _by_source(runs[0])["rss2"]


def test_permanent_redirect_is_remembered(
    runs: list[pipeline.Harvest], feed_server: FeedServer, tmp_path: Path
) -> None:
    assert feed_server.hits["/moved.xml"] == 1
    assert feed_server.hits["/atom-moved.xml"] == 2
    state = cache.load_states(tmp_path / "cache")["moved"]
    assert state.fetch_url == feed_server.url("/atom-moved.xml")
    assert state.url == feed_server.url("/moved.xml")
    first, second = ({r.name: r for r in run.reports}["moved"] for run in runs)
    assert "moved permanently" in first.message
    assert first.moved_to == feed_server.url("/atom-moved.xml")
    assert second.moved_to is None  # fetched from its new address: no move this time


def test_gone_is_not_fetched_again(
    runs: list[pipeline.Harvest], feed_server: FeedServer, tmp_path: Path
) -> None:
    assert feed_server.hits["/gone.xml"] == 1
    assert cache.load_states(tmp_path / "cache")["gone"].gone
    assert "gone" in _warnings(runs[1])


def test_last_good_copy_is_used(runs: list[pipeline.Harvest]) -> None:
    statuses, warnings, titles = _statuses(runs[1]), _warnings(runs[1]), _by_source(runs[1])
    assert statuses["flaky"] == statuses["breaks"] == "failed"
    assert "HTTP 500" in warnings["flaky"] and "using the copy fetched" in warnings["flaky"]
    assert "not a readable feed" in warnings["breaks"]
    assert titles["flaky"] == _by_source(runs[0])["flaky"]
    assert titles["breaks"] == _by_source(runs[0])["breaks"]


def test_offline_reads_the_cache_only(
    runs: list[pipeline.Harvest], feed_server: FeedServer, tmp_path: Path, now: datetime
) -> None:
    before = len(feed_server.requests)
    state_file = (tmp_path / "cache" / cache.STATE_FILE).read_bytes()
    offline = pipeline.harvest(_sources(feed_server), tmp_path / "cache", now=now, policy=None)
    assert len(feed_server.requests) == before
    assert (tmp_path / "cache" / cache.STATE_FILE).read_bytes() == state_file
    assert _by_source(offline) == _by_source(runs[1])
    assert "no cached copy" in _warnings(offline)["error"]


def test_new_entries_are_counted(feed_server: FeedServer, tmp_path: Path, now: datetime) -> None:
    source = Source("rss2", feed_server.url("/rss2.xml"))
    found = pipeline.harvest([source], tmp_path, now=now, policy=_policy(feed_server))
    assert found.reports[0].new_entries == 2
    # Forget the validators: the server sends the same feed again, with nothing new in it.
    states = cache.load_states(tmp_path)
    cache.save_states(tmp_path, {"rss2": replace(states["rss2"], etag=None, last_modified=None)})
    again = pipeline.harvest([source], tmp_path, now=now, policy=_policy(feed_server))
    assert (again.reports[0].status, again.reports[0].new_entries) == ("new", 0)


ADDRESSES = {
    # address: why it is not public (None: public), as the address registries say.
    "93.184.215.14": None,
    "2001:4860:4860::8888": None,
    "127.0.0.1": "loopback",
    "::1": "loopback",
    "::ffff:127.0.0.1": "loopback",
    "10.1.2.3": "private",
    "192.168.1.1": "private",
    "fd12::1": "private",
    "100.64.0.1": "non-public",
    "169.254.10.1": "link-local",
    "fe80::1": "link-local",
    "169.254.169.254": "cloud-metadata",
    "::ffff:169.254.169.254": "cloud-metadata",
    "fd00:ec2::254": "cloud-metadata",
    "0.0.0.0": "unspecified",
    "::": "unspecified",
    "224.0.0.1": "multicast",
    "240.0.0.1": "reserved",
}


@pytest.mark.parametrize(("address", "kind"), ADDRESSES.items())
def test_address_policy(address: str, kind: str | None) -> None:
    assert addresses.not_public(ipaddress.ip_address(address)) == kind


def test_metadata_is_refused_even_when_listed() -> None:
    metadata = [ipaddress.ip_address("169.254.169.254")]
    loopback = [ipaddress.ip_address("127.0.0.1")]
    allowed = [("meta", 80), ("local", 8080)]
    assert addresses.refusal("meta", 80, metadata, allowed) is not None
    assert addresses.refusal("local", 8080, loopback, allowed) is None
    assert addresses.refusal("local", 8081, loopback, allowed) is not None


def test_a_public_feed_cannot_redirect_into_an_allowed_private_host() -> None:
    policy = replace(POLICY, allow_private=(("127.0.0.1", 8080),))
    inward = httpx.URL("http://127.0.0.1:8080/feed.xml")
    public = httpx.URL("https://example.org/feed.xml")
    with pytest.raises(fetch._RedirectRefused, match="allow_private lists for its own feeds"):
        fetch._check_redirect(public, inward, policy, str(public))
    fetch._check_redirect(inward, inward.join("/other.xml"), policy, str(inward))  # same host
    with pytest.raises(fetch._RedirectRefused, match="'file' URL"):
        fetch._check_redirect(public, httpx.URL("file:///etc/passwd"), policy, str(public))


def test_fetches_run_inside_a_running_event_loop(
    feed_server: FeedServer, tmp_path: Path, now: datetime
) -> None:
    # A host that drives an event loop in this thread (Playwright's sync API, a notebook) must
    # get the same harvest: asyncio.run() alone refuses to start there.
    async def host() -> pipeline.Harvest:
        return _harvest(feed_server, tmp_path / "in-loop", now)

    # The host's loop runs on a thread of its own, so the test does not depend on whether this
    # worker's thread already drives one (it does after a browser test).
    with ThreadPoolExecutor(max_workers=1) as pool:
        inside = pool.submit(asyncio.run, host()).result()
    test_first_run_outcomes([inside])  # the same outcomes as a first run outside any loop
    test_formats_and_encoding([inside])
