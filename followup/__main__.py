"""Command line: `python -m followup due [--data DIR] [--today YYYY-MM-DD]`.

Prints the follow-ups that are overdue or due today as a plain table (for a cron job or a
terminal). Exit codes: 0 printed (also when nothing is due), 1 the saved tracker cannot be read
(the message goes to stderr), 2 bad arguments.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from followup import paths, schedule
from followup.store import CsvStore, StoreError

SHOWN = {"status": "status", "due": "due", "company": "company", "role": "role", "todo": "to do"}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = _parser().parse_args(argv)
    try:
        tracker = CsvStore(args.data).load()
    except StoreError as err:
        print(f"followup: {err}", file=sys.stderr)
        return 1
    items = schedule.due_now(schedule.due_items(tracker, args.today))
    print(format_due(items))
    return 0


def format_due(items: pd.DataFrame) -> str:
    """The due reminders as a plain-text table, or a sentence when there are none."""
    if items.empty:
        return "Nothing is due today."
    table = items[list(SHOWN)].rename(columns=SHOWN)
    table["due"] = table["due"].map(dt.date.isoformat)
    return table.to_string(index=False, justify="left")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m followup", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    due = commands.add_parser("due", help="print the follow-ups overdue or due today")
    due.add_argument(
        "--data",
        type=Path,
        default=paths.tracker_dir(),
        help="the tracker folder (default: $FOLLOWUP_DATA_DIR, else data/tracker/)",
    )
    due.add_argument(
        "--today",
        type=_iso_date,
        default=dt.date.today(),
        help="the date to count from (YYYY-MM-DD)",
    )
    return parser


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written as YYYY-MM-DD") from None


if __name__ == "__main__":
    sys.exit(main())
