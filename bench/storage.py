"""Storage: load-and-validate and save of 100,000 interviews through the store, against pandas.

Each measurement runs in a fresh process on its own copy of the files, so the peak memory it
reports (VmHWM) is that of one load and one save, not of everything before it.

- load: a fresh `CsvStore.load()` (parse, type, check every row) vs `pandas.read_csv` of the same
  file, each after one untimed load, as in a server process that has loaded before.
- save: `CsvStore.update()` adding one interview, by the store that just loaded, as a session's
  store does (under the lock, see that the files are unchanged, check, write a temporary file,
  fsync, rename, keep a backup) vs `DataFrame.to_csv` of the frame read.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.generate import generate
from bench.harness import Benchmark, Result, Settings, alternate, median, rss_kib
from followup import csvformat
from followup.store import FOLLOWUPS_FILE, INTERVIEWS_FILE

INTERVIEWS = 100_000
QUICK_INTERVIEWS = 10_000
NEW_INTERVIEW = {"company": "Brightwave", "role": "Data analyst", "interview_date": "2026-11-20"}


def store_worker(folder: Path) -> dict[str, float]:
    """Load the folder through the store, then save it with one interview more."""
    # Imported here, not at the top: each worker process loads only what its side needs.
    from followup import tracker
    from followup.store import CsvStore

    floor = _peak_mib()
    CsvStore(folder).load()  # warm-up: a server process has loaded before; imports are paid
    # A fresh store parses and checks the files: a session's own store would reuse its last read.
    store = CsvStore(folder)
    start = time.perf_counter()
    loaded = store.load()
    load_s = time.perf_counter() - start
    start = time.perf_counter()
    store.update(lambda t: tracker.add_interview(t, NEW_INTERVIEW))
    save_s = time.perf_counter() - start
    return _figures(load_s, save_s, floor, len(loaded.interviews))


def pandas_worker(folder: Path) -> dict[str, float]:
    """Read the interviews file with plain pandas, then write the same frame back."""
    import pandas as pd

    floor = _peak_mib()
    path = folder / INTERVIEWS_FILE
    pd.read_csv(path)  # warm-up, as for the store
    start = time.perf_counter()
    frame = pd.read_csv(path)
    load_s = time.perf_counter() - start
    start = time.perf_counter()
    frame.to_csv(path, index=False)
    save_s = time.perf_counter() - start
    return _figures(load_s, save_s, floor, len(frame))


WORKERS = {"store": store_worker, "pandas": pandas_worker}


def _peak_mib() -> float:
    # VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so a worker would report the
    # parent's peak from before it was spawned.
    return rss_kib(os.getpid(), "VmHWM") / 1024


def _figures(load_s: float, save_s: float, floor: float, rows: int) -> dict[str, float]:
    return {
        "load_s": load_s,
        "save_s": save_s,
        "peak_mib": _peak_mib(),
        "import_mib": floor,
        "rows": rows,
    }


def run_worker(kind: str, source: Path, scratch: Path) -> dict[str, float]:
    """Copy the generated files to `scratch` and measure `kind` on them in a fresh process."""
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    for name in (INTERVIEWS_FILE, FOLLOWUPS_FILE):
        shutil.copy(source / name, scratch / name)
    done = subprocess.run(
        [sys.executable, "-m", "bench.storage", kind, str(scratch)],
        capture_output=True,
        text=True,
    )
    if done.returncode:
        last = done.stderr.strip().splitlines()[-1:] or ["no message"]
        raise RuntimeError(f"the {kind} worker failed: {last[0]}")
    return json.loads(done.stdout)


def generate_within_limits(folder: Path, wanted: int) -> int:
    """Generate `wanted` interviews, or as many as the store's file limits accept; return how many.

    The store refuses files above `csvformat.MAX_ROWS` rows or `MAX_BYTES` bytes; measuring a file
    it refuses would time an error message, so the figure is taken at the largest size it reads.
    """
    count = min(wanted, csvformat.MAX_ROWS)
    size = generate(folder, interviews=count, followups=0)[0].stat().st_size
    if size > csvformat.MAX_BYTES:
        count = int(count * csvformat.MAX_BYTES / size * 0.98)
        generate(folder, interviews=count, followups=0)
    return count


def run(settings: Settings) -> list[Result]:
    """Generate the interviews once, then time store and pandas in turn, each in its own process."""
    wanted = QUICK_INTERVIEWS if settings.quick else INTERVIEWS
    runs: dict[str, list[dict[str, float]]] = {"store": [], "pandas": []}
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "source"
        count = generate_within_limits(source, wanted)

        def measure(kind: str) -> float:
            figures = run_worker(kind, source, Path(tmp) / kind)
            if figures["rows"] != count:
                raise RuntimeError(f"{kind} read {figures['rows']} interviews, not {count}")
            runs[kind].append(figures)
            return figures["load_s"]

        alternate(lambda: measure("store"), lambda: measure("pandas"), settings.rounds)
    # The warm-up round is the first of each list.
    store, plain = runs["store"][1:], runs["pandas"][1:]
    memory = {
        "interviews": count,
        "interviews_asked": wanted,
        "store_peak_mib": median([r["peak_mib"] for r in store]),
        "pandas_peak_mib": median([r["peak_mib"] for r in plain]),
        "store_after_imports_mib": median([r["import_mib"] for r in store]),
        "pandas_after_imports_mib": median([r["import_mib"] for r in plain]),
    }
    memory = {key: round(value, 1) for key, value in memory.items()}
    return [
        _result(LOAD, "load_s", store, plain, settings, memory, count),
        _result(SAVE, "save_s", store, plain, settings, memory, count),
    ]


def _result(
    bench: Benchmark,
    figure: str,
    store: list[dict[str, float]],
    plain: list[dict[str, float]],
    settings: Settings,
    extra: dict[str, float],
    count: int,
) -> Result:
    subject, baseline = [r[figure] for r in store], [r[figure] for r in plain]
    return Result(
        name=bench.name,
        measures=bench.measures.replace(f"{INTERVIEWS:,}", f"{count:,}"),
        unit="s",
        subject=median(subject),
        baseline=median(baseline),
        target=bench.target,
        rounds=settings.rounds,
        samples={"subject": subject, "baseline": baseline},
        extra=extra,
    )


LOAD = Benchmark(
    name="storage load",
    measures=f"{INTERVIEWS:,} interviews: CsvStore.load() vs pandas.read_csv",
    target=1.5,
    run=run,
)
SAVE = Benchmark(
    name="storage save",
    measures=f"{INTERVIEWS:,} interviews: CsvStore.update(add one) vs DataFrame.to_csv",
    target=1.5,
    run=run,
)
# One run measures both, so `--only storage` runs it once.
BENCHMARK = Benchmark(name="storage", measures=LOAD.measures, target=1.5, run=run, rounds=3)


def main(argv: list[str] | None = None) -> None:
    """Worker entry point: `python -m bench.storage {store,pandas} FOLDER` prints JSON."""
    parser = argparse.ArgumentParser(prog="python -m bench.storage")
    parser.add_argument("kind", choices=sorted(WORKERS))
    parser.add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    print(json.dumps(WORKERS[args.kind](args.folder)))


if __name__ == "__main__":
    main()
