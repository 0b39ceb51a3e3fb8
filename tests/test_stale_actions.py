"""Actions and edits built from a page that another tab or process has since changed.

Each test opens the page as tab A, changes the tracker behind its back as tab B would (through
the store), then lets tab A act: the action is refused with a message naming what changed, or,
for an edit, applied by id to the current data. Nothing ever lands on another row.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from followup import tracker, vocab
from followup.store import CsvStore
from followup.ui import TODAY_ENV
from tests.apptest import as_seen, open_page, open_tab

TRACKER = "pages/3_Tracker.py"
SCRIPT = "pages/2_Call_script.py"
TODAY = dt.date(2024, 9, 23)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TODAY_ENV, TODAY.isoformat())


def add(data_dir: Path, company: str, days_ago: int = 0) -> str:
    """One interview on disk; return its id."""
    row = {"company": company, "role": "Analyst", "interview_date": TODAY - dt.timedelta(days_ago)}
    return (
        CsvStore(data_dir)
        .update(lambda t: tracker.add_interview(t, row))
        .interviews["interview_id"]
        .iloc[-1]
    )


def elsewhere(data_dir: Path, change) -> None:
    """Tab B (or another process) saves `change`."""
    CsvStore(data_dir).update(change)


def log(data_dir: Path, interview_id: str, channel: str = vocab.EMAIL) -> None:
    row = {"interview_id": interview_id, "date": TODAY, "channel": channel}
    elsewhere(
        data_dir,
        lambda t: tracker.add_followup(t, row | {"purpose": "Check-in"} | {"outcome": "Done"}),
    )


def saved(data_dir: Path) -> tracker.Tracker:
    return CsvStore(data_dir).load()


def messages(at: AppTest) -> str:
    return as_seen(" ".join(e.value for e in [*at.error, *at.warning]))


def editor(at: AppTest, prefix: str):
    return next(e for e in at.data_editor if e.key.startswith(prefix))


def edit(at: AppTest, key: str, edited_rows=None, deleted_rows=None) -> AppTest:
    """What the browser sends after an edit in the editor keyed `key`."""
    at.session_state[key] = {
        "edited_rows": edited_rows or {},
        "added_rows": [],
        "deleted_rows": deleted_rows or [],
    }
    return at.run()


def test_logging_for_an_interview_deleted_elsewhere_is_refused(data_dir: Path):
    """Tab A shows OldCo; tab B deletes it; tab A's follow-up is refused, not given to NewCo."""
    add(data_dir, "NewCo")
    old = add(data_dir, "OldCo", days_ago=-1)  # newest, so it is the one shown first
    at = open_tab(open_page(TRACKER), "Follow-ups")
    assert at.selectbox(key="tracker_selected").value == old
    elsewhere(data_dir, lambda t: tracker.delete_interview(t, old))
    at = at.button(key="tracker_log_submit").click().run()
    assert not at.exception
    assert saved(data_dir).followups.empty
    assert "OldCo" in messages(at) and "deleted" in messages(at)
    assert not at.toast


def test_logging_for_the_last_interview_deleted_elsewhere_says_so(data_dir: Path):
    """When the deleted interview was the only one, the lost click is still explained."""
    old = add(data_dir, "OldCo")
    at = open_tab(open_page(TRACKER), "Follow-ups")
    elsewhere(data_dir, lambda t: tracker.delete_interview(t, old))
    at = at.button(key="tracker_log_submit").click().run()
    assert not at.exception
    assert "OldCo" in messages(at) and "not logged" in messages(at)


def test_logging_for_an_interview_renamed_elsewhere_is_refused(data_dir: Path):
    """A follow-up is for the interview the page named; renamed meanwhile, it is not saved."""
    old = add(data_dir, "OldCo")
    at = open_tab(open_page(TRACKER), "Follow-ups")
    elsewhere(data_dir, lambda t: tracker.update_interviews(t, {old: {"company": "Other"}}))
    at = at.button(key="tracker_log_submit").click().run()
    assert saved(data_dir).followups.empty
    assert "OldCo" in messages(at) and "Other" in messages(at)


def test_deleting_after_a_follow_up_was_logged_elsewhere_is_refused(data_dir: Path):
    """The confirmation named one number of follow-ups; with more now, nothing is deleted."""
    old = add(data_dir, "OldCo")
    at = open_tab(open_page(TRACKER), "Follow-ups")
    at = at.button(key="tracker_delete").click().run()
    log(data_dir, old)
    at = at.button(key="tracker_delete_yes").click().run()
    assert not at.exception
    assert len(saved(data_dir).interviews) == 1
    assert len(saved(data_dir).followups) == 1
    assert "1 follow-up" in messages(at)


def test_confirming_a_second_call_for_a_deleted_interview_is_refused(data_dir: Path):
    """The second call waits for confirmation; deleted meanwhile, confirming saves nothing."""
    add(data_dir, "NewCo", days_ago=3)
    old = add(data_dir, "OldCo")
    log(data_dir, old, vocab.PHONE_CALL)
    at = open_tab(open_page(TRACKER), "Follow-ups")
    at.selectbox(key="tracker_log_channel").set_value(vocab.PHONE_CALL)
    at = at.button(key="tracker_log_submit").click().run()
    elsewhere(data_dir, lambda t: tracker.delete_interview(t, old))
    at = at.button(key="tracker_second_call_yes").click().run()
    assert not at.exception
    assert saved(data_dir).followups.empty
    assert "OldCo" in messages(at)


