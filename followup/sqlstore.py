"""A tracker kept in a SQL database: PostgreSQL for a hosted dashboard, SQLite on one machine.

One database holds many trackers, one per owner (`local`, or a signed-in user's hashed identity,
`followup.hosting.user_key`). Every statement names the owner, so a store never reads or writes
another owner's rows. A row's ids are real columns; its other cells are one JSON object (text as
typed, dates as YYYY-MM-DD), so a new or unknown column needs no migration and reads back exactly.

`update(change)` works like the CSV store's: the change runs on the tracker as last read, the
result is checked, and only the rows that differ (by id) are written, in one transaction that
also moves the tracker's version on by one. When another save moved it first, the change runs
again on the newer tracker; the last try holds the tracker's row lock from its read to its write.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from followup import vocab
from followup.hosting import LOCAL_OWNER
from followup.store import Change, StoreError
from followup.tracker import FOLLOWUP_DATES, INTERVIEW_DATES, Tracker, validate

SAVE_ATTEMPTS = 3
# Reads, and saves that failed before their commit was sent, are safe to repeat.
RETRY_DELAYS_SECONDS = (0.2, 0.5, 1.0)
CONNECT_TIMEOUT_SECONDS = 5
STATEMENT_TIMEOUT_MS = 15_000
# PostgreSQL's codes for a statement cancelled by its timeout and a lock not obtained in time.
TIMED_OUT = frozenset({"57014", "55P03"})
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Any fixed number: replicas starting at once queue on it, so one migrates while the others wait.
MIGRATION_LOCK_KEY = 0x466F6C6C6F77

metadata = sa.MetaData()
trackers_table = sa.Table(
    "trackers",
    metadata,
    sa.Column("owner", sa.String(64), primary_key=True),
    sa.Column("version", sa.BigInteger, nullable=False),
    sa.Column("interview_columns", sa.Text, nullable=False),
    sa.Column("followup_columns", sa.Text, nullable=False),
)
interviews_table = sa.Table(
    "interviews",
    metadata,
    sa.Column("owner", sa.String(64), primary_key=True),
    sa.Column("interview_id", sa.Text, primary_key=True),
    sa.Column("position", sa.BigInteger, nullable=False),
    sa.Column("cells", sa.Text, nullable=False),
)
followups_table = sa.Table(
    "followups",
    metadata,
    sa.Column("owner", sa.String(64), primary_key=True),
    sa.Column("followup_id", sa.Text, primary_key=True),
    sa.Column("interview_id", sa.Text, nullable=False),
    sa.Column("position", sa.BigInteger, nullable=False),
    sa.Column("cells", sa.Text, nullable=False),
)


# One statement reads a tracker whole: its version and column order (part 0), its interviews
# (part 1) and follow-ups (part 2), in row order. One statement sees one snapshot of the
# database, so no save can land between the version and the rows.
_READ = sa.text(
    """
    SELECT 0 AS part, version AS position, interview_columns AS a, followup_columns AS b,
           NULL AS c
      FROM trackers WHERE owner = :owner
    UNION ALL
    SELECT 1, position, interview_id, cells, NULL FROM interviews WHERE owner = :owner
    UNION ALL
    SELECT 2, position, followup_id, cells, interview_id FROM followups WHERE owner = :owner
    ORDER BY part, position
    """
)


class DatabaseUnavailable(StoreError):
    """The database did not answer (down, dropped, timed out); nothing was half-written."""


@dataclass(frozen=True)
class _Table:
    """How one tracker table maps to its SQL table."""

    sql: sa.Table
    id_column: str
    relational: tuple[str, ...]  # frame columns stored as SQL columns, the id first
    dates: tuple[str, ...]
    columns_field: str
    contract: tuple[str, ...]


INTERVIEWS = _Table(interviews_table, "interview_id", ("interview_id",), INTERVIEW_DATES,
                    "interview_columns", vocab.INTERVIEW_COLUMNS)  # fmt: skip
FOLLOWUPS = _Table(followups_table, "followup_id", ("followup_id", "interview_id"),
                   FOLLOWUP_DATES, "followup_columns", vocab.FOLLOWUP_COLUMNS)  # fmt: skip
# (position, cells JSON, other relational values) of each row, by id.
Rows = dict[str, tuple[int, str, tuple[str, ...]]]


@dataclass(frozen=True)
class _Snapshot:
    """A tracker as read at one version, with its rows as stored (to diff a save against)."""

    version: int
    tracker: Tracker
    rows: tuple[Rows, Rows]


class SqlStore:
    """One owner's tracker in a SQL database; keep one instance per session, never share owners."""

    def __init__(self, engine: Engine, owner: str = LOCAL_OWNER) -> None:
        if not owner or len(owner) > 64:
            raise ValueError("An owner is a non-empty key of at most 64 characters.")
        self.engine = engine
        self.owner = owner
        self._last: _Snapshot | None = None
        self._lock = threading.Lock()

    def load(self) -> Tracker:
        """The owner's tracker; an empty one before the first save. Reads take no lock."""
        return self._retrying(self._snapshot, "read").tracker

    def update(self, change: Change) -> Tracker:
        """Apply `change`, check it, write the rows it changed in one transaction; return it."""
        for attempt in range(SAVE_ATTEMPTS):
            locked = attempt == SAVE_ATTEMPTS - 1
            saved = self._retrying(lambda locked=locked: self._try_save(change, locked), "save")
            if saved is not None:
                return saved
        raise StoreError("The tracker is busy (other saves kept getting in first); try again.")

    # Reading

    def _snapshot(self) -> _Snapshot:
        """The tracker as stored now; the last one read when its version is still current."""
        with self.engine.connect() as conn:
            last = self._last
            if last is not None and self._version(conn) == last.version:
                return last
            snapshot = self._read(conn)
            self._last = snapshot
            return snapshot

    def _version(self, conn: Connection) -> int:
        """The tracker's version: 0 before its first save, one more after each."""
        query = sa.select(trackers_table.c.version).where(trackers_table.c.owner == self.owner)
        return int(conn.execute(query).scalar() or 0)

    def _locked_read(self, conn: Connection) -> _Snapshot:
        """Read under the tracker's row lock (inside a transaction): no save can land meanwhile."""
        conn.execute(
            sa.select(trackers_table.c.version)
            .where(trackers_table.c.owner == self.owner)
            .with_for_update()
        )
        snapshot = self._read(conn)
        self._last = snapshot
        return snapshot

    def _read(self, conn: Connection) -> _Snapshot:
        """The version and both tables in one statement, so all three come from one snapshot."""
        result = conn.execute(_READ, {"owner": self.owner}).all()
        if not result or result[0][0] != 0:
            return _Snapshot(0, Tracker.empty(), ({}, {}))
        _, version, interview_columns, followup_columns, _ = result[0]
        frames, rows = [], []
        for part, table, names in ((1, INTERVIEWS, interview_columns),
                                   (2, FOLLOWUPS, followup_columns)):  # fmt: skip
            stored = [row for row in result if row[0] == part]
            rows.append({row[2]: (row[1], row[3], _others(table, row)) for row in stored})
            frames.append(_frame(table, json.loads(names), stored))
        # Rows were checked when they were saved, and `_frame` types them as the tracker does.
        tracker = Tracker(*frames)
        return _Snapshot(int(version), tracker, (rows[0], rows[1]))

    # Saving

    def _try_save(self, change: Change, locked: bool) -> Tracker | None:
        """One try: the saved tracker, or None when another save got in first (try again).

        Unlocked, the change is worked out before a connection is taken, and the transaction
        only checks the version and writes. Locked (the last try), the tracker's row is locked
        from the read to the write, so no other save can get in.
        """
        with self._lock, contextlib.ExitStack() as stack:
            if locked:
                conn = stack.enter_context(self.engine.connect())
                transaction = conn.begin()
                self._ensure_head(conn)
                before = self._locked_read(conn)
                after, rows = _apply(change, before)
            else:
                before = self._snapshot()
                after, rows = _apply(change, before)
                conn = stack.enter_context(self.engine.connect())
                transaction = conn.begin()
            if not self._bump(conn, before.version, after):
                transaction.rollback()
                if locked:
                    raise StoreError("The tracker changed while it was locked; try again.")
                return None
            self._write(conn, before.rows, rows)
            _commit(transaction)
            self._last = _Snapshot(before.version + 1, after, rows)
            return after

    def _ensure_head(self, conn: Connection) -> None:
        """Create the owner's tracker row (version 0) if it is missing, so it can be locked."""
        conn.execute(
            _insert_ignoring_duplicates(conn, trackers_table).values(
                owner=self.owner,
                version=0,
                interview_columns=json.dumps(list(vocab.INTERVIEW_COLUMNS)),
                followup_columns=json.dumps(list(vocab.FOLLOWUP_COLUMNS)),
            )
        )

    def _bump(self, conn: Connection, version: int, after: Tracker) -> bool:
        """Move the version on from `version` (False when another save already did)."""
        columns = {
            INTERVIEWS.columns_field: json.dumps(list(after.interviews.columns)),
            FOLLOWUPS.columns_field: json.dumps(list(after.followups.columns)),
        }
        if version == 0:
            self._ensure_head(conn)
        result = conn.execute(
            sa.update(trackers_table)
            .where(trackers_table.c.owner == self.owner, trackers_table.c.version == version)
            .values(version=version + 1, **columns)
        )
        return result.rowcount == 1

    def _write(self, conn: Connection, before: tuple[Rows, Rows], after: tuple[Rows, Rows]) -> None:
        """Delete, update and insert only the rows that differ, by id."""
        for table, old, new in zip((INTERVIEWS, FOLLOWUPS), before, after, strict=True):
            sql = table.sql
            id_col = sql.c[table.id_column]
            gone = [row_id for row_id in old if row_id not in new]
            changed = [(i, r) for i, r in new.items() if i in old and old[i] != r]
            added = [(i, r) for i, r in new.items() if i not in old]
            if gone:
                conn.execute(sa.delete(sql).where(sql.c.owner == self.owner, id_col.in_(gone)))
            if changed:
                conn.execute(
                    sa.update(sql)
                    .where(
                        sql.c.owner == self.owner,
                        id_col == sa.bindparam(f"row_{table.id_column}"),
                    )
                    .values(
                        {
                            name: sa.bindparam(f"row_{name}")
                            for name in ("position", "cells", *table.relational[1:])
                        }
                    ),
                    [_params(table, row_id, row, "row_") for row_id, row in changed],
                )
            if added:
                conn.execute(
                    sa.insert(sql),
                    [
                        {"owner": self.owner, **_params(table, row_id, row, "")}
                        for row_id, row in added
                    ],
                )

    def _retrying(self, attempt, action: str):
        """Run `attempt`, again after a pause when the database did not answer (safe to repeat)."""
        for delay in (*RETRY_DELAYS_SECONDS, None):
            try:
                return attempt()
            except sa.exc.DBAPIError as err:
                if delay is None or not _transient(err):
                    raise _unavailable(err, action) from err
                time.sleep(delay)
            except sa.exc.SQLAlchemyError as err:
                raise _unavailable(err, action) from err
        raise AssertionError("unreachable")


