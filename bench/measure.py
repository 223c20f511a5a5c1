"""Timing helpers: one measured command per fresh child, medians, interleaved A/B runs.

Each measured command runs under a tiny Python wrapper (``python -m bench.measure -- CMD…``)
started for that command alone. The wrapper times its child with ``perf_counter`` and prints
the child's own peak RSS (``RUSAGE_CHILDREN`` is a maximum over the wrapper's children, and it
has exactly one), so no two measurements share a maximum and the wrapper's start-up is never
counted in the wall time.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

MARK = "BENCH-MEASURE "


@dataclass(frozen=True)
class Sample:
    """One run of a command: wall-clock and CPU seconds, peak RSS in MiB, exit code, output;
    ``system``: the kernel's part of ``cpu`` (writing files is mostly the kernel's)."""

    seconds: float
    cpu: float
    peak_mib: float
    code: int
    stdout: str = ""
    stderr: str = ""
    system: float = 0.0


@dataclass
class Series:
    """Several samples of one measured thing."""

    name: str
    samples: list[Sample] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    @property
    def cpu_median(self) -> float:
        return statistics.median(s.cpu for s in self.samples)

    @property
    def system_median(self) -> float:
        return statistics.median(s.system for s in self.samples)

    @property
    def spread(self) -> tuple[float, float]:
        times = [s.seconds for s in self.samples]
        return min(times), max(times)

    @property
    def peak_mib(self) -> float:
        return max(s.peak_mib for s in self.samples)


def run_measured(
    command: Sequence[str], cwd: Path, env: Mapping[str, str] | None = None, check: bool = True
) -> Sample:
    """Run ``command`` in a fresh wrapper process and return its time and peak memory."""
    wrapper = [sys.executable, "-m", "bench.measure", "--", *command]
    full_env = {**os.environ, "PYTHONPATH": _pythonpath(), **(env or {})}
    done = subprocess.run(wrapper, cwd=cwd, env=full_env, capture_output=True, text=True)
    line = next((x for x in done.stderr.splitlines()[::-1] if x.startswith(MARK)), None)
    if line is None:
        raise RuntimeError(f"{' '.join(command)}: no measurement\n{done.stderr[-2000:]}")
    data = json.loads(line[len(MARK) :])
    stderr = "\n".join(x for x in done.stderr.splitlines() if not x.startswith(MARK))
    sample = Sample(
        data["seconds"],
        data["cpu"],
        data["peak_kib"] / 1024,
        data["code"],
        done.stdout,
        stderr,
        data["system"],
    )
    if check and sample.code != 0:
        raise RuntimeError(f"{' '.join(command)} exited {sample.code}\n{stderr[-3000:]}")
    return sample


def interleaved(runs: Mapping[str, Callable[[], Sample]], repeat: int) -> dict[str, Series]:
    """Run each command ``repeat`` times, rotating the order every round (A B C, B C A, …)."""
    names = list(runs)
    series = {n: Series(n) for n in names}
    for round_ in range(repeat):
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            series[name].samples.append(runs[name]())
    return series


def paired_ratio(a: Series, b: Series, *, cpu: bool = False) -> float:
    """Median of the per-round ratios a/b (samples taken side by side in the same round)."""
    pairs = zip(a.samples, b.samples, strict=True)
    return statistics.median((x.cpu / y.cpu) if cpu else (x.seconds / y.seconds) for x, y in pairs)


def timed(work: Callable[[], object]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one in-process run of ``work``."""
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def _pythonpath() -> str:
    here = str(Path(__file__).resolve().parent.parent)
    return os.pathsep.join(p for p in (here, os.environ.get("PYTHONPATH", "")) if p)


def main(argv: Sequence[str]) -> int:
    """The wrapper: run ``argv`` (after ``--``), report time and the child's peak RSS."""
    command = list(argv[1:] if argv and argv[0] == "--" else argv)
    start = time.perf_counter()
    code = subprocess.run(command).returncode
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # the one child's, ru_maxrss in KiB
    cpu = usage.ru_utime + usage.ru_stime
    report = {
        "seconds": seconds,
        "cpu": cpu,
        "system": usage.ru_stime,
        "peak_kib": usage.ru_maxrss,
        "code": code,
    }
    print(MARK + json.dumps(report), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
