"""Command line: `python -m followup due` and `python -m followup copy`.

`due [--data DIR|URL] [--today YYYY-MM-DD]` prints the follow-ups that are overdue or due today
as a plain table (for a cron job or a terminal): the Home page's list, snoozes and dismissals
included, and a line on what it keeps off (interviews gone quiet, snoozed, reminders dismissed).
`copy --from A --to B` copies a tracker between stores: a CSV folder or a database URL
(`postgresql://...`, `sqlite:///...`), e.g. from data/tracker to "$FOLLOWUP_DATABASE_URL" and
back; `--all-users` copies every signed-in user's tracker. Exit codes: 0 done (also when nothing
is due), 1 no tracker in the folder given or a tracker that cannot be read or written (the
message goes to stderr), 2 bad arguments, 141 the reader of the output went away (`| head`), as
for any shell tool a closed pipe stops.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from followup import hosting, paths, schedule
from followup.phrasing import count
from followup.store import FOLLOWUPS_FILE, INTERVIEWS_FILE, CsvStore, Store, StoreError
from followup.tracker import Tracker

SHOWN = {"status": "status", "due": "due", "company": "company", "role": "role", "todo": "to do"}
# What a shell reports for a program stopped by SIGPIPE (128 + 13).
CLOSED_PIPE = 141


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "copy":
            return copy(args.source, args.target, args.owner, args.all_users, args.replace)
        if not is_url(str(args.data)):
            _check_folder(Path(args.data))
        tracker = open_store(str(args.data), args.owner).load()
    except StoreError as err:
        print(f"followup: {err}", file=sys.stderr)
        return 1
    items = schedule.due_now(schedule.due_items(tracker, args.today))
    try:
        print(format_due(items), flush=True)
        kept_off = format_kept_off(tracker, args.today)
        if kept_off:
            print(kept_off, flush=True)
    except BrokenPipeError:
        # The reader has gone (`| head`): stop quietly. Python would report the failed flush of
        # stdout at exit, so point it at /dev/null first.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return CLOSED_PIPE
    return 0


def is_url(location: str) -> bool:
    """A database URL (scheme://...) rather than a folder."""
    return "://" in location


def open_store(location: str, owner: str = hosting.LOCAL_OWNER) -> Store:
    """The tracker of `owner` at a database URL, or the CSV folder `location` (owner unused)."""
    if not is_url(location):
        return CsvStore(Path(location))
    from followup import sqlstore

    return sqlstore.SqlStore(sqlstore.engine_for(location), owner)


def copy(source: str, target: str, owner: str, all_users: bool, replace: bool) -> int:
    """Copy one tracker (or every user's) from `source` to `target`; refuse to overwrite data."""
    pairs = _user_pairs(source, target) if all_users else [(source, target, owner)]
    plans: list[tuple[Store, Tracker, str]] = []
    for origin, destination, key in pairs:
        tracker = open_store(origin, key).load()
        store = open_store(destination, key)
        current = store.load()
        if not replace and not current.interviews.empty and not _same(current, tracker):
            print(
                f"followup: {_where(destination, key)} already holds "
                f"{count(len(current.interviews), 'interview')}; nothing was copied. "
                "Add --replace to overwrite it.",
                file=sys.stderr,
            )
            return 1
        plans.append((store, tracker, _where(destination, key)))
    for store, tracker, where in plans:
        store.update(lambda _, tracker=tracker: tracker)
        print(
            f"Copied {count(len(tracker.interviews), 'interview')} and "
            f"{count(len(tracker.followups), 'follow-up')} to {where}."
        )
    return 0


def _user_pairs(source: str, target: str) -> list[tuple[str, str, str]]:
    """(from, to, owner) for every user tracker in `source`: folders under users/, or owners."""
    if is_url(source):
        from followup import sqlstore

        owners = sqlstore.owners(sqlstore.engine_for(source))
    else:
        users = Path(source) / hosting.USERS_DIR
        owners = sorted(p.name for p in users.iterdir() if p.is_dir()) if users.is_dir() else []
    owners = [key for key in owners if key != hosting.LOCAL_OWNER]

    def place(location: str, key: str) -> str:
        return location if is_url(location) else str(Path(location) / hosting.USERS_DIR / key)

    return [(place(source, key), place(target, key), key) for key in owners]


def _same(first: Tracker, second: Tracker) -> bool:
    return first.interviews.equals(second.interviews) and first.followups.equals(second.followups)


def _where(location: str, owner: str) -> str:
    if not is_url(location):
        return location
    from sqlalchemy.engine import make_url

    return f"{make_url(location).render_as_string(hide_password=True)} (owner {owner})"


def _check_folder(folder: Path) -> None:
    """Raise StoreError when `folder` is not a tracker folder (a typo in --data, say)."""
    hint = "check --data (or FOLLOWUP_DATA_DIR)"
    if not folder.exists():
        raise StoreError(f"There is no folder {folder}; {hint}.")
    if not folder.is_dir():
        raise StoreError(f"{folder} is a file, not a tracker folder; {hint}.")
    if not any((folder / name).exists() for name in (INTERVIEWS_FILE, FOLLOWUPS_FILE)):
        raise StoreError(f"{folder} holds no tracker ({INTERVIEWS_FILE}); {hint}.")


def format_due(items: pd.DataFrame) -> str:
    """The due reminders as a plain-text table, or a sentence when there are none."""
    if items.empty:
        return "Nothing is due today."
    table = items[list(SHOWN)].rename(columns=SHOWN)
    table["due"] = table["due"].map(dt.date.isoformat)
    return table.to_string(index=False, justify="left")


def format_kept_off(tracker: Tracker, today: dt.date) -> str:
    """One line on the interviews gone quiet and snoozed, and the reminders dismissed; or ''."""
    parts = []
    quiet = len(schedule.gone_quiet(tracker, today))
    if quiet:
        parts.append(f"{count(quiet, 'interview')} gone quiet")
    snoozed = schedule.snoozed_count(tracker, today)
    if snoozed:
        parts.append(f"{count(snoozed, 'interview')} snoozed")
    dismissed = schedule.dismissed_count(tracker)
    if dismissed:
        parts.append(f"{count(dismissed, 'reminder')} dismissed")
    return "Not listed: " + ", ".join(parts) + "." if parts else ""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m followup", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    due = commands.add_parser("due", help="print the follow-ups overdue or due today")
    due.add_argument(
        "--data",
        default=str(paths.tracker_dir()),
        help="the tracker folder or database URL (default: $FOLLOWUP_DATA_DIR, else data/tracker/)",
    )
    due.add_argument("--owner", default=hosting.LOCAL_OWNER, help=OWNER_HELP)
    due.add_argument(
        "--today",
        type=_iso_date,
        default=dt.date.today(),
        help="the date to count from (YYYY-MM-DD)",
    )
    copy = commands.add_parser("copy", help="copy a tracker between a folder and a database")
    copy.add_argument("--from", dest="source", required=True, help="a folder or database URL")
    copy.add_argument("--to", dest="target", required=True, help="a folder or database URL")
    copy.add_argument("--owner", default=hosting.LOCAL_OWNER, help=OWNER_HELP)
    copy.add_argument(
        "--all-users",
        action="store_true",
        help="copy every signed-in user's tracker (folders under users/, or database owners)",
    )
    copy.add_argument(
        "--replace", action="store_true", help="overwrite a target that already holds rows"
    )
    return parser


OWNER_HELP = (
    "whose tracker in a database: 'local' (default), or a user's key (their folder name "
    "under users/)"
)


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written as YYYY-MM-DD") from None


if __name__ == "__main__":
    sys.exit(main())
