"""The due list: the Tracker's Due tab and the home page's "Due now and overdue"."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from followup import schedule, ui
from followup.tracker import Tracker
from followup.ui import hosting as host
from followup.ui import tables
from followup.ui import tracker as view

# What to do and by when come first: on a phone they are what fits on the screen.
DUE_LABELS = {
    "todo": "What to do",
    "due": "Due by",
    "status": "Status",
    "company": "Company",
    "role": "Role",
}
# "medium" leaves room for the date beside it on a 390 px phone.
DUE_COLUMNS = {
    "todo": st.column_config.TextColumn("What to do", width="medium"),
    "due": st.column_config.DateColumn("Due by", format="YYYY-MM-DD", width="small"),
}


def due_table(items: pd.DataFrame, key: str) -> None:
    """Draw reminders (from `schedule.due_items`) as a read-only table."""
    tables.show(items, DUE_LABELS, column_config=DUE_COLUMNS, key=key, alt="Follow-ups due")


def due_now_section(key: str) -> None:
    """The follow-ups overdue or due today, or a friendly line when there are none."""
    store = view.tracker_store()
    if store is None and host.awaiting_sign_in():
        st.caption("Sign in on the Tracker page to see your follow-ups here.")
    current = view.load(store)
    if current is None:
        return
    items = schedule.due_now(schedule.due_items(current, ui.today()))
    if items.empty:
        st.caption(
            "Nothing is due today. Interviews you add on the Tracker page get their thank-you "
            "and check-in reminders here."
        )
        return
    overdue = int((items["status"] == schedule.OVERDUE).sum())
    st.write(f"{ui.count(len(items), 'follow-up')} to do, {overdue} of them overdue.")
    due_table(items, key)


def tab(current: Tracker, today: dt.date) -> None:
    """Every open reminder: what to do now and what is coming up."""
    items = schedule.due_items(current, today)
    if items.empty:
        st.caption("Nothing to follow up on: no open interview is waiting for a reminder.")
    else:
        now = schedule.due_now(items)
        st.write(f"{len(now)} to do now, {len(items) - len(now)} coming up.")
        due_table(items, key="tracker_due_table")
