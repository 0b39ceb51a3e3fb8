"""The due follow-ups as an .ics calendar: one one-day event with an alarm per reminder.

- Each reminder is an all-day event on the day to act: the day its window opens, or today when
  it is already open or overdue. The alarm (VALARM, DISPLAY) rings at `ALARM_TIME` that day, in
  the calendar's own time zone (a trigger relative to the all-day start).
- Left out: sample rows, anything done, dismissed, snoozed past today or gone quiet (the due
  list's own rule, `schedule.due_items`), and reminders overdue for more than `LONG_PAST_DAYS`.
- UIDs come from the interview (or planned follow-up) id and the reminder's kind, so importing a
  newer file updates the events already in a calendar instead of adding copies. SEQUENCE is the
  minutes from `SEQUENCE_EPOCH` to the export, so a later export's events (a reminder moved,
  snoozed, reworded) always supersede the ones imported before (RFC 5545, 3.8.7.4).
"""

from __future__ import annotations

import datetime as dt

import icalendar
import pandas as pd

from followup import schedule
from followup.tracker import SAMPLE_PREFIX

PRODID = "-//Follow-up//Interview follow-ups//EN"
UID_DOMAIN = "followup"
ALARM_TIME = dt.time(9, 0)
LONG_PAST_DAYS = 14
SEQUENCE_EPOCH = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


def reminder_uid(item: pd.Series | dict) -> str:
    """The stable UID of a reminder: `<interview id>-<kind>@followup` (follow-up id if planned)."""
    if item["kind"] == schedule.PLANNED:
        return f"{item['followup_id']}-{schedule.PLANNED}@{UID_DOMAIN}"
    return f"{item['interview_id']}-{item['kind']}@{UID_DOMAIN}"


def calendar_items(items: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """The reminders that go in the calendar: no sample rows, nothing long past."""
    if items.empty:
        return items
    sample = items["interview_id"].str.startswith(SAMPLE_PREFIX) | items[
        "followup_id"
    ].str.startswith(SAMPLE_PREFIX)
    recent = items["due"] >= today - dt.timedelta(days=LONG_PAST_DAYS)
    return items[~sample & recent].reset_index(drop=True)


def due_calendar(items: pd.DataFrame, today: dt.date, exported: dt.datetime | None = None) -> bytes:
    """An .ics file with one event per reminder in `items` (from `schedule.due_items`).

    `exported` (UTC) stamps the events and sets their SEQUENCE; it defaults to `today` midnight.
    """
    stamp = exported or dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)
    sequence = max(0, int((stamp - SEQUENCE_EPOCH).total_seconds() // 60))
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    for item in calendar_items(items, today).to_dict("records"):
        day = max(item["starts"], today)
        what = f"{item['todo']} - {item['company']}, {item['role']}"
        event = icalendar.Event()
        event.add("uid", reminder_uid(item))
        event.add("dtstamp", stamp)
        event.add("sequence", sequence)
        event.add("dtstart", day)
        # DTEND is exclusive for all-day events: a one-day event ends the next day.
        event.add("dtend", day + dt.timedelta(days=1))
        event.add("summary", what)
        event.add(
            "description",
            # The same words for an application, an interview or an offer.
            f"Follow-up for the {item['role']} job at {item['company']}, due by "
            f"{item['due'].isoformat()}.",
        )
        event.add("categories", ["Follow-up"])
        event.add("transp", "TRANSPARENT")
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", what)
        alarm.add(
            "trigger",
            dt.timedelta(hours=ALARM_TIME.hour, minutes=ALARM_TIME.minute),
            parameters={"RELATED": "START"},
        )
        event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()
