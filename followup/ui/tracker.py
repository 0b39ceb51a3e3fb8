"""Streamlit glue for the tracker: this session's store, saving, the due list.

`tracker_store()` is the one place that decides where this session's tracker lives.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from followup import schedule, tracker, ui
from followup.store import CsvStore, Store
from followup.tracker import Tracker

FLASH_KEY = "tracker_flash"
DUE_LABELS = {
    "status": st.column_config.TextColumn("Status"),
    "due": st.column_config.DateColumn("Due by", format="YYYY-MM-DD"),
    "company": st.column_config.TextColumn("Company"),
    "role": st.column_config.TextColumn("Role"),
    "todo": st.column_config.TextColumn("What to do", width="large"),
}


SECOND_CALL = (
    "You have already logged a phone call for this interview round. In the survey behind this "
    "app, employers did not want to be called again and again: one well-prepared call is your "
    "chance, and a second one in the same round tends to hurt more than help. An email or a "
    "short note is the safer way to add something now."
)

LOGGED = "Follow-up logged."


def tracker_store() -> Store:
    """The store holding this session's tracker."""
    return CsvStore(ui.data_dir())


def show_error(err: Exception) -> None:
    """Show a domain error's message, exactly as written."""
    st.error(ui.plain(str(err)), icon=":material/error:")


def load(store: Store) -> Tracker | None:
    """The tracker, or None after showing why the saved files cannot be read."""
    try:
        return store.load()
    except ValueError as err:
        show_error(err)
        st.info(
            "Nothing was changed or overwritten. Fix the file named above, or put back an "
            "earlier version from the backups folder beside it, then reload this page.",
            icon=":material/info:",
        )
        return None


def load_quietly(store: Store) -> Tracker | None:
    """The tracker, or None without a word when its files cannot be read (for optional parts)."""
    try:
        return store.load()
    except ValueError:
        return None


def save(store: Store, change: Callable[[Tracker], Tracker], done: str) -> None:
    """Apply `change` through the store; on success remember `done` and rerun, else show why."""
    try:
        store.update(change)
    except ValueError as err:
        show_error(err)
        return
    st.session_state[FLASH_KEY] = done
    st.rerun()


def log_followup(
    store: Store, current: Tracker, row: dict[str, object], prefix: str, done: str = LOGGED
) -> None:
    """Save a follow-up, unless it would be a second call this round: then keep it to confirm."""
    interview_id, channel, outcome = (str(row[k]) for k in ("interview_id", "channel", "outcome"))
    if tracker.would_be_second_call(current, interview_id, channel, outcome):
        st.session_state[f"{prefix}_pending_followup"] = row
    else:
        save(store, lambda t: tracker.add_followup(t, row), done)


def confirm_second_call(store: Store, prefix: str, done: str = LOGGED) -> None:
    """When a second call waits (see `log_followup`), explain why and ask before saving it."""
    key = f"{prefix}_pending_followup"
    pending = st.session_state.get(key)
    if pending is None:
        return
    with st.container(border=True):
        st.warning(SECOND_CALL, icon=":material/warning:")
        yes, no = st.columns(2)
        if yes.button("Log it anyway", key=f"{prefix}_second_call_yes"):
            del st.session_state[key]
            save(store, lambda t: tracker.add_followup(t, pending), done)
        if no.button("Don't log it", key=f"{prefix}_second_call_no"):
            del st.session_state[key]
            st.rerun()


def forget_pending_followup(prefix: str) -> None:
    """Drop a follow-up waiting for confirmation (say, once another interview is chosen)."""
    st.session_state.pop(f"{prefix}_pending_followup", None)


def show_flash() -> None:
    """Show (once) the confirmation of the last save."""
    message = st.session_state.pop(FLASH_KEY, None)
    if message:
        st.success(message, icon=":material/check_circle:")


def due_table(items: pd.DataFrame, key: str) -> None:
    """Draw reminders (from `schedule.due_items`) as a read-only table."""
    st.dataframe(
        items[list(DUE_LABELS)],
        column_config=DUE_LABELS,
        hide_index=True,
        key=key,
    )


def due_now_section(key: str) -> None:
    """The follow-ups overdue or due today, or a friendly line when there are none."""
    tracker = load(tracker_store())
    if tracker is None:
        return
    items = schedule.due_now(schedule.due_items(tracker, ui.today()))
    if items.empty:
        st.caption(
            "Nothing is due today. Interviews you add on the Tracker page get their thank-you "
            "and check-in reminders here."
        )
        return
    overdue = int((items["status"] == schedule.OVERDUE).sum())
    st.write(f"{len(items)} follow-up(s) to do, {overdue} of them overdue.")
    due_table(items, key)
