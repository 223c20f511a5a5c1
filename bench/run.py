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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import configs, floor, report
from bench.feeds import make_feeds, serving
from bench.generate import generate_site
from bench.hooks import PORTAVOZ
from bench.measure import Sample, Series, interleaved, paired_ratio, run_measured, timed
from portavoz.scheduler.listening.policy import FetchPolicy

NOW = "2030-01-01T00:00+01:00"
"""Every generated post is past by then, so portavoz and Material publish the same posts."""
BIN = Path(sys.executable).parent
BUILD_ENV = {"PORTAVOZ_NOW": NOW, "NO_MKDOCS_2_WARNING": "1"}
STEPS = ("build", "serve", "check", "compose", "listen")


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
    scale: dict[str, tuple[float, float]] = field(default_factory=dict)
    scale_notes: list[str] = field(default_factory=list)
    """CPU seconds per post at ``--posts`` and at ``--big`` posts, by what was measured."""
    build_seconds: float = 0.0
    """Median wall seconds of the cold portavoz build (to say what ``--big`` posts would take)."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the selected benchmarks and write the results file."""
    options = _options(argv)
    options.work.mkdir(parents=True, exist_ok=True)
    results = Results(options)
    machine = report.machine()
    steps: dict[str, Callable[[Options, Results], None]] = {
        "build": bench_build,
        "serve": bench_serve,
        "check": bench_check_review,
        "compose": bench_compose,
        "listen": bench_listen,
    }
    for name, step in steps.items():
        if name in options.only:
            _log(f"== {name}")
            step(options, results)
    _scale_verdict(options, results)
    machine["load_after"] = report.load_average()
    options.output.parent.mkdir(parents=True, exist_ok=True)
    options.output.write_text(report.render(machine, results.sections, results.verdicts))
    _log(f"wrote {options.output}")
    return 0


