"""X, LinkedIn, Facebook, Instagram and Threads against their local fakes (httpx adapters).

The same scenarios as Mastodon's, Bluesky's and Telegram's: a first publish (threads chained,
images with alt text, first comments), a second run that posts nothing, 429 and 5xx, a missing
secret, a ledger without secrets, an uncertain attempt never sent again.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from publish_fakes import SECRETS, Networks
from publish_fakes_http import (
    FACEBOOK_PAGE,
    GRAPH,
    INSTAGRAM_USER,
    LINKEDIN_AUTHOR,
    THREADS,
    THREADS_USER,
)
from publish_site import make_project
from test_publish_faults import run
from test_publish_runs import ledger, publish

# Three parts, indented as the block scalars below need them.
THREAD = "\n      ---\n      ".join(
    ["Primera parte del hilo: {{ link }}", "Segunda parte.", "Tercera."]
)
POSTS = {
    "2026-05-20-hilo.md": f"""---
title: "Un hilo sobre rutas"
date: 2026-05-20 09:00:00
authors: [lucia]
summary: "Tres rutas cortas por Valencia."
channels:
  x:
    text: |
      {THREAD}
  threads:
    text: |
      {THREAD}
---

Texto.
""",
    "2026-05-25-foto.md": """---
title: "Una foto de la estación"
date: 2026-05-25 10:00:00
authors: [lucia]
summary: "La nueva estación de Benimaclet."
image: ../../assets/images/estacion.png
image_alt: "Una estación de bicis con seis anclajes, junto a un árbol."
channels:
  x:
  threads:
  linkedin:
    first_comment: "Horario completo en el blog."
  facebook:
    first_comment: "Horario completo en el blog."
  instagram:
    first_comment: "Horario completo en el enlace de la bio."
---

Texto.
""",
    "2026-05-28-aviso.md": """---
title: "Aviso (obras) en el carril"
date: 2026-05-28 08:00:00
authors: [lucia]
summary: "Corte del carril bici (avenida del Puerto) el martes."
channels:
  linkedin:
    first_comment: "Desvío señalizado."
  facebook:
    first_comment: "Desvío señalizado."
---

Texto.
""",
    "2026-03-01-antigua.md": """---
title: "Una entrada antigua"
date: 2026-03-01 10:00:00
authors: [lucia]
summary: "De antes de portavoz."
channels: [x, linkedin, facebook, threads]
---

Texto.
""",
    "2026-07-01-futuro.md": """---
title: "Una entrada futura"
date: 2026-07-01 10:00:00
authors: [lucia]
summary: "Aún no."
channels: [x, linkedin, facebook, threads]
---

Texto.
""",
}
SINCE = "since: 2026-04-01T00:00:00+02:00"


def accounts(base: str) -> str:
    return f"""  - portavoz/publish:
      ledger: publish/ledger.jsonl
      accounts:
        x: {{api_base: "{base}", {SINCE}}}
        linkedin: {{api_base: "{base}", author: "{LINKEDIN_AUTHOR}", {SINCE}}}
        facebook: {{api_base: "{base}", page_id: "{FACEBOOK_PAGE}", {SINCE}}}
        instagram: {{api_base: "{base}", user_id: "{INSTAGRAM_USER}", {SINCE}}}
        threads: {{api_base: "{base}", user_id: "{THREADS_USER}", {SINCE}}}
