"""Hostile feed hosts against listening, through ``portavoz listen`` and ``mkdocs build``.

One project follows every source of :data:`CASES` (each with a one-line ``expect``), all
served from 127.0.0.1 by :mod:`hostile_feeds`: the fixture server is listed in
``allow_private``, a second one (standing for another service on the machine) is not. The
scenario runs ``portavoz listen``, removes one feed's cached copy, runs ``mkdocs build``, then
``portavoz listen`` again. Each case then checks, for every run, the warning naming its source
and whether its entry reached the community page (read back with an HTML parser); some also
check the cache left behind. Runs are bounded by a generous hang-guard, never timed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache as once
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from click.testing import CliRunner, Result
from hostile_feeds import MIB, Answer, Host, gzipped, rss, serve, zeros_gzip

from portavoz.scheduler.cli.main import main
from portavoz.scheduler.listening import cache

AT = "2026-11-23T12:00:00+00:00"
DEADLINE = 3
"""The project's per-feed ``timeout`` (seconds): a drip lasts far longer."""
CAP = 1_000_000
"""The project's ``max_bytes``."""
HANG_GUARD = 60.0
"""A run still going after this long is stuck (a drip lasts 120 s unless cut off)."""
MEMORY_CEILING = 32 * MIB
"""Peak memory one listen may allocate: far above the cap, far below any bomb's output."""
SECRET = "SECRETO del servicio interno"
RSS = b"Content-Type: application/rss+xml; charset=utf-8"
ETAG = '"copia-1"'
Reply = Callable[[Host, dict[str, str]], Answer]
"""A route: (the other service, the request's headers) → the answer."""
LEGS = ("first listen", "build", "second listen")


@dataclass(frozen=True)
class Case:
    """A hostile (or control) source and what must become of it."""

    name: str
    expect: str
    reply: Reply
    messages: tuple[str, ...] = ()
    """Text that must appear in a warning naming the source in each leg of ``legs``."""
    on_page: bool = False
    """Whether the source's entry must be on the community page."""
    legs: tuple[str, ...] = LEGS
    """The runs that warn about the source; the others must not name it in a warning."""

    @property
    def title(self) -> str:
        return f"Entrada {self.name}"


def _feed(*headers: bytes, encode: Callable[[bytes], bytes] = bytes) -> Callable[[str], Reply]:
    return lambda title: lambda _o, _h: Answer(headers=(RSS, *headers), body=encode(rss(title)))


def _to_secret(status: bytes, host: str) -> Reply:
    url = lambda other: f"http://{host}:{other.port}/secreto.xml"  # noqa: E731
    return lambda other, _h: Answer(status, (b"Location: " + url(other).encode(),))


def _raw_deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return packer.compress(data) + packer.flush()


def _conditional(other: Host, headers: dict[str, str]) -> Answer:
    if headers.get("if-none-match") == ETAG:
        return Answer(b"304 Not Modified", (b"ETag: " + ETAG.encode(),))
    return Answer(headers=(RSS, b"ETag: " + ETAG.encode()), body=rss("Entrada lost-copy"))


@once
def bomb() -> bytes:
    """64 MiB of zeros in 65 KB of gzip: under the cap raw, 64 times over it decoded."""
    return zeros_gzip(64 * MIB)


@once
def stacked() -> bytes:
    """``gzip, gzip``: 128 MiB of zeros in a few hundred bytes."""
    return gzipped(zeros_gzip(128 * MIB))


def _bytes(make: Callable[[], bytes], *headers: bytes) -> Reply:
    return lambda _o, _h: Answer(headers=(RSS, *headers), body=make())


