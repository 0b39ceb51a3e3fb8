"""Typed text survives the zip download; trackers() also feeds the store contract suite."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from followup import export, tracker
from followup.tracker import Tracker

# Any unicode except surrogates (not encodable) and NUL (a binary-file marker we refuse).
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=30,
)
FORMULA_LIKE = st.sampled_from(["=1+1", "+44 20", "-3", "@SUM(A1)", "\tx", "\rx", "'x", "''"])
CELL = st.one_of(TEXT, FORMULA_LIKE, st.builds(lambda a, b: a + b, FORMULA_LIKE, TEXT))
REQUIRED = CELL.filter(lambda s: s.strip() != "")
DATES = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31))


@st.composite
def trackers(draw) -> Tracker:
    t = Tracker.empty()
    for _ in range(draw(st.integers(1, 3))):
        row = {
            "company": draw(REQUIRED),
            "role": draw(REQUIRED),
            "interview_date": draw(DATES),
            "decision_expected": draw(st.none() | DATES),
            "interviewer": draw(CELL),
            "notes": draw(CELL),
            "round": draw(CELL),
            "custom column": draw(CELL),
        }
        t = tracker.add_interview(t, row)
    first = t.interviews["interview_id"].iloc[0]
    followup = {
        "interview_id": first,
        "date": draw(DATES),
        "channel": "Email",
        "purpose": "Thank-you",
        "outcome": "Done",
        "notes": draw(CELL),
    }
    return tracker.add_followup(t, followup)


@settings(max_examples=12, deadline=None)
@given(trackers())
def test_zip_export_then_import_gives_equal_frames(saved: Tracker):
    """Our zip export reads back identical, formula-like cells included."""
    loaded = export.read_tracker_zip(export.tracker_zip(saved))
    pd.testing.assert_frame_equal(loaded.interviews, saved.interviews)
    pd.testing.assert_frame_equal(loaded.followups, saved.followups)
