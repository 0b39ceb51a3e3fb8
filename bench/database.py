"""Database: one user's tracker (200 interviews, 400 follow-ups) among 1,000 users in PostgreSQL.

A throwaway PostgreSQL (`deploy.cluster.postgres`) holds 1,000 owners' trackers, each a copy of
one generated tracker (`bench.generate`). Against it, in this process, alternately:

- load: a fresh `SqlStore.load()` of one user (read both tables by owner, parse the cells, type
  and check every row) vs `pandas.read_sql` of the same rows (the owner's interviews and
  follow-ups as stored, not parsed);
- save: `SqlStore.update()` adding one interview, by the store that just loaded, as a session's
  store does (run the change, check it, write the one new row and the version in a transaction)
  vs the naive save, `DataFrame.to_sql` of the user's whole tracker after deleting their rows, in
  one transaction.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bench.generate import generate
from bench.harness import Benchmark, Result, Settings, alternate

USERS = 1_000
QUICK_USERS = 50
INTERVIEWS = 200
FOLLOWUPS = 400
NEW_INTERVIEW = {"company": "Brightwave", "role": "Data analyst", "interview_date": "2026-11-20"}


def populate(engine, users: int) -> list[str]:
    """Fill the database with `users` trackers, copies of one generated tracker; their owners."""
    import sqlalchemy as sa

    from followup.sqlstore import SqlStore
    from followup.store import CsvStore

    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp), interviews=INTERVIEWS, followups=FOLLOWUPS)
        tracker = CsvStore(Path(tmp)).load()
    owners = [f"user{n:05d}" for n in range(users)]
    SqlStore(engine, owners[0]).update(lambda _: tracker)
    copy = {
        "trackers": "owner, version, interview_columns, followup_columns",
        "interviews": "owner, interview_id, position, cells",
        "followups": "owner, followup_id, interview_id, position, cells",
    }
    with engine.begin() as conn:
        for table, columns in copy.items():
            rest = columns.split(", ", 1)[1]
            conn.execute(
                sa.text(
                    f"INSERT INTO {table} ({columns}) SELECT 'user' || lpad(g::text, 5, '0'), "
                    f"{rest} FROM {table}, generate_series(1, :last) AS g WHERE owner = :first"
                ),
                {"last": users - 1, "first": owners[0]},
            )
        conn.execute(sa.text("ANALYZE"))
    return owners


def run(settings: Settings) -> list[Result]:
    """Start PostgreSQL, fill it, then time store and pandas in turn on users in the middle."""
    import pandas as pd
    import sqlalchemy as sa

    from deploy.cluster import postgres
    from followup import sqlstore, tracker
    from followup.sqlstore import SqlStore

    users = QUICK_USERS if settings.quick else USERS
    with postgres() as server:
        engine = sqlstore.engine_for(server.url)
        owners = populate(engine, users)
        subjects = iter(owners[users // 2 :])
        loads: dict[str, list[float]] = {"subject": [], "baseline": []}
        saves: dict[str, list[float]] = {"subject": [], "baseline": []}

        def store_side() -> float:
            store = SqlStore(engine, next(subjects))
            start = time.perf_counter()
            loaded = store.load()
            loads["subject"].append(time.perf_counter() - start)
            start = time.perf_counter()
            store.update(lambda t: tracker.add_interview(t, NEW_INTERVIEW))
            saves["subject"].append(time.perf_counter() - start)
            if len(loaded.interviews) != INTERVIEWS:
                raise RuntimeError(f"loaded {len(loaded.interviews)} interviews")
            return 0.0

        def pandas_side() -> float:
            owner = next(subjects)
            start = time.perf_counter()
            with engine.connect() as conn:
                frames = {
                    table: pd.read_sql(
                        sa.text(f"SELECT * FROM {table} WHERE owner = :owner ORDER BY position"),
                        conn,
                        params={"owner": owner},
                    )
                    for table in ("interviews", "followups")
                }
            loads["baseline"].append(time.perf_counter() - start)
            start = time.perf_counter()
            with engine.begin() as conn:
                for table, frame in frames.items():
                    conn.execute(sa.text(f"DELETE FROM {table} WHERE owner = :o"), {"o": owner})
                    frame.to_sql(table, conn, if_exists="append", index=False, method="multi")
            saves["baseline"].append(time.perf_counter() - start)
            if len(frames["interviews"]) != INTERVIEWS:
                raise RuntimeError(f"read {len(frames['interviews'])} interviews")
            return 0.0

        alternate(store_side, pandas_side, settings.rounds)
    # The warm-up round is the first of each list.
    extra = {"users": users, "interviews": INTERVIEWS, "followups": FOLLOWUPS}
    return [
        _result(LOAD, {k: v[1:] for k, v in loads.items()}, settings, extra),
        _result(SAVE, {k: v[1:] for k, v in saves.items()}, settings, extra),
    ]


def _result(
    bench: Benchmark, samples: dict[str, list[float]], settings: Settings, extra: dict
) -> Result:
    from bench.harness import median

    return Result(
        name=bench.name,
        measures=bench.measures,
        unit="s",
        subject=median(samples["subject"]),
        baseline=median(samples["baseline"]),
        target=bench.target,
        rounds=settings.rounds,
        samples=samples,
        extra=extra,
    )


LOAD = Benchmark(
    name="database load",
    measures=(
        f"{INTERVIEWS} interviews + {FOLLOWUPS} follow-ups of one of {USERS:,} users in "
        "PostgreSQL: SqlStore.load() vs pandas.read_sql"
    ),
    target=1.5,
    run=run,
)
SAVE = Benchmark(
    name="database save",
    measures=(
        "the same: SqlStore.update(add one) vs delete the user's rows + DataFrame.to_sql of "
        "all of them"
    ),
    target=1.5,
    run=run,
)
# One run measures both, so `--only database` runs it once.
BENCHMARK = Benchmark(name="database", measures=LOAD.measures, target=1.5, run=run, rounds=15)