CASES = (
    Case("control", "an ordinary feed among the hostile ones lands in every run",
         _feed()("Entrada control"), on_page=True, legs=()),
    Case("gzip-feed", "a gzip-encoded feed is decoded (by portavoz, under the cap) and lands",
         _feed(b"Content-Encoding: gzip", encode=gzipped)("Entrada gzip-feed"), on_page=True,
         legs=()),
    Case("deflate-feed", "a raw-deflate feed (no zlib header, as some servers send) lands",
         _feed(b"Content-Encoding: deflate", encode=_raw_deflate)("Entrada deflate-feed"),
         on_page=True, legs=()),
    Case("gzip-bomb", "a 64 MiB gzip bomb fails at the 1 MB cap without being decoded whole",
         _bytes(bomb, b"Content-Encoding: gzip"), ("larger than the cap of 1000000 bytes",)),
    Case("gzip-stacked", "'Content-Encoding: gzip, gzip' is refused before anything is decoded",
         _bytes(stacked, b"Content-Encoding: gzip, gzip"),
         ("refused: stacked Content-Encoding 'gzip, gzip' is refused",)),
    Case("unknown-coding", "a coding portavoz does not decode (br) is refused, naming it",
         _bytes(lambda: b"\x8b\x02\x80", b"Content-Encoding: br"),
         ("refused: Content-Encoding 'br' is not supported",)),
    Case("header-drip", "headers dripped a byte every 0.2 s end at the 3 s deadline",
         lambda _o, _h: Answer(drip=True), ("timed out after 3 s",)),
    Case("redirect-302", "a 302 to another service on 127.0.0.1 is refused, never fetched",
         _to_secret(b"302 Found", "127.0.0.1"),
         ("refused: 127.0.0.1 is a loopback address", "under allow_private")),
    Case("redirect-301", "a 301 to another service on 127.0.0.1 is refused and not remembered",
         _to_secret(b"301 Moved Permanently", "127.0.0.1"),
         ("refused: 127.0.0.1 is a loopback address",)),
    Case("redirect-localhost", "a redirect to a name resolving to loopback is refused",
         _to_secret(b"307 Temporary Redirect", "localhost"),
         ("refused: localhost (127.0.0.1) is a loopback address",)),
    Case("redirect-mapped", "IPv4-mapped IPv6 loopback ([::ffff:127.0.0.1]) is refused",
         _to_secret(b"308 Permanent Redirect", "[::ffff:127.0.0.1]"),
         ("is a loopback address",)),
    Case("redirect-zero", "0.0.0.0, which reaches the machine itself, is refused",
         _to_secret(b"302 Found", "0.0.0.0"), ("refused: 0.0.0.0 is an unspecified address",)),
    Case("redirect-metadata", "the cloud metadata address is refused, with no hint to allow it",
         lambda _o, _h: Answer(b"302 Found", (b"Location: http://169.254.169.254/latest/",)),
         ("refused: 169.254.169.254 is a cloud-metadata address; feeds are fetched from public"
          " ones only; no copy yet",)),
    Case("etag-ff", "an ETag holding byte 0xFF is not kept, so later runs of every feed work",
         _feed(b'ETag: "v\xff1"')("Entrada etag-ff"), on_page=True, legs=()),
    Case("bad-state", "a stored 0xFF ETag is dropped with a warning; the feed is fetched in full",
         _feed()("Entrada bad-state"), ("its stored ETag or Last-Modified is not visible",),
         on_page=True, legs=("first listen",)),
    Case("odd-state", "a stored state of wrong types (gone: 'yes', a path as body) breaks nothing",
         _feed()("Entrada odd-state"), on_page=True, legs=()),
    Case("lost-copy", "validators whose cached copy is gone are dropped: a full fetch follows",
         _conditional, ("its cached copy is missing; its validators are dropped",),
         on_page=True, legs=("build",)),
)  # fmt: skip
BY_NAME = {case.name: case for case in CASES}


@dataclass(frozen=True)
class Scenario:
    """The project, its two servers and what each run printed."""

    root: Path
    main: Host
    other: Host
    first: Result
    build: str
    last: Result
    peak: int
    """Peak memory allocated during the first ``portavoz listen``."""
    moved_before_build: dict[str, str]
    """``fetch_url`` of every source after the first run."""
    lost_copy_validators: tuple[str | None, str | None]
    """The lost-copy feed's validators as the build found them (after its copy was removed)."""


