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


def test_each_reminder_is_a_one_day_event_with_an_alarm_at_nine():
    """The thank-you is a one-day event today, with a display alarm at 09:00 that day."""
    t = two_interviews()
    items = schedule.due_items(t, TODAY)
    thanks = [e for e in events(calendar.due_calendar(items, TODAY)) if "thankyou" in e["uid"]]
    assert thanks[0].decoded("dtstart") == TODAY
    assert thanks[0].decoded("dtend") == TODAY + dt.timedelta(days=1)
    assert "Acme, Analyst" in str(thanks[0]["summary"])
    assert "due by 2024-09-20" in str(thanks[0]["description"])
    (alarm,) = thanks[0].walk("VALARM")
    assert str(alarm["action"]) == "DISPLAY"
    assert alarm.decoded("trigger") == dt.timedelta(hours=9)
    assert alarm["trigger"].params["RELATED"] == "START"


def test_upcoming_reminder_is_on_the_day_its_window_opens():
    """A check-in not yet open is on its first day; an overdue one on today."""
    t = two_interviews()
    items = schedule.due_items(t, TODAY)
    checks = [e for e in events(calendar.due_calendar(items, TODAY)) if "checkin" in e["uid"]]
    assert {e.decoded("dtstart") for e in checks} == {dt.date(2024, 9, 26)}
    later = dt.date(2024, 10, 2)
    overdue = events(calendar.due_calendar(schedule.due_items(t, later), later))
    assert {e.decoded("dtstart") for e in overdue} == {later}


def test_no_sample_rows_nothing_dismissed_done_or_long_past():
    """Sample, done, dismissed and long-overdue reminders are not in the file."""
    t = two_interviews()
    acme, beta = t.interviews["interview_id"]
    thanks = {"interview_id": acme, "date": TODAY, "channel": "Email", "purpose": "Thank-you"}
    t = tracker.add_followup(t, thanks | {"outcome": "Done"})
    t = tracker.update_interviews(t, {beta: {"dismissed": "checkin"}})
    sample = {"interview_id": "sample-1", "company": "S (sample)", "role": "R"}
    t = tracker.add_interview(t, sample | {"interview_date": TODAY})
    uids = {
        str(e["uid"]) for e in events(calendar.due_calendar(schedule.due_items(t, TODAY), TODAY))
    }
    assert uids == {f"{acme}-checkin@followup", f"{beta}-thankyou@followup"}
    # Three weeks later: the thank-yous are long past, the check-ins (due 30 Sep) are not.
    later = dt.date(2024, 10, 11)
    late = {
        str(e["uid"]) for e in events(calendar.due_calendar(schedule.due_items(t, later), later))
    }
    assert late == {f"{acme}-checkin@followup"}


def test_a_later_export_has_a_higher_sequence():
    """Exported again after a snooze, the same UID comes with a higher SEQUENCE."""
    t = two_interviews()
    acme = t.interviews["interview_id"].iloc[0]
    first_at = dt.datetime(2024, 9, 19, 8, 0, tzinfo=dt.UTC)
    first = events(calendar.due_calendar(schedule.due_items(t, TODAY), TODAY, first_at))
    t = tracker.update_interviews(t, {acme: {"snoozed_until": "2024-09-20"}})
    later = dt.date(2024, 9, 20)
    second_at = first_at + dt.timedelta(days=1, minutes=5)
    second = events(calendar.due_calendar(schedule.due_items(t, later), later, second_at))
    uid = f"{acme}-thankyou@followup"
    before = next(e for e in first if str(e["uid"]) == uid)
    after = next(e for e in second if str(e["uid"]) == uid)
    assert after.decoded("dtstart") == later
    assert int(after["sequence"]) > int(before["sequence"])


def test_file_follows_rfc_5545():
    """CRLF lines of at most 75 octets; required properties of VCALENDAR, VEVENT and VALARM."""
    t = two_interviews()
    data = calendar.due_calendar(schedule.due_items(t, TODAY), TODAY)
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    parsed = icalendar.Calendar.from_ical(data)
    assert str(parsed["version"]) == "2.0" and parsed["prodid"]
    for event in parsed.walk("VEVENT"):
        for required in ("uid", "dtstamp", "dtstart", "dtend", "sequence", "summary"):
            assert required in event
        assert event.decoded("dtstamp").tzinfo is not None
        assert event["dtstart"].params.get("VALUE") == "DATE"
        assert event.decoded("dtend") > event.decoded("dtstart")
        (alarm,) = event.walk("VALARM")
        for required in ("action", "trigger", "description"):
            assert required in alarm
