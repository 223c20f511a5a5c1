"""``python -m bench.run``: every benchmark, interleaved and repeated, into ``bench/RESULTS.md``.

See ``bench/README.md`` for what each benchmark measures and how to read the results.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench import configs, report
from bench.feeds import make_feeds, serving
from bench.generate import generate_site
from bench.measure import Sample, Series, interleaved, paired_ratio, run_measured, timed
from portavoz.scheduler.listening.fetch import FetchPolicy

NOW = "2030-01-01T00:00+01:00"
"""Every generated post is past by then, so portavoz and Material publish the same posts."""
BIN = Path(sys.executable).parent
BUILD_ENV = {"PORTAVOZ_NOW": NOW, "NO_MKDOCS_2_WARNING": "1"}


@dataclass(frozen=True)
class Options:
    """Command-line options."""

    posts: int
    big: int
    repeat: int
    feeds: int
    delay: tuple[float, float]
    quick: bool
    output: Path
    work: Path
    only: frozenset[str]


@dataclass
class Results:
    """Everything measured, handed to the report."""

    options: Options
    sections: list[report.Section] = field(default_factory=list)
    verdicts: list[report.Verdict] = field(default_factory=list)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the selected benchmarks and write the results file."""
    options = _options(argv)
    options.work.mkdir(parents=True, exist_ok=True)
    results = Results(options)
    machine = report.machine()
    steps: dict[str, Callable[[Options, Results], None]] = {
        "build": bench_build,
        "check": bench_check_review,
        "compose": bench_compose,
        "listen": bench_listen,
    }
    for name, step in steps.items():
        if name in options.only:
            _log(f"== {name}")
            step(options, results)
    machine["load_after"] = report.load_average()
    options.output.parent.mkdir(parents=True, exist_ok=True)
    options.output.write_text(report.render(machine, results.sections, results.verdicts))
    _log(f"wrote {options.output}")
    return 0


def _options(argv: Sequence[str] | None) -> Options:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer rounds, no 10,000-post run")
    parser.add_argument("--posts", type=int, default=1000, help="posts of the main site")
    parser.add_argument("--big", type=int, default=10000, help="posts of the large repository")
    parser.add_argument("--repeat", type=int, default=5, help="rounds of each measurement")
    parser.add_argument("--feeds", type=int, default=50, help="feeds for portavoz listen")
    parser.add_argument("--delay", type=float, nargs=2, default=(0.2, 0.5), metavar=("MIN", "MAX"))
    parser.add_argument("--output", type=Path, default=Path(__file__).parent / "RESULTS.md")
    parser.add_argument("--work", type=Path, help="folder for the generated sites (default: tmp)")
    parser.add_argument(
        "--only", default="build,check,compose,listen", help="comma-separated benchmarks"
    )
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="portavoz-bench-"))
    return Options(
        posts=args.posts,
        big=args.posts if args.quick else args.big,
        repeat=max(1, args.repeat),
        feeds=args.feeds,
        delay=(min(args.delay), max(args.delay)),
        quick=args.quick,
        output=args.output.resolve(),
        work=work.resolve(),
        only=frozenset(args.only.split(",")),
    )


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _site(options: Options, n: int) -> Path:
    root = options.work / f"site-{n}"
    if not (root / "mkdocs.yml").is_file():
        _log(f"generating {n} posts in {root}")
        generate_site(root, n)
    return root


# 1. mkdocs build with portavoz's plugins vs Material's blog alone ---------------------------


def bench_build(options: Options, results: Results) -> None:
    """Interleaved builds of one site with both configurations, plus per-plugin hook times."""
    root = _site(options, options.posts)
    config = root / "mkdocs.yml"
    alone = configs.write_variant(
        config, "mkdocs.material.yml", configs.material_alone(config.read_text())
    )
    python = str(BIN / "python")

    def build(cfg: Path, out: str) -> Callable[[], Sample]:
        command = [python, "-m", "bench.hooks", "build", "-q", "-f", str(cfg), "-d", out]
        return lambda: run_measured(command, root, BUILD_ENV)

    runs = {"portavoz": build(config, "out-portavoz"), "material": build(alone, "out-material")}
    if not options.quick:
        _log("warm-up build of each (file cache, bytecode, .portavoz/ outputs)")
        for run in runs.values():
            run()
    series = interleaved(runs, options.repeat)
    pages = {n: sum(1 for _ in (root / f"out-{n}").rglob("*.html")) for n in runs}
    wall = paired_ratio(series["portavoz"], series["material"])
    cpu = paired_ratio(series["portavoz"], series["material"], cpu=True)
    hooks = _hook_shares(series["portavoz"])
    results.sections.append(
        report.build_section(options.posts, series, pages, wall, cpu, hooks, options.repeat)
    )
    results.verdicts.append(
        report.Verdict(
            "portavoz's plugins add at most 3% to the 1,000-post `mkdocs build`",
            cpu - 1 <= 0.03,
            f"+{(cpu - 1) * 100:.1f}% CPU, +{(wall - 1) * 100:.1f}% wall "
            f"(median of {options.repeat} interleaved pairs, {options.posts} posts)",
        )
    )
    memory = series["portavoz"].peak_mib / series["material"].peak_mib
    results.verdicts.append(
        report.Verdict(
            "portavoz's plugins add at most 20% to the build's peak memory",
            memory - 1 <= 0.2,
            f"+{(memory - 1) * 100:.0f}% peak RSS ({series['portavoz'].peak_mib:.0f} MiB against "
            f"{series['material'].peak_mib:.0f} MiB, highest of each)",
        )
    )