def _options(argv: Sequence[str] | None) -> Options:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="no warm-up builds, one size")
    parser.add_argument("--posts", type=int, default=1000, help="posts of the main site")
    parser.add_argument(
        "--big", type=int, help="posts of the large repositories (default 10000; --quick: --posts)"
    )
    parser.add_argument("--repeat", type=int, default=3, help="rounds of each measurement")
    parser.add_argument("--feeds", type=int, default=50, help="feeds for portavoz listen")
    parser.add_argument("--delay", type=float, nargs=2, default=(0.2, 0.5), metavar=("MIN", "MAX"))
    parser.add_argument("--output", type=Path, default=Path(__file__).parent / "RESULTS.md")
    parser.add_argument("--work", type=Path, help="folder for the generated sites (default: tmp)")
    parser.add_argument("--only", default=",".join(STEPS), help="comma-separated benchmarks")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="portavoz-bench-"))
    return Options(
        posts=args.posts,
        big=args.big or (args.posts if args.quick else 10000),
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


def _site(options: Options, n: int, *, slugs: bool = False) -> Path:
    root = options.work / (f"site-{n}-slugs" if slugs else f"site-{n}")
    if not (root / "mkdocs.yml").is_file():
        _log(f"generating {n} posts in {root}")
        generate_site(root, n, slugs=slugs)
    return root


# 1. mkdocs build with portavoz's plugins vs Material's blog alone ---------------------------


def bench_build(options: Options, results: Results) -> None:
    """Rounds of: Material's blog alone, portavoz cold, portavoz again with nothing changed."""
    root = _site(options, options.posts)
    config = root / "mkdocs.yml"
    alone = configs.write_variant(
        config, "mkdocs.material.yml", configs.material_alone(config.read_text())
    )
    runs = {
        "material": _build(root, alone, "out-material"),
        # Cold: no internal folder (outputs, persistent caches), as a first build ever.
        "portavoz cold": _build(root, config, "out-portavoz", cold=True),
        # The same build again right after, nothing changed: what a writer's next build costs.
        "portavoz second": _build(root, config, "out-portavoz"),
    }
    if not options.quick:
        _log("warm-up build of each (file cache, bytecode)")
        runs["material"]()
        runs["portavoz cold"]()
    series = _build_rounds(runs, options.repeat)
    pages = {n: sum(1 for _ in (root / f"out-{n}").rglob("*.html"))
             for n in ("portavoz", "material")}  # fmt: skip
    cold, second, alone_ = series["portavoz cold"], series["portavoz second"], series["material"]
    results.build_seconds = cold.median
    wall = paired_ratio(cold, alone_)
    cpu = paired_ratio(cold, alone_, cpu=True)
    hooks = _hook_shares(cold)
    profiles = _build_profiles(root, config)
    least = _floor(root)  # after a build: its outputs are there to write again
    floor_share = least["total"] / alone_.cpu_median
    results.sections.append(
        report.build_section(
            options.posts, series, pages, wall, cpu, hooks, _hook_shares(second), options.repeat
        )
    )
    results.verdicts.append(
        report.Verdict(
            f"build, {options.posts:,} posts, cold: portavoz adds ≤ 3% CPU to Material's "
            "blog alone",
            cpu - 1 <= 0.03,
            f"{(cpu - 1) * 100:+.1f}% CPU ({cold.cpu_median:.1f} s against "
            f"{alone_.cpu_median:.1f} s; the kernel's part {cold.system_median:.1f} s against "
            f"{alone_.system_median:.1f} s), {(wall - 1) * 100:+.1f}% wall (median of "
            f"{options.repeat} interleaved pairs); portavoz's handlers "
            f"{_portavoz_seconds(hooks):.2f} s; the floor of any cold build: "
            f"+{floor_share * 100:.1f}%",
            profiles["cold"],
            note=_floor_note(least, floor_share),
        )
    )
    memory = cold.peak_mib / alone_.peak_mib
    results.verdicts.append(
        report.Verdict(
            "build, cold: ≤ 20% more peak memory than Material's blog alone",
            memory - 1 <= 0.2,
            f"{(memory - 1) * 100:+.1f}% peak RSS ({cold.peak_mib:.1f} MiB against "
            f"{alone_.peak_mib:.1f} MiB, highest of each)",
            note="Where it goes: `python -m bench.memory -- build -q` in the site (tracemalloc "
            "snapshots per event; `--rss` for the peak RSS after each event).",
        )
    )
    results.verdicts.append(_second_verdict(second, alone_, profiles["second"]))


def _build(root: Path, config: Path, out: str, *, cold: bool = False) -> Callable[[], Sample]:
    """One measured build of ``config`` into ``out``; ``cold``: internal folder removed first."""
    command = [str(BIN / "python"), "-m", "bench.hooks", "build", "-q", "-f", str(config)]
    command += ["-d", out]

    def run() -> Sample:
        if cold:
            shutil.rmtree(root / ".portavoz", ignore_errors=True)
        return run_measured(command, root, BUILD_ENV)

    return run


def _build_rounds(runs: Mapping[str, Callable[[], Sample]], repeat: int) -> dict[str, Series]:
    """``repeat`` rounds; portavoz's second build always right after its cold one.

    The order alternates (Material first, then portavoz first) so that neither always
    runs on a machine warmed, or loaded, by the other.
    """
    series = {name: Series(name) for name in runs}
    for round_ in range(repeat):
        order = ["material", "portavoz cold", "portavoz second"]
        if round_ % 2:
            order = order[1:] + order[:1]
        for name in order:
            series[name].samples.append(runs[name]())
    return series


def _build_profiles(root: Path, config: Path) -> dict[str, str]:
    """Portavoz's handlers under pyinstrument: one cold build, one second build (not timed)."""
    found = {}
    for name, cold in (("cold", True), ("second", False)):
        target = root / f"profile-{name}.txt"
        env = {**BUILD_ENV, "BENCH_PROFILE": str(target)}
        if cold:
            shutil.rmtree(root / ".portavoz", ignore_errors=True)
        command = [str(BIN / "python"), "-m", "bench.hooks", "build", "-q", "-f", str(config)]
        run_measured([*command, "-d", "out-profile"], root, env)
        found[name] = target.read_text(encoding="utf-8").rstrip()
    return found


def _floor(root: Path) -> dict[str, Any]:
    """What no cold build can skip, in a fresh process (``bench.floor``)."""
    command = [str(BIN / "python"), "-m", "bench.floor", str(root), str(root / ".portavoz")]
    sample = run_measured(command, root, BUILD_ENV)
    line = next(x for x in sample.stderr.splitlines() if x.startswith(floor.MARK))
    data: dict[str, Any] = json.loads(line.split(" ", 1)[1])
    return data


def _floor_note(data: Mapping[str, Any], share: float) -> str:
    return (
        "The floor (`python -m bench.floor`, a fresh process, CPU): three steps no cold build "
        "of portavoz can skip, each the cheapest way this repository knows, add up to "
        f"{data['total']:.2f} s, **+{share * 100:.1f}%** of Material's blog alone, against "
        f"the 3% allowed: reading and validating the {data['posts']:,} posts {data['read']:.2f} "
        f"s; composing their {data['variants']:,} variants once {data['compose']:.2f} s; "
        f"writing the bytes of the {data['files']:,} internal output files the build left "
        f"({data['bytes'] / 2**20:.1f} MiB), each with one plain `open`/`write`, no comparison, "
        f"rename nor manifest, {data['write']:.2f} s ({data['write_system']:.2f} s of it the "
        f"kernel's; the least of {len(data['writes'])} rounds, which took "
        f"{min(data['writes']):.2f}–{max(data['writes']):.2f} s). Brand-voice lint, the feeds "
        "and the hub pages come on top."
    )


def _portavoz_seconds(hooks: Mapping[str, float]) -> float:
    return sum(v for k, v in hooks.items() if k.startswith(PORTAVOZ))


def _second_verdict(second: Series, alone: Series, profile: str) -> report.Verdict:
    """Portavoz's share of the second build: its handlers, and all it adds (paired)."""
    handlers = statistics.median(
        _portavoz_seconds(_sample_hooks(s)) / s.cpu for s in second.samples
    )
    pairs = zip(second.samples, alone.samples, strict=True)
    added = [(x.cpu - y.cpu) / x.cpu for x, y in pairs]
    whole = statistics.median(added)
    share = max(handlers, whole)
    return report.Verdict(
        "build with nothing changed (the second): portavoz's share ≤ 1% of it",
        share <= 0.01,
        f"{share * 100:.1f}%: portavoz's handlers {handlers * 100:.1f}% of the build's "
        f"{second.cpu_median:.1f} s CPU; everything portavoz adds (the second build minus "
        f"Material's blog alone, paired: imports, options, handlers, its pages and partials) "
        f"{whole * 100:.1f}% (rounds {min(added) * 100:.1f}% to {max(added) * 100:.1f}%)",
        profile,
    )


def _sample_hooks(sample: Sample) -> dict[str, float]:
    line = next(x for x in sample.stderr.splitlines() if x.startswith("BENCH-HOOKS "))
    data = json.loads(line.split(" ", 1)[1])
    return {name: spent["cpu"] for name, spent in data["plugins"].items()}


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


# 1b. mkdocs serve: one post saved, the rebuild ----------------------------------------------


def bench_serve(options: Options, results: Results) -> None:
    """``mkdocs serve`` in-process (``bench.serve``): the rebuilds after saving one post."""
    root = _site(options, options.posts)
    posts = sorted((root / "content" / "blog" / "posts").glob("*.md"))
    post = posts[len(posts) // 3]  # not the post the review benchmark changes
    profile = root / "profile-serve.txt"
    command = [
        str(BIN / "python"), "-m", "bench.serve", "--post", str(post),
        # Five at least: a full collection of Python's garbage (0.2-0.5 s) lands in whichever
        # handler allocates when it is due, and the median should not be one of those.
        "--rebuilds", str(max(options.repeat, 5)), "--profile", str(profile),
        "--", "-q", "-f", str(root / "mkdocs.yml"),
    ]  # fmt: skip
    sample = run_measured(command, root, BUILD_ENV)
    line = next(x for x in sample.stderr.splitlines() if x.startswith("BENCH-SERVE "))
    data = json.loads(line.split(" ", 1)[1])
    rebuilds = [report.Rebuild.of(r, PORTAVOZ) for r in data["rebuilds"]]
    share = statistics.median(r.portavoz for r in rebuilds)
    results.sections.append(report.serve_section(options.posts, data["initial"], rebuilds))
    results.verdicts.append(
        report.Verdict(
            f"`mkdocs serve`, {options.posts:,} posts, one post saved: portavoz's share of the "
            "rebuild ≤ 0.1 s",
            share <= 0.1,
            f"{share:.2f} s CPU (median of {len(rebuilds)} rebuilds of "
            f"{statistics.median(r.cpu for r in rebuilds):.1f} s CPU each): portavoz's handlers "
            f"and its plugins' options read again; outside them, the rendering of its pages "
            "and partials is in the build's paired rows",
            profile.read_text(encoding="utf-8").rstrip(),
        )
    )


# 2. portavoz check and review vs reading and parsing every post -----------------------------


def bench_check_review(options: Options, results: Results) -> None:
    """``check`` cold and warm and ``review``, against the lower bound; the large repositories."""
    n = options.posts
    root = _repo(options, n)
    series = _check_series(root, options.repeat, _check_commands() | _review_commands())
    rows = [report.CheckRow(n, series, _check_core(root))]
    bound = series["lower bound (safe_load)"]
    cold = paired_ratio(series["portavoz check --no-cache"], bound, cpu=True)
    warm = paired_ratio(series["portavoz check"], bound, cpu=True)
    bare = paired_ratio(series["portavoz check --no-lint"], bound, cpu=True)
    results.scale["`check --no-cache`"] = (series["portavoz check --no-cache"].cpu_median / n, 0.0)
    results.verdicts.append(
        report.Verdict(
            f"`check`, {n:,} posts, cold (`--no-cache`): ≤ 2× the lower bound",
            cold <= 2,
            f"{cold:.2f}× CPU ({series['portavoz check --no-cache'].cpu_median:.2f} s against "
            f"{bound.cpu_median:.2f} s for reading and parsing every front matter with "
            "`yaml.safe_load`; paired medians)",
            _check_profile(root, "--no-cache"),
        )
    )
    results.verdicts.append(
        report.Verdict(
            f"`check`, {n:,} posts, nothing changed since the last run (warm): ≤ 1.2× the "
            "lower bound",
            warm <= 1.2,
            f"{warm:.2f}× CPU ({series['portavoz check'].cpu_median:.2f} s; paired medians); "
            f"`--no-lint` (front matter and variant lengths, no brand-voice rules): {bare:.2f}×",
            _check_profile(root),
        )
    )
    if options.big != n:
        rows.append(_big_check(options, results))
    rows.append(_review_repository(options, results))
    results.sections.append(report.check_section(rows, options.repeat))


def _check_commands() -> dict[str, list[str]]:
    portavoz = str(BIN / "portavoz")
    return {
        # Warm: after the first round the persistent caches (<output_dir>/cache/) serve every
        # post; cold: --no-cache reads and writes none, as a first run.
        "portavoz check": [portavoz, "check", "--at", NOW],
        "portavoz check --no-cache": [portavoz, "check", "--at", NOW, "--no-cache"],
        # Without the brand-voice rules: front matter and variant lengths only.
        "portavoz check --no-lint": [portavoz, "check", "--at", NOW, "--no-lint"],
    }


def _review_commands() -> dict[str, list[str]]:
    folder = "content/blog/posts"
    python = str(BIN / "python")
    return {
        "portavoz review": [str(BIN / "portavoz"), "review", "--base", "HEAD"],
        "lower bound (safe_load)": [python, "-m", "bench.lowerbound", folder],
        "lower bound (CSafeLoader)": [python, "-m", "bench.lowerbound", folder, "--c"],
        "python start-up": [python, "-c", "pass"],
    }


def _big_check(options: Options, results: Results) -> report.CheckRow:
    """One cold ``check`` of the large repository (default slugs): the scale of ``check``."""
    n = options.big
    root = _repo(options, n)
    command = _check_commands()["portavoz check --no-cache"]
    name = "portavoz check --no-cache"
    series = {name: Series(name, [run_measured(command, root)])}
    small, _ = results.scale["`check --no-cache`"]
    results.scale["`check --no-cache`"] = (small, series[name].cpu_median / n)
    return report.CheckRow(n, series, {})


def _review_repository(options: Options, results: Results) -> report.CheckRow:
    """``review`` of one changed post where every post has an explicit ``slug:``."""
    n = options.big
    root = _repo(options, n, slugs=True)
    series = _check_series(root, options.repeat, _review_commands())
    core = _review_core(root)
    review, bound = series["portavoz review"], series["lower bound (safe_load)"]
    ratio = paired_ratio(review, bound, cpu=True)
    results.verdicts.append(
        report.Verdict(
            f"`review` of one changed post, {n:,} posts each with an explicit `slug:`: ≤ 0.5× "
            "parsing every front matter and ≤ 0.5 s CPU",
            ratio <= 0.5 and review.cpu_median <= 0.5,
            f"{ratio:.2f}× the `safe_load` bound ({review.cpu_median:.2f} s CPU against "
            f"{bound.cpu_median:.2f} s; paired medians), CPU of git's children counted; "
            f"{core['reviewed']:.0f} post reviewed",
            _command_profile(root, _review_commands()["portavoz review"]),
            note="The `git` children's own CPU (counted above, through the measuring "
            "wrapper's `RUSAGE_CHILDREN`) shows in the profile as the time waiting on them.",
        )
    )
    return report.CheckRow(n, series, core, "every post with an explicit `slug:`")


def _repo(options: Options, n: int, *, slugs: bool = False) -> Path:
    """A git repository with the generated site committed and one post changed after."""
    root = _site(options, n, slugs=slugs)
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


def _check_series(
    root: Path, repeat: int, commands: Mapping[str, Sequence[str]]
) -> dict[str, Series]:
    # Every command must succeed (the generated sites have no errors): a crash measured as
    # a fast run would pass for a met target.
    runs = {name: (lambda c=command: run_measured(c, root)) for name, command in commands.items()}
    return interleaved(runs, repeat)


def _check_core(root: Path) -> dict[str, float]:
    """In-process: the core of check (``load_posts``) and the lower bound's, best of two."""
    from bench.lowerbound import read_all
    from portavoz.scheduler.content.repository import load_posts
    from portavoz.scheduler.project import load_project

    project = load_project(root / "mkdocs.yml")
    folder = root / "content" / "blog" / "posts"
    return {
        "check core": min(timed(lambda: load_posts(root, project.settings))[1] for _ in "ab"),
        "lower bound core": min(timed(lambda: read_all(folder))[1] for _ in "ab"),
    }


def _review_once(root: Path) -> int:
    """The core of ``review --base HEAD`` in-process; how many posts it reviewed."""
    from portavoz.scheduler.project import build_window
    from portavoz.scheduler.review import git
    from portavoz.scheduler.review.review import review
    from portavoz.scheduler.review.side import open_side

    repo = git.top_level(root)
    base, head = open_side(repo, "HEAD", ""), open_side(repo, None, "")
    window = build_window(head.project.settings, head.project.pause_options, at=NOW)
    return len(review(base, head, window).posts)


def _review_core(root: Path) -> dict[str, float]:
    """In-process: the core of ``review`` and the lower bound's, best of two."""
    from bench.lowerbound import read_all

    folder = root / "content" / "blog" / "posts"
    reviewed = [0]

    def review_core() -> None:
        reviewed[0] = _review_once(root)

    return {
        "review core": min(timed(review_core)[1] for _ in "ab"),
        "lower bound core": min(timed(lambda: read_all(folder))[1] for _ in "ab"),
        "reviewed": reviewed[0],
    }


def _check_profile(root: Path, *extra: str) -> str:
    """``portavoz check`` in a fresh process under pyinstrument (start-up and imports shown)."""
    return _command_profile(root, [str(BIN / "portavoz"), "check", "--at", NOW, *extra])


def _command_profile(root: Path, command: Sequence[str], share: float = 0.03) -> str:
    """The text profile of ``command`` (a Python script) in a fresh process, small frames hidden."""
    out = root / "profile-command.txt"
    profiler = [str(BIN / "pyinstrument"), "-r", "text", "--unicode", "--no-color", "-i", "0.0005"]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    subprocess.run([*profiler, "-o", str(out), *command], cwd=root, env=env, capture_output=True)
    return report.text_excerpt(out.read_text(encoding="utf-8"), share)


# 3. composing every variant -----------------------------------------------------------------


def bench_compose(options: Options, results: Results) -> None:
    """Every variant composed in a fresh process (``bench.compose``): the cold round, later ones."""
    root = _site(options, options.posts)
    data = _compose(root, options.repeat)
    profile = _compose(root, 1, profile=True)["profile"]
    cold = data["rounds"][0][1]
    later = [c for _, c in data["rounds"][1:]]
    results.sections.append(report.compose_section(data, options.repeat))
    results.verdicts.append(
        report.Verdict(
            f"all variants, {data['posts']:,} posts × {data['networks']} networks: ≤ 0.5 s CPU "
            "cold (the first round in a fresh process)",
            cold <= 0.5,
            f"{cold:.2f} s CPU ({data['variants']:,} variants, "
            f"{cold / max(1, data['variants']) * 1e6:.0f} µs each); later rounds in the same "
            f"process {statistics.median(later) if later else cold:.2f} s",
            profile,
        )
    )
    name = "composing every variant (the first round, as a build or check composes)"
    per_post, later_small = _compose_per_post(data), _later_per_post(data)
    results.scale[name] = (per_post, 0.0)
    if options.big != options.posts:
        big = _compose(_site(options, options.big), 2)
        results.scale[name] = (per_post, _compose_per_post(big))
        results.scale_notes.append(
            "Later rounds in the same process (not judged: a build or check composes each post "
            f"once): {_later_per_post(big) * 1e3:.2f} ms against {later_small * 1e3:.2f} ms a "
            f"post. At {options.posts:,} posts a second round finds the same texts in the "
            "per-process memos (link displays, URL pieces), which a round of "
            f"{options.big:,} posts outgrows."
        )
        results.sections.append(report.compose_section(big, 2))


def _compose(root: Path, rounds: int, *, profile: bool = False) -> dict[str, Any]:
    command = [str(BIN / "python"), "-m", "bench.compose", str(root), "--rounds", str(rounds)]
    sample = run_measured([*command, *(["--profile"] if profile else [])], root, BUILD_ENV)
    line = next(x for x in sample.stderr.splitlines() if x.startswith("BENCH-COMPOSE "))
    data: dict[str, Any] = json.loads(line.split(" ", 1)[1])
    return data


def _compose_per_post(data: Mapping[str, Any]) -> float:
    """CPU seconds a post in the first round (a fresh process, one-off costs included)."""
    return float(data["rounds"][0][1]) / max(1, int(data["posts"]))


def _later_per_post(data: Mapping[str, Any]) -> float:
    """CPU seconds a post in the rounds after the first (else the first)."""
    cpus = [c for _, c in data["rounds"]]
    return float(statistics.median(cpus[1:] or cpus)) / max(1, int(data["posts"]))


# Scale: time per post at --big posts against --posts -----------------------------------------


def _scale_verdict(options: Options, results: Results) -> None:
    """Portavoz's CPU per post at ``--big`` posts within 1.2× of that at ``--posts``."""
    measured = {k: v for k, v in results.scale.items() if v[1] > 0}
    if not measured:
        return
    ratios = {k: big / small for k, (small, big) in measured.items()}
    minutes = results.build_seconds * options.big / options.posts / 60
    build = (
        f"A {options.big:,}-post build is not measured: at the {options.posts:,}-post build's "
        f"{results.build_seconds:.0f} s wall it would take about {minutes:.0f} minutes a build "
        "on this 2-core machine, too long for `make bench`."
        if results.build_seconds
        else f"A {options.big:,}-post build is not measured (too long for `make bench`)."
    )
    results.verdicts.append(
        report.Verdict(
            f"scale: portavoz's time per post at {options.big:,} posts within 1.2× of that at "
            f"{options.posts:,}",
            all(r <= 1.2 for r in ratios.values()),
            "; ".join(
                f"{name}: {big * 1e3:.2f} ms against {small * 1e3:.2f} ms a post, "
                f"{ratios[name]:.2f}×"
                for name, (small, big) in measured.items()
            ),
            note=" ".join(
                [
                    build,
                    "`check` runs in a fresh process: its start-up is shared by more posts on "
                    "the larger repository.",
                    *results.scale_notes,
                ]
            ),
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
    # Measured commands run as a user's do, with Python's bytecode cache: an inherited
    # PYTHONDONTWRITEBYTECODE would make every child compile portavoz's ~100 modules again
    # (~0.07 s a command), while Material's, installed by pip, come precompiled.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    raise SystemExit(main())