def _apply(change: Change, before: _Snapshot) -> tuple[Tracker, tuple[Rows, Rows]]:
    """`change` applied to the tracker read and checked, with its rows as they will be stored."""
    after = change(before.tracker)
    validate(after)
    return after, _stored_rows(after, before.rows)


def _commit(transaction: sa.RootTransaction) -> None:
    """Commit; a fault now is not retried, since the commit may have landed before it."""
    try:
        transaction.commit()
    except sa.exc.SQLAlchemyError as err:
        reason = " ".join(str(getattr(err, "orig", None) or err).split())[:200]
        raise DatabaseUnavailable(
            f"The tracker database stopped answering while saving ({reason}). The change was "
            "saved whole or not at all: reload the page to see which, then try again if needed."
        ) from err


def owners(engine: Engine) -> list[str]:
    """Every owner with a tracker in the database (for copying all of them, not for pages)."""
    try:
        with engine.connect() as conn:
            query = sa.select(trackers_table.c.owner).order_by(trackers_table.c.owner)
            return list(conn.execute(query).scalars())
    except sa.exc.SQLAlchemyError as err:
        raise _unavailable(err, "read") from err


def _params(
    table: _Table, row_id: str, row: tuple[int, str, tuple[str, ...]], prefix: str
) -> dict[str, object]:
    """One row's statement parameters; `prefix` keeps bound names apart from column names."""
    position, cells, others = row
    values = {table.id_column: row_id, "position": position, "cells": cells}
    values |= dict(zip(table.relational[1:], others, strict=True))
    if prefix:
        values = {f"{prefix}{name}": value for name, value in values.items()}
    return values


