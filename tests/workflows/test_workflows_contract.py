"""What the workflows and the pre-commit hook promise, read back with PyYAML."""

from __future__ import annotations

from pathlib import Path
from typing import cast

import yaml

from portavoz.scheduler.publish.adapters import ADAPTERS

ROOT = Path(__file__).resolve().parents[2]
Mapping = dict[str, object]


def load(relative: str) -> object:
    return yaml.safe_load((ROOT / relative).read_text(encoding="utf-8"))


def workflow(name: str) -> Mapping:
    raw = cast(dict[object, object], load(f".github/workflows/{name}"))
    # YAML 1.1 reads the key `on` as the boolean true.
    return {("on" if key is True else str(key)): value for key, value in raw.items()}


def steps(data: Mapping) -> list[Mapping]:
    jobs = cast(dict[str, Mapping], data["jobs"])
    return [s for job in jobs.values() for s in cast(list[Mapping], job.get("steps", []))]


def step_using(data: Mapping, action: str) -> Mapping:
    return next(s for s in steps(data) if str(s.get("uses", "")).startswith(action + "@"))


def test_pre_commit_hook_declares_what_pre_commit_needs() -> None:
    hooks = cast(list[Mapping], load(".pre-commit-hooks.yaml"))
    hook = next(h for h in hooks if h["id"] == "portavoz-check")
    assert {"id", "name", "entry", "language"} <= hook.keys()
    assert hook["entry"] == "portavoz check"
    assert hook["language"] == "python"
    assert hook["files"] == r"\.md$"
    assert hook["pass_filenames"] is False


def test_review_runs_on_pull_requests_with_least_privilege() -> None:
    data = workflow("review.yml")
    assert "pull_request" in cast(Mapping, data["on"])
    assert data["permissions"] == {"contents": "read", "pull-requests": "write"}
    assert cast(Mapping, step_using(data, "actions/checkout")["with"])["fetch-depth"] == 0
    assert cast(Mapping, step_using(data, "actions/setup-python")["with"])["python-version"] == (
        "3.11"
    )


def test_review_comment_is_sticky_and_only_comment_and_artifact_may_fail_quietly() -> None:
    data = workflow("review.yml")
    comment = step_using(data, "actions/github-script")
    assert "<!-- portavoz-review -->" in str(cast(Mapping, comment["with"])["script"])
    quiet = [s for s in steps(data) if s.get("continue-on-error")]
    assert quiet == [comment, step_using(data, "actions/upload-artifact")]
    runs = " ".join(str(s.get("run", "")) for s in steps(data))
    assert "--format markdown > report-full.md" in runs
    assert "--max-chars 60000" in runs and "> report.md" in runs
    assert "--format github" in runs
    last = steps(data)[-1]
    assert "steps.review.outputs.status" in str(last["env"]) and "exit 1" in str(last["run"])


def test_only_actions_from_github_are_used() -> None:
    for name in ("review.yml", "publish.yml"):
        used = [str(s["uses"]) for s in steps(workflow(name)) if "uses" in s]
        assert used and all(u.startswith("actions/") for u in used), used


def test_publish_builds_strictly_every_ten_minutes_and_keeps_internal_outputs_out_of_pages() -> (
    None
):
    data = workflow("publish.yml")
    on = cast(Mapping, data["on"])
    assert cast(list[Mapping], on["schedule"]) == [{"cron": "*/10 * * * *"}]
    assert {"push", "workflow_dispatch"} <= on.keys()
    build = next(s for s in steps(data) if "mkdocs build" in str(s.get("run", "")))
    assert "--strict" in str(build["run"])
    assert cast(Mapping, build["env"]) == {
        "PORTAVOZ_PAUSE": "${{ vars.PORTAVOZ_PAUSE }}",
        "PORTAVOZ_PAUSE_SINCE": "${{ vars.PORTAVOZ_PAUSE_SINCE }}",
    }
    assert cast(Mapping, step_using(data, "actions/upload-pages-artifact")["with"])["path"] == (
        "site"
    )
    assert cast(Mapping, step_using(data, "actions/upload-artifact")["with"])["path"] == (
        ".portavoz/"
    )
    deploy = cast(dict[str, Mapping], data["jobs"])["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert cast(Mapping, data["concurrency"])["group"] == "pages"


def test_every_checkout_keeps_the_token_out_of_git_config() -> None:
    # actions/checkout writes the token into .git/config unless told not to; a linked post or
    # template, or any step, could then read it and publish it.
    for name in ("review.yml", "publish.yml"):
        checkouts = [
            s
            for s in steps(workflow(name))
            if str(s.get("uses", "")).startswith("actions/checkout@")
        ]
        assert checkouts, name
        for step in checkouts:
            assert cast(Mapping, step.get("with") or {}).get("persist-credentials") is False, name


def test_posting_follows_the_deploy_with_the_secrets_and_the_ledger_is_always_committed() -> None:
    data = workflow("publish.yml")
    jobs = cast(dict[str, Mapping], data["jobs"])
    assert cast(Mapping, data["concurrency"])["cancel-in-progress"] is False
    publish = jobs["publish"]
    assert publish["needs"] == "deploy" and jobs["deploy"]["needs"] == "build"
    assert publish["permissions"] == {"contents": "write"}
    names = [str(s.get("name", s.get("uses", ""))) for s in cast(list[Mapping], publish["steps"])]
    posting = next(s for s in steps(data) if s.get("run") == "portavoz publish")
    env = cast(Mapping, posting["env"])
    # Every secret an adapter reads (scheduler/publish/*.py), each from the repository's secrets.
    secrets = {n for n in env if n.startswith("PORTAVOZ_") and "PAUSE" not in n}
    assert secrets == set(adapter_secrets())
    assert all(env[n] == f"${{{{ secrets.{n} }}}}" for n in secrets)
    assert "PORTAVOZ_PAUSE" in env  # the crisis pause holds posting as it holds the site
    ledger = cast(list[Mapping], publish["steps"])[-1]
    assert ledger["if"] == "always()" and "git push" in str(ledger["run"])
    assert names.index("Post what is due to the networks") < names.index("Commit the ledger")


def adapter_secrets() -> list[str]:
    """The environment variables the publish adapters name as their secrets' defaults."""
    return [name for module in ADAPTERS.values() for name in module.SCHEMA.secrets.values()]
