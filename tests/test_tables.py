"""Plain tables and counted words: what a screen reader and a phone get instead of the grid."""

from __future__ import annotations

import pandas as pd

from followup import ui
from followup.ui import tables
from tests.apptest import open_page, open_tab


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