def _stored_rows(tracker: Tracker, before: tuple[Rows, Rows]) -> tuple[Rows, Rows]:
    """Each table's rows as the database stores them, by id (positions kept where they can be)."""
    return (
        _rows_of(INTERVIEWS, tracker.interviews, before[0]),
        _rows_of(FOLLOWUPS, tracker.followups, before[1]),
    )


def _rows_of(table: _Table, frame: pd.DataFrame, before: Rows) -> Rows:
    if frame.empty:
        return {}
    cells = frame.drop(columns=list(table.relational))
    text = {}
    for column in cells.columns:
        values = cells[column]
        if column in table.dates:
            days = np.datetime_as_string(values.to_numpy(dtype="datetime64[D]"), unit="D")
            text[column] = np.where(values.isna().to_numpy(), None, days)
        else:
            text[column] = values.to_numpy(dtype=object)
    names = list(text)
    columns = [text[name] for name in names]
    ids = frame[table.id_column].tolist()
    others = [frame[name].tolist() for name in table.relational[1:]]
    rows: Rows = {}
    for index, (row_id, position) in enumerate(zip(ids, _positions(ids, before), strict=True)):
        record = {
            name: value
            for name, value in zip(names, (c[index] for c in columns), strict=True)
            if isinstance(value, str) and value
        }
        rows[row_id] = (position, json.dumps(record), tuple(o[index] for o in others))
    return rows


