"""Shared fixtures: every test gets its own tracker folder, never the user's real one."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from deploy.cluster import Missing, Postgres, postgres
from followup import sqlstore
from followup.hosting import DATABASE_URL_ENV, STORAGE_ENV
from followup.paths import DATA_DIR_ENV
from tests.servers import unavailable


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty FOLLOWUP_DATA_DIR for each test."""
    folder = tmp_path / "tracker"
    folder.mkdir()
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    # Tests choose their storage mode themselves; the shell's setting must not leak in.
    monkeypatch.delenv(STORAGE_ENV, raising=False)
    monkeypatch.delenv(DATABASE_URL_ENV, raising=False)
    return folder


_e2e_executed = 0


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    global _e2e_executed
    if report.when == "call" and "tests/e2e/" in report.nodeid.replace(os.sep, "/"):
        _e2e_executed += 1


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """In CI a run that drove no real browser is a failed run, whatever else passed."""
    if os.environ.get("CI") == "true" and exitstatus == 0 and _e2e_executed == 0:
        session.config.get_terminal_writer().line(
            "CI=true but no browser test ran: the e2e suite must run in CI.", red=True
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[Postgres]:
    """One throwaway PostgreSQL cluster for the whole test session (tests use their own owners)."""
    try:
        with postgres() as server:
            yield server
    except Missing as err:
        unavailable(str(err))


@pytest.fixture(scope="session")
def postgres_engine(postgres_server: Postgres) -> Engine:
    """An engine on the session's database, its schema migrated."""
    return sqlstore.engine_for(postgres_server.url)
