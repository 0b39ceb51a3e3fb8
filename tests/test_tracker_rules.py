"""What the tracker accepts, how it says no, and what an editor's changes come out as."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from followup import tracker
from followup.tracker import Tracker, TrackerError

ACME = {"company": "Acme", "role": "Analyst", "interview_date": "2024-09-19"}


def test_a_single_interview_is_refused_without_a_row_number():
    """The add form holds one interview: its message names the field, not a row."""
    with pytest.raises(TrackerError) as raised:
        tracker.add_interview(Tracker.empty(), {**ACME, "company": ""})
    assert str(raised.value) == "The company is required."


def test_a_batch_names_the_row_of_a_bad_value():
    """In an import, the message says which row holds the unknown status."""
    rows = pd.DataFrame([ACME, {**ACME, "status": "Ghosted"}])
    with pytest.raises(TrackerError) as raised:
        tracker.add_interviews(Tracker.empty(), rows)
    assert str(raised.value).startswith("Row 2: the status 'Ghosted' is not one of: ")


def test_dates_are_kept_as_days_whatever_form_they_come_in():
    """A date with a time of day keeps only the day; an ISO string may carry spaces."""
    t = tracker.add_interview(
        Tracker.empty(), {**ACME, "interview_date": dt.datetime(2024, 9, 19, 15, 30)}
    )
    t = tracker.add_interview(t, {**ACME, "interview_date": " 2024-09-20 "})
    assert t.interviews["interview_date"].tolist() == [
        pd.Timestamp("2024-09-19"),
        pd.Timestamp("2024-09-20"),
    ]


def test_a_value_that_is_not_a_date_is_refused_with_the_field():
    """A number where a date belongs is refused, naming the field and the value."""
    with pytest.raises(TrackerError) as raised:
        tracker.add_interview(Tracker.empty(), {**ACME, "interview_date": 5})
    assert str(raised.value) == "The interview date 5 is not a date."


def test_numbers_are_kept_as_their_text():
    """A round typed as a number is stored as its text, like everything read from a file."""
    t = tracker.add_interview(Tracker.empty(), {**ACME, "round": 2})
    assert t.interviews["round"].tolist() == ["2"]


def test_an_edit_can_fill_a_column_the_tracker_did_not_have():
    """Setting a value in a new column adds the column, empty for the other interviews."""
    t = tracker.add_interview(Tracker.empty(), ACME)
    t = tracker.add_interview(t, {**ACME, "company": "Beta"})
    first = t.interviews["interview_id"].iloc[0]
    t = tracker.update_interviews(t, {first: {"referral": "Jo"}})
    assert t.interviews["referral"].iloc[0] == "Jo"
    assert pd.isna(t.interviews["referral"].iloc[1])


def test_editor_changes_come_out_as_plain_python_values():
    """A changed date comes out as a date and a cleared cell as None, ready to apply by id."""
    t = tracker.add_interview(Tracker.empty(), ACME)
    before = t.interviews.set_index("interview_id")
    after = before.copy()
    row_id = before.index[0]
    after.loc[row_id, "interview_date"] = pd.Timestamp("2024-09-22")
    after.loc[row_id, "company"] = None
    changes, deleted = tracker.table_changes(before, after)
    assert changes == {row_id: {"company": None, "interview_date": dt.date(2024, 9, 22)}}
    assert deleted == []
    applied = tracker.update_interviews(t, {row_id: {"interview_date": dt.date(2024, 9, 22)}})
    assert applied.interviews["interview_date"].tolist() == [pd.Timestamp("2024-09-22")]


def test_a_followup_without_a_channel_is_refused_naming_the_field():
    """A follow-up row missing its channel says exactly what is missing."""
    t = tracker.add_interview(Tracker.empty(), ACME)
    row = {
        "interview_id": t.interviews["interview_id"].iloc[0],
        "date": "2024-09-20",
        "channel": " ",
        "purpose": "Thank-you",
        "outcome": "Done",
    }
    with pytest.raises(TrackerError) as raised:
        tracker.add_followup(t, row)
    assert str(raised.value) == "The follow-up's channel is required."


def test_a_date_outside_the_range_names_the_field_and_the_range():
    with pytest.raises(TrackerError) as raised:
        tracker.add_interview(
            Tracker.empty(), {"company": "A", "role": "B", "interview_date": "2200-01-01"}
        )
    assert str(raised.value) == (
        "The interview date 2200-01-01 is outside the dates the tracker takes "
        "(1900-01-01 to 2199-12-31)."
    )
