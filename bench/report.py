"""The Markdown of ``bench/RESULTS.md``: machine, one table per benchmark, verdicts."""

from __future__ import annotations

import datetime as dt
import os
import platform
import statistics
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from bench.measure import Sample, Series


@dataclass(frozen=True)
class Section:
    """One benchmark's part of the report."""

    title: str
    body: str


@dataclass(frozen=True)
class Verdict:
    """A target, whether it is met, the numbers that say so, and the profile of what is left."""

    target: str
    met: bool
    evidence: str
    profile: str = ""
    note: str = ""


@dataclass(frozen=True)
class Rebuild:
    """One ``mkdocs serve`` rebuild: whole CPU and wall seconds, and portavoz's part of it."""

    cpu: float
    wall: float
    handlers: Mapping[str, float]
    config: float
    """CPU seconds reading portavoz's plugins' options when the config is loaded again."""
    prefix: str
    events: Mapping[tuple[str, str], tuple[float, int]]
    """Portavoz's CPU seconds and calls per (plugin, event)."""

    @classmethod
    def of(cls, data: Mapping[str, Any], prefix: str) -> Rebuild:
        """From one rebuild of ``bench.serve``'s report (``prefix``: portavoz's plugin names)."""
        handlers = {name: spent["cpu"] for name, spent in data["plugins"].items()}
        events = {
            (plugin, event): (float(cpu), int(calls))
            for plugin, found in data["events"].items()
            for event, (cpu, calls) in found.items()
        }
        return cls(data["cpu"], data["wall"], handlers, data["config"], prefix, events)

    @property
    def portavoz(self) -> float:
        """Portavoz's handlers and options: its share of the rebuild."""
        mine = (v for k, v in self.handlers.items() if k.startswith(self.prefix))
        return sum(mine) + self.config


@dataclass(frozen=True)
class CheckRow:
    """check/review timings for one repository size."""

    posts: int
    series: Mapping[str, Series]
    core: Mapping[str, float]
    label: str = ""
    """What sets this repository apart (e.g. every post with an explicit slug)."""


@dataclass(frozen=True)
class ListenRun:
    """One ``portavoz listen`` run: its sample, feedparser calls, per-feed statuses."""

    sample: Sample
    parses: int
    statuses: Sequence[str]


@dataclass(frozen=True)
class ListenRow:
    """A first and a second round at one concurrency, and an offline run for reference."""

    concurrency: int
    first: ListenRun
    second: ListenRun
    offline: ListenRun

    @property
    def fetch_seconds(self) -> float:
        """Time the first round spent beyond what the same command takes offline."""
        return self.first.sample.seconds - self.offline.sample.seconds