def _hook_shares(series: Series) -> dict[str, float]:
    """Median CPU seconds per plugin (and the whole build) from the hook timings."""
    found: dict[str, list[float]] = {}
    for sample in series.samples:
        line = next(x for x in sample.stderr.splitlines() if x.startswith("BENCH-HOOKS "))
        data = json.loads(line.split(" ", 1)[1])
        found.setdefault("(whole build)", []).append(data["total"]["cpu"])
        for name, spent in data["plugins"].items():
            found.setdefault(name, []).append(spent["cpu"])
    return {name: statistics.median(values) for name, values in found.items()}


# 2. portavoz check and review vs reading and parsing every post -----------------------------


def bench_check_review(options: Options, results: Results) -> None:
    """``check`` and ``review`` (one changed post) on each size, against the lower bound."""
    sizes = sorted({options.posts, options.big})
    rows: list[report.CheckRow] = []
    for n in sizes:
        root = _repo(options, n)
        # check composes and lints every post: on the large repository one round is enough.
        series = _check_series(root, options.repeat, with_check=n == options.posts)
        if n != options.posts:
            series["portavoz check"] = Series("portavoz check", [_run_check(root)])
        core = _check_core(root)
        rows.append(report.CheckRow(n, series, core))
        if n == options.posts:
            bound = series["lower bound (safe_load)"]
            check = paired_ratio(series["portavoz check"], bound)
            cpu = paired_ratio(series["portavoz check"], bound, cpu=True)
            bare = paired_ratio(series["portavoz check --no-lint"], bound, cpu=True)
            cold = paired_ratio(series["portavoz check --no-cache"], bound, cpu=True)
            results.verdicts.append(
                report.Verdict(
                    f"`portavoz check --no-cache` (cold) on {n:,} posts within 2× the lower bound",
                    cold <= 2,
                    f"{cold:.2f}× CPU (paired medians)",
                )
            )
            results.verdicts.append(
                report.Verdict(
                    f"`portavoz check` on {n:,} posts, nothing changed (warm cache), within "
                    "1.2× the read-and-parse lower bound",
                    cpu <= 1.2,
                    f"{cpu:.2f}× CPU, {check:.2f}× wall (paired medians); without the "
                    f"brand-voice rules (`--no-lint`: front matter and variant lengths): "
                    f"{bare:.2f}× CPU",
                )
            )
        if n == max(sizes):
            review = series["portavoz review"]
            results.verdicts.append(
                report.Verdict(
                    f"`review` of one changed post in a {n:,}-post repository under 1 s",
                    review.median < 1.0,
                    f"median {review.median:.2f} s wall, {review.cpu_median:.2f} s CPU "
                    f"(posts reviewed: {core['reviewed']:.0f})",
                )
            )
    excerpt = _check_profile(_site(options, options.posts))
    results.sections.append(report.check_section(rows, options.repeat, excerpt))


