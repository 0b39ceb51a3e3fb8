"""The Tracker's Download tab: the CSV files, a zip of both and the calendar reminders."""

from __future__ import annotations

import datetime as dt
from functools import partial

import streamlit as st

from followup import calendar, export, schedule
from followup.tracker import Tracker


def tab(current: Tracker, today: dt.date) -> None:
    """One download button a file; each file is built on click."""
    # Each file is built when its button is clicked, not on every rerun of this page.
    st.caption(
        "Spreadsheet-safe CSV: cells that a spreadsheet would run as a formula start with an "
        "apostrophe, which reading the files back here removes."
    )
    first, second, third, fourth = st.columns(4)
    first.download_button(
        "interviews.csv",
        partial(export.interviews_csv, current),
        file_name="interviews.csv",
        mime="text/csv",
        key="tracker_download_interviews",
        on_click="ignore",
    )
    second.download_button(
        "followups.csv",
        partial(export.followups_csv, current),
        file_name="followups.csv",
        mime="text/csv",
        key="tracker_download_followups",
        on_click="ignore",
    )
    third.download_button(
        "Both, as a zip",
        partial(export.tracker_zip, current),
        file_name=export.ZIP_NAME,
        mime="application/zip",
        key="tracker_download_zip",
        on_click="ignore",
    )
    fourth.download_button(
        "Reminders (.ics)",
        partial(_reminders, current, today),
        file_name="followup-reminders.ics",
        mime="text/calendar",
        key="tracker_download_ics",
        on_click="ignore",
        help="Each reminder is a one-day event with an alarm at 9:00; importing a newer file "
        "updates the same events.",
    )


def _reminders(current: Tracker, today: dt.date) -> bytes:
    """The .ics file, stamped now so a newer download supersedes the events imported before."""
    now = dt.datetime.now(dt.UTC)
    return calendar.due_calendar(schedule.due_items(current, today), today, now)