"""


@pytest.fixture
def site(tmp_path: Path, networks: Networks) -> Path:
    return make_project(tmp_path / "site", POSTS, accounts(networks.base))


# What each network ends up holding after the first run, and a route to make fail.
EXPECTED = {"x": 4, "threads": 4, "linkedin": 2, "facebook": 2, "instagram": 1}
ROUTE = {
    "x": "POST /2/tweets",
    "threads": f"POST {THREADS}/{THREADS_USER}/threads",
    "linkedin": "POST /rest/posts",
    "facebook": f"POST {GRAPH}/{FACEBOOK_PAGE}/photos",
    "instagram": f"POST {GRAPH}/{INSTAGRAM_USER}/media",
}
ALT = "Una estación de bicis con seis anclajes, junto a un árbol."


def posted(networks: Networks) -> dict[str, int]:
    return {n: len(networks.posted(n)) for n in EXPECTED}


def test_first_publish_posts_every_due_variant_once(site: Path, networks: Networks) -> None:
    result = publish(site)
    assert result.exit_code == 0, result.output
    assert posted(networks) == EXPECTED
    lines = [line for line in result.output.splitlines() if line.startswith("posted ")]
    comments = 2 + 2 + 1  # linkedin, facebook (two posts each), instagram (one)
    assert len(lines) == sum(EXPECTED.values()) + comments
    assert not any("antigua" in line or "futuro" in line for line in result.output.splitlines())


def test_x_thread_is_a_reply_chain_and_the_image_has_its_alt_text(
    site: Path, networks: Networks
) -> None:
    assert publish(site).exit_code == 0
    tweets = networks.posted("x")
    thread = [t for t in tweets if not t["media"]]
    assert [t["in_reply_to"] for t in thread] == [None, thread[0]["id"], thread[1]["id"]]
    assert "Primera parte del hilo: https://blog.ruedalibre-demo.es/" in str(thread[0]["text"])
    (photo,) = (t for t in tweets if t["media"])
    assert photo["media"][0]["alt"] == ALT  # type: ignore[index]


def test_threads_replies_and_image_by_its_public_url(site: Path, networks: Networks) -> None:
    result = publish(site)
    assert result.exit_code == 0, result.output
    items = networks.posted("threads")
    thread = [t for t in items if t["media_type"] == "TEXT"]
    assert [t.get("reply_to_id") for t in thread] == [None, thread[0]["id"], thread[1]["id"]]
    (photo,) = (t for t in items if t["media_type"] == "IMAGE")
    assert photo["image_url"] == "https://blog.ruedalibre-demo.es/assets/images/estacion.png"
    assert photo["alt_text"] == ALT
    assert "https://www.threads.com/@ruedalibre/post/" in result.output


def test_linkedin_little_text_image_and_first_comment(site: Path, networks: Networks) -> None:
    assert publish(site).exit_code == 0
    photo, notice = networks.posted("linkedin")
    assert photo["media"] == {"id": "urn:li:image:C4E10AQ00000001", "altText": ALT}
    assert photo["comments"] == ["Horario completo en el blog."]
    # Reserved characters of LinkedIn's "little" format are escaped, or the post is cut.
    assert "Aviso \\(obras\\) en el carril" in str(notice["commentary"])
    assert notice["comments"] == ["Desvío señalizado."]


def test_facebook_photo_feed_and_first_comments(site: Path, networks: Networks) -> None:
    result = publish(site)
    assert result.exit_code == 0, result.output
    photo, notice = networks.posted("facebook")
    assert photo["alt_text_custom"] == ALT
    assert "Aviso (obras) en el carril" in str(notice["message"])
    assert photo["comments"] == ["Horario completo en el blog."]
    assert notice["comments"] == ["Desvío señalizado."]
    assert f"https://www.facebook.com/{FACEBOOK_PAGE}/posts/" in result.output


def test_instagram_container_from_the_public_url_then_comment(
    site: Path, networks: Networks
) -> None:
    result = publish(site)
    assert result.exit_code == 0, result.output
    (media,) = networks.posted("instagram")
    assert media["image_url"] == "https://blog.ruedalibre-demo.es/assets/images/estacion.png"
    assert media["alt_text"] == ALT
    assert "La nueva estación de Benimaclet" in str(media["caption"])
    assert media["comments"] == ["Horario completo en el enlace de la bio."]
    assert not networks.records, "every container made was published"
    assert "https://www.instagram.com/p/" in result.output


def test_second_run_posts_nothing(site: Path, networks: Networks) -> None:
    assert publish(site).exit_code == 0
    lines = len(ledger(site))
    again = publish(site)
    assert again.exit_code == 0, again.output
    assert posted(networks) == EXPECTED
    assert "0 posted" in again.output
    assert len(ledger(site)) == lines


@pytest.mark.parametrize("network", sorted(ROUTE))
def test_429_waits_as_asked_and_5xx_backs_off(site: Path, networks: Networks, network: str) -> None:
    networks.fail(ROUTE[network], 429, {"title": "Too Many Requests"}, Retry_After="7")
    networks.fail(ROUTE[network], 503, {"error": {"message": "Service temporarily unavailable"}})
    sleeps: list[float] = []
    report = run(site, sleeps=sleeps)
    assert not report.failed
    assert sleeps == [7.0, 4.0]
    assert posted(networks) == EXPECTED


@pytest.mark.parametrize("network", sorted(ROUTE))
def test_a_refusal_is_reported_in_the_networks_words_and_the_others_go_on(
    site: Path, networks: Networks, network: str
) -> None:
    networks.fail(ROUTE[network], 400, {"error": {"message": "(#100) Invalid parameter"}})
    lines: list[str] = []
    assert run(site, echo=lines.append).failed
    assert any(f" {network} " in line and "(#100) Invalid parameter" in line for line in lines)
    others = {n: c for n, c in posted(networks).items() if n != network}
    assert others == {n: c for n, c in EXPECTED.items() if n != network}


@pytest.mark.parametrize(
    ("network", "missing"),
    [
        ("x", "PORTAVOZ_X_ACCESS_SECRET"),
        ("linkedin", "PORTAVOZ_LINKEDIN_TOKEN"),
        ("facebook", "PORTAVOZ_FACEBOOK_TOKEN"),
        ("instagram", "PORTAVOZ_INSTAGRAM_TOKEN"),
        ("threads", "PORTAVOZ_THREADS_TOKEN"),
    ],
)
def test_missing_secret_skips_that_network_only(
    site: Path, networks: Networks, network: str, missing: str
) -> None:
    env = {k: v for k, v in SECRETS.items() if k != missing}
    result = publish(site, env=env)
    assert result.exit_code == 0, result.output
    assert not networks.posted(network)
    assert f"{missing} not set" in result.output
    assert all(networks.posted(n) for n in EXPECTED if n != network)


def test_a_wrong_x_secret_fails_the_signature(site: Path, networks: Networks) -> None:
    env = SECRETS | {"PORTAVOZ_X_API_SECRET": "not-the-secret-0000"}
    result = publish(site, env=env)
    assert result.exit_code == 1
    assert "HTTP 401: Unauthorized" in result.output
    assert not networks.posted("x")
    assert networks.posted("threads")


def test_ledger_and_output_never_hold_a_secret(site: Path, networks: Networks) -> None:
    networks.fail("POST /rest/posts", 401, {"message": "Invalid access token"})
    result = publish(site)
    text = (site / "publish" / "ledger.jsonl").read_text(encoding="utf-8")
    for secret in SECRETS.values():
        assert secret not in text
        assert secret not in result.output


@pytest.mark.parametrize("network", sorted(ROUTE))
def test_uncertain_attempt_is_reported_never_resent(
    site: Path, networks: Networks, network: str
) -> None:
    path = site / "publish" / "ledger.jsonl"
    path.parent.mkdir()
    attempt = {
        "event": "attempt",
        "at": dt.datetime(2026, 6, 1, 8, 0, tzinfo=dt.UTC).isoformat(),
        "post": "content/blog/posts/2026-05-25-foto.md",
        "network": network,
        "step": 1,
        "of": 2,
        "kind": "part",
        "hash": "sha256:x",
    }
    path.write_text(json.dumps(attempt) + "\n", encoding="utf-8")
    lines: list[str] = []
    assert run(site, echo=lines.append).failed
    assert any(f"foto.md {network} part 1/" in line and "uncertain" in line for line in lines)
    assert len(networks.posted(network)) == EXPECTED[network] - 1
    again: list[str] = []
    run(site, echo=again.append)
    assert len(networks.posted(network)) == EXPECTED[network] - 1


CONTAINERS = {
    "instagram": f"{GRAPH}/{INSTAGRAM_USER}/media",
    "threads": f"{THREADS}/{THREADS_USER}/threads",
}


def made(networks: Networks, network: str) -> int:
    """How many media containers were asked of ``network``."""
    return networks.requests.count(f"POST {CONTAINERS[network]}")


@pytest.mark.parametrize("network", sorted(CONTAINERS))
def test_a_container_still_processing_is_asked_again_then_published_once(
    site: Path, networks: Networks, network: str
) -> None:
    networks.processing[network] = 2  # each container: IN_PROGRESS twice, then FINISHED
    sleeps: list[float] = []
    report = run(site, sleeps=sleeps)
    assert not report.failed
    assert posted(networks) == EXPECTED
    assert made(networks, network) == EXPECTED[network]  # one container a part, none made again
    assert sleeps == [2.0, 4.0] * EXPECTED[network]  # the run's backoff, through its sleep
    assert not networks.records, "every container made was published"


@pytest.mark.parametrize("network", sorted(CONTAINERS))
def test_a_container_never_ready_fails_its_part_after_the_runs_tries(
    site: Path, networks: Networks, network: str
) -> None:
    networks.processing[network] = 100
    lines: list[str] = []
    assert run(site, echo=lines.append).failed
    assert not networks.posted(network)
    assert any(
        f" {network} " in line and "the media container is still being processed" in line
        for line in lines
    )
    others = {n: c for n, c in posted(networks).items() if n != network}
    assert others == {n: c for n, c in EXPECTED.items() if n != network}


@pytest.mark.parametrize("network", sorted(CONTAINERS))
def test_a_container_the_network_could_not_process_is_refused_in_its_words(
    site: Path, networks: Networks, network: str
) -> None:
    networks.container_errors[network] = "FAILED_DOWNLOADING_IMAGE 2207052"
    sleeps: list[float] = []
    lines: list[str] = []
    assert run(site, sleeps=sleeps, echo=lines.append).failed
    assert sleeps == []  # a refusal is not tried again
    assert not networks.posted(network)
    assert any(
        "the media container is ERROR (FAILED_DOWNLOADING_IMAGE 2207052)" in line for line in lines
    )


@pytest.mark.parametrize("network", sorted(CONTAINERS))
def test_a_publication_whose_answer_was_lost_is_never_posted_twice(
    site: Path, networks: Networks, network: str
) -> None:
    """The publish edge posts but answers 503: the next try finds the container PUBLISHED."""
    edge = "media_publish" if network == "instagram" else "threads_publish"
    owner = CONTAINERS[network].rsplit("/", 1)[0]
    networks.lost.add(f"POST {owner}/{edge}")
    lines: list[str] = []
    assert run(site, echo=lines.append).failed
    # The lost one arrived, once. On Threads it is the first part of the thread, so the two
    # replies wait for it to be settled; its photo post goes on.
    arrived = {"instagram": 1, "threads": 2}[network]
    assert len(networks.posted(network)) == arrived
    assert any("the media container was published, its answer lost" in line for line in lines)
    again: list[str] = []
    run(site, echo=again.append)
    assert len(networks.posted(network)) == arrived
    assert any(f" {network} " in line and "uncertain" in line for line in again)
