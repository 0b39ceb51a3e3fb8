"""`python -m bench`: run the benchmarks, write results.json, print the table."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bench import (
    capacity,
    coldstart,
    database,
    import_preview,
    rerun,
    session_memory,
    sessions,
    storage,
)
from bench.harness import QUICK_RESULTS, RESULTS, Benchmark, Settings, table, write_results
from bench.report import reliability_table

BENCHMARKS: tuple[Benchmark, ...] = (
    coldstart.BENCHMARK,
    rerun.BENCHMARK,
    storage.BENCHMARK,
    database.BENCHMARK,
    sessions.BENCHMARK,
    import_preview.BENCHMARK,
    session_memory.BENCHMARK,
    capacity.BENCHMARK,
)
RELIABILITY = "reliability"


def parse_args(argv: list[str]) -> argparse.Namespace:
    """The command line: which benchmarks, how many rounds, where the results go."""
    names = ", ".join([*(bench.name for bench in BENCHMARKS), RELIABILITY])
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--only", action="append", metavar="NAME", help=f"run only this benchmark ({names})"
    )
    parser.add_argument(
        "--rounds", type=int, help="rounds per benchmark (default: its own, 3 to 5; quick: 2)"
    )
    parser.add_argument(
        "--quick", action="store_true", help="a smoke run: fewer rounds, smaller data"
    )
    parser.add_argument(
        "--output",
        type=Path,
        help=f"results file (default {RESULTS.name}; quick runs write bench/out/results.json)",
    )
    return parser.parse_args(argv)


def select(only: list[str] | None) -> tuple[list[Benchmark], bool]:
    """The benchmarks named in `only` (a prefix is enough), and whether to run reliability."""
    if not only:
        return list(BENCHMARKS), True
    wanted = [name.lower() for name in only]
    chosen = [b for b in BENCHMARKS if any(b.name.startswith(name) for name in wanted)]
    trials = any(RELIABILITY.startswith(name) for name in wanted)
    if not chosen and not trials:
        raise SystemExit(f"no benchmark named {', '.join(only)}")
    return chosen, trials


def main(argv: list[str] | None = None) -> int:
    """Run the chosen benchmarks; exit 1 when one misses its target or a trial loses data."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    output = args.output or (QUICK_RESULTS if args.quick else RESULTS)
    benchmarks, trials = select(args.only)
    results, failed = [], []
    for bench in benchmarks:
        rounds = args.rounds or (2 if args.quick else bench.rounds)
        print(f"{bench.name} ({rounds} rounds) ...", flush=True)
        try:
            got = bench.run(Settings(rounds=rounds, quick=args.quick))
        except Exception as err:
            # One broken benchmark should not cost the figures of the others.
            print(f"  FAILED: {type(err).__name__}: {err}", flush=True)
            failed.append(bench.name)
            continue
        for result in got if isinstance(got, list) else [got]:
            print(f"  {result.name}: {result.ratio:.2f}x (target {result.target_text})", flush=True)
            results.append(result)
    figures = None
    if trials:
        # Imported here: the trials need the store, the benchmarks alone do not.
        from bench import reliability

        print(f"{RELIABILITY} ...", flush=True)
        figures = reliability.measure(quick=args.quick).to_dict()
    document = write_results(results, output, quick=args.quick, reliability=figures)
    ran = {result.name for result in results}
    if ran:
        print()
        print(table([entry for entry in document["benchmarks"] if entry["name"] in ran]))
    if figures:
        print()
        print(reliability_table(figures))
    print(f"\nwritten to {output}")
    if failed:
        print(f"failed: {', '.join(failed)}")
    met = not failed and all(result.met for result in results)
    return 0 if met and (figures is None or figures["ok"]) else 1


if __name__ == "__main__":
    sys.exit(main())
