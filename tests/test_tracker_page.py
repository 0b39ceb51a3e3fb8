"""The Tracker page: add, edit, log, delete, sample rows; every change lands on disk at once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from followup import tracker
from followup.store import CsvStore
from followup.ui import TODAY_ENV
from tests.apptest import open_app, open_expander, open_page, open_tab

PAGE = "pages/3_Tracker.py"
TODAY = dt.date(2024, 9, 23)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TODAY_ENV, TODAY.isoformat())


def saved(data_dir: Path) -> tracker.Tracker:
    return CsvStore(data_dir).load()


def add_acme(data_dir: Path, **fields: object) -> str:
    """Put one interview on disk, as if added earlier; return its id."""
    row = {"company": "Acme", "role": "Analyst", "interview_date": TODAY, **fields}
    t = CsvStore(data_dir).update(lambda t: tracker.add_interview(t, row))
    return t.interviews["interview_id"].iloc[-1]


def editor(at: AppTest, prefix: str):
    """The data editor whose key starts with `prefix` (keys end in the data revision)."""
    return next(e for e in at.data_editor if e.key.startswith(prefix))


def log_followup(at: AppTest, channel: str) -> AppTest:
    at = open_tab(at, "Follow-ups")
    at.selectbox(key="tracker_log_channel").set_value(channel)
    at.selectbox(key="tracker_log_purpose").set_value("Check-in")
    at.selectbox(key="tracker_log_outcome").set_value("Voicemail")
    return at.button(key="tracker_log_submit").click().run()


def test_adding_an_interview_saves_it_and_lists_it(data_dir: Path):
    """A job seeker fills in the form; the interview is saved and shown in the table."""
    at = open_page(PAGE)
    at.text_input(key="tracker_add_company").input("Northwind")
    at.text_input(key="tracker_add_role").input("Data analyst")
    at.date_input(key="tracker_add_date").set_value(dt.date(2024, 9, 19))
    at.button(key="tracker_add_submit").click().run()
    assert not at.exception
    interviews = saved(data_dir).interviews
    assert interviews["company"].tolist() == ["Northwind"]
    assert interviews["interview_date"].iloc[0].date() == dt.date(2024, 9, 19)
    assert editor(at, "tracker_interviews_").value["company"].tolist() == ["Northwind"]
    assert at.toast[0].value == "Interview added and saved."


def test_adding_without_a_company_shows_why_and_saves_nothing(data_dir: Path):
    """Leaving the company empty gives a message, not a saved row."""
    at = open_page(PAGE)
    at.text_input(key="tracker_add_role").input("Data analyst")
    at.text_input(key="tracker_add_email").input("ann at acme")
    at.text_area(key="tracker_add_notes").input("met at the fair")
    at.button(key="tracker_add_submit").click().run()
    # Every problem at once, each by its field; what was typed stays.
    assert [e.value for e in at.error] == [
        "Enter the company.",
        "That email does not look right: write it like name@example.com.",
    ]
    assert at.text_input(key="tracker_add_role").value == "Data analyst"
    assert at.text_area(key="tracker_add_notes").value == "met at the fair"
    assert saved(data_dir).interviews.empty
    # Fixed and added: the form is cleared.
    at.text_input(key="tracker_add_company").input("Acme")
    at.text_input(key="tracker_add_email").input("ann@acme.example")
    at.button(key="tracker_add_submit").click().run()
    assert not at.error
    assert saved(data_dir).interviews["company"].tolist() == ["Acme"]
    assert at.text_input(key="tracker_add_role").value == ""


def test_a_likely_duplicate_is_added_only_once_confirmed(data_dir: Path):
    """Same company, role and date as a tracked interview: flagged, added after the tick."""
    add_acme(data_dir)
    at = open_expander(open_page(PAGE), "tracker_add_open")
    at.text_input(key="tracker_add_company").input(" acme ")
    at.text_input(key="tracker_add_role").input("ANALYST")
    at.button(key="tracker_add_submit").click().run()
    assert "already in your tracker" in at.warning[0].value
    assert len(saved(data_dir).interviews) == 1
    at.checkbox(key="tracker_add_duplicate_ok").check()
    at.button(key="tracker_add_submit").click().run()
    assert len(saved(data_dir).interviews) == 2


def test_the_add_forms_are_drawn_only_when_open_and_keep_what_was_typed(data_dir: Path):
    """A closed form costs nothing to draw; closing it and opening it again loses nothing."""
    add_acme(data_dir)
    at = open_page(PAGE)
    assert not [w for w in at.text_input if w.key.startswith(("tracker_add_", "tracker_apply_"))]
    at = open_expander(at, "tracker_add_open")
    at.text_input(key="tracker_add_role").input("Data analyst")
    at.button(key="tracker_add_submit").click().run()
    assert at.error[0].value == "Enter the company."
    at.session_state["tracker_add_open"] = False
    at.run()
    assert "tracker_add_role" not in [w.key for w in at.text_input]
    at = open_expander(at, "tracker_add_open")
    assert at.text_input(key="tracker_add_role").value == "Data analyst"
    at = open_expander(at, "tracker_apply_open")
    assert at.text_input(key="tracker_apply_company").value == ""


def test_editing_a_cell_saves_the_change_by_id(data_dir: Path):
    """Changing the status in the table saves it for that interview."""
    add_acme(data_dir)
    beta = add_acme(data_dir, company="Beta", interview_date=TODAY - dt.timedelta(days=3))
    at = open_page(PAGE)
    table = editor(at, "tracker_interviews_")
    row = table.value["company"].tolist().index("Beta")
    at.session_state[table.key] = {
        "edited_rows": {row: {"status": "Offer"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception
    statuses = saved(data_dir).interviews.set_index("interview_id")["status"]
    assert statuses[beta] == "Offer"
    assert (statuses == "Offer").sum() == 1
    assert editor(at, "tracker_interviews_").key != table.key


def test_logging_a_followup_saves_it_for_the_selected_interview(data_dir: Path):
    """A logged email lands on disk under the selected interview."""
    interview_id = add_acme(data_dir)
    log_followup(open_page(PAGE), "Email")
    followups = saved(data_dir).followups
    assert followups["interview_id"].tolist() == [interview_id]
    assert followups["channel"].tolist() == ["Email"]


def test_second_call_in_a_round_asks_first_and_logs_only_when_confirmed(data_dir: Path):
    """A second phone call for the same round is explained and needs a confirmation."""
    add_acme(data_dir)
    at = log_followup(open_page(PAGE), "Phone call")
    assert len(saved(data_dir).followups) == 1
    at = log_followup(at, "Phone call")
    assert "already logged a phone call" in at.warning[0].value
    assert len(saved(data_dir).followups) == 1
    at.button(key="tracker_second_call_yes").click().run()
    assert len(saved(data_dir).followups) == 2
    at = open_tab(at, "Interviews")
    flags = editor(at, "tracker_interviews_").value[tracker.TOO_MANY_CALLS].tolist()
    assert flags == [True]


def test_cancelling_the_second_call_logs_nothing(data_dir: Path):
    """Choosing not to log the second call leaves one call on disk."""
    add_acme(data_dir)
    at = log_followup(open_page(PAGE), "Phone call")
    at = log_followup(at, "Phone call")
    at.button(key="tracker_second_call_no").click().run()
    assert len(saved(data_dir).followups) == 1
    assert not [w for w in at.warning if "phone call" in w.value]


def test_deleting_asks_for_confirmation_then_removes_the_interview(data_dir: Path):
    """Delete needs a second click; then the interview and its follow-ups are gone."""
    add_acme(data_dir)
    at = log_followup(open_page(PAGE), "Email")
    at.button(key="tracker_delete").click().run()
    assert len(saved(data_dir).interviews) == 1
    at.button(key="tracker_delete_yes").click().run()
    assert not at.exception
    assert saved(data_dir).interviews.empty
    assert saved(data_dir).followups.empty


def test_sample_loads_and_removes_without_touching_own_rows(data_dir: Path):
    """The sample can be loaded on a first visit and removed in one click; own rows stay."""
    at = open_page(PAGE)
    at.button(key="tracker_sample_load").click().run()
    companies = saved(data_dir).interviews["company"]
    assert companies.str.endswith("(sample)").all()
    assert len(companies) == 4
    add_acme(data_dir)
    at.run()
    at.button(key="tracker_sample_remove").click().run()
    assert saved(data_dir).interviews["company"].tolist() == ["Acme"]


def test_a_damaged_file_is_shown_and_left_untouched(data_dir: Path):
    """A damaged interviews.csv gives a clear message; the file is not overwritten."""
    damaged = b"interview_id,company\x00garbage"
    (data_dir / "interviews.csv").write_bytes(damaged)
    at = open_page(PAGE)
    assert not at.exception
    assert "binary" in at.error[0].value
    assert (data_dir / "interviews.csv").read_bytes() == damaged


def test_home_page_lists_what_is_due_today(data_dir: Path):
    """An interview today puts its thank-you on the home page."""
    add_acme(data_dir, interviewer="Dana Reyes")
    at = open_app()
    due = at.dataframe[0].value
    assert due["todo"].tolist() == ["Send a thank-you email or note to Dana Reyes"]
    assert due["status"].tolist() == ["due now"]


def test_home_page_says_when_nothing_is_due():
    """With no interviews the home page says nothing is due."""
    at = open_app()
    assert any(c.value.startswith("Nothing is due today.") for c in at.caption)