def _positions(ids: list[str], before: Rows) -> list[int]:
    """Increasing sort keys for rows in this order, keeping each row's old key where it can.

    Adding at the end or deleting rows moves no other row, so neither rewrites them; a row
    moved before others (a reorder) gets a new key.
    """
    positions, previous = [], -1
    for row_id in ids:
        old = before.get(row_id)
        previous = old[0] if old is not None and old[0] > previous else previous + 1
        positions.append(previous)
    return positions


def _others(table: _Table, row: sa.Row) -> tuple[str, ...]:
    return (row[4],) if len(table.relational) > 1 else ()


def _frame(table: _Table, names: list[str], stored: list[sa.Row]) -> pd.DataFrame:
    """A table's frame from its stored rows (part, position, id, cells, other id), typed.

    Columns come in the tracker's order: the contract's (a column added to the contract since
    the save comes out empty), then the others in their saved order. Built through Arrow, as
    the CSV reader does: text is pandas' Arrow-backed `str`, dates `datetime64[us]`.
    """
    records = json.loads("[" + ",".join(row[3] for row in stored) + "]")
    given = {table.id_column: [row[2] for row in stored]}
    if len(table.relational) > 1:
        given[table.relational[1]] = [row[4] for row in stored]
    contract = table.contract
    order = [*contract, *(name for name in names if name not in contract)]
    arrays = []
    for name in order:
        values = given.get(name)
        if values is None:
            values = [record.get(name) for record in records]
        if name in table.dates:
            days = np.array(values, dtype="datetime64[D]").astype("datetime64[us]")
            arrays.append(pa.array(days, type=pa.timestamp("us")))
        else:
            arrays.append(pa.array(values, type=pa.string()))
    return pa.table(arrays, names=order).to_pandas()


def _insert_ignoring_duplicates(conn: Connection, table: sa.Table):
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    elif conn.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:
        raise StoreError(f"The {conn.dialect.name} database is not supported: use PostgreSQL.")
    return insert(table).on_conflict_do_nothing()


def _transient(err: sa.exc.DBAPIError) -> bool:
    """A fault that a moment's wait may cure: a dropped connection, a server restarting.

    A statement that ran past its timeout is not one: trying again would keep the page
    waiting as long once more.
    """
    if getattr(err.orig, "sqlstate", None) in TIMED_OUT:
        return False
    return bool(err.connection_invalidated) or isinstance(err, sa.exc.OperationalError)


