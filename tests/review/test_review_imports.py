"""`portavoz review` loads only what a review uses: no HTTP stack, which only fetching feeds and
publishing need (listening's cache is read offline, publish's options are only checked, with
no network adapter)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from review_repo import AT, GIT_ENV

PROGRAM = """
import json, sys
from portavoz.scheduler.cli.main import main
code = main(["review", "--base", "base", "--at", sys.argv[1]], standalone_mode=False)
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def test_a_review_reads_the_listening_cache_without_the_http_stack(repo: Path) -> None:
    post = repo / "content/blog/posts/2026-05-05-presentamos-la-e-brisa.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nUna frase más.\n", encoding="utf-8")

    done = subprocess.run(
        [sys.executable, "-c", PROGRAM, AT],
        cwd=repo,
        env={**os.environ, **GIT_ENV, "GIT_CEILING_DIRECTORIES": str(repo.parent)},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )

    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.splitlines()[-1])
    modules = set(found["modules"])
    # The listening notes were looked for (the offline pipeline was loaded)…
    assert "portavoz.scheduler.listening.pipeline" in modules
    # …from the parses committed beside the copies (as `portavoz listen` leaves them): no copy
    # was parsed again.
    assert "feedparser" not in modules
    # …without the fetching code, which needs httpx and httpcore.
    assert "portavoz.scheduler.listening.fetch" not in modules
    assert "portavoz.scheduler.listening.addresses" not in modules
    # portavoz/publish's accounts were checked against each network's keys (publish/schemas),
    # without an adapter or httpx.
    assert "portavoz.scheduler.publish.schemas" in modules
    assert "portavoz.scheduler.publish.x" not in modules
    assert "httpx" not in modules