def machine() -> dict[str, str]:
    """What the numbers were measured on."""
    info = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpus (nproc)": str(os.cpu_count()),
        "cpu model": _cpuinfo("model name"),
        "memory": _meminfo(),
        "python": platform.python_version(),
        "load_before": load_average(),
    }
    for package in ("mkdocs", "mkdocs-material", "pyyaml", "jinja2", "regex", "portavoz"):
        try:
            info[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            info[package] = "not installed"
    return info


def load_average() -> str:
    """The 1, 5 and 15-minute load averages."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _cpuinfo(key: str) -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith(key):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _meminfo() -> str:
    try:
        line = Path("/proc/meminfo").read_text().splitlines()[0]
        return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        return "unknown"


def _row(cells: Sequence[object]) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def _table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    lines = [_row(header), _row(["---"] * len(header)), *(_row(r) for r in rows)]
    return "\n".join(lines)


def _series_row(name: str, s: Series) -> list[object]:
    low, high = s.spread
    return [name, f"{s.median:.2f}", f"{low:.2f}–{high:.2f}", f"{s.cpu_median:.2f}",
            f"{s.system_median:.2f}", f"{s.peak_mib:.0f}"]  # fmt: skip


SERIES_HEADER = ["command", "median wall s", "min–max wall s", "median CPU s",
                 "of it the kernel's s", "peak RSS MiB"]  # fmt: skip


def build_section(
    posts: int,
    series: Mapping[str, Series],
    pages: Mapping[str, int],
    wall: float,
    cpu: float,
    hooks: Mapping[str, float],
    second: Mapping[str, float],
    repeat: int,
) -> Section:
    """Table of benchmark 1."""
    rows = [_series_row(f"mkdocs build ({name}, {pages[name.split()[0]]} HTML pages)", s)
            for name, s in series.items()]  # fmt: skip
    whole = hooks.get("(whole build)", 0.0) or 1.0
    again = second.get("(whole build)", 0.0) or 1.0
    hook_rows = [[name, f"{seconds:.2f}", f"{seconds / whole * 100:.1f}%",
                  f"{second.get(name, 0.0):.2f}", f"{second.get(name, 0.0) / again * 100:.1f}%"]
                 for name, seconds in sorted(hooks.items(), key=lambda x: -x[1])]  # fmt: skip
    body = (
        f"The same {posts}-post site built with `mkdocs.yml` (portavoz's three plugins, feeds "
        "per audience, category and network, all variants, internal outputs) and with "
        "`mkdocs.material.yml` (Material's blog alone: portavoz plugins and their generated "
        f"nav pages removed). {repeat} rounds, order alternating each round, each build in a "
        f"fresh process; `PORTAVOZ_NOW={'2030-01-01'}` so both publish the same posts. "
        "*Cold*: the internal folder (`.portavoz/`: outputs and persistent caches) removed "
        "first, as a first build; *second*: the same build again right after, nothing "
        "changed.\n\n"
        + _table(SERIES_HEADER, rows)
        + f"\n\n**Overhead of portavoz, cold** (median of per-round ratios): "
        f"**{(cpu - 1) * 100:+.1f}% CPU**, {(wall - 1) * 100:+.1f}% wall.\n\n"
        "CPU seconds inside each plugin's event handlers during the portavoz builds (median; "
        "template rendering of portavoz's theme partials and hub pages is MkDocs' own time and "
        "shows only in the totals above):\n\n"
        + _table(["plugin", "cold CPU s", "share", "second CPU s", "share"], hook_rows)
    )
    return Section("1. `mkdocs build`: portavoz vs Material's blog alone", body)


def serve_section(posts: int, initial: Mapping[str, Any], rebuilds: Sequence[Rebuild]) -> Section:
    """Table of benchmark 1b."""
    names = sorted({n for r in rebuilds for n in r.handlers})
    rows = [[i + 1, f"{r.cpu:.2f}", f"{r.wall:.2f}", f"{r.portavoz:.3f}", f"{r.config:.3f}",
             *(f"{r.handlers.get(n, 0.0):.3f}" for n in names)]
            for i, r in enumerate(rebuilds)]  # fmt: skip
    body = (
        f"`mkdocs serve` on the {posts}-post site, driven in-process by `python -m bench.serve` "
        "(MkDocs' own serve command: `on_startup(command='serve')`, the first build, "
        "`on_serve`; then for each rebuild the server's own builder, which loads the config "
        "again and runs a full build, as after a save; only the file watcher and the HTTP "
        "server are left out). Before each rebuild one post is saved with a new sentence. "
        f"The first build (process start to serving) took {initial['cpu']:.1f} s CPU, "
        f"{initial['wall']:.1f} s wall.\n\n"
        + _table(["rebuild", "CPU s", "wall s", "portavoz s", "its options s", *names], rows)
        + "\n\n*portavoz s* is its handlers' CPU plus *its options s* (portavoz's plugins' "
        "options read and checked again when serve reloads the config); each plugin's column "
        "is its handlers' CPU seconds.\n\n"
        "Portavoz's handlers by event (median CPU seconds of the rebuilds, and calls a "
        "rebuild): the page events run once a page, each call too short to show in the "
        "profile above, and together they are a good part of the share.\n\n"
        + _table(["plugin", "event", "CPU s", "calls", "µs a call"], _event_rows(rebuilds))
    )
    return Section("1b. `mkdocs serve`: the rebuild after saving one post", body)


def _event_rows(rebuilds: Sequence[Rebuild]) -> list[list[object]]:
    """One row per portavoz plugin and event: median CPU and calls over the rebuilds."""
    found = []
    for key in sorted({k for r in rebuilds for k in r.events}):
        spent = [r.events.get(key, (0.0, 0)) for r in rebuilds]
        cpu = statistics.median(c for c, _ in spent)
        calls = statistics.median(n for _, n in spent)
        found.append((cpu, calls, key))
    found.sort(key=lambda row: -row[0])
    return [
        [plugin, event, f"{cpu:.3f}", f"{calls:,.0f}", f"{cpu / calls * 1e6:.0f}" if calls else "–"]
        for cpu, calls, (plugin, event) in found
    ]


def check_section(rows: Sequence[CheckRow], repeat: int) -> Section:
    """Tables of benchmark 2."""
    parts = [
        "Each command in a fresh process (interpreter start-up counted alike), "
        f"{repeat} interleaved rounds (one round of `check` on the large repository). The "
        "repository has the generated site committed and one post changed in the working tree; "
        "`review --base HEAD` reviews that change. The lower bound reads every post and parses "
        "its front matter (python-frontmatter's split + `yaml.safe_load`, or libyaml's "
        "`CSafeLoader`) and does nothing else. The profiles are with the verdicts above."
    ]
    for row in rows:
        lines = [_series_row(name, series) for name, series in row.series.items()]
        label = f" ({row.label})" if row.label else ""
        parts.append(f"### {row.posts:,} posts{label}\n\n" + _table(SERIES_HEADER, lines))
        cores = [f"{_CORES[k]} {v:.2f}" for k, v in row.core.items() if k in _CORES]
        if cores:
            done = row.core.get("reviewed")
            reviewed = f" ({done:.0f} post reviewed)" if done is not None else ""
            parts.append(f"In-process cores (best of 2, CPU s): {', '.join(cores)}{reviewed}.")
    return Section("2. `portavoz check` and `portavoz review`", "\n\n".join(parts))


_CORES = {
    "check core": "`load_posts`",
    "lower bound core": "lower bound",
    "review core": "`review`",
}


def compose_section(data: Mapping[str, Any], repeat: int) -> Section:
    """Table of benchmark 3, from ``bench.compose``'s report."""
    rounds = data["rounds"]
    variants = max(1, data["variants"])
    wall, cpu = data["parse"]
    rows = [["parse (`load_posts`, before)", f"{wall:.2f}", f"{cpu:.2f}", ""]]
    rows += [[f"compose all variants, round {i + 1}{' (cold)' if i == 0 else ''}",
              f"{wall:.2f}", f"{cpu:.2f}", f"{cpu / variants * 1e6:.0f}"]
             for i, (wall, cpu) in enumerate(rounds)]  # fmt: skip
    body = (
        f"A fresh process (`python -m bench.compose`): `load_posts` (read, parse, validate), "
        f"then `Composer.compose` for each of the {data['posts']:,} posts ({data['variants']:,} "
        f"variants over {data['networks']} networks), {len(rounds)} rounds, each with a new "
        "`Composer` as each build makes one. The first round is the cold one (patterns still "
        "to compile); its profile is with the verdicts above.\n\n"
        + _table(["step", "wall s", "CPU s", "µs a variant"], rows)
    )
    return Section(f"3. Composing and counting every variant ({data['posts']:,} posts)", body)


def listen_section(
    feeds: int,
    delay: tuple[float, float],
    slowest: float,
    total: float,
    rows: Sequence[ListenRow],
) -> Section:
    """Table of benchmark 4."""
    lines = []
    for row in rows:
        runs = (("first", row.first), ("second (all 304)", row.second), ("offline", row.offline))
        for label, run in runs:
            fetched = sum(s == "new" for s in run.statuses)
            same = sum(s == "not modified" for s in run.statuses)
            lines.append([row.concurrency, label, f"{run.sample.seconds:.2f}",
                          f"{run.sample.cpu:.2f}", fetched, same, run.parses,
                          f"{run.sample.peak_mib:.0f}"])  # fmt: skip
    body = (
        f"`portavoz listen` (fresh process) against {feeds} RSS feeds on 127.0.0.1, each "
        f"answering after its own delay ({delay[0]:g}–{delay[1]:g} s: slowest {slowest:.2f} s, "
        f"sum {total:.1f} s), with an ETag and `If-None-Match` → 304. The cache is emptied "
        "before each first round; the offline run (`--offline`, cache only) is the command's "
        "own start-up and analysis. `feedparser.parse` calls are counted in the process.\n\n"
        + _table(
            ["concurrency", "round", "wall s", "CPU s", "fetched", "304", "parses", "peak MiB"],
            lines,
        )
    )
    return Section("4. `portavoz listen`", body)


def profile_excerpt(work: Callable[[], object], share: float = 0.04) -> str:
    """A pyinstrument text profile of ``work``, frames below ``share`` of the time hidden."""
    try:
        from pyinstrument import Profiler
    except ImportError:
        return "(pyinstrument is not installed: pip install -e '.[bench]')"
    profiler = Profiler(interval=0.0005)
    profiler.start()
    work()
    profiler.stop()
    return session_excerpt(profiler, share)


def session_excerpt(profiler: Any, share: float = 0.04) -> str:
    """The text of ``profiler``'s last session (a pyinstrument ``Profiler``), small frames hidden.

    Args:
        profiler: A stopped pyinstrument profiler (sessions of several runs are combined).
        share: Frames taking less than this share of the session's time are left out.
    """
    session = profiler.last_session
    if session is None:
        return ""
    text: str = profiler.output_text(unicode=True, color=False, show_all=False)
    return text_excerpt(text, share, session.duration)


def text_excerpt(text: str, share: float = 0.04, duration: float | None = None) -> str:
    """pyinstrument's text output with the frames under ``share`` of ``duration`` left out.

    Args:
        text: The text renderer's output.
        share: Smallest share of the time a frame needs to be kept.
        duration: The session's seconds (default: the header's ``Duration:``).
    """
    total = duration if duration is not None else _duration(text)
    kept = [line for line in text.splitlines() if _seconds(line) >= share * total]
    return "\n".join(kept[:45])


def _duration(text: str) -> float:
    words = text.split()
    at = words.index("Duration:") if "Duration:" in words else -1
    try:
        return float(words[at + 1]) if at >= 0 else 0.0
    except (ValueError, IndexError):
        return 0.0


def _seconds(line: str) -> float:
    for word in line.replace("─", " ").split():
        try:
            return float(word)
        except ValueError:
            continue
    return -1.0


def render(
    info: Mapping[str, str], sections: Sequence[Section], verdicts: Sequence[Verdict]
) -> str:
    """The whole results file: the verdict of every target first, then how each was measured."""
    machine = "\n".join(f"- **{k.replace('_', ' ')}**: {v}" for k, v in info.items())
    rows = [[v.target, v.evidence, "met" if v.met else "**NOT met**"] for v in verdicts]
    return (
        "# portavoz benchmarks: results\n\n"
        "Written by `python -m bench.run` (`make bench`; see `bench/README.md`), every number "
        "and verdict below included. Medians of several runs; A/B ratios are medians of "
        "per-round ratios of runs taken side by side. CPU seconds are the main measure: the "
        "machine is shared, and other jobs stretch wall time but not the CPU a process uses.\n\n"
        f"## Verdicts\n\nMeasured {info.get('date', '')}, load average "
        f"{info.get('load_before', '?')} before and {info.get('load_after', '?')} after.\n\n"
        + _table(["target", "measured", "verdict"], rows)
        + "\n\n"
        + _left(verdicts)
        + f"## Machine\n\n{machine}\n\n"
        + "\n\n".join(f"## {s.title}\n\n{s.body}" for s in sections)
        + "\n"
    )


def _left(verdicts: Sequence[Verdict]) -> str:
    """For each target, the profile of what is left (pyinstrument, small frames hidden)."""
    parts = [
        "## What is left, target by target\n",
        "pyinstrument samples the wall clock: on a loaded machine its seconds are stretched "
        "(each header gives the CPU time too), but the shares still say where the time goes.\n",
    ]
    for verdict in verdicts:
        if not (verdict.profile or verdict.note):
            continue
        state = "met" if verdict.met else "NOT met"
        parts.append(f"### {verdict.target} ({state})\n")
        if verdict.note:
            parts.append(verdict.note + "\n")
        if verdict.profile:
            parts.append(f"```text\n{verdict.profile}\n```\n")
    return "\n".join(parts) + "\n" if len(parts) > 2 else ""
