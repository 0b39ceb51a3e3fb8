"""Undo from the sidebar on the Tracker page: each change taken back by id, later ones kept."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from followup import tracker
from followup.store import CsvStore
from followup.ui import TODAY_ENV
from tests.apptest import open_page, open_tab

PAGE = "pages/3_Tracker.py"
TODAY = dt.date(2024, 9, 23)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TODAY_ENV, TODAY.isoformat())


def saved(data_dir: Path) -> tracker.Tracker:
    return CsvStore(data_dir).load()


def undo(at: AppTest) -> AppTest:
    return at.button(key="tracker_undo_button").click().run()


def test_sample_load_is_undone_and_a_later_interview_stays(data_dir: Path):
    """Load the sample, add an interview elsewhere, undo: only the sample rows go."""
    at = open_page(PAGE)
    at.button(key="tracker_sample_load").click().run()
    assert tracker.has_sample(saved(data_dir))
    row = {"company": "Mine", "role": "Analyst", "interview_date": TODAY}
    CsvStore(data_dir).update(lambda t: tracker.add_interview(t, row))
    at = undo(at)
    assert not at.exception
    after = saved(data_dir)
    assert after.interviews["company"].tolist() == ["Mine"]
    assert after.followups.empty


def test_deleted_follow_up_rows_come_back(data_dir: Path):
    """Deleting a follow-up row in the table is offered as Undo, which adds it back by id."""
    row = {"company": "Acme", "role": "Analyst", "interview_date": TODAY}
    t = CsvStore(data_dir).update(lambda t: tracker.add_interview(t, row))
    logged = {"interview_id": t.interviews["interview_id"].iloc[0], "date": TODAY}
    logged |= {"channel": "Email", "purpose": "Thank-you", "outcome": "Done"}
    t = CsvStore(data_dir).update(lambda t: tracker.add_followup(t, logged))
    followup_id = t.followups["followup_id"].iloc[0]
    at = open_tab(open_page(PAGE), "Follow-ups")
    key = next(e for e in at.data_editor if e.key.startswith("tracker_followups_")).key
    at.session_state[key] = {"edited_rows": {}, "added_rows": [], "deleted_rows": [0]}
    at.run()
    assert saved(data_dir).followups.empty
    assert at.toast[0].value == "1 follow-up deleted."
    at = undo(at)
    assert saved(data_dir).followups["followup_id"].tolist() == [followup_id]


def test_a_deleted_interview_comes_back_with_its_follow_ups(data_dir: Path):
    """Delete an interview (confirmed), then Undo: the row and its follow-up are back."""
    row = {"company": "Acme", "role": "Analyst", "interview_date": TODAY}
    t = CsvStore(data_dir).update(lambda t: tracker.add_interview(t, row))
    logged = {"interview_id": t.interviews["interview_id"].iloc[0], "date": TODAY}
    logged |= {"channel": "Email", "purpose": "Thank-you", "outcome": "Done"}
    before = CsvStore(data_dir).update(lambda t: tracker.add_followup(t, logged))
    at = open_tab(open_page(PAGE), "Follow-ups")
    at.button(key="tracker_delete").click().run()
    at.button(key="tracker_delete_yes").click().run()
    assert saved(data_dir).interviews.empty
    at = undo(at)
    after = saved(data_dir)
    assert after.interviews["interview_id"].tolist() == before.interviews["interview_id"].tolist()
    assert after.followups["followup_id"].tolist() == before.followups["followup_id"].tolist()
