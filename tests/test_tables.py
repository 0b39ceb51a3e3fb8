"""Plain tables and counted words: what a screen reader and a phone get instead of the grid."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from followup import tracker, ui
from followup.store import CsvStore
from followup.ui import tables
from tests.apptest import as_seen, open_expander, open_page, open_tab


def test_plain_frame_shows_dates_one_way_and_missing_cells_empty():
    """Dates read YYYY-MM-DD, a missing value is an empty cell (never "None" or "NaT")."""
    frame = pd.DataFrame(
        {
            "due": pd.to_datetime(["2026-03-16", None]),
            "company": ["Northwind", None],
            "share_pct": [87.0, 10.5],
            "late": [True, False],
        }
    )
    labels = {"due": "Due by", "company": "Company", "share_pct": "Share (%)", "late": "Late"}
    shown = tables.plain_frame(frame, labels)
    assert list(shown.columns) == ["Due by", "Company", "Share (%)", "Late"]
    assert shown.to_dict("records") == [
        {"Due by": "2026-03-16", "Company": "Northwind", "Share (%)": "87", "Late": "yes"},
        {"Due by": "", "Company": "", "Share (%)": "10.5", "Late": "no"},
    ]


def test_counts_say_one_or_many():
    assert ui.count(1, "follow-up") == "1 follow-up"
    assert ui.count(8, "follow-up") == "8 follow-ups"
    assert ui.count(0, "interview") == "0 interviews"


def test_plain_tables_switch_turns_the_due_list_into_a_plain_table(data_dir):
    """With "Plain tables" on, the Due tab's list is an HTML table under human column names."""
    at = open_page("pages/3_Tracker.py")
    at.button(key="tracker_sample_load").click().run()
    at.toggle(key="sidebar_plain_tables").set_value(True).run()
    at = open_tab(at, "Due")
    assert not at.exception
    assert len(at.table) == 1
    assert list(at.table[0].value.columns)[:2] == ["What to do", "Due by"]
    assert not at.dataframe


def add_acme_with_a_followup(data_dir) -> None:
    store = CsvStore(data_dir)
    row = {"company": "Acme", "role": "Analyst", "interview_date": dt.date(2024, 9, 20)}
    row |= {"interviewer": "Ann Lee", "interviewer_email": "ann@acme.example"}
    store.update(lambda t: tracker.add_interview(t, row))
    acme = store.load().interviews["interview_id"].iloc[0]
    followup = {"interview_id": acme, "date": dt.date(2024, 9, 21), "channel": "Email"}
    followup |= {"purpose": "Thank-you", "outcome": "Done", "notes": None}
    store.update(lambda t: tracker.add_followup(t, followup))


def test_plain_tables_switch_turns_the_follow_ups_and_contact_into_plain_tables(data_dir):
    """With "Plain tables" on, the Follow-ups tab's contact and follow-ups are HTML tables."""
    add_acme_with_a_followup(data_dir)
    at = open_page("pages/3_Tracker.py")
    at.toggle(key="sidebar_plain_tables").set_value(True).run()
    at = open_tab(at, "Follow-ups")
    assert not at.exception
    assert not at.dataframe and not at.data_editor
    contact, followups = (t.value for t in at.table)
    assert contact.to_dict("records") == [
        {"Interviewer": "Ann Lee", "Email": "ann@acme.example", "Phone": ""}
    ]
    assert followups.to_dict("records") == [
        {
            "Date": "2024-09-21",
            "Channel": "Email",
            "Purpose": "Thank-you",
            "Outcome": "Done",
            "Notes": "",
        }
    ]


def test_the_follow_ups_list_view_shows_each_as_a_card(data_dir):
    """List shows each follow-up's date, channel and purpose first; an empty note no line."""
    add_acme_with_a_followup(data_dir)
    at = open_tab(open_page("pages/3_Tracker.py"), "Follow-ups")
    at.radio(key="tracker_followups_view").set_value("List").run()
    assert not at.exception
    assert not [e for e in at.data_editor if e.key.startswith("tracker_followups_")]
    headings = [as_seen(m.value) for m in at.markdown if m.value.startswith("**")]
    assert headings == ["**Log a follow-up**", "**2024-09-21 · Email · Thank-you**"]
    assert at.text[0].value == "Outcome: Done"


def test_every_date_input_shows_dates_as_the_tables_do(data_dir):
    """The add forms, the log form and the Call script write dates YYYY-MM-DD, like the tables."""
    at = open_page("pages/3_Tracker.py")
    at.button(key="tracker_sample_load").click().run()
    open_expander(at, "tracker_add_open")
    inputs = list(open_expander(at, "tracker_apply_open").date_input)
    inputs += open_tab(at, "Follow-ups").date_input
    inputs += at.switch_page("pages/2_Call_script.py").run().date_input
    assert len(inputs) >= 5
    assert {date_input.proto.format for date_input in inputs} == {"YYYY-MM-DD"}
