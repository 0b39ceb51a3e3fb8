"""Follow-up rules per stage: after applying, after an interview, after an offer, once closed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from followup import calendar, schedule, tracker, vocab
from followup.__main__ import main
from followup.store import CsvStore
from followup.tracker import Tracker

# 2024-09-02 is a Monday.
APPLIED_ON = dt.date(2024, 9, 2)
APPLICATION = {
    "company": "Acme",
    "role": "Analyst",
    "status": "Applied",
    "application_date": APPLIED_ON,
}


def one_row(**fields: object) -> tuple[Tracker, str]:
    """A tracker with one application (sent Monday 2 September 2024) or what `fields` make it."""
    t = tracker.add_interview(Tracker.empty(), {**APPLICATION, **fields})
    return t, t.interviews["interview_id"].iloc[0]


def log(t: Tracker, row_id: str, day: dt.date, purpose: str, outcome: str = "Done") -> Tracker:
    """`t` with one more email follow-up."""
    row = {"interview_id": row_id, "date": day, "channel": "Email", "purpose": purpose}
    return tracker.add_followup(t, {**row, "outcome": outcome})


def kinds(t: Tracker, today: dt.date) -> dict[str, tuple[str, dt.date, dt.date]]:
    """Each reminder kind with its status, start and due date."""
    items = schedule.due_items(t, today)
    return {r["kind"]: (r["status"], r["starts"], r["due"]) for r in items.to_dict("records")}


def test_an_application_gets_one_check_in_and_no_thank_you():
    """After applying, the only reminder is a check-in one to two weeks (5-10 business days) on."""
    t, _ = one_row()
    assert kinds(t, APPLIED_ON) == {
        schedule.APPLICATION_CHECK_IN: (
            schedule.UPCOMING,
            dt.date(2024, 9, 9),
            dt.date(2024, 9, 16),
        )
    }


def test_the_application_check_in_says_when_and_how():
    """The reminder names the day the application went out and suggests an email."""
    t, _ = one_row()
    todo = schedule.due_items(t, APPLIED_ON)["todo"].iloc[0]
    assert todo == "Ask about your application by email (sent 2024-09-02, no answer yet)"


def test_a_reply_from_before_the_application_does_not_answer_it():
    """A reply logged before the application went out (a contact met earlier) is not its answer."""
    t, row_id = one_row()
    t = log(t, row_id, dt.date(2024, 8, 20), "Check-in", outcome=vocab.REPLIED)
    assert list(kinds(t, APPLIED_ON)) == [schedule.APPLICATION_CHECK_IN]
    t = log(t, row_id, APPLIED_ON, "Check-in", outcome=vocab.REPLIED)
    assert kinds(t, APPLIED_ON) == {}


def test_a_logged_application_check_in_ends_the_reminder():
    """Once the check-in after applying is logged, nothing more is due for the application."""
    t, row_id = one_row()
    t = log(t, row_id, dt.date(2024, 9, 10), "Check-in")
    assert schedule.due_items(t, dt.date(2024, 9, 10)).empty


def test_an_interview_after_an_application_gets_todays_rules():
    """Moved to an interview, the row gets a thank-you and a check-in after the interview."""
    t, row_id = one_row()
    t = log(t, row_id, dt.date(2024, 9, 10), "Check-in")
    interviewed = dt.date(2024, 9, 19)
    t = tracker.update_interviews(
        t, {row_id: {"status": "Awaiting decision", "interview_date": interviewed}}
    )
    found = kinds(t, interviewed)
    # The check-in logged after applying does not count for the interview.
    assert set(found) == {schedule.THANK_YOU, schedule.CHECK_IN}
    assert found[schedule.THANK_YOU][1:] == (interviewed, dt.date(2024, 9, 20))


def test_a_reply_to_the_application_does_not_silence_the_interview():
    """A reply that led to the interview is not a reply to the interview's follow-ups."""
    t, row_id = one_row()
    t = log(t, row_id, dt.date(2024, 9, 10), "Check-in", outcome="Replied")
    assert schedule.due_items(t, dt.date(2024, 9, 10)).empty
    t = tracker.update_interviews(
        t, {row_id: {"status": "Next round", "interview_date": dt.date(2024, 9, 19)}}
    )
    assert schedule.THANK_YOU in kinds(t, dt.date(2024, 9, 19))