def _unavailable(err: Exception, action: str) -> DatabaseUnavailable:
    reason = " ".join(str(getattr(err, "orig", None) or err).split())[:200]
    if action == "save":
        return DatabaseUnavailable(
            "The tracker database did not answer, so your change was not saved "
            f"({reason}). Try again in a moment."
        )
    return DatabaseUnavailable(
        f"The tracker database cannot be reached right now ({reason}). Nothing was changed; "
        "reload the page in a moment."
    )


def engine_for(url: str, statement_timeout_ms: int = STATEMENT_TIMEOUT_MS) -> Engine:
    """An engine for `url` with this app's timeouts, its schema migrated to the newest version."""
    engine = sa.create_engine(normalise_url(url), **engine_options(url, statement_timeout_ms))
    migrate(engine)
    return engine


def normalise_url(url: str) -> str:
    """`postgres://` and `postgresql://` URLs use psycopg 3, the driver this app installs."""
    url = url.strip()
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def engine_options(url: str, statement_timeout_ms: int = STATEMENT_TIMEOUT_MS) -> dict[str, object]:
    """Pool and timeout settings: a dead pooled connection is replaced, a hung one times out."""
    options: dict[str, object] = {"pool_pre_ping": True}
    if normalise_url(url).startswith("postgresql"):
        options["connect_args"] = {
            "connect_timeout": CONNECT_TIMEOUT_SECONDS,
            "options": f"-c statement_timeout={statement_timeout_ms}",
        }
        options["pool_timeout"] = 10
    elif url.startswith("sqlite"):
        options["connect_args"] = {"timeout": statement_timeout_ms / 1000}
    return options


_MIGRATED: set[str] = set()
_MIGRATED_GUARD = threading.Lock()


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration, once per engine URL in this process.

    On PostgreSQL an advisory lock makes replicas starting together migrate one at a time (the
    later ones find nothing to do). Each migration runs in the same transaction as the lock, so a
    failed one leaves the schema as it was. Raises DatabaseUnavailable with the reason.
    """
    _sqlite_transactions(engine)
    key = engine.url.render_as_string(hide_password=False)
    with _MIGRATED_GUARD:
        if key in _MIGRATED:
            return
        try:
            _upgrade(engine)
        except sa.exc.OperationalError as err:
            if err.connection_invalidated or _never_connected(engine):
                raise _unavailable(err, "read") from err
            raise _migration_failed(err) from err
        except sa.exc.SQLAlchemyError as err:
            raise _migration_failed(err) from err
        except Exception as err:  # Alembic raises its own errors, and errors of a migration.
            if isinstance(err, StoreError):
                raise
            raise _migration_failed(err) from err
        _MIGRATED.add(key)


def _sqlite_transactions(engine: Engine) -> None:
    """Real transactions on SQLite, DDL included (Python's sqlite3 commits DDL on its own).

    SQLAlchemy's recipe: the driver stops opening transactions itself and every one begins
    with an explicit BEGIN, so a failed migration or save is rolled back whole.
    """
    if engine.dialect.name != "sqlite" or getattr(engine, "_followup_transactions", False):
        return

    @sa.event.listens_for(engine, "connect")
    def no_implicit_transactions(dbapi_connection, connection_record) -> None:
        dbapi_connection.isolation_level = None

    @sa.event.listens_for(engine, "begin")
    def explicit_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN")

    engine._followup_transactions = True  # type: ignore[attr-defined]
    engine.dispose()  # connections opened before the listeners would keep the old behaviour


def _upgrade(engine: Engine) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def _never_connected(engine: Engine) -> bool:
    """True when the database does not even accept a connection (down, wrong address)."""
    try:
        with engine.connect():
            return False
    except sa.exc.SQLAlchemyError:
        return True


def _migration_failed(err: Exception) -> DatabaseUnavailable:
    reason = " ".join(str(getattr(err, "orig", None) or err).split())[:200]
    return DatabaseUnavailable(
        f"The tracker database could not be prepared ({reason}). Nothing was changed; the "
        "host should check the database and its migrations."
    )
