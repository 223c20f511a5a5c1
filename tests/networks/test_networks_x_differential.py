"""X's counter against npm twitter-text 3.1.0 itself, on a seeded corpus, through one Node run.

Every generated text (differential/x_corpus.py) and every case of cases/x-twitter-text.yml goes
to differential/twitter_text_oracle.cjs
in one batch; portavoz must agree on all of them: weighted length, validity, permillage, the
valid range and the links with their UTF-16 indices. A disagreement found here belongs in
cases/x-twitter-text.yml too, so the fast tests keep it without Node.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from case_tables import load_yaml
from differential.x_corpus import corpus
from networks_cases import CASES, case_text
from node_json import node_json

from portavoz.scheduler.networks.twitter_text import extract_urls_with_indices
from portavoz.scheduler.networks.x import parse_tweet, weighted_length

ORACLE = Path(__file__).resolve().parent / "differential" / "twitter_text_oracle.cjs"
CORPUS = corpus(6000, seed=13)
FIXTURES = load_yaml(CASES / "x-twitter-text.yml")
FIELDS = ("weightedLength", "valid", "permillage", "validRangeEnd", "displayRangeEnd", "urls")
FIXTURE_FIELDS = {
    "weighted_length": "weightedLength",
    "valid": "valid",
    "permillage": "permillage",
    "valid_range_end": "validRangeEnd",
    "urls": "urls",
}


def twitter_text(texts: list[str]) -> list[dict[str, object]]:
    """What twitter-text says about each text (fails the test when Node cannot run it)."""
    answers: list[dict[str, object]] = node_json(ORACLE, "twitter-text", stdin=texts)
    return answers


def portavoz(text: str) -> dict[str, object]:
    """The same fields from portavoz's counter."""
    parsed = parse_tweet(text)
    urls = extract_urls_with_indices(unicodedata.normalize("NFC", text))
    # The counter's shortcut must give twitter-text's length too, or it is a different counter.
    assert weighted_length(text) == parsed.weighted_length, text
    return {
        "weightedLength": parsed.weighted_length,
        "valid": parsed.valid,
        "permillage": parsed.permillage,
        "validRangeEnd": parsed.valid_range_end,
        "displayRangeEnd": parsed.display_range_end,
        "urls": [[url.url, url.start, url.end] for url in urls],
    }


def test_x_agrees_with_twitter_text_on_every_text() -> None:
    # One test, so one Node process per run however the tests are spread over workers.
    fixtures = [case_text(case) for case in FIXTURES]
    answers = twitter_text(CORPUS + fixtures)
    assert len(answers) == len(CORPUS) + len(fixtures)
    disagreements = [
        f"{text!r}: {field} is {ours[field]!r}, twitter-text says {theirs[field]!r}"
        for text, theirs in zip(CORPUS + fixtures, answers, strict=True)
        for ours in [portavoz(text)]
        for field in FIELDS
        if ours[field] != theirs[field]
    ]
    lengths = [int(str(answer["weightedLength"])) for answer in answers[: len(CORPUS)]]
    assert sum(270 <= length <= 280 for length in lengths) >= 20  # texts at the limit
    assert sum(length > 280 for length in lengths) >= 20  # and over it
    assert not disagreements, f"{len(disagreements)} disagreements:\n" + "\n".join(
        disagreements[:20]
    )
    # The fixtures hold twitter-text's own answers, so the fast tests check what it says.
    assert [{key: case[key] for key in FIXTURE_FIELDS} for case in FIXTURES] == [
        {key: answer[field] for key, field in FIXTURE_FIELDS.items()}
        for answer in answers[len(CORPUS) :]
    ]


COVERED: dict[str, Callable[[str], bool]] = {
    "accents in NFD": lambda t: t != unicodedata.normalize("NFC", t),
    "CJK": lambda t: any("\u4e00" <= c <= "\u9fff" for c in t),
    "right-to-left letters": lambda t: any("\u0590" <= c <= "\u06ff" for c in t),
    "emoji with ZWJ": lambda t: "\u200d🔥" in t or "\u200d👩" in t,
    "skin tones": lambda t: any("\U0001f3fb" <= c <= "\U0001f3ff" for c in t),
    "flags": lambda t: "🇪🇸" in t or "🇨🇶" in t,
    "keycaps": lambda t: "\u20e3" in t,
    "tag sequences": lambda t: any("\U000e0020" <= c <= "\U000e007f" for c in t),
    "non-RGI clusters": lambda t: "🇦🇧" in t or "😀\u0301" in t,
    "links with scheme": lambda t: "https://" in t,
    "links without scheme": lambda t: " example.com" in t or "www." in t,
    "IDN": lambda t: "münchen" in unicodedata.normalize("NFC", t),
    "links in parentheses": lambda t: "(https://" in t or "(example" in t,
    "ports": lambda t: ":8080" in t,
    "IPv6": lambda t: "[::1]" in t,
    "e-mails": lambda t: "user@example.com" in t,
    "mentions": lambda t: "@usuario" in t,
    "@user@host": lambda t: "@user@" in t,
    "hashtags": lambda t: "#etiqueta" in t,
    "cashtags": lambda t: "$TSLA" in t,
    "newlines": lambda t: "\n" in t,
}


@pytest.mark.parametrize("name", COVERED)
def test_the_corpus_holds_each_kind_of_text(name: str) -> None:
    assert len(CORPUS) >= 5000
    assert sum(1 for text in CORPUS if COVERED[name](text)) >= 20
