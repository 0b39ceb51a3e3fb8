"""Worker functions that hammer a store from other processes (tests and benchmarks import them).

Each function runs in its own process. They only use the public store API, so a benchmark can
count rows lost and torn files the same way the tests do.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from followup import csvformat, tracker
from followup.store import INTERVIEWS_FILE, CsvStore
from followup.tracker import INTERVIEW_DATES

# Long enough that a file spans several disk blocks, so a torn write would show.
PAYLOAD = "x" * 1000
# Writers here contend far harder than people do; on a loaded machine a turn can take a while.
LOCK_TIMEOUT_SECONDS = 120


def interview_row(writer: int, number: int) -> dict[str, object]:
    """The `number`-th interview that writer `writer` adds; its company names both."""
    return {
        "company": f"writer{writer}-row{number}",
        "role": "Analyst",
        "interview_date": "2024-09-19",
        "notes": PAYLOAD,
    }


def add_rows(folder: str, writer: int, count: int) -> None:
    """Add `count` interviews, one transaction each."""
    store = CsvStore(Path(folder), lock_timeout=LOCK_TIMEOUT_SECONDS)
    for number in range(count):
        row = interview_row(writer, number)
        store.update(lambda t, row=row: tracker.add_interview(t, row))


def add_rows_forever(folder: str, writer: int) -> None:
    """Keep adding interviews until killed."""
    add_rows(folder, writer, 10**9)


def read_until(folder: str, stop, results) -> None:
    """Parse interviews.csv unlocked until `stop` is set; put (reads, failures) on `results`."""
    path = Path(folder) / INTERVIEWS_FILE
    reads = failures = 0
    while not stop.is_set():
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            continue
        try:
            frame = csvformat.read_csv(data, INTERVIEWS_FILE, INTERVIEW_DATES)
        except ValueError:
            failures += 1
        else:
            failures += torn_rows(frame)
        reads += 1
    results.put((reads, failures))


def interviews_on_disk(folder: str) -> pd.DataFrame:
    """The saved interviews file, parsed the way any reader would."""
    data = (Path(folder) / INTERVIEWS_FILE).read_bytes()
    return csvformat.read_csv(data, INTERVIEWS_FILE, INTERVIEW_DATES)


def torn_rows(frame: pd.DataFrame) -> int:
    """Rows that are not exactly as a worker wrote them (a cut-off write shows here)."""
    intact = (frame["role"] == "Analyst") & (frame["notes"] == PAYLOAD)
    return int((~intact).sum())


def add_rows_sql(url: str, owner: str, writer: int, count: int) -> None:
    """Add `count` interviews through two store instances on one owner (two tabs), alternately."""
    from followup import sqlstore

    engine = sqlstore.engine_for(url)
    stores = [sqlstore.SqlStore(engine, owner), sqlstore.SqlStore(engine, owner)]
    for number in range(count):
        row = interview_row(writer, number)
        stores[number % 2].update(lambda t, row=row: tracker.add_interview(t, row))


def add_pairs_sql_forever(url: str, owner: str) -> None:
    """Keep adding an interview and its follow-up in one change each, until killed."""
    from followup import sqlstore

    store = sqlstore.SqlStore(sqlstore.engine_for(url), owner)
    for number in range(10**9):
        store.update(lambda t, number=number: with_followup(t, interview_row(0, number)))


def with_followup(current: tracker.Tracker, row: dict[str, object]) -> tracker.Tracker:
    """`current` with one more interview and a follow-up logged for it (one change)."""
    added = tracker.add_interview(current, row)
    interview_id = added.interviews["interview_id"].iloc[-1]
    followup = {"interview_id": interview_id, "date": "2024-09-20", "channel": "Email"}
    followup |= {"purpose": "Thank-you", "outcome": "Done", "notes": PAYLOAD}
    return tracker.add_followup(added, followup)
