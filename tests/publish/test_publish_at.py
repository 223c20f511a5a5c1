"""``portavoz publish`` sends each variant at its own moment (``channels.<network>.at:``)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result
from publish_fakes import SECRETS, Networks

from portavoz.scheduler.cli.main import main

AVISO = "content/blog/posts/2026-06-01-aviso.md"
POST = """---
title: "Un aviso a tres horas"
date: 2026-06-01 10:00:00
authors: [lucia]
summary: "Telegram a su hora, Mastodon tres horas después y Bluesky el día 2."
channels:
  telegram: {}
  mastodon: {at: +3h}
  bluesky: {at: 2026-06-02 08:30:00}
---

Texto.
"""


def publish(site: Path, at: str) -> Result:
    return CliRunner().invoke(
        main,
        ["publish", str(site), "--at", at, "--post", str(site / AVISO)],
        env=SECRETS,  # type: ignore[arg-type]
    )


def test_each_variant_goes_out_at_its_own_moment(site: Path, networks: Networks) -> None:
    (site / AVISO).write_text(POST, encoding="utf-8")

    at_noon = publish(site, "2026-06-01T12:00:00+02:00")
    assert at_noon.exit_code == 0, at_noon.output
    assert ["aviso" in str(m["text"]) for m in networks.posted("telegram")] == [True]
    assert networks.posted("mastodon") == [] and networks.posted("bluesky") == []

    just_before = publish(site, "2026-06-01T12:59:00+02:00")
    assert just_before.exit_code == 0, just_before.output
    assert networks.posted("mastodon") == []

    at_one = publish(site, "2026-06-01T13:00:00+02:00")  # 10:00 + 3h, in the site's zone
    assert at_one.exit_code == 0, at_one.output
    assert len(networks.posted("mastodon")) == 1 and networks.posted("bluesky") == []
    assert len(networks.posted("telegram")) == 1  # not sent twice

    next_day = publish(site, "2026-06-02T08:30:00+02:00")
    assert next_day.exit_code == 0, next_day.output
    assert [len(networks.posted(n)) for n in ("telegram", "mastodon", "bluesky")] == [1, 1, 1]
