"""Checking the publishing accounts imports no network adapter (issue 16, build memory).

``mkdocs build`` and ``portavoz check`` check every account's keys against its network's
schema (:mod:`portavoz.scheduler.publish.schemas`); the adapters that post are imported only
by ``portavoz publish``. The checks still refuse what they refused, with the same messages.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from portavoz.scheduler.base.options import ConfigError
from portavoz.scheduler.publish.adapters import ADAPTERS
from portavoz.scheduler.publish.schemas import SCHEMAS
from portavoz.scheduler.publish.settings import publish_settings

# In a fresh interpreter: a real build of the site, then `portavoz check` in the same process;
# prints the publishing modules imported by then.
_PROBE = """
import json, sys
from mkdocs.__main__ import cli as mkdocs
from portavoz.scheduler.cli.main import main as portavoz
mkdocs.main(["build", "-q", "-d", "site"], prog_name="mkdocs", standalone_mode=False)
built = sorted(m for m in sys.modules if m.startswith("portavoz.scheduler.publish"))
portavoz.main(["check", "."], prog_name="portavoz", standalone_mode=False)
checked = sorted(m for m in sys.modules if m.startswith("portavoz.scheduler.publish"))
print(json.dumps([built, checked]))
"""


def _imported(root: Path) -> list[list[str]]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PORTAVOZ_NOW": "2026-06-01T00:00+02:00"}
    done = subprocess.run(
        [sys.executable, "-c", _PROBE],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert isinstance(found, list)
    return found


def test_a_build_and_check_of_a_site_with_every_account_import_no_adapter(
    example_site: Path,
) -> None:
    text = (example_site / "mkdocs.yml").read_text(encoding="utf-8")
    assert "portavoz/publish:" in text and all(f"        {n}: " in text for n in ADAPTERS)

    built, checked = _imported(example_site)

    adapters = {f"portavoz.scheduler.publish.{name}" for name in ADAPTERS}
    assert "portavoz.scheduler.publish.schemas" in built
    assert not adapters & {*built, *checked}, (built, checked)
    assert "portavoz.scheduler.publish.adapters" not in {*built, *checked}


def test_the_schemas_are_the_adapters_networks_and_each_adapter_module_names_its_own() -> None:
    assert set(SCHEMAS) == set(ADAPTERS)
    assert all(module.SCHEMA is SCHEMAS[name] for name, module in ADAPTERS.items())


_WHERE = "mkdocs.yml: plugins.portavoz/publish."


@pytest.mark.parametrize(
    ("account", "message"),
    [
        (
            {"tiktok": {"since": "2026-01-01"}},
            "accounts: unknown network 'tiktok' (known: bluesky, facebook, instagram, linkedin, "
            "mastodon, telegram, threads, x)",
        ),
        (
            {"bluesky": {"since": "2026-01-01"}},
            "accounts.bluesky.handle: required; write the bluesky account's handle",
        ),
        (
            {"x": {"since": "2026-01-01", "handle": "marca"}},
            "accounts.x: unknown option 'handle' (known: access_secret_env, access_token_env, "
            "api_base, api_key_env, api_secret_env, since)",
        ),
    ],
)
def test_the_checks_refuse_as_before(account: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        publish_settings({"accounts": account})
    assert str(caught.value) == _WHERE + message