def _project(root: Path, main: Host) -> None:
    options = {
        "timeout": DEADLINE,
        "max_bytes": CAP,
        "allow_private": [main.host_port],
        "window_days": 36500,
        "sources": [{"name": c.name, "url": main.url(f"/{c.name}.xml")} for c in CASES],
    }
    config = {
        "site_name": "Prueba",
        "theme": {"name": "material", "language": "es"},
        "plugins": [{"portavoz/listening": options}],
    }
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Inicio\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")


def _seed_states(root: Path, main: Host) -> None:
    """States an older portavoz (or a hand edit) left: a 0xFF ETag, values of wrong types."""
    folder = root / ".portavoz" / "cache" / "listening"
    body = cache.store_body(folder, rss("Copia vieja"))
    feeds = {
        "bad-state": {"url": main.url("/bad-state.xml"), "etag": '"v\u00ff1"', "body": body,
                      "fetched_at": "2026-11-01T00:00:00+00:00"},
        "odd-state": {"url": main.url("/odd-state.xml"), "fetch_url": 7, "etag": 5,
                      "gone": "yes", "body": "../../../mkdocs.yml", "fetched_at": "ayer"},
    }  # fmt: skip
    (folder / cache.STATE_FILE).write_text(json.dumps({"version": 1, "feeds": feeds}), "utf-8")


def _bounded(run: Callable[[], Result]) -> Result:
    """Run ``run`` in a thread; fail (not hang) if it is not done within the hang-guard."""
    done: list[Result] = []
    worker = threading.Thread(target=lambda: done.append(run()), daemon=True)
    worker.start()
    worker.join(HANG_GUARD)
    assert done, f"the run was still going after {HANG_GUARD:g} s"
    return done[0]


def _listen(root: Path) -> Result:
    args = ["listen", "-f", str(root / "mkdocs.yml"), "--at", AT]
    return _bounded(lambda: CliRunner().invoke(main, args))


