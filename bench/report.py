"""`python -m bench.report`: the README's benchmark and reliability tables from results.json."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bench.harness import RESULTS, table


def reliability_table(figures: dict) -> str:
    """A Markdown table of the reliability figures (the `reliability` entry of results.json)."""
    rows = [
        (
            f"{figures['writers']} processes x {figures['saves_each']} saves, a reader parsing "
            f"unlocked ({figures['reads']:,} reads)",
            f"{figures['rows_lost']} rows lost, {figures['torn_reads']} torn reads",
        ),
        (
            f"{figures['kill_trials']} writers killed (SIGKILL) mid-save",
            f"{figures['torn_files']} torn files, {figures['rows_lost_to_kills']} rows lost",
        ),
        (
            f"{figures['bad_files']} damaged files ({figures['bad_files_rejected']} rejected "
            "with a message), loaded, saved and opened on the Tracker page",
            f"{figures['tracebacks']} tracebacks, {figures['bytes_changed']} files changed",
        ),
    ]
    lines = ["| trial | result (must be 0) |", "|---|---|"]
    lines += [f"| {trial} | {result} |" for trial, result in rows]
    return "\n".join(lines)


def machine_line(document: dict) -> str:
    """One line saying when and where the figures were measured."""
    machine = document["machine"]
    return (
        f"Measured {document['date'][:10]} on {machine['cores']} cores ({machine['cpu']}), "
        f"{machine['memory_gib']:g} GiB, {machine['os']}; Python {machine['python']}, "
        f"Streamlit {machine['streamlit']}, pandas {machine['pandas']}."
    )


def report(document: dict) -> str:
    """The Markdown for the README: machine line, benchmark table, reliability table."""
    parts = [machine_line(document), "", table(document["benchmarks"])]
    if document.get("reliability"):
        parts += ["", reliability_table(document["reliability"])]
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> None:
    """Print the report of a results file."""
    parser = argparse.ArgumentParser(prog="python -m bench.report", description=__doc__)
    parser.add_argument("results", type=Path, nargs="?", default=RESULTS)
    args = parser.parse_args(argv)
    print(report(json.loads(args.results.read_text())))


if __name__ == "__main__":
    main()
