"""One run of ``portavoz publish``: every due part of every variant, exactly once.

For each configured account, the plan's variants for that network whose moment has come
(live, not held by the crisis pause, not before the account's ``since``) are sent part by
part, in order, each part a reply to the one before. The ledger is read first and written
around every send (see :mod:`portavoz.scheduler.publish.ledger`): a part already there is
never sent again, an edited one is reported, an uncertain one is left for a person. One
network's failure stops only that network's variant; the others go on.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import posixpath
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from portavoz.scheduler.base.inert import log_line
from portavoz.scheduler.compose.plan import Plan, Planned
from portavoz.scheduler.compose.variant import Variant
from portavoz.scheduler.content.settings import SiteSettings
from portavoz.scheduler.content.window import Status
from portavoz.scheduler.publish.adapters import ADAPTERS
from portavoz.scheduler.publish.client import Adapter, Sent, Thread, idempotency_key
from portavoz.scheduler.publish.faults import Fault, FaultKind, RetryPolicy, Sleep, with_retries
from portavoz.scheduler.publish.ledger import Entry, Event, Ledger, PartKey, text_hash
from portavoz.scheduler.publish.settings import Account, PublishSettings
from portavoz.scheduler.publish.steps import Image, Publication, Step
from portavoz.scheduler.site.meta import image_url


class Outcome(enum.StrEnum):
    """What happened to one part."""

    POSTED = "posted"
    SKIPPED = "skipped"
    FAILED = "failed"
    DRY = "would post"


@dataclass(frozen=True)
class Line:
    """One line of the run's output: one part and what happened to it."""

    outcome: Outcome
    post: str
    network: str
    step: Step
    detail: str

    def text(self) -> str:
        """``posted content/…md mastodon part 1/2: https://…``, one inert line."""
        where = f"{self.step.kind.value} {self.step.number}/{self.step.total}"
        return log_line(f"{self.outcome.value} {self.post} {self.network} {where}: {self.detail}")


@dataclass
class Report:
    """Everything a run did."""

    lines: list[Line] = field(default_factory=list)
    already: int = 0
    """Parts found in the ledger, unchanged (not printed)."""
    dry: bool = False

    @property
    def failed(self) -> bool:
        return any(line.outcome is Outcome.FAILED for line in self.lines)

    def count(self, outcome: Outcome) -> int:
        return sum(1 for line in self.lines if line.outcome is outcome)


@dataclass(frozen=True)
class Options:
    """How to run.

    Attributes:
        now: The command's moment (the one clock reading).
        environ: Where the secrets are.
        dry_run: Send nothing; ``None``: only when no account has its credentials.
        networks: Only these networks (empty: all configured).
        posts: Only these posts' files, relative to the project root (empty: all).
        sleep: Waits between tries.
        policy: How often and how long to try again.
        echo: Prints one line (each part as it is done, so a CI log shows progress).
    """

    now: dt.datetime
    environ: Mapping[str, str]
    sleep: Sleep
    dry_run: bool | None = None
    networks: Collection[str] = ()
    posts: Collection[str] = ()
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    echo: Callable[[str], None] = print


def publish(plan: Plan, settings: PublishSettings, root: Path, options: Options) -> Report:
    """Post every due part of every variant through each configured account.

    Args:
        plan: The reviewed plan (every post, its status and variants).
        settings: The accounts and the ledger.
        root: The project root (the ledger and images are read relative to it).
        options: The moment, the secrets, the filters.

    Raises:
        LedgerError: The ledger cannot be read; nothing is sent.
    """
    ledger = Ledger.read(root / settings.ledger, settings.ledger)
    accounts = [
        a
        for n, a in sorted(settings.accounts.items())
        if not options.networks or n in options.networks
    ]
    dry = options.dry_run
    if dry is None:
        dry = not any(a.secrets(options.environ) is not None for a in accounts)
    report = Report(dry=dry)
    run = _Run(plan, root, ledger, options, report, dry, accounts)
    for account in accounts:
        run.account(account)
    return report


