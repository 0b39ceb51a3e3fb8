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
    if figures.get("stale_actions"):
        rows.append(
            (
                f"{figures['stale_actions']} stale-view actions tried (log, delete, second call, "
                "table edits and deletes, Call script plan and ticks, after another tab's save)",
                f"{figures['stale_tracebacks']} tracebacks, {figures['stale_rows_lost']} rows "
                f"lost, {figures['stale_files_changed']} files wrongly changed, "
                f"{figures['stale_silent_refusals']} refusals without a message",
            )
        )
    if figures.get("faults"):
        rows.append(
            (
                f"{figures['faults']} saves hit by an OS fault (disk full, file too large, I/O "
                "error, read-only, no permission, backups a file, lock a folder, data folder a "
                "file) or killed between their two renames",
                f"{figures['fault_tracebacks']} tracebacks, {figures['fault_files_changed']} "
                f"files wrongly changed, {figures['fault_temps_left']} temp files left, "
                f"{figures['fault_rows_lost']} changes half done",
            )
        )
    if figures.get("hostile_files"):
        rows.append(
            (
                f"{figures['hostile_files']} hostile files ({figures['hostile_rejected']} "
                "rejected with a message): open quote, control characters, dates at the edges, "
                "column names like computed ones, orphans, formula cells; loaded, saved, and "
                "opened on Home and the Tracker's Due, Overview and Download tabs",
                f"{figures['hostile_tracebacks']} tracebacks, {figures['hostile_rows_lost']} rows "
                f"lost, {figures['hostile_files_changed']} files changed",
            )
        )
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


def plain_message(text: str) -> str:
    """A message read off the page, on one line and without the alert icon's name."""
    return " ".join(text.split()).removeprefix("error ").strip()


def details(entries: list[dict]) -> list[str]:
    """Bullet lines with the figures beside the ratios: memory, p50, burst, CPU per click."""
    lines = []
    for entry in entries:
        extra = entry.get("extra", {})
        if entry["name"] == "storage load" and "store_peak_mib" in extra:
            lines.append(
                f"- Storage, {extra['interviews']:,} interviews: peak memory of one process "
                f"loading and saving {extra['store_peak_mib']:g} MiB through the store, "
                f"{extra['pandas_peak_mib']:g} MiB with pandas alone "
                f"({extra['store_after_imports_mib']:g} MiB after imports)."
            )
        if entry["name"] == "concurrent sessions" and "p50_together_s" in extra:
            lines.append(
                f"- Concurrent sessions ({extra['action']}): p50 {extra['p50_together_s']:g} s "
                f"with {extra['sessions']} sessions vs {extra['p50_alone_s']:g} s alone; all "
                f"clicking at once, p50 {extra['p50_burst_s']:g} s, "
                f"p95 {extra['p95_burst_s']:g} s. "
                f"Server memory {extra['server_rss_one_session_mib']:g} MiB with one session, "
                f"{extra['server_rss_after_mib']:g} MiB after the run (peak "
                f"{extra['server_peak_rss_mib']:g} MiB). CPU per click: server "
                f"{extra['server_cpu_ms_per_click_together']:g} ms, browser and driver "
                f"{extra['browser_cpu_ms_per_click_together']:g} ms (alone: "
                f"{extra['server_cpu_ms_per_click_alone']:g} and "
                f"{extra['browser_cpu_ms_per_click_alone']:g} ms)."
            )
            failed = extra.get("failed_actions_together", 0) + extra.get("failed_actions_alone", 0)
            if failed:
                lines.append(
                    f"- {failed} actions failed and are not in the times "
                    f"({extra['failed_actions_together']} with {extra['sessions']} sessions, "
                    f"{extra['failed_actions_alone']} alone); the page said: "
                    f'"{plain_message(extra["first_failure"])}"'
                )
    return lines


def report(document: dict) -> str:
    """The Markdown for the README: machine line, benchmark table, details, reliability table."""
    parts = [machine_line(document), "", table(document["benchmarks"])]
    notes = details(document["benchmarks"])
    if notes:
        parts += ["", *notes]
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
