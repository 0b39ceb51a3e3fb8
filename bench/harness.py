"""Run a subject and its baseline in turn, several rounds, and compare their medians.

The machines are shared and noisy, so absolute times mean little from one run to the next: every
benchmark measures its baseline in the same invocation, alternating, and reports the ratio.
"""

from __future__ import annotations

import json
import math
import os
import platform
import statistics
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results.json"
QUICK_RESULTS = Path(__file__).resolve().parent / "out" / "results.json"


@dataclass(frozen=True)
class Settings:
    """How hard to measure: rounds per benchmark, and whether this is a quick smoke run."""

    rounds: int
    quick: bool = False


@dataclass(frozen=True)
class Result:
    """One benchmark's figures: medians of subject and baseline, their ratio against a target."""

    name: str
    measures: str
    unit: str
    subject: float
    baseline: float
    target: float
    rounds: int
    samples: dict[str, list[float]] = field(default_factory=dict)
    extra: dict[str, float | int | str] = field(default_factory=dict)
    date: str = field(default_factory=lambda: now_iso())
    # Most targets are a ceiling (at most 1.5x the baseline); a scale-out target is a floor, and
    # a check that two measures agree is a band (within the target either way).
    at_least: bool = False
    band: bool = False

    @property
    def ratio(self) -> float:
        """Subject over baseline."""
        return ratio(self.subject, self.baseline)

    @property
    def met(self) -> bool:
        """Whether the ratio is within the target (at or above it, for an `at_least` target)."""
        if not math.isfinite(self.ratio):
            return False
        if self.band:
            return 1 / self.target <= self.ratio <= self.target
        return self.ratio >= self.target if self.at_least else self.ratio <= self.target

    @property
    def target_text(self) -> str:
        """The target as written in tables: "≤ 1.5x", "≥ 1.8x", or "reported" for none."""
        if math.isinf(self.target):
            return "reported"
        if self.band:
            return f"{1 / self.target:.2g}-{self.target:g}x"
        return f"{'≥' if self.at_least else '≤'} {self.target:g}x"

    def to_dict(self) -> dict:
        """The JSON form, with the ratio and verdict spelled out."""
        document = asdict(self)
        document["samples"] = {
            side: [round(value, 4) for value in values] for side, values in self.samples.items()
        }
        return {
            **document,
            "ratio": round(self.ratio, 3),
            "met": self.met,
            "target_text": self.target_text,
        }


@dataclass(frozen=True)
class Benchmark:
    """A named measurement with its target ratio."""

    name: str
    measures: str
    target: float
    run: Callable[[Settings], Result | list[Result]]
    rounds: int = 5


@dataclass
class Samples:
    """The measurements of subject and baseline, one list each."""

    subject: list[float] = field(default_factory=list)
    baseline: list[float] = field(default_factory=list)

    def add(self, side: str, got: float | Sequence[float]) -> None:
        """Record one measurement, or several, for `side` ("subject" or "baseline")."""
        getattr(self, side).extend(got if isinstance(got, Sequence) else [got])


def median(values: Sequence[float]) -> float:
    """The median of `values`."""
    if not values:
        raise ValueError("no measurements to summarise")
    return statistics.median(values)


def percentile(values: Sequence[float], q: float) -> float:
    """The `q`-th percentile (0-100) of `values`, interpolated linearly between ranks."""
    if not values:
        raise ValueError("no measurements to summarise")
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def ratio(subject: float, baseline: float) -> float:
    """Subject over baseline; infinite when the baseline took no time at all."""
    return subject / baseline if baseline > 0 else math.inf


def alternate(
    subject: Callable[[], float | Sequence[float]],
    baseline: Callable[[], float | Sequence[float]],
    rounds: int,
    warmup: bool = True,
) -> Samples:
    """Measure subject and baseline in turn, swapping which goes first each round.

    Each callable returns its own measurement(s), so that set-up can stay out of the timing.
    The warm-up round (file caches, imports, first compilation) is thrown away.
    """
    if warmup:
        subject()
        baseline()
    samples = Samples()
    for round_ in range(rounds):
        for side in order(round_):
            samples.add(side, subject() if side == "subject" else baseline())
    return samples


async def alternate_async(
    subject: Callable[[], Awaitable[float | Sequence[float]]],
    baseline: Callable[[], Awaitable[float | Sequence[float]]],
    rounds: int,
    warmup: bool = True,
) -> Samples:
    """`alternate` for measurements that run in an event loop (the async browser)."""
    if warmup:
        await subject()
        await baseline()
    samples = Samples()
    for round_ in range(rounds):
        for side in order(round_):
            samples.add(side, await (subject() if side == "subject" else baseline()))
    return samples


def order(round_: int) -> tuple[str, str]:
    """Which side goes first in round `round_`: the subject on even rounds, else the baseline."""
    return ("baseline", "subject") if round_ % 2 else ("subject", "baseline")


def machine() -> dict[str, str | int | float]:
    """Where the figures come from: cores, memory, CPU, Python and library versions."""
    return {
        "cores": len(os.sched_getaffinity(0)),
        "memory_gib": round(_meminfo_kib("MemTotal") / 2**20, 1),
        "cpu": _cpu_model(),
        "os": platform.platform(terse=True),
        "python": platform.python_version(),
        "streamlit": metadata.version("streamlit"),
        "pandas": metadata.version("pandas"),
    }


def now_iso() -> str:
    """The current UTC time, to the second, in ISO 8601."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def write_results(
    results: Sequence[Result], path: Path, quick: bool = False, reliability: dict | None = None
) -> dict:
    """Merge `results` (one entry a benchmark name) and `reliability` into the JSON at `path`."""
    previous = json.loads(path.read_text()) if path.exists() else {}
    entries = {entry["name"]: entry for entry in previous.get("benchmarks", [])}
    entries.update({result.name: result.to_dict() for result in results})
    document = {
        "date": now_iso(),
        "machine": machine(),
        "quick": quick,
        "benchmarks": list(entries.values()),
        "reliability": reliability or previous.get("reliability"),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2) + "\n")
    return document


def table(entries: Sequence[dict]) -> str:
    """A Markdown table of benchmark entries (the `benchmarks` list of results.json)."""
    lines = [
        "| benchmark | measures | subject | baseline | ratio | target | met |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    for entry in entries:
        unit = entry["unit"]
        met = "yes" if entry["met"] else "NO"
        lines.append(
            f"| {entry['name']} | {entry['measures']} "
            f"| {_figure(entry['subject'])} {unit} | {_figure(entry['baseline'])} {unit} "
            f"| {entry['ratio']:.2f}x | {entry.get('target_text') or _ceiling(entry['target'])} "
            f"| {met} |"
        )
    return "\n".join(lines)


def _ceiling(target: float) -> str:
    return "reported" if math.isinf(target) else f"≤ {target:g}x"


def _figure(value: float) -> str:
    return f"{value:.3g}" if value < 100 else f"{value:,.0f}"


def _meminfo_kib(key: str) -> int:
    for line in Path("/proc/meminfo").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name == key:
            return int(rest.split()[0])
    raise KeyError(key)


def _cpu_model() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                return line.partition(":")[2].strip()
    return platform.processor() or "unknown"


def rss_kib(pid: int, field_name: str = "VmRSS") -> int:
    """Resident memory of process `pid` in KiB (`VmHWM` for its peak), from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name == field_name:
            return int(rest.split()[0])
    raise KeyError(field_name)


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time process `pid` has used so far, in seconds, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    # After the command name: state is field 3 of stat(5), utime 14 and stime 15.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
