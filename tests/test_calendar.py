"""The .ics file of due follow-ups: one event per reminder, UIDs stable across exports."""

from __future__ import annotations

import datetime as dt

import icalendar

from followup import calendar, schedule, tracker
from followup.tracker import Tracker

TODAY = dt.date(2024, 9, 19)


def two_interviews() -> Tracker:
    t = Tracker.empty()
    for company in ("Acme", "Beta"):
        t = tracker.add_interview(
            t, {"company": company, "role": "Analyst", "interview_date": TODAY}
        )
    return t


def events(data: bytes) -> list[icalendar.Event]:
    return icalendar.Calendar.from_ical(data).walk("VEVENT")


def test_one_event_per_reminder():
    """Two open interviews give four events: a thank-you and a check-in each."""
    t = two_interviews()
    items = schedule.due_items(t, TODAY)
    found = events(calendar.due_calendar(items, TODAY))
    assert len(found) == 4
    assert sorted(str(e["uid"]) for e in found) == sorted(
        f"{i}-{kind}@followup"
        for i in t.interviews["interview_id"]
        for kind in (schedule.THANK_YOU, schedule.CHECK_IN)
    )


def test_uids_stay_the_same_across_exports():
    """Exporting again a week later, after an edit, keeps each reminder's UID."""
    t = two_interviews()
    first = events(calendar.due_calendar(schedule.due_items(t, TODAY), TODAY))
    later = TODAY + dt.timedelta(days=7)
    first_id = t.interviews["interview_id"].iloc[0]
    t = tracker.update_interviews(t, {first_id: {"notes": "called HR"}})
    second = events(calendar.due_calendar(schedule.due_items(t, later), later))
    assert {str(e["uid"]) for e in first} == {str(e["uid"]) for e in second}


def test_thank_you_event_spans_the_interview_day_and_the_next():
    """The thank-you is an all-day event over the interview day and the day after."""
    t = two_interviews()
    items = schedule.due_items(t, TODAY)
    thanks = [e for e in events(calendar.due_calendar(items, TODAY)) if "thankyou" in e["uid"]]
    assert thanks[0].decoded("dtstart") == TODAY
    assert thanks[0].decoded("dtend") == TODAY + dt.timedelta(days=2)
    assert "Acme, Analyst" in str(thanks[0]["summary"])
