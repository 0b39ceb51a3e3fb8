"""The SQL store's own promises, on a real PostgreSQL: owners kept apart, only changed rows
written, concurrent replicas losing nothing, faults reported and survived, migrations."""

from __future__ import annotations

import contextlib
import datetime as dt
import multiprocessing
import os
import random
import signal
import threading
import time
import uuid
from collections.abc import Iterator

import pandas as pd
import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from deploy.cluster import Postgres, free_port
from followup import sqlstore, tracker
from followup.sqlstore import DatabaseUnavailable, SqlStore
from followup.tracker import Tracker
from tests import store_workers

ROW = {"company": "Acme", "role": "Analyst", "interview_date": dt.date(2024, 9, 19)}
CONTEXT = multiprocessing.get_context("fork")


def add(store: SqlStore, **fields: object) -> Tracker:
    return store.update(lambda t: tracker.add_interview(t, {**ROW, **fields}))


def owner() -> str:
    return uuid.uuid4().hex


@contextlib.contextmanager
def statements(engine: Engine) -> Iterator[list[tuple[str, object]]]:
    """Every SQL statement sent through `engine` meanwhile, with its parameters."""
    seen: list[tuple[str, object]] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:
        sets = list(parameters) if executemany else [parameters]
        seen.append((" ".join(statement.split()), sets))

    sa.event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        sa.event.remove(engine, "before_cursor_execute", record)


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sqlstore, "RETRY_DELAYS_SECONDS", (0.05, 0.1))


# Owners


def test_an_owner_never_sees_nor_changes_another_owners_rows(postgres_engine: Engine):
    """Bob holds rows with the very ids of Alice's; his edits and deletes leave hers alone."""
    alice, bob = SqlStore(postgres_engine, owner()), SqlStore(postgres_engine, owner())
    add(alice, company="Alice's")
    hers = add(alice, company="Alice's second")
    assert bob.load().interviews.empty
    bob.update(lambda _: hers)  # the same ids, in Bob's tracker
    ids = hers.interviews["interview_id"].tolist()
    bob.update(lambda t: tracker.update_interviews(t, {ids[0]: {"company": "Bob's"}}))
    bob.update(lambda t: tracker.delete_interview(t, ids[1]))
    assert bob.load().interviews["company"].tolist() == ["Bob's"]
    fresh = SqlStore(postgres_engine, alice.owner).load()
    assert fresh.interviews["company"].tolist() == ["Alice's", "Alice's second"]


def test_every_statement_is_bound_to_the_stores_owner(postgres_engine: Engine):
    """Each statement on the tracker tables filters or writes by owner, and only this owner."""
    mine, other = owner(), owner()
    add(SqlStore(postgres_engine, other), company="Not mine")
    store = SqlStore(postgres_engine, mine)
    with statements(postgres_engine) as seen:
        saved = add(store)
        interview_id = saved.interviews["interview_id"].iloc[0]
        row = {"interview_id": interview_id, "date": "2024-09-20", "channel": "Email"}
        store.update(
            lambda t: tracker.add_followup(t, {**row, "purpose": "Thank-you", "outcome": "Done"})
        )
        store.update(lambda t: tracker.update_interviews(t, {interview_id: {"notes": "n"}}))
        store.update(lambda t: tracker.delete_interview(t, interview_id))
        SqlStore(postgres_engine, mine).load()
    touching = [(sql, params) for sql, params in seen if _names_a_table(sql)]
    assert len(touching) >= 10
    for sql, params in touching:
        assert "owner" in sql, sql
        for values in params:
            owners = {v for k, v in values.items() if "owner" in k}
            assert owners == {mine}, (sql, values)


def _names_a_table(sql: str) -> bool:
    return any(f" {name}" in sql for name in ("trackers", "interviews", "followups"))


def test_an_owner_key_is_a_short_non_empty_string(postgres_engine: Engine):
    with pytest.raises(ValueError):
        SqlStore(postgres_engine, "")
    with pytest.raises(ValueError):
        SqlStore(postgres_engine, "x" * 65)


# Writing only what changed


