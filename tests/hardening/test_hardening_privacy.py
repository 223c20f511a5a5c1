"""Privacy: the example, and any site the portavoz plugins build, load nothing from another host.

Every built HTML, CSS and JS file is read by ``third_party.py`` (html.parser and the CSS and
script grammar, never portavoz or Material) for each address a browser would load by itself.
The browser tests (``tests/browser/``) check the same promise from the other side: every
request of every page they open goes to the local server.

Cases: the example site; the configurations in ``corpus/privacy/cases.yml`` (each with its
``expect`` line); and ``corpus/privacy/leaky/``, a site built to leak in every way, which
shows the reader finds each one (``leaky.expected.txt``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from case_tables import load_yaml, table
from hardening_corpus import CORPUS, build, make_project
from third_party import pages_meeting_conditions, third_party_references

PRIVACY = CORPUS / "privacy"
OWN_HOST = "blog.ruedalibre-demo.es"
"""The host of the example's and the corpus project's ``site_url``."""
AT = {"PORTAVOZ_NOW": "2026-11-23T12:00:00+01:00"}


def assert_private(site_dir: Path) -> None:
    assert sorted(site_dir.rglob("*.html")), f"nothing was built in {site_dir}"
    found = [str(r) for r in third_party_references(site_dir, OWN_HOST)]
    assert found == [], "pages load from other hosts:\n" + "\n".join(found)
    assert pages_meeting_conditions(site_dir) == []


def test_example_site_loads_nothing_from_another_host(
    example_site: Path, build: Callable[..., Any]
) -> None:
    result = build(example_site, AT)

    assert result.returncode == 0, result.output
    assert_private(result.site_dir)


@pytest.mark.parametrize("case", table(PRIVACY / "cases.yml"))
def test_site_config_keeps_pages_private(case: dict[str, Any], tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"mkdocs.yml": case["config"].encode()})

    run = build(root)

    assert (run.code == 0) is case["passes"], run.output
    assert "Traceback" not in run.output, run.output
    missing = [line for line in case["output"] if line not in run.output]
    assert missing == [], f"the build output lacks the expected lines:\n{run.output}"
    found = third_party_references(root / "site", OWN_HOST)
    assert sorted({urlsplit(r.url).hostname for r in found}) == case["third_party"], found
    assert pages_meeting_conditions(root / "site") == []


def test_reader_finds_every_way_a_page_loads_from_another_host() -> None:
    expected = (PRIVACY / "leaky.expected.txt").read_text(encoding="utf-8").splitlines()[1:]

    found = third_party_references(PRIVACY / "leaky", OWN_HOST)

    assert [str(r) for r in found] == expected
    assert pages_meeting_conditions(PRIVACY / "leaky") == [
        "diagram.html: Mermaid diagrams load https://unpkg.com/mermaid@"
    ]


def test_every_privacy_case_states_what_it_checks() -> None:
    cases = load_yaml(PRIVACY / "cases.yml")
    assert all(str(c.get("expect", "")).strip() for c in cases)
    for path in [PRIVACY / "leaky.expected.txt", *sorted((PRIVACY / "leaky").iterdir())]:
        assert "Expect: " in path.read_text(encoding="utf-8").partition("\n")[0], path