def _measured_listen(root: Path) -> tuple[Result, int]:
    tracemalloc.start()
    try:
        return _listen(root), tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _mkdocs_build(root: Path) -> str:
    env = {**os.environ, "PORTAVOZ_NOW": AT, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml")]
    done = subprocess.run(
        command, cwd=root, env=env, capture_output=True, text=True, timeout=HANG_GUARD * 2
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


def _remove_copy(root: Path, name: str) -> tuple[str | None, str | None]:
    folder = root / ".portavoz" / "cache" / "listening"
    state = cache.load_states(folder)[name]
    assert state.body and state.etag == ETAG, state
    (folder / cache.BODIES / state.body).unlink()
    (folder / cache.ENTRIES / f"{state.body}.json").unlink(missing_ok=True)
    return state.etag, state.last_modified


def _route(case: Case, other: Host) -> Callable[[dict[str, str]], Answer]:
    return lambda headers: case.reply(other, headers)


@pytest.fixture(scope="module")
def servers() -> Iterator[tuple[Host, Host]]:
    other_routes = {"/secreto.xml": lambda _h: Answer(body=rss(SECRET))}
    for other in serve(other_routes):
        routes = {f"/{c.name}.xml": _route(c, other) for c in CASES}
        for main_host in serve(routes):
            yield main_host, other


@pytest.fixture(scope="module")
def scenario(servers: tuple[Host, Host], tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    main_host, other = servers
    root = tmp_path_factory.mktemp("listening")
    _project(root, main_host)
    _seed_states(root, main_host)
    bomb(), stacked()  # made before measuring: the server's bytes are not the fetcher's
    first, peak = _measured_listen(root)
    states = cache.load_states(root / ".portavoz" / "cache" / "listening")
    moved = {name: state.fetch_url for name, state in states.items()}
    validators = _remove_copy(root, "lost-copy")
    built = _mkdocs_build(root)
    return Scenario(root, main_host, other, first, built, _listen(root), peak, moved, validators)


def _page_titles(root: Path) -> list[str]:
    page = (root / "site" / "comunidad" / "index.html").read_text(encoding="utf-8")
    planet = BeautifulSoup(page, "html.parser").select_one("div.portavoz-planet")
    assert planet is not None
    return [h.get_text(" ", strip=True) for h in planet.find_all("h2")]


def _outputs(scenario: Scenario) -> dict[str, str]:
    return {
        "first listen": scenario.first.output,
        "build": scenario.build,
        "second listen": scenario.last.output,
    }


def _warning_lines(output: str, case: Case) -> list[str]:
    marker = f"sources: {case.name} ("
    return [line for line in output.splitlines() if marker in line]


def test_every_case_states_what_it_checks() -> None:
    assert all(case.expect for case in CASES)
    assert len(BY_NAME) == len(CASES)


def test_runs_finish_cleanly(scenario: Scenario) -> None:
    for leg, result in (("first listen", scenario.first), ("second listen", scenario.last)):
        assert result.exception is None, f"{leg} raised {result.exception!r}\n{result.output}"
        assert result.exit_code == 0, result.output
    for leg, output in _outputs(scenario).items():
        assert "Traceback" not in output, f"{leg}:\n{output}"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case: Case, scenario: Scenario) -> None:
    """Each run names the source with the expected warning, or not at all; the page agrees."""
    titles = _page_titles(scenario.root)
    assert (case.title in titles) is case.on_page, f"{case.expect}: {titles}"
    for leg, output in _outputs(scenario).items():
        lines = _warning_lines(output, case)
        if leg not in case.legs:
            assert lines == [], f"{leg}: {case.expect}\n{lines}"
            continue
        missing = [m for m in case.messages if not any(m in line for line in lines)]
        assert missing == [], f"{leg}: {case.expect}\n{output}"


def test_nothing_reaches_the_other_service(scenario: Scenario) -> None:
    assert scenario.other.hits == {}
    assert SECRET not in _page_titles(scenario.root)
    assert all(SECRET not in output for output in _outputs(scenario).values())


def test_permanent_redirects_inward_are_not_remembered(scenario: Scenario) -> None:
    for name in ("redirect-301", "redirect-mapped"):
        assert scenario.moved_before_build[name] == scenario.main.url(f"/{name}.xml")


def test_a_bomb_is_never_held_whole(scenario: Scenario) -> None:
    assert scenario.peak < MEMORY_CEILING, f"peak {scenario.peak / MIB:.0f} MiB"


def test_validators_without_their_copy_are_dropped(scenario: Scenario) -> None:
    assert scenario.lost_copy_validators == (ETAG, None)  # the copy went, its ETag stayed
    asked = [h.get("if-none-match") for h in scenario.main.requests["/lost-copy.xml"]]
    # First listen: unconditional; build: unconditional again (no copy); last listen: 304.
    assert asked == [None, None, ETAG]


def test_only_sendable_validators_are_kept(scenario: Scenario) -> None:
    states = cache.load_states(scenario.root / ".portavoz" / "cache" / "listening")
    assert states["etag-ff"].etag is None
    assert states["etag-ff"].body is not None
    assert states["bad-state"].etag is None
    odd = states["odd-state"]
    assert not odd.gone and odd.fetch_url == odd.url and odd.body != "../../../mkdocs.yml"


def test_a_malformed_allow_private_entry_is_refused(tmp_path: Path) -> None:
    options = {"allow_private": ["127.0.0.1"], "sources": []}
    config = {"site_name": "t", "plugins": [{"portavoz/listening": options}]}
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    result = CliRunner().invoke(main, ["listen", "-f", str(tmp_path / "mkdocs.yml")])
    assert result.exit_code == 1
    assert "allow_private[0]: expected 'host:port' such as '127.0.0.1:8080', found '127.0.0.1'" in (
        result.stderr
    )
