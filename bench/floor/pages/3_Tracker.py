"""Floor program, Tracker: the same widgets and data as the app's Tracker page, nothing more."""

import datetime as dt
import os
import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

st.set_page_config(page_title="Tracker · Floor", layout="wide")
with st.sidebar:
    st.page_link("app.py", label="Home")
    st.page_link("pages/2_Call_script.py", label="Call script")
    st.page_link("pages/3_Tracker.py", label="Tracker")
st.title("Your interviews and follow-ups")
FOLDER = Path(os.environ["FOLLOWUP_DATA_DIR"])
INTERVIEWS = FOLDER / "interviews.csv"
TODAY = dt.date.fromisoformat(os.environ.get("FOLLOWUP_TODAY") or dt.date.today().isoformat())


def read() -> pd.DataFrame:
    return pd.read_csv(INTERVIEWS, dtype=str) if INTERVIEWS.exists() else pd.DataFrame()


def append(row: dict) -> None:
    table = pd.concat([read(), pd.DataFrame([row])], ignore_index=True)
    handle, temp = tempfile.mkstemp(dir=FOLDER, suffix=".tmp")
    with os.fdopen(handle, "w") as out:
        table.to_csv(out, index=False)
    os.replace(temp, INTERVIEWS)


def add_form() -> None:
    """The add form, drawn only when its expander is open, as in the app."""
    section = st.expander("Add an interview", key="tracker_add_open", on_change="rerun")
    if not section.open:
        return
    with section, st.form("tracker_add_form", clear_on_submit=True, border=False):
        left, right = st.columns(2)
        row = {
            "company": left.text_input("Company *", key="tracker_add_company"),
            "role": right.text_input("Role *", key="tracker_add_role"),
            "interviewer": left.text_input("Interviewer", key="tracker_add_interviewer"),
            "interviewer_title": right.text_input("Their title", key="tracker_add_title"),
            "interviewer_email": left.text_input("Their email", key="tracker_add_email"),
            "interviewer_phone": right.text_input("Their phone", key="tracker_add_phone"),
            "interview_date": left.date_input("Date *", value=TODAY, key="tracker_add_date"),
            "decision_expected": right.date_input(
                "Decision by", value=None, key="tracker_add_decision"
            ),
            "round": left.text_input("Round", value="1", key="tracker_add_round"),
            "status": right.selectbox("Status", ["Awaiting decision"], key="tracker_add_status"),
            "preferred_channel": left.selectbox(
                "Channel", ["Email"], index=None, key="tracker_add_channel"
            ),
            "notes": right.text_area("Notes", key="tracker_add_notes"),
        }
        if st.form_submit_button("Add interview", key="tracker_add_submit"):
            append(row)
            st.toast("Interview added and saved.")


interviews = read()
TABS = ("Interviews", "Follow-ups", "Due", "Overview", "Import", "Download")
tabs = dict(zip(TABS, st.tabs(TABS, key="tracker_tabs", on_change="rerun"), strict=True))
with tabs["Interviews"]:
    if tabs["Interviews"].open:
        add_form()
        st.data_editor(interviews, key="tracker_interviews", hide_index=True)
with tabs["Due"]:
    if tabs["Due"].open:
        st.dataframe(interviews, hide_index=True, key="tracker_due_table")