def test_an_offer_is_answered_by_its_deadline():
    """An offer with a reply deadline (Decision by) is due from two business days before it."""
    deadline = dt.date(2024, 10, 4)  # a Friday
    t, _ = one_row(status="Offer", interview_date="2024-09-19", decision_expected=deadline)
    found = kinds(t, dt.date(2024, 10, 2))
    assert found == {schedule.OFFER_REPLY: (schedule.DUE_NOW, dt.date(2024, 10, 2), deadline)}
    todo = schedule.due_items(t, deadline)["todo"].iloc[0]
    assert todo == "Give your answer to the offer by 2024-10-04"


def test_an_offer_reply_logged_ends_the_reminder():
    """Once the answer to the offer is logged, the offer has nothing due."""
    t, row_id = one_row(status="Offer", interview_date="2024-09-19", decision_expected="2024-10-04")
    t = log(t, row_id, dt.date(2024, 10, 1), "Offer reply")
    assert schedule.due_items(t, dt.date(2024, 10, 1)).empty


def test_an_offer_without_a_deadline_has_nothing_due():
    """Without a deadline there is no date to remind of (and no thank-you or check-in)."""
    t, _ = one_row(status="Offer", interview_date="2024-09-19")
    assert schedule.due_items(t, dt.date(2024, 9, 20)).empty


@pytest.mark.parametrize("status", ["Rejected", "Withdrawn"])
def test_closed_rows_have_nothing_due(status: str):
    """A rejection or a withdrawal ends every reminder, planned ones included."""
    t, row_id = one_row(status=status)
    t = log(t, row_id, dt.date(2024, 9, 10), "Check-in", outcome="Planned")
    assert schedule.due_items(t, dt.date(2024, 9, 10)).empty


def test_each_reminder_kind_names_the_purpose_to_log():
    """Marking a reminder done logs a follow-up of this purpose."""
    assert schedule.PURPOSE_OF_KIND[schedule.APPLICATION_CHECK_IN] == "Check-in"
    assert schedule.PURPOSE_OF_KIND[schedule.OFFER_REPLY] == "Offer reply"
    assert schedule.PURPOSE_OF_KIND[schedule.THANK_YOU] == "Thank-you"


def test_a_planned_answer_to_an_offer_replaces_the_deadline_reminder():
    """Planning the answer shows it on its own date; other planned follow-ups of an offer do not."""
    t, row_id = one_row(status="Offer", interview_date="2024-09-19", decision_expected="2024-10-04")
    t = log(t, row_id, dt.date(2024, 10, 1), "Offer reply", outcome="Planned")
    t = log(t, row_id, dt.date(2024, 10, 1), "Check-in", outcome="Planned")
    assert kinds(t, dt.date(2024, 10, 1)) == {
        schedule.PLANNED: (schedule.DUE_NOW, dt.date(2024, 10, 1), dt.date(2024, 10, 1))
    }


def test_the_cli_and_the_calendar_follow_the_application_rule(tmp_path: Path, capsys):
    """`python -m followup due` and the .ics list the application's check-in, no thank-you."""
    CsvStore(tmp_path).update(lambda t: tracker.add_interview(t, APPLICATION))
    assert main(["due", "--data", str(tmp_path), "--today", "2024-09-10"]) == 0
    printed = capsys.readouterr().out
    assert "Ask about your application by email" in printed
    assert "thank" not in printed.lower()
    items = schedule.due_items(CsvStore(tmp_path).load(), dt.date(2024, 9, 10))
    ics = calendar.due_calendar(items, dt.date(2024, 9, 10)).decode()
    assert f"-{schedule.APPLICATION_CHECK_IN}@followup" in ics
    # A one-day event on the day to act: the window opened on the 9th, so today, the 10th.
    assert "DTSTART;VALUE=DATE:20240910" in ics


def test_an_empty_tracker_has_nothing_due():
    """No rows, no reminders (and no error)."""
    assert schedule.due_items(Tracker.empty(), APPLIED_ON).empty
