"""Edges of the quiet and snooze rules, and how a reminder is named (mutation-tested)."""

from __future__ import annotations

import datetime as dt

from followup import schedule, tracker, vocab
from followup.tracker import Tracker
from tests.test_schedule import THURSDAY, log, one_interview


def test_a_row_goes_quiet_the_day_after_six_weeks_without_activity():
    """Exactly six weeks after the last activity is not yet quiet; the next day is."""
    t, interview_id = one_interview()
    six_weeks = THURSDAY + dt.timedelta(days=schedule.QUIET_AFTER_DAYS)
    assert schedule.gone_quiet(t, six_weeks).empty
    assert not schedule.quiet_mask(t, six_weeks).any()
    quiet = schedule.gone_quiet(t, six_weeks + dt.timedelta(days=1))
    assert quiet.to_dict("records") == [
        {
            "company": "Acme",
            "role": "Analyst",
            "last_activity": THURSDAY,
            "interview_id": interview_id,
        }
    ]


def test_gone_quiet_lists_the_most_recent_activity_first():
    """Two quiet rows: the one heard of last comes first, whatever the order in the file."""
    row = {"company": "Older", "role": "Analyst", "interview_date": THURSDAY}
    t = tracker.add_interview(Tracker.empty(), row)
    later = THURSDAY + dt.timedelta(days=7)
    t = tracker.add_interview(t, row | {"company": "Newer", "interview_date": later})
    today = later + dt.timedelta(days=60)
    assert schedule.gone_quiet(t, today)["company"].tolist() == ["Newer", "Older"]


def test_a_snooze_ending_today_no_longer_counts_as_snoozed():
    """Snoozed until tomorrow counts; snoozed until today is due again today."""
    tomorrow = THURSDAY + dt.timedelta(days=1)
    t, _ = one_interview(snoozed_until=tomorrow.isoformat())
    assert schedule.snoozed_count(t, THURSDAY) == 1
    assert schedule.snoozed_count(t, tomorrow) == 0


def test_a_planned_reminder_is_named_by_its_follow_up_and_others_by_their_kind():
    """The `dismissed` column names a planned follow-up by its id, any other reminder by kind."""
    planned = {"kind": schedule.PLANNED, "followup_id": "f1"}
    assert schedule.reminder_key(planned) == "f1"
    assert schedule.reminder_key(planned | {"kind": schedule.THANK_YOU}) == schedule.THANK_YOU


def test_a_check_in_goes_by_the_preferred_channel_or_else_by_email():
    """No preferred channel: check in by email; a preferred one is kept."""
    later = THURSDAY + dt.timedelta(days=10)
    for preferred, expected in ((None, vocab.EMAIL), (vocab.PHONE_CALL, vocab.PHONE_CALL)):
        t, interview_id = one_interview(preferred_channel=preferred)
        t = log(t, interview_id)
        items = schedule.due_items(t, later)
        check_ins = items[items["kind"] == schedule.CHECK_IN]
        assert check_ins["channel"].tolist() == [expected]


def test_a_reminder_back_from_a_snooze_starts_on_the_snooze_date():
    """Snoozed to Monday, seen on Tuesday: the thank-you starts Monday, not the interview day."""
    monday = dt.date(2024, 9, 23)
    t, _ = one_interview(snoozed_until=monday.isoformat())
    items = schedule.due_items(t, monday + dt.timedelta(days=1))
    thank_you = items[items["kind"] == schedule.THANK_YOU]
    assert thank_you["starts"].tolist() == [monday]


def test_rows_gone_quiet_on_the_same_day_keep_the_file_order():
    """Twenty-four quiet rows over three days: newest day first, the file's order within a day."""
    days = [THURSDAY - dt.timedelta(days=7 * (i % 3)) for i in range(24)]
    t = Tracker.empty()
    for i, day in enumerate(days):
        row = {"company": f"Firm {i:02}", "role": "Analyst", "interview_date": day}
        t = tracker.add_interview(t, row)
    today = THURSDAY + dt.timedelta(days=90)
    rows = zip(days, t.interviews["company"], strict=True)
    expected = [company for _, company in sorted(rows, key=lambda row: row[0], reverse=True)]
    assert schedule.gone_quiet(t, today)["company"].tolist() == expected


def test_a_row_with_two_reminders_due_the_same_day_shows_the_first_as_its_next_step():
    """A planned follow-up and the thank-you both due Friday: the next step is the one the due
    list shows first (the thank-you, already due now), for every one of twenty rows."""
    friday = THURSDAY + dt.timedelta(days=1)
    t = Tracker.empty()
    for i in range(20):
        row = {"company": f"Firm {i:02}", "role": "Analyst", "interview_date": THURSDAY}
        t = tracker.add_interview(t, row)
        planned = {"date": friday, "purpose": "Extra information", "outcome": vocab.PLANNED}
        t = log(t, t.interviews["interview_id"].iloc[-1], **planned)
    items = schedule.due_items(t, THURSDAY).to_dict("records")
    first: dict[str, str] = {}
    for item in items:  # the due list's order; the earliest due date wins, the first of a tie
        best = first.get(item["interview_id"])
        if best is None or item["due"] < best["due"]:
            first[item["interview_id"]] = item
    assert {item["due"] for item in first.values()} == {friday}
    assert {item["kind"] for item in first.values()} == {schedule.THANK_YOU}
    steps = schedule.next_steps(t, THURSDAY)
    assert steps[schedule.NEXT_STEP].to_dict() == {k: v["todo"] for k, v in first.items()}
