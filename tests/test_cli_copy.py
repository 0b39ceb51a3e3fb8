"""`python -m followup copy`: a tracker from a folder to a database and back, exactly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from deploy.cluster import Postgres, free_port
from followup import hosting, sqlstore, tracker
from followup.__main__ import main
from followup.paths import REPO_ROOT
from followup.sqlstore import SqlStore
from followup.store import CsvStore
from followup.tracker import Tracker

ROW = {"company": "Acme", "role": "Analyst", "interview_date": "2024-09-19", "notes": "=1+1"}


def saved_folder(path: Path, company: str = "Acme") -> Tracker:
    """A tracker folder with an interview (and an unknown column) and a follow-up."""
    store = CsvStore(path)
    added = store.update(lambda t: tracker.add_interview(t, {**ROW, "company": company, "x": "y"}))
    row = {"interview_id": added.interviews["interview_id"].iloc[0], "date": "2024-09-20"}
    row |= {"channel": "Email", "purpose": "Thank-you", "outcome": "Done"}
    return store.update(lambda t: tracker.add_followup(t, row))


def assert_same(first: Tracker, second: Tracker) -> None:
    pd.testing.assert_frame_equal(first.interviews, second.interviews)
    pd.testing.assert_frame_equal(first.followups, second.followups)


def test_a_folder_copied_to_a_database_and_back_is_the_same(tmp_path: Path):
    """data/tracker -> database -> another folder: the same tables, via the real command."""
    saved = saved_folder(tmp_path / "from")
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    command = [sys.executable, "-m", "followup", "copy", "--from", str(tmp_path / "from")]
    done = subprocess.run(
        [*command, "--to", url], cwd=REPO_ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "Copied 1 interview and 1 follow-up" in done.stdout
    assert_same(SqlStore(sqlstore.engine_for(url), hosting.LOCAL_OWNER).load(), saved)
    assert main(["copy", "--from", url, "--to", str(tmp_path / "back")]) == 0
    assert_same(CsvStore(tmp_path / "back").load(), saved)


def test_a_target_holding_rows_is_not_overwritten_without_replace(tmp_path: Path, capsys):
    saved_folder(tmp_path / "a", "First")
    kept = saved_folder(tmp_path / "b", "Second")
    assert main(["copy", "--from", str(tmp_path / "a"), "--to", str(tmp_path / "b")]) == 1
    assert "already holds 1 interview; nothing was copied" in capsys.readouterr().err
    assert_same(CsvStore(tmp_path / "b").load(), kept)
    args = ["copy", "--from", str(tmp_path / "a"), "--to", str(tmp_path / "b"), "--replace"]
    assert main(args) == 0
    assert CsvStore(tmp_path / "b").load().interviews["company"].tolist() == ["First"]


def test_every_users_folder_goes_to_their_owner_in_the_database(
    tmp_path: Path, postgres_server: Postgres
):
    """--all-users: users/<key>/ folders become the owners <key>, and come back as folders."""
    keys = [hosting.user_key("https://issuer", subject) for subject in ("ann", "ben")]
    for key, company in zip(keys, ("Ann Co", "Ben Co"), strict=True):
        saved_folder(tmp_path / "site" / "users" / key, company)
    url = postgres_server.create_database("copy_users")
    assert main(["copy", "--all-users", "--from", str(tmp_path / "site"), "--to", url]) == 0
    engine = sqlstore.engine_for(url)
    assert SqlStore(engine, keys[0]).load().interviews["company"].tolist() == ["Ann Co"]
    assert SqlStore(engine, keys[1]).load().interviews["company"].tolist() == ["Ben Co"]
    assert main(["copy", "--all-users", "--from", url, "--to", str(tmp_path / "back")]) == 0
    back = CsvStore(tmp_path / "back" / "users" / keys[1]).load()
    assert back.interviews["company"].tolist() == ["Ben Co"]


def test_a_database_that_is_down_exits_1_with_a_message(tmp_path: Path, capsys):
    saved_folder(tmp_path / "from")
    url = f"postgresql://postgres@127.0.0.1:{free_port()}/followup"
    assert main(["copy", "--from", str(tmp_path / "from"), "--to", url]) == 1
    assert "cannot be reached" in capsys.readouterr().err
    assert main(["due", "--data", url]) == 1


def test_due_reads_a_database_too(tmp_path: Path, capsys):
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    SqlStore(sqlstore.engine_for(url)).update(lambda t: tracker.add_interview(t, ROW))
    assert main(["due", "--data", url, "--today", "2024-09-19"]) == 0
    assert "Acme" in capsys.readouterr().out


@pytest.mark.parametrize("args", [["copy", "--from", "x"], ["copy", "--to", "x"]])
def test_copy_needs_both_ends(args: list[str]):
    with pytest.raises(SystemExit) as raised:
        main(args)
    assert raised.value.code == 2
