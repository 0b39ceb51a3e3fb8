"""The Tracker's Interviews tab: the sample rows, the add form and the interviews editor."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from followup import stale, tracker, vocab
from followup.paths import SHIPPED_DATA_DIR
from followup.store import Store, read_folder
from followup.tracker import Tracker
from followup.ui import tables
from followup.ui import tracker as view

# Column labels and editors of the interviews table (the model's columns, plus computed ones).
COLUMNS = {
    "company": st.column_config.TextColumn("Company", required=True),
    "role": st.column_config.TextColumn("Role", required=True),
    "interviewer": st.column_config.TextColumn("Interviewer"),
    "interviewer_title": st.column_config.TextColumn("Their title"),
    "interviewer_email": st.column_config.TextColumn("Email", validate=r"^$|^[^@\s]+@[^@\s]+$"),
    "interviewer_phone": st.column_config.TextColumn("Phone"),
    "interview_date": st.column_config.DateColumn(
        "Interview", format="YYYY-MM-DD", help="Needed once an interview is set."
    ),
    "round": st.column_config.TextColumn("Round", help="First, second, final... as you like."),
    "decision_expected": st.column_config.DateColumn("Decision by", format="YYYY-MM-DD"),
    "status": st.column_config.SelectboxColumn(
        "Status",
        options=vocab.STATUSES,
        required=True,
        help=(
            "Applied: no interview yet (to move on, set the interview date, then the status). "
            "Offer: put the date your answer is due in Decision by."
        ),
    ),
    "preferred_channel": st.column_config.SelectboxColumn(
        "Preferred channel", options=vocab.CHANNELS
    ),
    "notes": st.column_config.TextColumn("Notes", width="large"),
    "application_date": st.column_config.DateColumn("Applied on", format="YYYY-MM-DD"),
    # Only http(s) addresses are shown as links; the tracker refuses any other scheme.
    "job_url": st.column_config.LinkColumn(
        "Job link", validate=r"^https?://[^\s/]+", help="The job posting (http or https)."
    ),
    "location": st.column_config.TextColumn("Location"),
    "salary": st.column_config.TextColumn("Salary", help="As you like: a range, a currency..."),
    tracker.CALLS: st.column_config.NumberColumn(
        "Calls", disabled=True, help="Phone calls logged for this interview round."
    ),
    tracker.TOO_MANY_CALLS: st.column_config.CheckboxColumn(
        "More than one call", disabled=True, help="One call per round is plenty."
    ),
    vocab.CHECKLIST_COLUMN: st.column_config.TextColumn(
        "Call checklist", disabled=True, help="Ticked on the Call script page."
    ),
    # The call-script form's draft (JSON) is the Call script page's, not something to edit here.
    vocab.DRAFT_COLUMN: None,
}

# The columns a user edits (not the computed or read-only ones), with their labels for messages.
EDITABLE = {
    column: config["label"]
    for column, config in COLUMNS.items()
    if column in vocab.INTERVIEW_COLUMNS and not config.get("disabled")
}


# Shown first: on a phone only the first few columns fit on the screen.
KEY_COLUMNS = (
    "company",
    "role",
    "status",
    "interview_date",
    "application_date",
    "decision_expected",
)


def column_order(shown: pd.DataFrame) -> list[str]:
    """The key columns first, then every other column (unknown ones too) in the file's order."""
    first = [c for c in KEY_COLUMNS if c in shown.columns]
    return [*first, *(c for c in shown.columns if c not in first)]


def _label(column: str) -> str:
    config = COLUMNS.get(column)
    return config["label"] if config and config.get("label") else column


@st.cache_data
def sample_tracker() -> Tracker:
    """The shipped sample tracker (data/sample_tracker/)."""
    return read_folder(SHIPPED_DATA_DIR / "sample_tracker")


def sample_controls(store: Store, current: Tracker, today: dt.date) -> None:
    """Offer the sample interviews on an empty tracker, and their removal once loaded."""
    if current.interviews.empty:
        st.info("First visit? Load a few sample interviews to see how the tracker works.")
        if st.button("Load sample tracker", key="tracker_sample_load", icon=":material/science:"):
            view.save(
                store,
                lambda t: tracker.add_sample(t, sample_tracker(), today),
                "Sample interviews added; their companies end in (sample).",
            )
    elif tracker.has_sample(current):
        st.caption("The interviews whose company ends in (sample) are examples.")
        if st.button("Remove sample rows", key="tracker_sample_remove", icon=":material/delete:"):
            view.save(
                store, tracker.remove_sample, "Sample rows removed; your own rows are unchanged."
            )