def test_a_save_writes_only_the_rows_it_changed(postgres_engine: Engine):
    """Editing one of 30 interviews updates that row; adding one inserts one; no rewrite."""
    store = SqlStore(postgres_engine, owner())
    rows = [{**ROW, "company": f"C{n}"} for n in range(30)]
    store.update(lambda t: tracker.add_interviews(t, pd.DataFrame(rows)))
    target = store.load().interviews["interview_id"].iloc[7]
    with statements(postgres_engine) as seen:
        store.update(lambda t: tracker.update_interviews(t, {target: {"status": "Offer"}}))
    writes = [(sql, p) for sql, p in seen if sql.startswith(("INSERT", "UPDATE", "DELETE"))]
    assert [sql.split()[0:2] for sql, _ in writes] == [
        ["UPDATE", "trackers"],
        ["UPDATE", "interviews"],
    ]
    assert len(writes[1][1]) == 1 and writes[1][1][0]["row_interview_id"] == target
    with statements(postgres_engine) as seen:
        add(store, company="New")
    inserts = [p for sql, p in seen if sql.startswith("INSERT INTO interviews")]
    assert len(inserts) == 1 and len(inserts[0]) == 1
    assert not [sql for sql, _ in seen if sql.startswith(("DELETE", "UPDATE interviews"))]
    with statements(postgres_engine) as seen:
        store.update(lambda t: tracker.delete_interview(t, t.interviews["interview_id"].iloc[0]))
    writes = [sql.split()[0:3] for sql, _ in seen if sql.startswith(("INSERT", "UPDATE", "DELETE"))]
    # Deleting the first row moves no other row: the others keep their sort keys.
    assert writes == [["UPDATE", "trackers", "SET"], ["DELETE", "FROM", "interviews"]]
    assert SqlStore(postgres_engine, store.owner).load().interviews["company"].iloc[0] == "C1"


def test_reruns_read_one_small_row_while_nothing_changed(postgres_engine: Engine):
    """A page rerun costs one primary-key lookup; the rows are read again only after a save."""
    store = SqlStore(postgres_engine, owner())
    add(store)
    store.load()
    with statements(postgres_engine) as seen:
        store.load()
    assert [sql.split(" FROM ")[1].split()[0] for sql, _ in seen] == ["trackers"]


# Concurrency

WRITERS = 4
SAVES = 50


def test_four_processes_saving_through_two_stores_each_lose_no_row(postgres_server: Postgres):
    """4 processes x 50 saves on one tracker, two store instances each: all 200 rows are there."""
    key = owner()
    workers = [
        CONTEXT.Process(
            target=store_workers.add_rows_sql, args=(postgres_server.url, key, w, SAVES)
        )
        for w in range(WRITERS)
    ]
    for process in workers:
        process.start()
    for process in workers:
        process.join(timeout=300)
    assert [process.exitcode for process in workers] == [0] * WRITERS
    saved = SqlStore(sqlstore.engine_for(postgres_server.url), key).load().interviews
    expected = [
        store_workers.interview_row(w, n)["company"] for w in range(WRITERS) for n in range(SAVES)
    ]
    assert sorted(saved["company"]) == sorted(expected)
    assert store_workers.torn_rows(saved) == 0


def test_a_writer_killed_mid_transaction_leaves_nothing_partial(postgres_server: Postgres):
    """SIGKILL at random moments: every interview has its follow-up, none without, none torn."""
    key = owner()
    engine = sqlstore.engine_for(postgres_server.url)
    rng = random.Random(7)
    counts = []
    for _ in range(4):
        writer = CONTEXT.Process(
            target=store_workers.add_pairs_sql_forever, args=(postgres_server.url, key)
        )
        writer.start()
        time.sleep(rng.uniform(0.4, 0.9))
        os.kill(writer.pid, signal.SIGKILL)
        writer.join()
        saved = SqlStore(engine, key).load()
        interviews, followups = saved.interviews, saved.followups
        assert len(interviews) == len(followups)
        assert set(followups["interview_id"]) == set(interviews["interview_id"])
        assert store_workers.torn_rows(interviews) == 0
        counts.append(len(interviews))
    assert counts == sorted(counts) and counts[-1] > 0


# Faults


def test_a_database_that_is_down_gives_a_message_not_a_traceback():
    """Nothing listens at the address: loading, saving and opening each say so in words."""
    url = f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/followup"
    with pytest.raises(DatabaseUnavailable, match="cannot be reached"):
        sqlstore.engine_for(url)
    store = SqlStore(sa.create_engine(url, **sqlstore.engine_options(url)), owner())
    with pytest.raises(DatabaseUnavailable, match="cannot be reached right now"):
        store.load()
    with pytest.raises(DatabaseUnavailable, match="your change was not saved"):
        add(store)


def test_a_connection_dropped_mid_save_is_retried_once_and_saves_once(postgres_engine: Engine):
    """The server drops the connection in the middle of a save: it is redone, one row added."""
    store = SqlStore(postgres_engine, owner())
    add(store, company="Before")
    dropped: list[str] = []

    def drop_on_first_row_write(conn, cursor, statement, parameters, context, executemany):
        if statement.startswith("INSERT INTO interviews") and not dropped:
            dropped.append(statement)
            with postgres_engine.connect() as killer:
                pid = conn.exec_driver_sql("SELECT pg_backend_pid()").scalar()
                killer.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})

    sa.event.listen(postgres_engine, "before_cursor_execute", drop_on_first_row_write)
    try:
        saved = add(store, company="After")
    finally:
        sa.event.remove(postgres_engine, "before_cursor_execute", drop_on_first_row_write)
    assert dropped
    loaded = SqlStore(postgres_engine, store.owner).load()
    assert loaded.interviews["company"].tolist() == ["Before", "After"]
    assert loaded.interviews.equals(saved.interviews)