def test_an_edit_after_another_save_is_applied_by_id(data_dir: Path):
    """Tab B adds an interview; tab A's status edit still lands on the row tab A edited."""
    beta = add(data_dir, "Beta")
    at = open_page(TRACKER)
    key = editor(at, "tracker_interviews_").key
    add(data_dir, "Gamma", days_ago=-2)  # newest: would be row 0 of a redrawn table
    at = edit(at, key, {0: {"status": "Offer"}})
    assert not at.exception
    statuses = saved(data_dir).interviews.set_index("interview_id")["status"]
    assert statuses[beta] == "Offer"
    assert (statuses == "Offer").sum() == 1
    assert editor(at, "tracker_interviews_").value["status"].tolist() == [
        "Awaiting decision",
        "Offer",
    ]


def test_an_edit_to_a_cell_changed_elsewhere_is_refused_visibly(data_dir: Path):
    """Both tabs change one cell: the later edit is refused with a message, not lost quietly."""
    beta = add(data_dir, "Beta")
    at = open_page(TRACKER)
    key = editor(at, "tracker_interviews_").key
    elsewhere(data_dir, lambda t: tracker.update_interviews(t, {beta: {"status": "Rejected"}}))
    at = edit(at, key, {0: {"status": "Offer"}})
    assert not at.exception
    assert saved(data_dir).interviews["status"].tolist() == ["Rejected"]
    text = messages(at)
    assert "Beta" in text and "Status" in text and "Offer" in text and "Rejected" in text


def test_an_edit_to_a_row_deleted_elsewhere_does_not_bring_it_back(data_dir: Path):
    """The row is gone: the edit is refused by name and the row stays deleted."""
    beta = add(data_dir, "Beta")
    add(data_dir, "Gamma", days_ago=3)
    at = open_page(TRACKER)
    key = editor(at, "tracker_interviews_").key
    elsewhere(data_dir, lambda t: tracker.delete_interview(t, beta))
    at = edit(at, key, {0: {"notes": "call back"}})
    assert not at.exception
    interviews = saved(data_dir).interviews
    assert interviews["company"].tolist() == ["Gamma"]
    assert interviews["notes"].isna().all()
    assert "Beta" in messages(at) and "deleted" in messages(at)


def test_a_follow_up_edit_after_another_save_is_applied_by_id(data_dir: Path):
    """Tab B logs a follow-up; tab A's outcome change still lands on the follow-up it edited."""
    old = add(data_dir, "OldCo")
    log(data_dir, old)
    first = saved(data_dir).followups["followup_id"].iloc[0]
    at = open_tab(open_page(TRACKER), "Follow-ups")
    key = editor(at, "tracker_followups_").key
    log(data_dir, old, vocab.PHONE_CALL)
    at = edit(at, key, {0: {"outcome": "Replied"}})
    assert not at.exception
    outcomes = saved(data_dir).followups.set_index("followup_id")["outcome"]
    assert outcomes[first] == "Replied"
    assert (outcomes == "Replied").sum() == 1


def test_deleting_a_follow_up_changed_elsewhere_is_refused(data_dir: Path):
    """A row deleted from a stale view that another tab changed meanwhile stays, with a message."""
    old = add(data_dir, "OldCo")
    log(data_dir, old)
    first = saved(data_dir).followups["followup_id"].iloc[0]
    at = open_tab(open_page(TRACKER), "Follow-ups")
    key = editor(at, "tracker_followups_").key
    elsewhere(data_dir, lambda t: tracker.update_followups(t, {first: {"outcome": "Replied"}}))
    at = edit(at, key, deleted_rows=[0])
    assert not at.exception
    assert saved(data_dir).followups["outcome"].tolist() == ["Replied"]
    assert "not deleted" in messages(at)


def choose_and_build(at: AppTest, interview_id: str) -> AppTest:
    at = at.selectbox(key="script_interview").set_value(interview_id).run()
    at.text_input(key="script_your_name").input("Sam Lee")
    at.text_input(key="script_interviewer").input("Dana Reyes")
    at.text_input(key="script_phone").input("555 0100")
    at.text_area(key="script_qualifications").input("five years of SQL reporting")
    at.text_area(key="script_employer_needs").input("someone to rebuild the monthly reporting")
    return at.button(key="script_build").click().run()


def test_planning_for_an_interview_deleted_elsewhere_is_refused(data_dir: Path):
    """The Call script's planned follow-up is never saved under another interview."""
    add(data_dir, "NewCo", days_ago=3)
    old = add(data_dir, "OldCo")
    at = choose_and_build(open_page(SCRIPT), old)
    elsewhere(data_dir, lambda t: tracker.delete_interview(t, old))
    at = at.button(key="script_plan_submit").click().run()
    assert not at.exception
    assert saved(data_dir).followups.empty
    assert "OldCo" in messages(at) and "not saved" in messages(at)


def test_ticks_for_an_interview_renamed_elsewhere_are_refused(data_dir: Path):
    """Ticks are saved with the interview the page named; renamed meanwhile, they are not."""
    old = add(data_dir, "OldCo")
    at = open_page(SCRIPT).selectbox(key="script_interview").set_value(old).run()
    elsewhere(data_dir, lambda t: tracker.update_interviews(t, {old: {"company": "Other"}}))
    at = at.checkbox(key="script_check_resume").check().run()
    assert not at.exception
    assert vocab.CHECKLIST_COLUMN not in saved(data_dir).interviews.columns
    assert "OldCo" in messages(at) and "Other" in messages(at)
