"""The due follow-ups as an .ics calendar: one all-day event per reminder.

Each event's UID comes from the interview (or planned follow-up) id and the reminder's kind, so
importing a newer export updates the events already in a calendar instead of adding copies.
"""

from __future__ import annotations

import datetime as dt

import icalendar
import pandas as pd

from followup import schedule

PRODID = "-//Follow-up//Interview follow-ups//EN"
UID_DOMAIN = "followup"


def reminder_uid(item: pd.Series | dict) -> str:
    """The stable UID of a reminder: `<interview id>-<kind>@followup` (follow-up id if planned)."""
    if item["kind"] == schedule.PLANNED:
        return f"{item['followup_id']}-{schedule.PLANNED}@{UID_DOMAIN}"
    return f"{item['interview_id']}-{item['kind']}@{UID_DOMAIN}"


def due_calendar(items: pd.DataFrame, today: dt.date) -> bytes:
    """An .ics file with one all-day event per reminder in `items` (from `schedule.due_items`)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    stamp = dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)
    for item in items.to_dict("records"):
        event = icalendar.Event()
        event.add("uid", reminder_uid(item))
        event.add("dtstamp", stamp)
        event.add("dtstart", item["starts"])
        # DTEND is exclusive for all-day events: the window runs through the due day.
        event.add("dtend", item["due"] + dt.timedelta(days=1))
        event.add("summary", f"{item['todo']} - {item['company']}, {item['role']}")
        # The same words for an application, an interview or an offer.
        event.add("description", f"Follow-up for the {item['role']} job at {item['company']}.")
        event.add("categories", ["Follow-up"])
        calendar.add_component(event)
    return calendar.to_ical()
