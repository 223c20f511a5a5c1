"""Crashes, rate limits and unavailable networks: nothing posted twice, no real waits."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from publish_fakes import SECRETS, Networks
from publish_site import NOW

from portavoz.scheduler.project import build_window, load_project
from portavoz.scheduler.publish.ledger import Event, Ledger
from portavoz.scheduler.publish.run import Options, Report
from portavoz.scheduler.usecases.publishing import publish_project, publishing_settings


class Crash(Exception):
    """Stands for the process being killed."""


def run(site: Path, *, sleeps: list[float] | None = None, echo=None) -> Report:  # type: ignore[no-untyped-def]
    project = load_project(site / "mkdocs.yml")
    window = build_window(project.settings, None, at=NOW, environ={})
    options = Options(
        now=window.now,
        environ=SECRETS,
        sleep=(sleeps if sleeps is not None else []).append,
        echo=echo or (lambda line: None),
    )
    report, _ = publish_project(project, publishing_settings(project), window, options)
    return report


def thread_texts(networks: Networks, network: str) -> list[str]:
    posts = networks.posted(network)
    texts = [str(p.get("text") or p.get("value", {}).get("text")) for p in posts]  # type: ignore[union-attr]
    return [t for t in texts if "hilo" in t or "Segunda" in t or "Tercera" in t]


def test_crash_between_thread_parts_resumes_with_the_next_part(
    site: Path, networks: Networks
) -> None:
    def crash_after_first(line: str) -> None:
        if line.startswith("posted ") and "hilo.md mastodon part 1/3" in line:
            raise Crash

    with pytest.raises(Crash):
        run(site, echo=crash_after_first)
    assert len(thread_texts(networks, "mastodon")) == 1
    run(site)
    statuses = [
        s
        for s in networks.posted("mastodon")
        if "hilo" in str(s["text"]) or "parte" in str(s["text"])
    ]
    assert len(statuses) == 3
    assert statuses[1]["in_reply_to_id"] == statuses[0]["id"]
    assert statuses[2]["in_reply_to_id"] == statuses[1]["id"]


def test_crash_after_sending_before_recording_never_posts_twice(
    site: Path, networks: Networks, monkeypatch: pytest.MonkeyPatch
) -> None:
    append = Ledger.append

    def lose_results(self: Ledger, entry) -> None:  # type: ignore[no-untyped-def]
        if entry.event is Event.POSTED:
            raise Crash
        append(self, entry)

    monkeypatch.setattr(Ledger, "append", lose_results)
    with pytest.raises(Crash):
        run(site)  # the first part reaches the network (bluesky, then...), the result is lost
    monkeypatch.setattr(Ledger, "append", append)
    run(site)
    bluesky = [r["value"]["text"] for r in networks.posted("bluesky")]  # type: ignore[index]
    assert len(bluesky) == len(set(bluesky)) == 3, bluesky


def test_uncertain_attempt_is_reported_not_resent(site: Path, networks: Networks) -> None:
    ledger = site / "publish" / "ledger.jsonl"
    ledger.parent.mkdir()
    old = dt.datetime(2026, 6, 1, 8, 0, tzinfo=dt.UTC).isoformat()
    attempt = {
        "event": "attempt",
        "at": old,
        "post": "content/blog/posts/2026-05-20-hilo.md",
        "network": "mastodon",
        "step": 1,
        "of": 3,
        "kind": "part",
        "hash": "sha256:x",
    }
    ledger.write_text(json.dumps(attempt) + "\n", encoding="utf-8")
    lines: list[str] = []
    report = run(site, echo=lines.append)
    assert report.failed
    assert any("hilo.md mastodon part 1/3: uncertain" in line for line in lines)
    assert not thread_texts(networks, "mastodon")


def test_rate_limit_waits_as_asked_and_5xx_backs_off(site: Path, networks: Networks) -> None:
    networks.fail(
        "POST /xrpc/com.atproto.repo.createRecord",
        429,
        {"error": "RateLimitExceeded", "message": "Rate Limit Exceeded"},
        Retry_After="7",
    )
    networks.fail("POST /api/v1/statuses", 503, {"error": "Service Unavailable"})
    networks.fail("POST /api/v1/statuses", 502, {"error": "Bad Gateway"})
    sleeps: list[float] = []
    report = run(site, sleeps=sleeps)
    assert not report.failed
    assert sleeps == [7.0, 2.0, 4.0]
    assert len(networks.posted("bluesky")) == 3
    assert len(networks.posted("mastodon")) == 4


def test_a_wait_over_the_bound_fails_that_part_only(site: Path, networks: Networks) -> None:
    networks.fail(
        "POST /xrpc/com.atproto.repo.createRecord",
        429,
        {"error": "RateLimitExceeded", "message": "Rate Limit Exceeded"},
        Retry_After="3600",
    )
    lines: list[str] = []
    report = run(site, echo=lines.append)
    assert report.failed
    assert any("over portavoz's bound" in line for line in lines)
    assert len(networks.posted("mastodon")) == 4


def test_a_refusal_is_recorded_and_tried_again_next_run(site: Path, networks: Networks) -> None:
    networks.fail("POST /api/v1/statuses", 422, {"error": "Validation failed: Text too long"})
    lines: list[str] = []
    assert run(site, echo=lines.append).failed
    assert any("Validation failed: Text too long" in line for line in lines)
    assert not run(site).failed
    assert len(networks.posted("mastodon")) == 4