def test_a_connection_dropped_at_commit_is_not_retried_and_says_so(postgres_engine: Engine):
    """Dropped while committing, a save may or may not have landed: no retry (no double row)."""
    store = SqlStore(postgres_engine, owner())
    saved = add(store, company="Before")

    def drop_before_commit(conn) -> None:
        pid = conn.exec_driver_sql("SELECT pg_backend_pid()").scalar()
        with postgres_engine.connect() as killer:
            killer.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})

    sa.event.listen(postgres_engine, "commit", drop_before_commit)
    try:
        with pytest.raises(DatabaseUnavailable, match="saved whole or not at all"):
            add(store, company="Maybe")
    finally:
        sa.event.remove(postgres_engine, "commit", drop_before_commit)
    loaded = SqlStore(postgres_engine, store.owner).load()
    assert loaded.interviews.equals(saved.interviews)
    assert store.load().interviews.equals(saved.interviews)


def test_a_statement_that_times_out_gives_a_message_and_writes_nothing(postgres_server: Postgres):
    """A table locked by someone else past the statement timeout: a message, nothing half-done."""
    engine = sqlstore.engine_for(postgres_server.url, statement_timeout_ms=200)
    store = SqlStore(engine, owner())
    saved = add(store)
    blocker = sqlstore.engine_for(postgres_server.url)
    with blocker.connect() as conn, conn.begin():
        conn.execute(sa.text("LOCK TABLE interviews IN ACCESS EXCLUSIVE MODE"))
        with pytest.raises(DatabaseUnavailable, match="not saved") as raised:
            add(store, company="Blocked")
        assert "statement timeout" in str(raised.value)
    assert SqlStore(engine, store.owner).load().interviews.equals(saved.interviews)


def test_a_server_restart_mid_session_gives_a_message_then_recovers(
    postgres_server: Postgres, postgres_engine: Engine
):
    """The server stops under a session: its load and save say so; once back, all is there."""
    store = SqlStore(postgres_engine, owner())
    saved = add(store)
    postgres_server.stop()
    try:
        fresh = SqlStore(postgres_engine, store.owner)
        with pytest.raises(DatabaseUnavailable, match="cannot be reached"):
            fresh.load()
        with pytest.raises(DatabaseUnavailable, match="not saved"):
            add(store, company="While down")
    finally:
        postgres_server.start()
    assert SqlStore(postgres_engine, store.owner).load().interviews.equals(saved.interviews)
    after = add(store, company="Back")
    assert after.interviews["company"].tolist() == ["Acme", "Back"]


# Migrations


def _tables(engine: Engine) -> set[str]:
    return set(sa.inspect(engine).get_table_names())


def test_replicas_starting_at_once_migrate_a_new_database_once(postgres_server: Postgres):
    """Four processes open a fresh database together: all start, the schema is made once."""
    url = postgres_server.create_database(f"fresh_{uuid.uuid4().hex[:8]}")
    starters = [CONTEXT.Process(target=sqlstore.engine_for, args=(url,)) for _ in range(4)]
    for process in starters:
        process.start()
    for process in starters:
        process.join(timeout=120)
    assert [process.exitcode for process in starters] == [0] * 4
    engine = sa.create_engine(url)
    assert _tables(engine) == {"alembic_version", "trackers", "interviews", "followups"}
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).all() == [("0001",)]


def test_a_failed_migration_leaves_the_database_as_it_was(postgres_server: Postgres):
    """A clashing table stops the migration: a message, and no table half-made."""
    url = postgres_server.create_database(f"clash_{uuid.uuid4().hex[:8]}")
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE followups (something integer)"))
    with pytest.raises(DatabaseUnavailable, match="could not be prepared"):
        sqlstore.engine_for(url)
    assert _tables(engine) == {"followups"}


def test_sqlite_is_migrated_too(tmp_path):
    engine = sqlstore.engine_for(f"sqlite:///{tmp_path / 'one.db'}")
    assert _tables(engine) == {"alembic_version", "trackers", "interviews", "followups"}


def test_urls_use_psycopg_3():
    assert sqlstore.normalise_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert sqlstore.normalise_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert sqlstore.normalise_url("sqlite:///x.db") == "sqlite:///x.db"


def test_threads_of_one_server_saving_at_once_lose_no_row(postgres_engine: Engine):
    """8 sessions of one replica (threads, a store each) x 5 saves: all 40 rows are there."""
    key = owner()

    def session(writer: int) -> None:
        store = SqlStore(postgres_engine, key)
        for number in range(5):
            store.update(
                lambda t, n=number: tracker.add_interview(t, store_workers.interview_row(writer, n))
            )

    threads = [threading.Thread(target=session, args=(w,)) for w in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(SqlStore(postgres_engine, key).load().interviews) == 40
