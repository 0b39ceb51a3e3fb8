"""What is due when: thank-you, check-in, planned follow-ups, and when reminders stop."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from followup import schedule, tracker
from followup.tracker import Tracker

# 2024-09-19 is a Thursday.
THURSDAY = dt.date(2024, 9, 19)


def one_interview(**fields: object) -> tuple[Tracker, str]:
    """A tracker with one interview on Thursday 19 September 2024."""
    row = {"company": "Acme", "role": "Analyst", "interview_date": THURSDAY, **fields}
    t = tracker.add_interview(Tracker.empty(), row)
    return t, t.interviews["interview_id"].iloc[0]


def log(t: Tracker, interview_id: str, **fields: object) -> Tracker:
    """`t` with one more follow-up (an email thank-you, done, unless told otherwise)."""
    row = {
        "interview_id": interview_id,
        "date": THURSDAY,
        "channel": "Email",
        "purpose": "Thank-you",
        "outcome": "Done",
        **fields,
    }
    return tracker.add_followup(t, row)


def kinds(t: Tracker, today: dt.date) -> dict[str, tuple[str, dt.date, dt.date]]:
    """Each reminder kind with its status, start and due date."""
    items = schedule.due_items(t, today)
    return {
        row["kind"]: (row["status"], row["starts"], row["due"]) for row in items.to_dict("records")
    }


def test_business_days_skip_the_weekend():
    """One business day after a Friday is the Monday; after a Saturday too."""
    assert schedule.business_days_after(dt.date(2024, 9, 20), 1) == dt.date(2024, 9, 23)
    assert schedule.business_days_after(dt.date(2024, 9, 21), 1) == dt.date(2024, 9, 23)
    assert schedule.business_days_after(THURSDAY, 5) == dt.date(2024, 9, 26)


def test_thank_you_is_due_on_the_interview_day_and_the_next():
    """The thank-you is due today on the interview day and by the day after."""
    t, _ = one_interview()
    assert kinds(t, THURSDAY)[schedule.THANK_YOU] == (
        schedule.DUE_NOW,
        THURSDAY,
        dt.date(2024, 9, 20),
    )


def test_thank_you_is_overdue_two_days_later():
    """Two days after the interview, the thank-you is overdue."""
    t, _ = one_interview()
    assert kinds(t, dt.date(2024, 9, 21))[schedule.THANK_YOU][0] == schedule.OVERDUE


def test_thank_you_is_upcoming_before_the_interview():
    """An interview next week has its thank-you still ahead."""
    t, _ = one_interview()
    assert kinds(t, dt.date(2024, 9, 10))[schedule.THANK_YOU][0] == schedule.UPCOMING


def test_check_in_without_decision_date_is_5_to_7_business_days_after():
    """With no decision date, the check-in window is 5-7 business days after the interview."""
    t, _ = one_interview()
    _, starts, due = kinds(t, THURSDAY)[schedule.CHECK_IN]
    assert (starts, due) == (dt.date(2024, 9, 26), dt.date(2024, 9, 30))


def test_check_in_is_1_to_2_business_days_after_the_decision_date():
    """A decision expected on Friday means a check-in on Monday or Tuesday."""
    t, _ = one_interview(decision_expected=dt.date(2024, 9, 27))
    status, starts, due = kinds(t, dt.date(2024, 9, 30))[schedule.CHECK_IN]
    assert (status, starts, due) == (schedule.DUE_NOW, dt.date(2024, 9, 30), dt.date(2024, 10, 1))


def test_logged_thank_you_satisfies_the_reminder():
    """Once a thank-you is sent, only the check-in is left."""
    t, interview_id = one_interview()
    t = log(t, interview_id)
    assert set(kinds(t, THURSDAY)) == {schedule.CHECK_IN}


def test_planned_followup_replaces_the_reminder_and_is_due_on_its_date():
    """A planned check-in call is due on its own date instead of the default window."""
    t, interview_id = one_interview()
    planned = dt.date(2024, 9, 24)
    t = log(
        t, interview_id, purpose="Check-in", channel="Phone call", outcome="Planned", date=planned
    )
    found = kinds(t, planned)
    assert schedule.CHECK_IN not in found
    assert found[schedule.PLANNED] == (schedule.DUE_NOW, planned, planned)


@pytest.mark.parametrize("status", ["Offer", "Rejected", "Withdrawn"])
def test_closed_interviews_get_no_reminders(status: str):
    """After an offer, a rejection or a withdrawal there is nothing to follow up."""
    t, interview_id = one_interview(status=status)
    t = log(t, interview_id, outcome="Planned")
    assert schedule.due_items(t, THURSDAY).empty


def test_a_reply_stops_all_reminders():
    """Once the employer has replied, no more reminders for that interview."""
    t, interview_id = one_interview()
    t = log(t, interview_id, channel="Phone call", purpose="Check-in", outcome="Replied")
    assert schedule.due_items(t, THURSDAY).empty


def test_items_are_ordered_overdue_first_and_name_the_interviewer():
    """The overdue item comes first, and the text names the interviewer."""
    t, _ = one_interview(interviewer="Dana Reyes")
    items = schedule.due_items(t, dt.date(2024, 9, 27))
    assert items["status"].tolist() == [schedule.OVERDUE, schedule.DUE_NOW]
    assert items["todo"].iloc[0] == "Send a thank-you email or note to Dana Reyes"


def test_due_now_leaves_out_upcoming_items():
    """The home page list shows only what is overdue or due today."""
    t, _ = one_interview()
    now = schedule.due_now(schedule.due_items(t, THURSDAY))
    assert now["kind"].tolist() == [schedule.THANK_YOU]


# Names the schedule computes or merges on, and a few more it might one day.
CLASHING = ("company", "role", "_who", "_order", "_kind_order", "_rank", "status", "due", "todo")


def test_user_columns_never_clash_with_computed_ones():
    """Columns added by hand to either file, named like anything computed, change no reminder."""
    plain, interview_id = one_interview()
    plain = log(plain, interview_id, outcome="Planned", purpose="Check-in", date=THURSDAY)
    expected = schedule.due_items(plain, THURSDAY)
    extra = {name: "user text" for name in CLASHING if name not in ("company", "role", "status")}
    hostile = Tracker.conformed(
        plain.interviews.assign(**extra),
        plain.followups.assign(**{name: "user text" for name in CLASHING}),
    )
    tracker.validate(hostile)
    got = schedule.due_items(hostile, THURSDAY)
    assert list(got.columns) == list(schedule.DUE_COLUMNS)
    assert got.equals(expected)
    assert len(got) == 2


def test_computed_columns_beside_user_columns_of_the_same_name():
    """A hand-added `calls` column is the user's; the call count is kept apart from it."""
    t, interview_id = one_interview()
    t = Tracker.conformed(t.interviews.assign(calls="3 voicemails"), t.followups)
    t = log(t, interview_id, channel="Phone call", purpose="Check-in", outcome="Reached")
    table = tracker.interviews_with_calls(t)
    assert table.loc[interview_id, "calls"] == "3 voicemails"
    assert table.loc[interview_id, tracker.CALLS] == 1
    assert not table.loc[interview_id, tracker.TOO_MANY_CALLS]