def _repo(options: Options, n: int) -> Path:
    """A git repository with the generated site committed and one post changed after."""
    root = _site(options, n)
    if not (root / ".git").is_dir():
        _log(f"committing {n} posts")
        git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.invalid"]
        subprocess.run([*git, "init", "-q", "-b", "main"], cwd=root, check=True)
        (root / ".gitignore").write_text("out-*/\n.portavoz/\nsite/\n")
        subprocess.run([*git, "add", "-A"], cwd=root, check=True)
        subprocess.run([*git, "commit", "-q", "-m", "posts"], cwd=root, check=True)
    post = sorted((root / "content" / "blog" / "posts").glob("*.md"))[n // 2]
    text = post.read_text(encoding="utf-8")
    marker = "\nUna frase nueva para la revisión.\n"
    if marker not in text:
        post.write_text(text.replace('summary: "', 'summary: "Cambiado. ', 1) + marker)
    return root


def _run_check(root: Path) -> Sample:
    return run_measured([str(BIN / "portavoz"), "check", "--at", NOW], root, check=False)


def _check_series(root: Path, repeat: int, *, with_check: bool) -> dict[str, Series]:
    folder = "content/blog/posts"
    python, portavoz = str(BIN / "python"), str(BIN / "portavoz")
    commands = {
        # Warm: after the first round the findings cache (<output_dir>/cache/) serves every
        # post; cold: --no-cache lints every post again, as a first run does.
        **({"portavoz check": [portavoz, "check", "--at", NOW]} if with_check else {}),
        **(
            {"portavoz check --no-cache": [portavoz, "check", "--at", NOW, "--no-cache"]}
            if with_check
            else {}
        ),
        # Without the brand-voice rules: front matter and variant lengths only.
        **(
            {"portavoz check --no-lint": [portavoz, "check", "--at", NOW, "--no-lint"]}
            if with_check
            else {}
        ),
        "portavoz review": [portavoz, "review", "--base", "HEAD"],
        "lower bound (safe_load)": [python, "-m", "bench.lowerbound", folder],
        "lower bound (CSafeLoader)": [python, "-m", "bench.lowerbound", folder, "--c"],
        "python start-up": [python, "-c", "pass"],
    }
    runs = {
        name: (lambda c=command: run_measured(c, root, check=False))
        for name, command in commands.items()
    }
    return interleaved(runs, repeat)


def _check_core(root: Path) -> dict[str, float]:
    """In-process: the core of check (load_posts) and of review, and the lower bound's."""
    from bench.lowerbound import read_all
    from portavoz.scheduler.content.repository import load_posts
    from portavoz.scheduler.project import build_window, load_project
    from portavoz.scheduler.review import git
    from portavoz.scheduler.review.review import review
    from portavoz.scheduler.review.side import open_side

    project = load_project(root / "mkdocs.yml")
    folder = root / "content" / "blog" / "posts"
    found: dict[str, float] = {}
    found["check core"] = min(timed(lambda: load_posts(root, project.settings))[1] for _ in "ab")
    found["lower bound core"] = min(timed(lambda: read_all(folder))[1] for _ in "ab")
    reviewed = []

    def review_core() -> None:
        repo = git.top_level(root)
        base, head = open_side(repo, "HEAD", ""), open_side(repo, None, "")
        window = build_window(head.project.settings, head.project.pause_options, at=NOW)
        reviewed.append(len(review(base, head, window).posts))

    found["review core"] = min(timed(review_core)[1] for _ in "ab")
    found["reviewed"] = reviewed[-1]
    return found


def _check_profile(root: Path) -> str:
    """The whole ``portavoz check`` command, in-process, under the profiler."""
    import contextlib
    import io

    from portavoz.scheduler.cli.check import command

    def check() -> None:
        arguments = ["-f", str(root / "mkdocs.yml"), "--at", NOW]
        with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
            command.main(arguments, standalone_mode=False)

    return report.profile_excerpt(check, share=0.03)


# 3. composing every variant -----------------------------------------------------------------


def bench_compose(options: Options, results: Results) -> None:
    """Parse the posts, then compose every variant, timed apart; with a profile excerpt."""
    from portavoz.scheduler.compose.settings import scheduler_settings
    from portavoz.scheduler.compose.templates import environment
    from portavoz.scheduler.compose.variant import Composer
    from portavoz.scheduler.content.repository import load_posts
    from portavoz.scheduler.content.urls import post_url
    from portavoz.scheduler.project import load_project

    root = _site(options, options.posts)
    project = load_project(root / "mkdocs.yml")
    settings = scheduler_settings(project.options("portavoz/scheduler"))
    parse, compose, variants = [], [], [0]
    loaded = load_posts(root, project.settings)

    def compose_all() -> None:
        # A fresh Composer (and template environment) each round, as each build makes one.
        composer = Composer(
            project.settings,
            settings,
            environment(root / settings.templates_dir),
            lambda post: post_url(post, project.settings),
        )
        variants[0] = sum(len(composer.compose(post)[0]) for post in loaded.posts)

    for _ in range(options.repeat):
        parse.append(timed(lambda: load_posts(root, project.settings)))
        compose.append(timed(compose_all))
    excerpt = report.profile_excerpt(compose_all)
    median_cpu = statistics.median(c for _, c in compose)
    networks = len({c.network for p in loaded.posts for c in p.channels})
    results.sections.append(
        report.compose_section(
            len(loaded.posts), networks, variants[0], parse, compose, excerpt, options.repeat
        )
    )
    results.verdicts.append(
        report.Verdict(
            f"all variants for {len(loaded.posts):,} posts × {networks} networks "
            "in under 0.5 s beyond parsing",
            median_cpu < 0.5,
            f"compose: median {median_cpu:.2f} s CPU, "
            f"{statistics.median(w for w, _ in compose):.2f} s wall ({variants[0]} variants)",
        )
    )


# 4. portavoz listen against local feeds -----------------------------------------------------


DEFAULT_CONCURRENCY = FetchPolicy.concurrency
"""portavoz/listening's default number of feeds fetched at once."""


def bench_listen(options: Options, results: Results) -> None:
    """First fetch and all-304 second round, with the default and a wide concurrency."""
    root = options.work / "listen-site"
    if not root.is_dir():
        generate_site(root, 3)
    feeds = make_feeds(options.feeds, options.delay)
    rows: list[report.ListenRow] = []
    with serving(feeds):
        wider = [options.feeds] if options.feeds > DEFAULT_CONCURRENCY else []
        for concurrency in (None, *wider):
            block = configs.listening_block(feeds.urls(), concurrency)
            text = configs.with_listening((root / "mkdocs.yml").read_text(), block)
            config = configs.write_variant(root / "mkdocs.yml", "mkdocs.listen.yml", text)
            for _ in range(options.repeat):
                shutil.rmtree(root / ".portavoz", ignore_errors=True)
                first, second = _listen(root, config), _listen(root, config)
                # The same command offline: start-up and analysis without any fetch.
                offline = _listen(root, config, "--offline")
                rows.append(
                    report.ListenRow(concurrency or DEFAULT_CONCURRENCY, first, second, offline)
                )
    slowest, total = max(feeds.delays.values()), sum(feeds.delays.values())
    results.sections.append(
        report.listen_section(options.feeds, options.delay, slowest, total, rows)
    )
    _listen_verdicts(results, rows, slowest, total)


def _listen(root: Path, config: Path, *extra: str) -> report.ListenRun:
    command = [str(BIN / "python"), "-m", "bench.listen_probe", "-f", str(config), *extra]
    sample = run_measured(command, root, {"PORTAVOZ_NOW": NOW})
    parses = next(
        int(x.split()[1]) for x in sample.stderr.splitlines() if x.startswith("BENCH-PARSES")
    )
    statuses = [line.split("  ")[1].strip() for line in sample.stdout.splitlines() if "  " in line]
    return report.ListenRun(sample, parses, statuses)


def _listen_verdicts(
    results: Results, rows: Sequence[report.ListenRow], slowest: float, total: float
) -> None:
    feeds = len(rows[0].first.statuses)
    wide = [r for r in rows if r.concurrency >= feeds] or list(rows)
    default = [r for r in rows if r.concurrency == DEFAULT_CONCURRENCY]
    # Fetching time: the first round minus the same command offline (start-up, analysis).
    fetch = statistics.median(r.fetch_seconds for r in wide)
    fetch_default = statistics.median(r.fetch_seconds for r in default)
    # Parsing runs after every fetch has answered: the first round's extra CPU is that work.
    parsing = statistics.median(r.first.sample.cpu - r.offline.sample.cpu for r in wide)
    results.verdicts.append(
        report.Verdict(
            f"listening: the {feeds}-feed first round bounded by the slowest feed, not the sum",
            fetch <= slowest + parsing + 0.25,
            f"with `concurrency` ≥ feeds, fetching took {fetch:.2f} s = slowest feed "
            f"{slowest:.2f} s + {fetch - slowest:.2f} s (parsing every new copy: "
            f"{parsing:.2f} s CPU); sum of delays {total:.1f} s. With the default "
            f"`concurrency: {DEFAULT_CONCURRENCY}`: {fetch_default:.2f} s",
        )
    )
    parses = max(r.second.parses for r in rows)
    results.verdicts.append(
        report.Verdict(
            "listening: the all-304 round parses nothing",
            parses == 0,
            f"feedparser.parse calls in the second round: {parses} "
            f"(first round: {max(r.first.parses for r in rows)})",
        )
    )


if __name__ == "__main__":
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    raise SystemExit(main())
