"""What the tracker accepts, how it says no, and what an editor's changes come out as."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from followup import tracker, vocab
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


ROW_CELLS = {"interview_id": "i2", "company": "Co2", "role": "Dev", "interview_date": "2024-09-12"}
ROW_LINE = ",".join((dict.fromkeys(vocab.INTERVIEW_COLUMNS, "") | ROW_CELLS).values())


def _row_like(first_line: str = "Agenda") -> str:
    """Text whose last line reads as a whole row of the interviews file (the one before has a
    row's commas but no date: no row)."""
    items = ",".join(f"item {n}" for n in range(len(vocab.INTERVIEW_COLUMNS)))
    return f"{first_line}\n{items}\n{ROW_LINE}"


def _row_like_message(label: str, where: str = "") -> str:
    return (
        f"{where}The {label} holds a line that reads as a row of the tracker's file "
        f"({ROW_LINE!r}); saved, it could not be told from a damaged file. Change or remove "
        "that line."
    )


def test_a_row_like_line_is_refused_with_the_whole_message_for_one_interview():
    """One interview added: the message, without a row number, quotes the line."""
    with pytest.raises(TrackerError) as refused:
        tracker.add_interview(Tracker.empty(), ACME | {"notes": _row_like()})
    assert str(refused.value) == _row_like_message("notes")


def test_a_batch_names_the_row_of_the_batch_that_holds_a_row_like_line():
    """Rows added to a tracker that has some: the number counts in the batch, as an import does."""
    t = tracker.add_interview(Tracker.empty(), ACME)
    t = tracker.add_interview(t, ACME | {"company": "Beta"})
    batch = pd.DataFrame([ACME | {"company": "Gamma"}, ACME | {"notes": _row_like()}])
    with pytest.raises(TrackerError) as refused:
        tracker.add_interviews(t, batch)
    assert str(refused.value) == _row_like_message("notes", "Row 2: ")


def test_a_table_check_names_a_row_like_line_by_its_label():
    """A hand-built table with such a line in its job link: the row and the field's label."""
    t = tracker.add_interview(Tracker.empty(), ACME)
    interviews = t.interviews.assign(job_url=_row_like("https://acme.example/job"))
    with pytest.raises(TrackerError) as refused:
        tracker.check_interviews(interviews)
    assert str(refused.value) == _row_like_message("job link", "Row 1: ")


def test_a_line_with_many_commas_but_no_date_is_no_row():
    """A note listing sixteen items on one line has a row's commas but no date: it is kept."""
    notes = "Agenda\n" + ",".join(f"item {n}" for n in range(16))
    t = tracker.add_interview(Tracker.empty(), ACME | {"notes": notes})
    assert t.interviews["notes"].tolist() == [notes]


def test_a_row_without_either_date_is_told_to_give_one():
    """The whole message, as a form shows it."""
    offer = {"company": "Acme", "role": "Analyst", "status": "Offer"}  # needs one of the two
    with pytest.raises(TrackerError) as refused:
        tracker.add_interview(Tracker.empty(), offer)
    assert str(refused.value) == "Give the application date or the interview date."


OUTSIDE = "is outside the dates the tracker takes (1900-01-01 to 2199-12-31)."


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0000-01-01", f"The interview date 0000-01-01 {OUTSIDE}"),
        ("1899-12-31", f"The interview date 1899-12-31 {OUTSIDE}"),
        ("2200-01-01", f"The interview date 2200-01-01 {OUTSIDE}"),
        (np.datetime64("3000-01-01"), f"The interview date 3000-01-01 {OUTSIDE}"),
        (np.datetime64(2**62, "D"), f"The interview date 12626367463885247-04-15 {OUTSIDE}"),
        (dt.date(9999, 12, 31), f"The interview date 9999-12-31 {OUTSIDE}"),
        ("19/09/2024", "The interview date '19/09/2024' is not a date written as YYYY-MM-DD."),
        (20240919, "The interview date 20240919 is not a date."),
    ],
)
def test_a_date_the_tracker_cannot_take_is_refused_naming_it(value, message):
    """Outside 1900-2199 (year 0, a spreadsheet's 9999, past what pandas holds) or no date."""
    with pytest.raises(TrackerError) as refused:
        tracker.add_interview(Tracker.empty(), ACME | {"interview_date": value})
    assert str(refused.value) == message


def test_the_first_and_last_days_of_the_range_are_taken():
    """1900-01-01 and 2199-12-31 themselves are dates the tracker takes; a bare call says "date"."""
    assert tracker.to_date(" 1900-01-01 ") == pd.Timestamp(tracker.MIN_DATE)
    assert tracker.to_date(tracker.MAX_DATE) == pd.Timestamp(tracker.MAX_DATE)
    with pytest.raises(TrackerError, match=r"^The date 1850-01-01 is outside"):
        tracker.to_date("1850-01-01")


def test_empty_text_in_a_table_becomes_a_missing_cell_and_nothing_else_changes():
    """A table built by hand with "" in a cell: that cell is missing, its neighbours kept."""
    rows = pd.DataFrame([ACME | {"notes": ""}, ACME | {"company": "Beta", "notes": "kept"}])
    rows.insert(0, "interview_id", ["a", "b"])
    t = Tracker.from_frames(rows, Tracker.empty().followups)
    assert t.interviews["notes"].isna().tolist() == [True, False]
    assert t.interviews["notes"].iloc[1] == "kept"


def test_an_edit_with_a_row_like_line_is_refused_as_the_form_shows_it():
    """One row edited in a tracker of two: the message names the field, without a row number."""
    t = tracker.add_interview(Tracker.empty(), ACME)
    t = tracker.add_interview(t, ACME | {"company": "Beta"})
    second = t.interviews["interview_id"].iloc[1]
    with pytest.raises(TrackerError) as refused:
        tracker.update_interviews(t, {second: {"notes": _row_like()}})
    assert str(refused.value) == _row_like_message("notes")