def application_form(store: Store, today: dt.date) -> None:
    """A short form for an application sent before any interview (status Applied)."""
    with (
        st.expander("Add an application"),
        st.form("tracker_apply_form", clear_on_submit=True, border=False),
    ):
        # A row of columns per pair: Tab and a phone's stacking both go Company -> Role -> ...
        row: dict[str, object] = {"status": vocab.APPLIED}
        left, right = st.columns(2)
        row["company"] = left.text_input("Company *", key="tracker_apply_company")
        row["role"] = right.text_input("Role *", key="tracker_apply_role")
        left, right = st.columns(2)
        row["application_date"] = left.date_input(
            "Applied on *", value=today, key="tracker_apply_date"
        )
        row["job_url"] = right.text_input(
            "Job link", placeholder="https://", key="tracker_apply_link"
        )
        left, right = st.columns(2)
        row["location"] = left.text_input("Location", key="tracker_apply_location")
        row["salary"] = right.text_input("Salary", key="tracker_apply_salary")
        row["notes"] = st.text_area("Notes", key="tracker_apply_notes")
        st.caption("One check-in is suggested one to two weeks after you apply.")
        if st.form_submit_button("Add application", key="tracker_apply_submit", type="primary"):
            view.save(
                store, lambda t: tracker.add_interview(t, row), "Application added and saved."
            )


def tab(store: Store, current: Tracker, today: dt.date) -> None:
    """The add forms and the editable table of interviews."""
    application_form(store, today)
    with (
        st.expander("Add an interview", expanded=current.interviews.empty),
        st.form("tracker_add_form", clear_on_submit=True, border=False),
    ):
        # One row of columns per pair, so Tab goes Company -> Role -> Interviewer (not down the
        # left column first) and a phone stacks the fields in that same order.
        row = {}
        left, right = st.columns(2)
        row["company"] = left.text_input("Company *", key="tracker_add_company")
        row["role"] = right.text_input("Role *", key="tracker_add_role")
        left, right = st.columns(2)
        row["interviewer"] = left.text_input("Interviewer", key="tracker_add_interviewer")
        row["interviewer_title"] = right.text_input("Their title", key="tracker_add_title")
        left, right = st.columns(2)
        row["interviewer_email"] = left.text_input("Their email", key="tracker_add_email")
        row["interviewer_phone"] = right.text_input("Their phone", key="tracker_add_phone")
        left, right = st.columns(2)
        row["interview_date"] = left.date_input(
            "Interview date *", value=today, key="tracker_add_date"
        )
        row["decision_expected"] = right.date_input(
            "Decision expected by", value=None, key="tracker_add_decision"
        )
        left, right = st.columns(2)
        row["round"] = left.text_input("Round", value="1", key="tracker_add_round")
        row["status"] = right.selectbox(
            "Status",
            vocab.STATUSES,
            index=vocab.STATUSES.index(vocab.DEFAULT_STATUS),
            key="tracker_add_status",
        )
        row["preferred_channel"] = st.selectbox(
            "How they prefer to hear from you",
            vocab.CHANNELS,
            index=None,
            key="tracker_add_channel",
        )
        row["notes"] = st.text_area("Notes", key="tracker_add_notes")
        if st.form_submit_button("Add interview", key="tracker_add_submit", type="primary"):
            view.save(store, lambda t: tracker.add_interview(t, row), "Interview added and saved.")

    if current.interviews.empty:
        st.caption("Your interviews will be listed here.")
    else:
        st.caption("Edit a cell to change it; every change is saved at once.")
        shown = tracker.interviews_with_calls(current)
        editor_key = f"tracker_interviews_{tracker.revision(current)}"
        if tables.plain_tables():
            tables.show(
                shown,
                {c: _label(c) for c in column_order(shown)},
                alt="Your interviews",
            )
            st.caption("Switch off Plain tables in the sidebar to edit cells.")
            return
        # Columns a user added in a spreadsheet are edited too, under their own names.
        extra = [c for c in current.interviews.columns if c not in (*COLUMNS, "interview_id")]
        labels = {**EDITABLE, **{column: column for column in extra}}
        view.save_editor_edits(
            store, editor_key, shown, stale.INTERVIEW, tracker.interview_label, labels
        )
        st.data_editor(
            shown,
            key=editor_key,
            column_config=COLUMNS,
            column_order=column_order(shown),
            hide_index=True,
            num_rows="fixed",
            placeholder="",
        )