def test_each_interviews_next_step_is_its_most_urgent_reminder():
    """The tracker's "next step" column: the earliest due reminder, quiet ones say so, closed
    ones and ones with nothing due have none; one row per interview, in the tracker's order."""
    t, acme = one_interview()
    t = log(t, acme, date=dt.date(2024, 9, 30), channel="Phone call", purpose="Check-in")
    t = tracker.update_followups(t, {t.followups["followup_id"].iloc[0]: {"outcome": "Planned"}})
    t = tracker.add_interview(t, {"company": "Beta", "role": "QA", "interview_date": THURSDAY})
    t = tracker.update_interviews(t, {t.interviews["interview_id"].iloc[1]: {"status": "Rejected"}})
    t = tracker.add_interview(
        t, {"company": "Gamma", "role": "QA", "interview_date": dt.date(2024, 6, 3)}
    )
    gamma = t.interviews["interview_id"].iloc[2]
    t = log(t, gamma, date=dt.date(2024, 6, 3))
    steps = schedule.next_steps(t, dt.date(2024, 9, 20))
    assert steps.index.tolist() == t.interviews["interview_id"].tolist()
    assert steps[schedule.NEXT_STEP].tolist()[0] == (
        "Send a thank-you email or note to the interviewer"
    )
    assert steps[schedule.NEXT_DATE].tolist()[0] == dt.datetime(2024, 9, 20)
    assert pd.isna(steps[schedule.NEXT_STEP].iloc[1])
    assert steps[schedule.NEXT_STEP].iloc[2] == "Gone quiet: no reply for six weeks"
    assert steps[schedule.NEXT_DATE].iloc[1:].isna().all()
    assert str(steps[schedule.NEXT_DATE].dtype) == "datetime64[us]"
    assert steps[schedule.NEXT_STEP].dtype == "str"
    assert schedule.next_steps(t, dt.date(2024, 9, 20)) is steps
