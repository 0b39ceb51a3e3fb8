"""The pages on a database: trackers saved there by owner, and a database fault is a message."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from deploy.cluster import Postgres, free_port
from followup import hosting, sqlstore
from followup.hosting import DATABASE_URL_ENV, STORAGE_ENV
from followup.sqlstore import SqlStore
from followup.ui import TODAY_ENV
from tests.apptest import open_page
from tests.test_hosting import GOOD_AUTH
from tests.test_hosting_pages import ISSUER, TRACKER, add_interview, companies, files_under, person

TODAY = dt.date(2024, 9, 23)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TODAY_ENV, TODAY.isoformat())
    monkeypatch.setattr(sqlstore, "RETRY_DELAYS_SECONDS", (0.05,))


def errors(at) -> str:
    return " ".join(e.value for e in at.error)


def test_local_mode_keeps_the_tracker_in_the_database_not_in_files(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
):
    """With FOLLOWUP_DATABASE_URL set, the one local tracker is saved there, not as CSV."""
    url = f"sqlite:///{tmp_path / 'followup.db'}"
    monkeypatch.setenv(DATABASE_URL_ENV, url)
    at = add_interview(open_page(TRACKER), "Acme")
    assert not at.exception and not at.error
    assert companies(at) == ["Acme"]
    saved = SqlStore(sqlstore.engine_for(url), hosting.LOCAL_OWNER).load()
    assert saved.interviews["company"].tolist() == ["Acme"]
    assert files_under(data_dir) == []


def test_signed_in_users_each_get_their_own_tracker_in_the_database(
    postgres_server: Postgres, postgres_engine: Engine, data_dir: Path
):
    """[connections.followup] url in secrets: two users, each sees only their own interviews."""
    secrets = {
        "followup": {"storage": "user"},
        "auth": GOOD_AUTH,
        "connections": {"followup": {"url": postgres_server.url}},
    }
    subjects = {"alice-test-db": "Alice Corp", "bob-test-db": "Bob Corp"}
    for subject, company in subjects.items():
        at = add_interview(open_page(TRACKER, secrets=secrets, user=person(subject)), company)
        assert not at.exception and not at.error
    for subject, company in subjects.items():
        at = open_page(TRACKER, secrets=secrets, user=person(subject))
        assert companies(at) == [company]
        owner = hosting.user_key(ISSUER, subject)
        assert SqlStore(postgres_engine, owner).load().interviews["company"].tolist() == [company]
    assert files_under(data_dir) == []


def test_a_database_that_is_down_is_a_message_on_every_page(monkeypatch: pytest.MonkeyPatch):
    """Nothing answers at the database's address: each page says so and draws the rest."""
    url = f"postgresql://postgres@127.0.0.1:{free_port()}/followup"
    monkeypatch.setenv(DATABASE_URL_ENV, url)
    for page in ("app.py", "pages/1_Channels.py", "pages/2_Call_script.py", TRACKER):
        at = open_page(page)
        assert not at.exception, page
        if page in (TRACKER, "app.py"):
            assert "cannot be reached" in errors(at), page


def test_a_restarted_database_gives_a_message_then_the_page_recovers(
    postgres_server: Postgres, monkeypatch: pytest.MonkeyPatch
):
    """The server stops mid-session: the page says so (the add is not done); then it recovers."""
    monkeypatch.setenv(DATABASE_URL_ENV, postgres_server.url)
    monkeypatch.setenv(STORAGE_ENV, "user")
    secrets = {"auth": GOOD_AUTH}
    at = add_interview(open_page(TRACKER, secrets=secrets, user=person("restart-test")), "Kept")
    postgres_server.stop()
    try:
        at = add_interview(at, "Lost")
        assert not at.exception
        assert "cannot be reached right now" in errors(at)
    finally:
        postgres_server.start()
    at = open_page(TRACKER, secrets=secrets, user=person("restart-test"))
    assert not at.exception and not at.error
    assert companies(at) == ["Kept"]


def test_a_failed_migration_is_a_message_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A database whose tables clash with ours: the page says it could not be prepared."""
    path = tmp_path / "clash.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE interviews (something INTEGER)")
    monkeypatch.setenv(DATABASE_URL_ENV, f"sqlite:///{path}")
    at = open_page(TRACKER)
    assert not at.exception
    assert "could not be prepared" in errors(at)
    with sqlite3.connect(path) as conn:
        tables = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    assert tables == [("interviews",)]
