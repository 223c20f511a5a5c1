"""Hostile link-like runs reach the Mastodon counter and get an answer, not a hang.

Each run below glues a long dotted chain to a link without white space; the pattern Mastodon
finds links with, tried at every position, walks the whole chain each time (quadratic: seconds
at a few hundred labels, hours at these sizes). ``portavoz count`` runs in a subprocess capped
in memory and time (:func:`hardening_corpus.bounded`), so a regression fails with a message;
the deadline only tells a hang from an answer, nothing here is timed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hardening_corpus import PORTAVOZ, bounded

LABELS = 20_000
LINK = "https://x.com"
HOSTILE = {
    "dotted": ("a." * LABELS + LINK, 2 * LABELS + 23),
    "accented": ("é." * LABELS + LINK, 2 * LABELS + 23),
    "underscore-in-domain-name": ("a." * LABELS + "a_b.com:" + LINK, 2 * LABELS + 8 + 23),
    "label-ending-in-dash": ("a." * LABELS + "b-.com:" + LINK, 2 * LABELS + 7 + 23),
    "tld-then-digit": ("a." * LABELS + "com1:" + LINK, 2 * LABELS + 5 + 23),
    "schemes-then-dots": ("https://" * 5_000 + "a." * LABELS, 8 * 5_000 + 2 * LABELS),
}
"""Each run, and its length as Mastodon counts it (each link 23)."""


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_run_is_counted(name: str, tmp_path: Path) -> None:
    text, length = HOSTILE[name]
    run = bounded(tmp_path, *PORTAVOZ, "count", "--json", "mastodon", text)
    assert run.code == 1, run.output  # counted, and too long for 500
    assert json.loads(run.output)["length"] == length