@dataclass
class _Run:
    plan: Plan
    root: Path
    ledger: Ledger
    options: Options
    report: Report
    dry: bool
    accounts: list[Account]

    def account(self, account: Account) -> None:
        secrets = account.secrets(self.options.environ)
        adapter = ADAPTERS[account.network].factory(
            account, None if self.dry else secrets, self.options.now
        )
        missing = "" if self.dry or secrets else _missing(account, self.options.environ)
        for item in self.plan.items:
            variant = next((v for v in item.variants if v.network == account.network), None)
            if variant is None or (self.options.posts and item.post.path not in self.options.posts):
                continue
            held = self._held(item, account)
            if held is None:
                continue
            if not variant.fits:
                held = held or "the variant does not fit (portavoz check names the problem)"
            publication = self._publication(item, variant, account, adapter)
            if publication is None:
                continue
            self._variant(publication, adapter, held or missing)

    def _held(self, item: Planned, account: Account) -> str | None:
        """Why a variant is not sent now ("" : it is due), or ``None`` when it is not due."""
        moment = moment_of(item, account.network)
        if moment < account.since or moment > self.options.now:
            return None
        status = self.plan.status_on(item, account.network)
        if status is Status.HELD:
            pause = self.plan.window.pause
            return f"held by the crisis pause ({pause.reason if pause else ''})"
        return "" if status is Status.LIVE else None

    def _publication(
        self, item: Planned, variant: Variant, account: Account, adapter: Adapter
    ) -> Publication | None:
        post = item.post
        base = Publication(
            post=post.path,
            network=account.network,
            moment=moment_of(item, account.network),
            variant=variant,
            title=post.title,
            summary=post.summary,
            lang=post.lang,
        )
        image, problem = resolve_image(variant, item, self.plan.site, self.root)
        steps = tuple(adapter.steps(base, image))
        publication = replace(base, steps=steps)
        if problem:
            for step in steps:
                self._line(Outcome.FAILED, publication, step, problem)
            return None
        return publication

    def _variant(self, publication: Publication, adapter: Adapter, skip: str) -> None:
        root: Sent | None = None
        parent: Sent | None = None
        stop = ""
        for step in publication.steps:
            key = PartKey(publication.post, publication.network, step.number)
            state = self.ledger.state(key)
            if state.posted is not None:
                posted = state.posted
                if posted.hash and posted.hash != text_hash(step.hashed):
                    why = (
                        f"posted text differs from the source (posted: {posted.url}); not reposted"
                    )
                    self._line(Outcome.SKIPPED, publication, step, why)
                    stop = stop or "an earlier part was edited after it was posted"
                else:
                    self.report.already += 1
                parent = Sent(posted.id, posted.url)
                root = root or parent
                continue
            why = skip or stop
            if why:
                self._line(Outcome.SKIPPED, publication, step, why)
                continue
            if self.dry:
                shown = json.dumps(adapter.payload(publication, step), ensure_ascii=False)
                self._line(Outcome.DRY, publication, step, shown)
                continue
            if step.number > 1 and parent is None:
                stop = "the part before it is not posted"
                self._line(Outcome.SKIPPED, publication, step, stop)
                continue
            sent = self._send(publication, step, adapter, Thread(root, parent))
            if sent is None:
                stop = "the part before it failed"
                continue
            parent = sent
            root = root or sent

    def _send(
        self, publication: Publication, step: Step, adapter: Adapter, thread: Thread
    ) -> Sent | None:
        key = PartKey(publication.post, publication.network, step.number)
        state = self.ledger.state(key)
        idem = idempotency_key(*_key_parts(key))
        hashed = text_hash(step.hashed)
        now = self.options.now
        window = adapter.resend_window
        if state.attempt is not None:
            if window is None or now - state.attempt.at > window:
                self._line(Outcome.FAILED, publication, step, self._uncertain(state.attempt))
                return None
        else:
            self._record(Event.ATTEMPT, key, step, hashed, idempotency=idem)
        try:
            sent = with_retries(
                lambda: adapter.send(publication, step, thread, idem),
                self.options.policy,
                self.options.sleep,
                idempotent=window is not None,
            )
        except Fault as fault:
            if fault.kind is not FaultKind.TIMEOUT:  # the network answered: nothing posted
                self._record(Event.FAILED, key, step, hashed)
            self._line(Outcome.FAILED, publication, step, self._redacted(str(fault)))
            return None
        except Exception as exc:  # a library's own error: named, never its text (may hold a URL)
            self._line(Outcome.FAILED, publication, step, f"unexpected {type(exc).__name__}")
            return None
        self._record(Event.POSTED, key, step, hashed, sent=sent)
        self._line(Outcome.POSTED, publication, step, sent.url or sent.id)
        return sent

    def _record(
        self,
        event: Event,
        key: PartKey,
        step: Step,
        hashed: str,
        *,
        sent: Sent | None = None,
        idempotency: str = "",
    ) -> None:
        entry = Entry(
            event=event,
            key=key,
            at=self.options.now,
            hash=hashed,
            kind=step.kind.value,
            of=step.total,
            id=sent.id if sent else "",
            url=sent.url if sent else "",
            idempotency=idempotency,
        )
        self.ledger.append(entry)

    def _uncertain(self, attempt: Entry) -> str:
        return (
            f"uncertain: an attempt at {attempt.at.isoformat(timespec='seconds')} has no "
            f"answer recorded; look on {attempt.key.network} and add a posted line to "
            f"{self.ledger.shown} if it arrived, or remove the attempt line to send it again"
        )

    def _redacted(self, text: str) -> str:
        """Any secret a network might echo back, masked (a last guard: none should)."""
        for value in self.secrets:
            text = text.replace(value, "***")
        return text

    @property
    def secrets(self) -> list[str]:
        """The values of every account's secrets that are set."""
        environ = self.options.environ
        names = {n for a in self.accounts for n in a.secret_envs.values()}
        return [environ[n] for n in sorted(names) if environ.get(n)]

    def _line(self, outcome: Outcome, publication: Publication, step: Step, detail: str) -> None:
        line = Line(outcome, publication.post, publication.network, step, self._redacted(detail))
        self.report.lines.append(line)
        self.options.echo(line.text())


def moment_of(item: Planned, network: str) -> dt.datetime:
    """When a post is due on ``network``: its channel's ``at:``, else the post's date."""
    return item.post.moment_on(network)


def _key_parts(key: PartKey) -> tuple[str, str, int]:
    return key.post, key.network, key.step


def _missing(account: Account, environ: Mapping[str, str]) -> str:
    names = ", ".join(account.missing(environ))
    return f"no credentials for {account.network}: {names} not set"


def resolve_image(
    variant: Variant, item: Planned, site: SiteSettings, root: Path
) -> tuple[Image | None, str]:
    """The variant's image as a file in the content folder and its public URL, or a problem."""
    source = variant.image
    if not source:
        return None, ""
    url = image_url(source, item.post, site)
    if source.startswith(("http://", "https://")):
        return Image(source, None, url, variant.image_alt), ""
    base = "" if source.startswith("/") else posixpath.dirname(item.post.src_uri)
    relative = posixpath.normpath(posixpath.join(base, source.lstrip("/")))
    path = root / site.docs_dir / relative
    if relative.startswith("../") or relative == ".." or not path.is_file() or path.is_symlink():
        return None, f"image {source} is not a file in {site.docs_dir}/"
    return Image(source, path, url, variant.image_alt), ""
