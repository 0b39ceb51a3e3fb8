"""The Tracker's Due, Overview and Download tabs and the follow-ups table, as a user sees them."""

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


def add_interview(data_dir: Path, company: str, days_ago: int, **fields: object) -> str:
    row = {"company": company, "role": "Analyst", "interview_date": TODAY - dt.timedelta(days_ago)}
    t = CsvStore(data_dir).update(lambda t: tracker.add_interview(t, row | fields))
    return t.interviews["interview_id"].iloc[-1]


def add_followup(data_dir: Path, interview_id: str, outcome: str, channel: str = "Email") -> None:
    row = {"interview_id": interview_id, "date": TODAY - dt.timedelta(1), "channel": channel}
    row |= {"purpose": "Thank-you", "outcome": outcome}
    CsvStore(data_dir).update(lambda t: tracker.add_followup(t, row))


def saved(data_dir: Path) -> tracker.Tracker:
    return CsvStore(data_dir).load()


def test_due_tab_lists_what_to_do_now_and_what_is_coming(data_dir: Path):
    """An interview three days ago with no thank-you: overdue now, a check-in coming up."""
    add_interview(data_dir, "Acme", 3, interviewer="Dana Reyes")
    at = open_tab(open_page(PAGE), "Due")
    assert not at.exception
    assert "1 to do now, 1 coming up." in [m.value for m in at.markdown]
    due = at.dataframe[0].value
    assert due["status"].tolist() == ["overdue", "upcoming"]
    assert due["todo"].tolist()[0] == "Send a thank-you email or note to Dana Reyes"
    assert due["company"].tolist() == ["Acme", "Acme"]


def test_due_tab_says_when_nothing_waits(data_dir: Path):
    """An interview with an offer waits for no reminder."""
    add_interview(data_dir, "Acme", 3, status="Offer")
    at = open_tab(open_page(PAGE), "Due")
    assert not at.dataframe
    assert at.main.caption[-1].value.startswith("Nothing to follow up on")


def test_overview_tab_counts_interviews_follow_ups_and_replies(data_dir: Path):
    """Two interviews, one followed up with a reply, one planned: the counts and rate show that."""
    acme = add_interview(data_dir, "Acme", 3)
    beta = add_interview(data_dir, "Beta", 2, status="Rejected")
    add_followup(data_dir, acme, "Replied")
    add_followup(data_dir, beta, "Planned")
    at = open_tab(open_page(PAGE), "Overview")
    assert not at.exception
    assert [m.value for m in at.metric] == ["2", "1", "100%"]
    # How far the jobs got, and replies by channel (the planned follow-up is not made).
    funnel = at.get_by_key("tracker_funnel").dataframe[0].value
    assert funnel["jobs"].tolist() == [2, 2, 0, 0]
    replies = at.get_by_key("tracker_replies").dataframe[0].value.set_index("channel")
    assert replies.loc["Email", ["made", "replies"]].tolist() == [1, 1]
    assert len(replies) == 1
    assert len(at.get("vega_lite_chart")) == 2


def test_download_tab_offers_the_four_files_built_on_click(data_dir: Path):
    """Both CSVs, the zip and the calendar, each a button whose file is made when clicked."""
    add_interview(data_dir, "Acme", 3)
    at = open_tab(open_page(PAGE), "Download")
    assert not at.exception
    buttons = at.get("download_button")
    assert [b.proto.label for b in buttons] == [
        "interviews.csv",
        "followups.csv",
        "Both, as a zip",
        "Reminders (.ics)",
    ]
    assert all(b.proto.deferred_file_id for b in buttons)
    assert at.main.caption[-1].value.startswith("Spreadsheet-safe CSV")


def editor(at: AppTest) -> object:
    return next(e for e in at.data_editor if e.key.startswith("tracker_followups_"))


def test_changing_an_outcome_in_the_follow_ups_table_saves_it(data_dir: Path):
    """Planned becomes Done in the table; it is saved for that follow-up and the table shows it."""
    acme = add_interview(data_dir, "Acme", 3)
    add_followup(data_dir, acme, "Planned")
    at = open_tab(open_page(PAGE), "Follow-ups")
    table = editor(at)
    assert table.value["outcome"].tolist() == ["Planned"]
    at.session_state[table.key] = {
        "edited_rows": {0: {"outcome": "Done"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception
    assert saved(data_dir).followups["outcome"].tolist() == ["Done"]
    assert editor(at).value["outcome"].tolist() == ["Done"]
    assert at.toast[0].value == "Your edit was saved."


def test_deleting_a_row_of_the_follow_ups_table_removes_only_it(data_dir: Path):
    """Deleting one of two follow-ups removes that one from the files."""
    acme = add_interview(data_dir, "Acme", 3)
    add_followup(data_dir, acme, "Done")
    add_followup(data_dir, acme, "Replied", channel="Phone call")
    at = open_tab(open_page(PAGE), "Follow-ups")
    table = editor(at)
    row = table.value["outcome"].tolist().index("Done")
    at.session_state[table.key] = {"edited_rows": {}, "added_rows": [], "deleted_rows": [row]}
    at.run()
    assert not at.exception
    assert saved(data_dir).followups["outcome"].tolist() == ["Replied"]
    assert editor(at).value["outcome"].tolist() == ["Replied"]


def test_changing_a_date_in_the_interviews_table_saves_that_date(data_dir: Path):
    """The editor sends a date as text; it is saved as that day for that interview."""
    acme = add_interview(data_dir, "Acme", 3)
    at = open_page(PAGE)
    table = next(e for e in at.data_editor if e.key.startswith("tracker_interviews_"))
    at.session_state[table.key] = {
        "edited_rows": {0: {"decision_expected": "2024-10-01T00:00:00.000"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception
    saved_row = saved(data_dir).interviews.set_index("interview_id").loc[acme]
    assert saved_row["decision_expected"].date() == dt.date(2024, 10, 1)
