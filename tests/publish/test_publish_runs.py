"""``portavoz publish`` against the local fakes, through the real client libraries."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result
from publish_fakes import SECRETS, Networks
from publish_site import NOW

from portavoz.scheduler.cli.main import main


def publish(site: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    environment = dict.fromkeys(SECRETS) | (SECRETS if env is None else env)
    return CliRunner().invoke(
        main,
        ["publish", str(site), "--at", NOW, *args],
        env=environment,  # type: ignore[arg-type]
    )


def ledger(site: Path) -> list[dict[str, object]]:
    path = site / "publish" / "ledger.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_first_publish_posts_every_due_part_chained(site: Path, networks: Networks) -> None:
    result = publish(site)
    assert result.exit_code == 0, result.output
    statuses = networks.posted("mastodon")
    texts = [s["text"] for s in statuses]
    assert [t.split(":")[0].strip() for t in texts[:3]] == [
        "1/3 Primera parte del hilo",
        "2/3 Segunda parte del hilo.",
        "3/3 Tercera parte del hilo.",
    ] or len(statuses) == 4, texts
    thread = [s for s in statuses if "hilo" in str(s["text"])]
    assert thread[1]["in_reply_to_id"] == thread[0]["id"]
    assert thread[2]["in_reply_to_id"] == thread[1]["id"]
    assert {s["spoiler_text"] for s in thread} == {"Obras en la ruta"}
    assert {s["language"] for s in thread} == {"es"}
    photo = next(s for s in statuses if s["media_attachments"])
    assert photo["media_attachments"][0]["description"].startswith("Una estación de bicis")
    posted = [line for line in result.output.splitlines() if line.startswith("posted ")]
    every = sum(len(networks.posted(n)) for n in ("mastodon", "bluesky", "telegram"))
    assert len(posted) == every
    assert all("futuro" not in line and "base" not in line for line in result.output.splitlines())


def test_bluesky_thread_facets_mentions_image_and_card(site: Path, networks: Networks) -> None:
    assert publish(site).exit_code == 0
    records = [r["value"] for r in networks.posted("bluesky")]
    first, second = (r for r in records if "hilo" in r["text"] or "Segunda" in r["text"])
    assert second["reply"]["root"]["uri"] == networks.posted("bluesky")[0]["uri"]
    assert second["reply"]["parent"]["cid"] == networks.posted("bluesky")[0]["cid"]
    assert first["embed"]["$type"] == "app.bsky.embed.external"
    assert first["embed"]["external"]["uri"].startswith("https://blog.ruedalibre-demo.es/")
    links = [f for f in first.get("facets", []) for x in f["features"] if "uri" in x]
    assert links, first
    photo = next(r for r in records if "images" in r.get("embed", {}))
    assert photo["embed"]["images"][0]["alt"].startswith("Una estación de bicis")
    assert photo["embed"]["images"][0]["image"]["mimeType"] == "image/png"


def test_second_run_posts_nothing(site: Path, networks: Networks) -> None:
    assert publish(site).exit_code == 0
    before = {n: len(networks.posted(n)) for n in ("mastodon", "bluesky")}
    lines = len(ledger(site))
    again = publish(site)
    assert again.exit_code == 0, again.output
    assert {n: len(networks.posted(n)) for n in before} == before
    assert "0 posted" in again.output
    assert len(ledger(site)) == lines


def test_dry_run_sends_nothing_and_shows_the_payload(site: Path, networks: Networks) -> None:
    result = publish(site, "--dry-run")
    assert result.exit_code == 0, result.output
    assert networks.requests == []
    assert not (site / "publish" / "ledger.jsonl").exists()
    shown = [
        x for x in result.output.splitlines() if x.startswith("would post ") and "mastodon" in x
    ]
    payload = json.loads(shown[0].split(": ", 1)[1])
    assert payload["spoiler_text"] == "Obras en la ruta"
    assert "dry run" in result.output


def test_without_credentials_dry_run_is_the_default(site: Path, networks: Networks) -> None:
    result = publish(site, env={})
    assert result.exit_code == 0, result.output
    assert networks.requests == []
    assert "would post" in result.output


def test_missing_secret_skips_that_network_only(site: Path, networks: Networks) -> None:
    env = {"PORTAVOZ_MASTODON_TOKEN": SECRETS["PORTAVOZ_MASTODON_TOKEN"]}
    result = publish(site, env=env)
    assert result.exit_code == 0, result.output
    assert networks.posted("mastodon")
    assert not networks.posted("bluesky")
    assert "PORTAVOZ_BLUESKY_PASSWORD not set" in result.output


def test_ledger_and_output_never_hold_a_secret(site: Path, networks: Networks) -> None:
    result = publish(site)
    networks.fail("POST /api/v1/statuses", 401, {"error": "The access token is invalid"})
    text = (site / "publish" / "ledger.jsonl").read_text(encoding="utf-8")
    for secret in SECRETS.values():
        assert secret not in text
        assert secret not in result.output


def test_crisis_pause_holds_publishing(site: Path, networks: Networks) -> None:
    env = SECRETS | {"PORTAVOZ_PAUSE": "Incidencia en la app", "PORTAVOZ_PAUSE_SINCE": "2026-05-01"}
    result = publish(site, env=env)
    assert result.exit_code == 0, result.output
    assert networks.requests == []
    assert "held by the crisis pause (Incidencia en la app)" in result.output


def test_variant_edited_after_posting_is_reported_not_reposted(
    site: Path, networks: Networks
) -> None:
    assert publish(site).exit_code == 0
    count = len(networks.posted("mastodon"))
    post = site / "content" / "blog" / "posts" / "2026-05-20-hilo.md"
    post.write_text(post.read_text(encoding="utf-8").replace("Segunda parte del hilo", "Otra"))
    result = publish(site)
    assert len(networks.posted("mastodon")) == count
    assert "posted text differs from the source" in result.output


def test_bad_token_is_reported_with_the_networks_words(site: Path, networks: Networks) -> None:
    env = SECRETS | {"PORTAVOZ_MASTODON_TOKEN": "wrong-token-000000"}
    result = publish(site, env=env)
    assert result.exit_code == 1
    assert "The access token is invalid" in result.output
    assert networks.posted("bluesky"), "one network's failure never blocks the others"


def test_telegram_photo_with_its_caption(site: Path, networks: Networks) -> None:
    result = publish(site)
    assert result.exit_code == 0, result.output
    (message,) = networks.posted("telegram")
    assert "photo" in message
    assert "La nueva estación de Benimaclet" in str(message["caption"])
    assert "https://t.me/ruedalibre/1" in result.output
