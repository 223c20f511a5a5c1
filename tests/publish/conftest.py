"""Fixtures of the publishing tests: the fakes of every network, and a small site using them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from publish_fakes import Networks, fake_networks
from publish_site import POSTS, accounts, make_project


@pytest.fixture
def networks() -> Iterator[Networks]:
    with fake_networks() as found:
        yield found


@pytest.fixture
def site(tmp_path: Path, networks: Networks) -> Path:
    return make_project(tmp_path / "site", POSTS, accounts(networks.base))
